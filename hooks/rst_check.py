"""Checking the reStructuredText of descriptions with docutils.

A description becomes part of a page published on the web, and anyone can
propose one, so besides plain validity it may not pull in outside content or
raw markup, nor change the rest of the page. docutils is imported only when
a description is checked.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .loader import Document, Position
from .model import normalize_name
from .problems import Problem
from .rst_safety import SAFE_SETTINGS

# Directives refused in descriptions, with the reason shown to the author.
# raw, include and csv-table/list-table file access are switched off through
# docutils' own settings (raw_enabled, file_insertion_enabled).
REFUSED_DIRECTIVES = {
    "image": "it shows content from outside the page",
    "figure": "it shows content from outside the page",
    "meta": "it changes the page's HTML head",
    "header": "it changes every page's header",
    "footer": "it changes every page's footer",
    "default-role": "it changes how the rest of the page is read",
    "title": "it changes the page's title",
    "contents": "it belongs to the page, not to one priority",
    "sectnum": "it belongs to the page, not to one priority",
    "target-notes": "it belongs to the page, not to one priority",
}
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
_SETTINGS = SAFE_SETTINGS

# A reference to a name the description does not define: fine when it is
# the title of another priority of the release, which only the release
# check knows. (normalized name, the problem to report otherwise)
Reference = tuple[str, Problem]


def check_description(document: Document) -> tuple[list[Problem], list[Reference]]:
    """Problems of the ``description`` of ``document``, and its references
    to names it does not define (see :data:`Reference`)."""
    text = document.data.get("description")
    if not isinstance(text, str) or not text.strip():
        return [], []
    problems = _html_tags(document, text)
    references: list[Reference] = []
    for line, message in rst_messages(text):
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
    return problems, references


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
    not worth the docutils parse, which dominates a large run.
    """
    return (
        _MAYBE_MARKUP.search(text) is not None
        or _OTHER_LINE_BREAK.search(text) is not None
    )


# docutils breaks lines wherever str.splitlines() does; the pattern above
# (re.MULTILINE) knows only \n, so any other line break needs docutils.
_OTHER_LINE_BREAK = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


_MAYBE_MARKUP = re.compile(
    r"[`*_|\\\[\]<>\t]"  # inline markup, references, escapes, tabs
    r"|::|\.\."  # literal blocks, explicit markup
    r"|^[ ](?=.*\S)"  # indentation: quotes, definitions, continued blocks
    r"|^(?![^\W\d_])\S"  # a line not starting with a letter: lists, adornments
    r"|^[^\W\d_]{1,3}[.)]\s",  # "a. ", "iv) ": enumerated lists
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
    if not needs_docutils(text):
        return []
    too_deep = _too_deep(text)
    if too_deep is not None:
        return [too_deep]
    try:
        return _docutils_messages(text)
    except (RecursionError, ValueError) as error:  # what the limits missed
        return [
            (None, f"docutils cannot read this description ({type(error).__name__})")
        ]


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


def _docutils_messages(text: str) -> list[tuple[int | None, str]]:
    from docutils import nodes, utils

    messages: list[Any] = []
    reader, parser, settings = _components()
    document = utils.new_document("<description>", settings)
    document.reporter.attach_observer(messages.append)
    with _description_parsing(parser):
        parser.parse(text, document)
        document.transformer.populate_from_components((reader, parser))
        document.transformer.apply_transforms()
    lines = text.splitlines()
    found = []
    for message in messages:
        if message["level"] < 2 or not message.children:
            continue
        original = message.children[0].astext()
        line = _markup_line(lines, message.get("line"), _needle(original))
        found.append((line, _friendly(original)))
    found += [
        (_title_line(section), _SECTION_MESSAGE)
        for section in document.findall(nodes.section)
    ]
    return sorted(found, key=lambda item: item[0] or 0)


@functools.cache
def _components() -> tuple[Any, Any, Any]:
    """A reader, a parser and settings, built once: building them is slow."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.readers.standalone import Reader

    reader: Any = Reader()
    parser: Any = Parser()
    settings = get_default_settings(reader, parser)
    for name, value in _SETTINGS.items():
        setattr(settings, name, value)
    return reader, parser, settings


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


def _markup_line(lines: list[str], line: int | None, needle: str | None) -> int | None:
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


def _friendly(message: str) -> str:
    for pattern, template in _DOCUTILS_MESSAGES:
        match = pattern.search(message)
        if match:
            return template.format(*(group.lower() for group in match.groups()))
    return message


@functools.cache
def _refusing_directives() -> dict[str, Any]:
    from docutils.parsers.rst import Directive, directives

    def refusing(name: str, reason: str) -> type[Directive]:
        class Refused(Directive):
            has_content = True
            optional_arguments = 1
            final_argument_whitespace = True
            option_spec = _AnyOption(directives.unchanged)

            def run(self) -> list[Any]:
                raise self.error(
                    f"the {name} directive is not allowed in a description: {reason}"
                )

        return Refused

    return {name: refusing(name, reason) for name, reason in REFUSED_DIRECTIVES.items()}


class _AnyOption(dict[str, Any]):
    """An option_spec that takes any option, so the directive itself errs."""

    def __init__(self, converter: Any) -> None:
        super().__init__()
        self.converter = converter

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return self.converter


@functools.cache
def docutils_lookups() -> tuple[Any, Any]:
    """docutils' own functions that find a directive and a role by name.

    While Sphinx reads a document it puts lookups of its own in their place
    (its domains' directives and roles, which need its environment); the
    Sphinx extension calls this at set-up, before any document is read.
    """
    from docutils.parsers.rst import directives, roles

    return directives.directive, roles.role


@contextlib.contextmanager
def _description_parsing(parser: Any) -> Iterator[None]:
    """Set docutils up for one description parse, then restore it.

    A description is checked as plain docutils reads it, whatever else the
    process has registered: a Sphinx build registers its own ``include``,
    roles such as ``:doc:`` and a default role, all needing Sphinx's
    environment. So the directive and role tables hold only the refused
    directives (the rest come from docutils' registry), and docutils' own
    lookup functions are used. Everything is put back afterwards, the way
    Sphinx itself swaps these tables.

    The parser's state machine from the previous parse is handed back
    instead of a new one: building one compiles every state's transitions,
    half the time of a short description, and each run starts it afresh
    (``StateMachine.runtime_init``). A parse that fails drops it.
    """
    from docutils.parsers.rst import directives, roles, states

    saved = (
        directives._directives,  # type: ignore[attr-defined]
        roles._roles,  # type: ignore[attr-defined]
        directives.directive,
        roles.role,
        states.RSTStateMachine,
    )
    directives._directives = dict(_refusing_directives())  # type: ignore[attr-defined]
    roles._roles = {}  # type: ignore[attr-defined]
    directives.directive, roles.role = docutils_lookups()
    machine = getattr(parser, "statemachine", None)
    if machine is not None:
        states.RSTStateMachine = lambda *args, **kwargs: machine  # type: ignore[assignment,misc]
    try:
        yield
    except BaseException:
        parser.statemachine = None
        raise
    finally:
        (
            directives._directives,  # type: ignore[attr-defined]
            roles._roles,  # type: ignore[attr-defined]
            directives.directive,
            roles.role,
            states.RSTStateMachine,  # type: ignore[misc]
        ) = saved


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


def _title_line(section: Any) -> int | None:
    # docutils puts a section title at its underline, one line below the text.
    line = section[0].line if section.children else None
    return max(line - 1, 1) if line else None
