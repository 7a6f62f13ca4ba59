"""Checking the reStructuredText of descriptions with docutils.

A description becomes part of a page published on the web, and anyone can
propose one, so besides plain validity it may not pull in outside content or
raw markup, nor change the rest of the page. docutils is imported only when
a description is checked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .loader import Document, Position
from .model import normalize_name
from .problems import Problem
from .rst_simple import ENUMERATOR, OTHER_LINE_BREAKS, is_simple
from .rst_tree import (
    Message,
    Name,
    Url,
    defined_names,
    line_of,
    links_of,
    markup_line,
    relative_links,
    title_line,
    unsafe_urls,
)

_DOCUTILS_MESSAGES = (
    (
        re.compile(r'"(raw|include)" directive disabled', re.IGNORECASE),
        "the {0} directive is not allowed in a description: it pulls in "
        "outside content or raw markup",
    ),
    (
        re.compile(r"raw \(and derived\) roles disabled"),
        "the raw role is not allowed in a description: it injects raw markup",
    ),
    (
        re.compile(r'File and URL access deactivated; ignoring "([\w-]+)"', re.I),
        "the {0} directive may not read :file: or :url: in a description; "
        "write the table's content inline",
    ),
)
# HTML that somebody may hope a page would run or embed.
_HTML_TAG = re.compile(r"<\s*(?:script|iframe|object|embed|style)\b[^>]*>?", re.I)
_UNKNOWN_TARGET = re.compile(r'Unknown target name: "(.*)"\.')
# A line that render would read as a region marker of the page.
_MARKER = re.compile(r"^\s*\.\.\s+nova-priorities:", re.MULTILINE)

# A reference to a name the description does not define: fine when it is
# the title of another priority of the release, which only the release
# check knows. (normalized name, the problem to report otherwise)
Reference = tuple[str, Problem]
# A name a description defines (a target, a citation, a substitution): on
# the page it shares one namespace with the titles, the owners' names and
# the other descriptions' names, which only the release check knows.
# (normalized name, the problem to report if it clashes)
Definition = tuple[str, Problem]
# Names that belong to the page: the generated labels and the page labels.
_RESERVED = re.compile(r"priority-.*|priorities-.*|.*-priorities")

# A relative link (its URL, and a problem placed at it, to complete when the
# repository shows the link names nothing; see .published).
Linked = tuple[str, Problem]
Findings = tuple[list[Problem], list[Reference], list[Definition], list[Linked]]


def check_description(document: Document) -> Findings:
    """Problems of the ``description`` of ``document``, its references to
    names it does not define, and the names it defines."""
    text = document.data.get("description")
    if not isinstance(text, str) or not text.strip():
        return [], [], [], []
    problems = _html_tags(document, text)
    references: list[Reference] = []
    messages, names, urls = _findings(text)
    linked = [
        (url, description_problem(document, line, f"the link {url!r}"))
        for url, line in urls
    ]
    definitions = []
    for name, line in names:
        if _RESERVED.fullmatch(name):
            message = (
                f"the name '{name}' is reserved for the page's own labels; "
                "choose another, or link with an anonymous reference (`text <url>`__)"
            )
            problems.append(description_problem(document, line, message))
        else:
            clash = f"defines the name '{name}'"
            definitions.append((name, description_problem(document, line, clash)))
    for line, message in messages:
        unknown = _UNKNOWN_TARGET.match(message)
        if unknown is None:
            problems.append(description_problem(document, line, message))
            continue
        hint = (
            " Link a URL with `text <https://...>`__, or refer to another"
            " priority of this release by its exact title."
        )
        problem = description_problem(document, line, f"{message}{hint}")
        references.append((normalize_name(unknown.group(1)), problem))
    return problems, references, definitions, linked


def unresolved(references: Sequence[Reference], titles: Sequence[str]) -> list[Problem]:
    """The references that name no title of the release."""
    known = {normalize_name(title) for title in titles}
    return [problem for name, problem in references if name not in known]


def description_problem(document: Document, line: int | None, message: str) -> Problem:
    """A description problem at line ``line`` of the description."""
    position = _yaml_position(document, line)
    return Problem(
        document.path,
        position.line,
        position.column,
        f"description: {message}",
        rule="rst",
    )


def needs_docutils(text: str) -> bool:
    """Whether ``text`` could be anything but plain, valid paragraphs.

    Text without markup characters, indentation, or lines starting with
    anything but a letter (lists, blocks, adornments) is valid RST; it is
    not worth the docutils parse, which dominates a large run. (Nor is the
    usual markup, :mod:`.rst_simple`, which takes longer to recognize.)
    """
    return (
        _MAYBE_MARKUP.search(text) is not None
        or _OTHER_LINE_BREAK.search(text) is not None
    )


# docutils breaks lines wherever str.splitlines() does; the pattern above
# (re.MULTILINE) knows only \n, so any other line break needs docutils.
_OTHER_LINE_BREAK = re.compile(f"[{OTHER_LINE_BREAKS}]")


_MAYBE_MARKUP = re.compile(
    r"[`*_|\\\[\]<>\t]"  # inline markup, references, escapes, tabs
    r"|::|\.\."  # literal blocks, explicit markup
    r"|^[ ](?=.*\S)"  # indentation: quotes, definitions, continued blocks
    r"|^(?![^\W\d_])\S"  # a line not starting with a letter: lists, adornments
    rf"|^{ENUMERATOR}"  # "a. ", "viii) ": enumerated lists
    r"|:\S|@",  # standalone links: "javascript:x", "www.x", "a@b" (mailto)
    re.MULTILINE,
)


def _html_tags(document: Document, text: str) -> list[Problem]:
    """Script and embedding tags: harmless as RST text, but never meant well."""
    return [
        description_problem(
            document,
            text.count("\n", 0, tag.start()) + 1,
            f"{tag.group().strip()!r} looks like an HTML tag; RST shows it as "
            "text, and raw HTML is not allowed: remove it",
        )
        for tag in _HTML_TAG.finditer(text)
    ]


def rst_messages(text: str) -> list[tuple[int | None, str]]:
    """Warnings and errors docutils and our restrictions find in ``text``.

    Each is ``(line within text or None, message)``.
    """
    return _findings(text)[0]


def _findings(text: str) -> tuple[list[Message], list[Name], list[Url]]:
    if not needs_docutils(text) or is_simple(text):
        return [], [], []
    early = [
        (text.count("\n", 0, marker.start()) + 1, _MARKER_MESSAGE)
        for marker in _MARKER.finditer(text)
    ]
    too_deep = _too_deep(text)
    if too_deep is not None:
        return [*early, too_deep], [], []
    try:
        messages, names, urls = _docutils_findings(text)
    except (RecursionError, ValueError) as error:  # what the limits missed
        failed = f"docutils cannot read this description ({type(error).__name__})"
        return [*early, (None, failed)], [], []
    return [*early, *messages], names, urls


_MARKER_MESSAGE = (
    "a line starting '.. nova-priorities:' would be read as a region marker of "
    "the page; reword it"
)


# Lists and block quotes nest by indentation (a block quote needs only one
# more column) or by markers on one line ("* * * x"); docutils recurses per
# level, and Sphinx reads descriptions deeper in its stack. Real ones stay
# far below this.
MAX_NESTING = 40
_LIST_MARKER = re.compile(
    r"(?:[-*+\u2022\u2023\u2043]|\(?(?:[0-9]+|[a-zA-Z#])[.)])[ ]+"
)


def _too_deep(text: str) -> tuple[int, str] | None:
    """A message for the first line nested deeper than :data:`MAX_NESTING`."""
    for number, line in enumerate(text.splitlines(), start=1):
        rest = line.lstrip(" ")
        depth = len(line) - len(rest)
        while (marker := _LIST_MARKER.match(rest)) is not None:
            depth, rest = depth + 2, rest[marker.end() :]
        if depth > MAX_NESTING:
            return (
                number,
                f"nested too deeply (more than {MAX_NESTING} columns of indentation "
                "and list markers); flatten the lists and quotes",
            )
    return None


def _docutils_messages(text: str) -> list[Message]:
    """docutils' own view of ``text``: its messages and ours."""
    return _docutils_findings(text)[0]


