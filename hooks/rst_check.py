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
from collections.abc import Iterable, Iterator
from typing import Any

from .loader import Document, Position
from .model import normalize_name
from .problems import Problem

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
        re.compile(r'"(raw|include)" directive disabled'),
        "the {0} directive is not allowed in a description: it pulls in "
        "outside content or raw markup",
    ),
    (
        re.compile(r"raw \(and derived\) roles disabled"),
        "the raw role is not allowed in a description: it injects raw markup",
    ),
    (
        re.compile(r'File and URL access deactivated; ignoring "([\w-]+)"'),
        "the {0} directive may not read :file: or :url: in a description; "
        "write the table's content inline",
    ),
)
_UNKNOWN_TARGET = re.compile(r'Unknown target name: "(.*)"\.')
_SETTINGS = {
    "report_level": 5,  # messages go to our observer, not to stderr
    "halt_level": 5,
    "warning_stream": False,
    "doctitle_xform": False,  # keep sections visible, to refuse them
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "input_encoding": "unicode",
    "_disable_config": True,  # no docutils.conf of the user changes results
}


def check_description(document: Document, titles: Iterable[str]) -> list[Problem]:
    """Problems of the ``description`` of ``document``.

    A reference like ```No downtime DB upgrades`_`` to the title of another
    priority in ``titles`` is fine: the page has that section.
    """
    text = document.data.get("description")
    if not isinstance(text, str) or not text.strip():
        return []
    known = {normalize_name(title) for title in titles}
    problems = []
    for line, message in rst_messages(text):
        unknown = _UNKNOWN_TARGET.match(message)
        if unknown and normalize_name(unknown.group(1)) in known:
            continue
        hint = (
            " Link a URL with `text <https://...>`__, or refer to another"
            " priority of this release by its exact title."
            if unknown
            else ""
        )
        position = _yaml_position(document, line)
        problems.append(
            Problem(
                document.path,
                position.line,
                position.column,
                f"description: {message}{hint}",
                rule="rst",
            )
        )
    return problems


def rst_messages(text: str) -> list[tuple[int | None, str]]:
    """Warnings and errors docutils and our restrictions find in ``text``.

    Each is ``(line within text or None, message)``.
    """
    from docutils import nodes
    from docutils.core import publish_doctree

    messages: list[Any] = []
    with _refused_directives():
        doctree = publish_doctree(
            text,
            source_path="<description>",
            reader=_observing_reader(messages.append),
            settings_overrides=_SETTINGS,
        )
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
        for section in doctree.findall(nodes.section)
    ]
    return sorted(found, key=lambda item: item[0] or 0)


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
            return template.format(*match.groups())
    return message


def _observing_reader(observer: Any) -> Any:
    """A standalone reader whose document reports every message to us."""
    from docutils.readers import standalone

    reader: Any = standalone.Reader()
    new_document = reader.new_document

    def observed_document() -> Any:
        document = new_document()
        document.reporter.attach_observer(observer)
        return document

    reader.new_document = observed_document
    return reader


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


@contextlib.contextmanager
def _refused_directives() -> Iterator[None]:
    """Swap refused directives in for one parse, then restore them.

    docutils keeps its directives in a module-level table (Sphinx swaps it
    the same way), so a Sphinx build in the same process is left unchanged.
    """
    from docutils.parsers.rst import directives

    table: dict[str, Any] = directives._directives  # type: ignore[attr-defined]
    saved = dict(table)
    table.update(_refusing_directives())
    try:
        yield
    finally:
        table.clear()
        table.update(saved)


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
    if yaml_line > len(document.lines):
        return scalar.position
    source = document.lines[yaml_line - 1]
    return Position(yaml_line, len(source) - len(source.lstrip(" ")) + 1)


def _title_line(section: Any) -> int | None:
    # docutils puts a section title at its underline, one line below the text.
    line = section[0].line if section.children else None
    return max(line - 1, 1) if line else None
