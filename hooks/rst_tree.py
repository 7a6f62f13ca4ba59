"""What a parsed description's doctree holds, with the line of each thing
in the description: the URLs docutils built, the relative links, the names
it defines."""

from __future__ import annotations

from typing import Any

from .model import normalize_name
from .urls import deceptive_text, relative_path, url_problem

Message = tuple[int | None, str]  # (line within the description, message)
Name = tuple[str, int | None]  # (normalized name, line)
Url = tuple[str, int | None]  # (a relative URL, line)


def links_of(elements: list[Any]) -> list[Any]:
    """The references and targets among a doctree's ``elements``."""
    from docutils import nodes

    return [n for n in elements if isinstance(n, (nodes.reference, nodes.target))]


def unsafe_urls(links: list[Any], lines: list[str]) -> list[Message]:
    """Every URL docutils built (references, targets, from any construct:
    embedded, named, anonymous, standalone, substituted) under the one rule,
    and no reference whose text reads as an address on another host.
    ``links``: every reference and target of the doctree (:func:`links_of`).
    """
    from docutils import nodes

    found = []
    for node in links:
        if "refuri" not in node:
            continue
        why = url_problem(node["refuri"])
        if why is not None:
            needle = normalize_name(node["refuri"][:24]) or None
            found.append((markup_line(lines, line_of(node), needle), why))
        elif isinstance(node, nodes.reference):
            why = deceptive_text(node.astext(), node["refuri"])
            if why is not None:  # at the line of the text that misleads
                needle = normalize_name(node.astext()[:24])
                found.append((line_from(lines, line_of(node), needle), why))
    return found


def relative_links(links: list[Any], lines: list[str]) -> list[Url]:
    """The relative URLs the description links, each once (a named link
    and its target share one), at its first line."""
    found: dict[str, int | None] = {}
    for node in links:
        url = node.get("refuri")
        if url and url_problem(url) is None and relative_path(url) is not None:
            line = line_from(lines, line_of(node), normalize_name(url[:24]))
            if url not in found or (line or 0) < (found[url] or 0):
                found[url] = line
    return list(found.items())


def line_from(lines: list[str], line: int | None, needle: str) -> int | None:
    """The first line from ``line`` on (a paragraph's first) that holds
    ``needle``; else where :func:`markup_line` looks."""
    for number in range(line or 1, len(lines) + 1):
        if needle and needle in normalize_name(lines[number - 1]):
            return number
    return markup_line(lines, line, needle or None)


def defined_names(elements: list[Any]) -> list[Name]:
    """The names a doctree defines (``elements``: all of its elements, the
    document first): targets, footnote and citation labels, substitutions
    (in a namespace of their own, marked with ``|``)."""
    from docutils import nodes

    found = []
    substitutions = []
    # Every element, not only targets: docutils moves the name of an
    # internal target (".. _name:") to the element that follows it.
    for node in elements[1:]:
        if isinstance(node, nodes.substitution_definition):
            substitutions.append(node)
        else:
            found += [(normalize_name(name), line_of(node)) for name in node["names"]]
    for node in substitutions:
        found += [
            (f"|{normalize_name(name)}|", line_of(node)) for name in node["names"]
        ]
    return found


def line_of(node: Any) -> int | None:
    """The line of ``node``, or of its nearest ancestor that has one."""
    while node is not None:
        if node.line:
            return int(node.line)
        node = node.parent
    return None


def markup_line(lines: list[str], line: int | None, needle: str | None) -> int | None:
    """Correct docutils' line for inline markup.

    docutils reports inline problems at (or just after) the end of their
    paragraph, or not at all; look back from there for the markup.
    """
    start = min(line or len(lines), len(lines))
    if needle:
        for number in range(start, 0, -1):
            if needle in normalize_name(lines[number - 1]):
                return number
    if line is None:
        return None
    while start > 1 and not lines[start - 1].strip():
        start -= 1
    return start


def title_line(section: Any) -> int | None:
    # docutils puts a section title at its underline, one line below the text.
    line = section[0].line if section.children else None
    return max(line - 1, 1) if line else None
