"""Reading one section of a hand-written page: its labels, its
description and its trailing links, where each starts and ends. Pure."""

from __future__ import annotations

import re
from typing import Any

from .model import Link
from .table_reader import unreadable

_LABEL = re.compile(r"\.\. _([^:`]+):|\.\. _`([^`]+)`:")
# The label render gives a section: priority-<release>-<slug>.
GENERATED = re.compile(r"priority-[a-z0-9.]+-[a-z0-9]+(?:-[a-z0-9]+)*")
# What the schema allows in ``labels`` (priority.schema.json, "label").
LABEL = re.compile(r"(?!priority-)[A-Za-z0-9]+(?:[ ._-][A-Za-z0-9]+)*", re.IGNORECASE)


_SPHINX_ONLY = re.compile(r'Unknown (?:interpreted text role|directive type) "([^"]*)"')


def sphinx_markup(tree: Any) -> list[tuple[int, str]]:
    """Lines and names of the roles and directives plain docutils does not
    know (Sphinx's ``:ref:``, ``.. toctree::``...): fine in the author's
    prose, which stays as written, but not in a description."""
    from docutils import nodes

    found = []
    for message in list(tree.findall(nodes.system_message)):
        unknown = _SPHINX_ONLY.match(message[0].astext()) if message["level"] else None
        if unknown and message.get("line"):
            found.append((message["line"], unknown.group(1)))
            message.parent.remove(message)
    return found


def refuse_sphinx_markup(
    found: list[tuple[int, str]], sections: list[Any], lines: list[str]
) -> None:
    for section in sections:
        first, end = section_span(section, lines), section_end(section, lines)
        for line, name in found:
            if first < line <= end:
                raise unreadable(
                    line,
                    f"the section '{title_of(section)}' uses '{name}', which plain "
                    "docutils does not know: a description is shown on pages of "
                    "other projects too; write a link instead",
                )


def title_of(section: Any) -> str:
    return " ".join(section[0].astext().split())


def section_span(section: Any, lines: list[str]) -> int:
    """0-based index of a section's first line: its labels, else its title.

    Labels (``.. _name:``) standing right before the title belong to the
    section, not to the end of the one before.
    """
    underline: int = section[0].line - 1  # docutils gives the underline's line
    start = underline - 1
    adornment = lines[underline].strip()
    if start > 0 and lines[start - 1].strip() == adornment:
        start -= 1  # overline
    above = start - 1
    while above >= 0 and (
        not lines[above].strip() or _LABEL.fullmatch(lines[above].strip())
    ):
        if lines[above].strip():
            start = above
        above -= 1
    return start


def section_labels(section: Any, lines: list[str]) -> list[str]:
    """The names of the labels standing right before a section's title,
    kept as data so that every ``:ref:`` to them still works."""
    first, title = section_span(section, lines), section[0].line - 2
    labels = []
    for index in range(first, title):
        found = _LABEL.fullmatch(lines[index].strip())
        if found is None:
            continue
        name = " ".join((found.group(1) or found.group(2)).split())
        if not LABEL.fullmatch(name) and not GENERATED.fullmatch(name):
            raise unreadable(
                index + 1,
                f"the label '{name}' cannot be kept as data (a label is letters, "
                "digits, and single '-', '_', '.' or spaces between them, not "
                "starting with 'priority-'); rename it and its :ref: links first",
            )
        labels.append(name)
    return labels


def section_body(section: Any, lines: list[str]) -> tuple[str, tuple[Link, ...]]:
    """The description (source text) and the trailing link blocks."""
    from docutils import nodes

    body = [
        child
        for child in section.children[1:]
        if not isinstance(child, nodes.system_message)
        # a label for the next section is not part of this one
        and not (isinstance(child, nodes.target) and "refuri" not in child)
    ]
    links: list[Link] = []
    cut = None
    for child in reversed(body):
        found = link_block(child)
        if found is None or first_line(child) is None:
            break
        links[:0] = found
        cut = first_line(child)
    start = section[0].line  # the line after the underline (0-based index)
    end = (cut - 1) if cut else section_end(section, lines)
    description = "".join(lines[start:end]).strip("\n")
    description = "\n".join(line.rstrip() for line in description.splitlines())
    return (description + "\n" if description else ""), tuple(links)


def section_end(section: Any, lines: list[str]) -> int:
    following = section.next_node(
        lambda node: node is not section and node.tagname == "section",
        descend=False,
        siblings=True,
        ascend=True,
    )
    return section_span(following, lines) if following is not None else len(lines)


def first_line(node: Any) -> int | None:
    from docutils import nodes

    if node.line:
        return int(node.line)
    paragraph = next(iter(node.findall(nodes.paragraph)), None)
    return int(paragraph.line) if paragraph is not None and paragraph.line else None


def link_block(node: Any) -> list[Link] | None:
    """The links of a paragraph or list made only of links, else None."""
    from docutils import nodes

    if isinstance(node, nodes.paragraph):
        link = only_link(node)
        return [link] if link else None
    if isinstance(node, nodes.bullet_list):
        found = []
        for item in node.children:
            paragraph = item.children[0] if len(item.children) == 1 else None
            if not isinstance(paragraph, nodes.paragraph):
                return None
            link = only_link(paragraph)
            if link is None:
                return None
            found.append(link)
        return found
    return None


def only_link(paragraph: Any) -> Link | None:
    from docutils import nodes

    parts = [c for c in paragraph.children if not isinstance(c, nodes.target)]
    if len(parts) != 1 or not isinstance(parts[0], nodes.reference):
        return None
    ref = parts[0]
    if "refuri" not in ref:
        return None
    return Link(" ".join(ref.astext().split()), ref["refuri"])
