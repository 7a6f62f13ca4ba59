"""Reading a hand-written priorities page: its priorities, and the page with
generated regions in place of the table and the priority sections.

The page is read with docutils. Its table (if any, see
:mod:`.table_reader`) gives the priorities, their order and owners; the
sections named in the table give descriptions and links. Everything else
(label, title, introduction, prose sections) is the author's and stays
byte for byte where it was. Pure: the command (:mod:`.commands.import_page`)
reads and writes the files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from . import regions
from .layout import Release, slugify
from .model import Priority, normalize_name
from .page import DEFAULT_OWNER_HEADING, SECTION_UNDERLINE, render_page, table_options
from .problems import ProblemError
from .rst_safety import SAFE_SETTINGS
from .section_reader import (
    refuse_sphinx_markup,
    section_body,
    section_end,
    section_labels,
    section_span,
    sphinx_markup,
    title_of,
)
from .table_reader import LAUNCHPAD, PAGE, Row, read_table, table_span, unreadable


@dataclasses.dataclass
class ImportedPage:
    """What an import produces: the data and the page with regions."""

    priorities: list[Priority]
    page: str


def _doctree(text: str) -> Any:
    from docutils.core import publish_doctree

    return publish_doctree(text, settings_overrides=SAFE_SETTINGS)


def import_page(
    text: str,
    release: Release,
    path: str = "page",
    prose_titles: Sequence[str] = (),
    slugs: Mapping[str, str] | None = None,
) -> ImportedPage:
    """Split ``text`` (the page ``path``) into priorities and a page with
    generated regions; :class:`ProblemError` at the line it cannot read."""
    try:
        return _import(text, release, path, prose_titles, slugs or {})
    except ProblemError as error:
        if error.problem.path != PAGE:
            raise
        raise ProblemError(dataclasses.replace(error.problem, path=path)) from None


def _import(
    text: str,
    release: Release,
    path: str,
    prose_titles: Sequence[str],
    slugs: Mapping[str, str],
) -> ImportedPage:
    try:
        found = regions.find_regions(text.splitlines(), PAGE)
    except ProblemError as error:
        problem = error.problem
        raise unreadable(problem.line, f"{problem.message}; fix the markers") from None
    if found:
        raise unreadable(1, "the page already has generated regions; use render")
    lines = text.splitlines(keepends=True)
    tree = _doctree(text)
    sphinx_only = sphinx_markup(tree)
    top = _top_section(tree)
    tables, subsections = _tables_and_sections(top)
    heading, span = DEFAULT_OWNER_HEADING, None
    if tables:
        span = table_span(lines)
        heading, rows = read_table(tables[0], lines, span)
        chosen = _sections_for_rows(rows, subsections)
    else:
        chosen = _sections_without_table(subsections, prose_titles)
    refuse_sphinx_markup(sphinx_only, [s for _, s in chosen if s is not None], lines)
    priorities = _priorities(release.name, chosen, lines, slugs)
    owner_names = {normalize_name(o.name) for p in priorities for o in p.owners}
    page = _page_with_regions(
        lines,
        table_span=span,
        heading=heading,
        priority_sections=[s for _, s in chosen if s is not None],
        subsections=subsections,
        drop=_owner_target_lines(top, owner_names),
    )
    return ImportedPage(priorities, render_page(path, page, release, priorities))


def _top_section(tree: Any) -> Any:
    from docutils import nodes

    for message in tree.findall(nodes.system_message):
        if message["level"] >= 3:
            raise unreadable(
                message.get("line") or 1,
                f"the page is not valid RST ({message[0].astext().splitlines()[0]}); "
                "fix it first",
            )
    top = next(iter(tree.findall(nodes.section)), None)
    if top is None:
        raise unreadable(1, "no title: a priorities page starts with a titled section")
    return top


def _tables_and_sections(top: Any) -> tuple[list[Any], list[Any]]:
    from docutils import nodes

    tables = [child for child in top.children if isinstance(child, nodes.table)]
    if len(tables) > 1:
        raise unreadable(1, "more than one table; a priorities page has one")
    return tables, [c for c in top.children if isinstance(c, nodes.section)]


def _sections_without_table(
    subsections: list[Any], prose_titles: Sequence[str]
) -> list[tuple[Row | None, Any]]:
    prose = {normalize_name(t) for t in prose_titles}
    chosen: list[tuple[Row | None, Any]] = [
        (None, s) for s in subsections if normalize_name(title_of(s)) not in prose
    ]
    if not chosen:
        raise unreadable(1, "no table and no sections: nothing to import")
    return chosen


def _priorities(
    release: str,
    chosen: list[tuple[Row | None, Any]],
    lines: list[str],
    slugs: Mapping[str, str],
) -> list[Priority]:
    priorities = []
    used_slugs: set[str] = set()
    for position, (row, section) in enumerate(chosen, start=1):
        title = (
            title_of(section) if section is not None or row is None else row.cell_title
        )
        labels = section_labels(section, lines) if section is not None else []
        generated = f"priority-{release}-"
        # A rendered page names each section's slug in its generated label.
        named = [
            label[len(generated) :] for label in labels if label.startswith(generated)
        ]
        slug = slugs.get(title) or (named[0] if named else slugify(title))
        if not slug:
            line = section[0].line - 1 if section is not None else 1
            raise unreadable(
                line,
                f"the title {title!r} gives no file name (slug); name one with "
                f"--slug '{title}=my-slug'",
            )
        while slug in used_slugs:
            slug += "-2"
        used_slugs.add(slug)
        description, links = (
            section_body(section, lines) if section is not None else ("", ())
        )
        labels = [label for label in labels if not label.startswith(generated)]
        priorities.append(
            Priority(
                release=release,
                slug=slug,
                title=title,
                position=position,
                owners=tuple(row.owners) if row else (),
                labels=tuple(labels),
                description=description,
                links=links,
            )
        )
    return priorities


def _sections_for_rows(
    rows: list[Row], subsections: list[Any]
) -> list[tuple[Row | None, Any]]:
    """Pair each row with the section it names (by link or by title)."""
    by_name: dict[str, Any] = {}
    for section in subsections:
        for name in [title_of(section), *section["names"], *section["ids"]]:
            by_name.setdefault(normalize_name(name), section)
    return [
        (row, by_name.get(row.target) or by_name.get(normalize_name(row.cell_title)))
        for row in rows
    ]


def _owner_target_lines(top: Any, owner_names: set[str]) -> set[int]:
    """0-based lines of ``.. _Name: https://launchpad.net/~id`` targets."""
    from docutils import nodes

    drop = set()
    for target in top.findall(nodes.target):
        names = {normalize_name(n) for n in target["names"]}
        # an inline link's own target has no line: it stays in its cell
        if (
            names & owner_names
            and target.line
            and LAUNCHPAD.fullmatch(target.get("refuri", ""))
        ):
            drop.add(target.line - 1)
    return drop