def _docutils_findings(text: str) -> tuple[list[Message], list[Name], list[Url]]:
    from docutils import nodes

    from .rst_parse import parse

    _, messages, elements = parse(text)
    lines = text.splitlines()
    found = []
    for message in messages:
        if message["level"] < 2 or not message.children:
            continue
        original = message.children[0].astext()
        line = markup_line(lines, message.get("line"), _needle(original))
        found.append((line, _friendly(original)))
    links = links_of(elements)
    found += [
        (title_line(section), _SECTION_MESSAGE)
        for section in elements
        if isinstance(section, nodes.section)
    ]
    found += unsafe_urls(links, lines)
    found += [
        (line_of(item), _EMPTY_ITEM_MESSAGE)
        for item in elements
        if isinstance(item, nodes.list_item) and not item.children
    ]
    found += [
        (line_of(node), _PAGE_WIDE_MESSAGE.format(_PAGE_WIDE[node.tagname]))
        for node in elements
        if node.tagname in _PAGE_WIDE
    ]
    return (
        sorted(found, key=lambda item: item[0] or 0),
        defined_names(elements),
        relative_links(links, lines),
    )


# Numbered or named page-wide: on a page showing several descriptions (or
# several releases) they would clash.
_PAGE_WIDE = {
    "footnote": "footnotes",
    "citation": "citations",
    "substitution_definition": "substitution definitions",
}
_PAGE_WIDE_MESSAGE = (
    "{} are not allowed in a description: their numbers and names are shared "
    "by the whole page, which shows many descriptions; write the note inline "
    "or as a link"
)
_EMPTY_ITEM_MESSAGE = (
    "a line of only a list marker (such as 'B.' or '-') is read as an empty "
    "list item and shows nothing; escape it ('B\\.') or reword"
)
_SECTION_MESSAGE = (
    "section titles are not allowed in a description: the page gives each "
    "priority one section; use **bold** text or a list instead"
)


def _needle(message: str) -> str | None:
    """The text an inline-markup message is about, to find its line."""
    if "raw (and derived) roles" in message:
        return ":raw:"
    unknown = _UNKNOWN_TARGET.match(message)
    return normalize_name(unknown.group(1)) if unknown else None


def _friendly(message: str) -> str:
    """Our wording for the messages we expect; docutils' own on one line."""
    for pattern, template in _DOCUTILS_MESSAGES:
        match = pattern.search(message)
        if match:
            return template.format(*(group.lower() for group in match.groups()))
    return " ".join(message.split())


def _yaml_position(document: Document, line: int | None) -> Position:
    """Where line ``line`` of the description sits in the YAML file.

    A literal block (``description: |``) keeps its lines, so the mapping is
    exact; for other styles the description's start is the best we know.
    """
    scalar = document.scalars.get(("description",))
    if scalar is None:
        return document.position_of(("description",))
    if scalar.style != "|" or line is None:
        return scalar.position
    yaml_line = scalar.position.line + line
    lines = document.lines
    if yaml_line > len(lines):
        return scalar.position
    source = lines[yaml_line - 1]
    return Position(yaml_line, len(source) - len(source.lstrip(" ")) + 1)