def _page_with_regions(
    lines: list[str],
    *,
    table_span: tuple[int, int] | None,
    heading: str,
    priority_sections: list[Any],
    subsections: list[Any],
    drop: set[int],
) -> str:
    """The page's own lines with empty regions where generated text goes."""
    replaced: dict[int, tuple[int, str]] = {}  # first line -> (last line, text)
    if table_span:
        first, last = _table_lines(lines, table_span, drop)
        replaced[first] = (last, _empty_region("table", table_options(heading)))
    runs = _runs(priority_sections, subsections)
    underline = (
        lines[priority_sections[0][0].line - 1].strip()[:1]
        if priority_sections
        else SECTION_UNDERLINE
    )
    position_of = {id(s): i for i, s in enumerate(priority_sections, start=1)}
    for number, run in enumerate(runs):
        options = {}
        if len(runs) > 1:
            low = position_of[id(run[0])]
            high = "" if number == len(runs) - 1 else str(position_of[id(run[-1])])
            options["positions"] = f"{low}-{high}"
        if underline != SECTION_UNDERLINE:
            options["underline"] = underline
        first = section_span(run[0], lines)
        last = section_end(run[-1], lines) - 1
        while last > first and not lines[last].strip():
            last -= 1
        replaced[first] = (last, _empty_region("sections", options))
    out, index = [], 0
    while index < len(lines):
        if index in replaced:
            last, text = replaced[index]
            out.append(text)
            index = last + 1
        elif index in drop:
            index += 1
        else:
            out.append(lines[index])
            index += 1
    return "".join(out)


def _runs(priority_sections: list[Any], subsections: list[Any]) -> list[list[Any]]:
    """Priority sections grouped by the prose sections standing between them."""
    wanted = {id(s) for s in priority_sections}
    runs: list[list[Any]] = []
    current: list[Any] = []
    for section in subsections:
        if id(section) in wanted:
            current.append(section)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    order = [s for run in runs for s in run]
    if order != priority_sections:
        raise unreadable(
            1,
            "the sections are not in the table's order around prose sections; "
            "reorder them on the page first",
        )
    return runs


def _table_lines(
    lines: list[str], span: tuple[int, int], drop: set[int]
) -> tuple[int, int]:
    """The lines the table region replaces: the table, and the owners'
    targets that usually follow it."""
    first, last = span
    while last + 1 < len(lines) and (last + 1 in drop or not lines[last + 1].strip()):
        last += 1
    while not lines[last].strip():
        last -= 1
    return first, last


def _empty_region(name: str, options: dict[str, str]) -> str:
    return regions.begin_marker(name, options, "") + regions.end_marker(name)
