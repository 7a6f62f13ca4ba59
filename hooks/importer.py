"""``nova-priorities import``: adopt a hand-written priorities page.

The page is read with docutils. Its table (if any) gives the priorities,
their order and owners; the sections named in the table give descriptions
and links. Everything else (label, title, introduction, prose sections) is
the author's and stays byte for byte where it was; the table and the
priority sections are replaced by generated regions, and the data goes to
``priorities/<release>/<slug>.yaml``. Nothing is written unless the whole
page was understood and the data it gives validates.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from . import discovery, regions
from .files import write_atomically
from .model import Link, Owner, Priority, normalize_name, slugify
from .render import (
    DEFAULT_OWNER_HEADING,
    SECTION_UNDERLINE,
    page_path,
    render_page,
    table_options,
)

LAUNCHPAD = re.compile(r"https?://(?:www\.)?launchpad\.net/~([a-z0-9][a-z0-9+.-]+)/?")
_GRID_BORDER = re.compile(r"\+-[-+]*\+\s*")
_LABEL = re.compile(r"\.\. _[^:`]+:|\.\. _`[^`]+`:")
_PAGE_NAME = re.compile(r"(?P<release>.+)-priorities\.rst")
YAML_HEADER = "# yaml-language-server: $schema=../../schema/priority.schema.json\n"


class UnreadablePage(Exception):
    """The page cannot be understood; the message says where and why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclasses.dataclass
class _Row:
    """One table row: the title as the cell shows it and the owners."""

    cell_title: str
    target: str  # normalized name of the section it links to
    owners: list[Owner]


@dataclasses.dataclass
class ImportedPage:
    """What an import produces: the data and the page with regions."""

    priorities: list[Priority]
    page: str


def _doctree(text: str) -> Any:
    from docutils.core import publish_doctree

    return publish_doctree(
        text,
        settings_overrides={
            "report_level": 5,
            "halt_level": 5,
            "doctitle_xform": False,
            "file_insertion_enabled": False,
            "raw_enabled": False,
            "_disable_config": True,
        },
    )


def import_page(
    text: str, release: str, prose_titles: Sequence[str] = ()
) -> ImportedPage:
    """Split ``text`` into priorities and a page with generated regions."""
    from docutils import nodes

    try:
        if regions.find_regions(text.splitlines()):
            raise UnreadablePage(
                1, "the page already has generated regions; use render"
            )
    except regions.RegionError as error:
        raise UnreadablePage(error.line, f"{error.message}; fix the markers") from None
    lines = text.splitlines(keepends=True)
    tree = _doctree(text)
    for message in tree.findall(nodes.system_message):
        if message["level"] >= 3:
            raise UnreadablePage(
                message.get("line") or 1,
                f"the page is not valid RST ({message[0].astext().splitlines()[0]}); "
                "fix it first",
            )
    top = next(iter(tree.findall(nodes.section)), None)
    if top is None:
        raise UnreadablePage(
            1, "no title: a priorities page starts with a titled section"
        )
    tables = [child for child in top.children if isinstance(child, nodes.table)]
    if len(tables) > 1:
        raise UnreadablePage(1, "more than one table; a priorities page has one")
    subsections = [c for c in top.children if isinstance(c, nodes.section)]
    prose = {normalize_name(t) for t in prose_titles}

    heading = DEFAULT_OWNER_HEADING
    table_span: tuple[int, int] | None = None
    chosen: list[tuple[_Row | None, Any]]
    if tables:
        table_span = _table_span(lines)
        heading, rows = _read_table(tables[0], lines, table_span)
        chosen = _sections_for_rows(rows, subsections)
    else:
        chosen = [
            (None, s) for s in subsections if normalize_name(_title(s)) not in prose
        ]
        if not chosen:
            raise UnreadablePage(1, "no table and no sections: nothing to import")

    priorities = []
    used_slugs: set[str] = set()
    for position, (row, section) in enumerate(chosen, start=1):
        title = (
            _title(section) if section is not None or row is None else row.cell_title
        )
        slug = slugify(title) or "priority"
        while slug in used_slugs:
            slug += "-2"
        used_slugs.add(slug)
        description, links = (
            _section_body(section, lines) if section is not None else ("", ())
        )
        priorities.append(
            Priority(
                release=release,
                slug=slug,
                title=title,
                position=position,
                owners=tuple(row.owners) if row else (),
                description=description,
                links=links,
            )
        )

    owner_names = {normalize_name(o.name) for p in priorities for o in p.owners}
    drop = _owner_target_lines(top, owner_names)
    priority_sections = [s for _, s in chosen if s is not None]
    page = _page_with_regions(
        lines,
        table_span=table_span,
        heading=heading,
        priority_sections=priority_sections,
        subsections=subsections,
        drop=drop,
    )
    return ImportedPage(priorities, render_page("page", page, release, priorities))


def _title(section: Any) -> str:
    return " ".join(section[0].astext().split())


def _table_span(lines: list[str]) -> tuple[int, int]:
    """0-based first and last line of the grid table."""
    for index, line in enumerate(lines):
        if _GRID_BORDER.fullmatch(line.rstrip("\r\n")):
            last = index
            while last + 1 < len(lines) and lines[last + 1].startswith(("+", "|")):
                last += 1
            return index, last
    raise UnreadablePage(1, "only grid tables (+---+) are understood")


def _read_table(
    table: Any, lines: list[str], span: tuple[int, int]
) -> tuple[str, list[_Row]]:
    from docutils import nodes

    head = list(table.findall(nodes.thead))
    if not head:
        raise UnreadablePage(1, "the table has no header row (Priority | Owner)")
    header = [" ".join(e.astext().split()) for e in head[0].findall(nodes.entry)]
    if len(header) != 2:
        raise UnreadablePage(
            1, f"the table has {len(header)} columns; expected Priority | Owner"
        )
    rows = []
    body = next(iter(table.findall(nodes.tbody)))
    for row in body.findall(nodes.row):
        priority_cell, owner_cell = [
            e for e in row.children if isinstance(e, nodes.entry)
        ]
        cell_title = " ".join(priority_cell.astext().split())
        refs = list(priority_cell.findall(nodes.reference))
        target = normalize_name(
            refs[0].get("refname") or refs[0].get("refid") or cell_title
            if refs
            else cell_title
        )
        line = _line_of(lines, span, owner_cell.astext().split() or [cell_title])
        rows.append(
            _Row(cell_title, target, _read_owners(owner_cell, cell_title, line))
        )
    return header[1], rows


def _line_of(lines: list[str], span: tuple[int, int], words: list[str]) -> int:
    """1-based line of the table that shows ``words[0]`` (for messages)."""
    for index in range(span[0], span[1] + 1):
        if words[0] in lines[index]:
            return index + 1
    return span[0] + 1


def _read_owners(cell: Any, cell_title: str, line: int) -> list[Owner]:
    from docutils import nodes

    owners = []
    for ref in cell.findall(nodes.reference):
        name = ref.astext().strip()
        match = LAUNCHPAD.fullmatch(ref.get("refuri", ""))
        if not match:
            raise UnreadablePage(
                line,
                f"owner '{name}' of '{cell_title}' does not link to "
                "https://launchpad.net/~<id>; fix the page's link first",
            )
        owners.append(Owner(" ".join(name.split()), match.group(1)))
    rest = cell.astext()
    for ref in cell.findall(nodes.reference):
        rest = rest.replace(ref.astext(), "", 1)
    if rest.replace(",", "").strip():
        raise UnreadablePage(
            line,
            f"owner cell of '{cell_title}' has text that is not a Launchpad link: "
            f"{rest.strip()!r}",
        )
    return owners


def _sections_for_rows(
    rows: list[_Row], subsections: list[Any]
) -> list[tuple[_Row | None, Any]]:
    """Pair each row with the section it names (by link or by title)."""
    by_name: dict[str, Any] = {}
    for section in subsections:
        for name in [_title(section), *section["names"], *section["ids"]]:
            by_name.setdefault(normalize_name(name), section)
    return [
        (row, by_name.get(row.target) or by_name.get(normalize_name(row.cell_title)))
        for row in rows
    ]


def _section_span(section: Any, lines: list[str]) -> int:
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


def _section_body(section: Any, lines: list[str]) -> tuple[str, tuple[Link, ...]]:
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
        found = _link_block(child)
        if found is None or _first_line(child) is None:
            break
        links[:0] = found
        cut = _first_line(child)
    start = section[0].line  # the line after the underline (0-based index)
    end = (cut - 1) if cut else _section_end(section, lines)
    description = "".join(lines[start:end]).strip("\n")
    description = "\n".join(line.rstrip() for line in description.splitlines())
    return (description + "\n" if description else ""), tuple(links)


def _section_end(section: Any, lines: list[str]) -> int:
    following = section.next_node(
        lambda node: node is not section and node.tagname == "section",
        descend=False,
        siblings=True,
        ascend=True,
    )
    return _section_span(following, lines) if following is not None else len(lines)


def _first_line(node: Any) -> int | None:
    from docutils import nodes

    if node.line:
        return int(node.line)
    paragraph = next(iter(node.findall(nodes.paragraph)), None)
    return int(paragraph.line) if paragraph is not None and paragraph.line else None


def _link_block(node: Any) -> list[Link] | None:
    """The links of a paragraph or list made only of links, else None."""
    from docutils import nodes

    if isinstance(node, nodes.paragraph):
        link = _only_link(node)
        return [link] if link else None
    if isinstance(node, nodes.bullet_list):
        found = []
        for item in node.children:
            paragraph = item.children[0] if len(item.children) == 1 else None
            if not isinstance(paragraph, nodes.paragraph):
                return None
            link = _only_link(paragraph)
            if link is None:
                return None
            found.append(link)
        return found
    return None


def _only_link(paragraph: Any) -> Link | None:
    from docutils import nodes

    parts = [c for c in paragraph.children if not isinstance(c, nodes.target)]
    if len(parts) != 1 or not isinstance(parts[0], nodes.reference):
        return None
    ref = parts[0]
    if "refuri" not in ref:
        return None
    return Link(" ".join(ref.astext().split()), ref["refuri"])


def _owner_target_lines(top: Any, owner_names: set[str]) -> set[int]:
    """0-based lines of ``.. _Name: https://launchpad.net/~id`` targets."""
    from docutils import nodes

    drop = set()
    for target in top.findall(nodes.target):
        names = {normalize_name(n) for n in target["names"]}
        if names & owner_names and LAUNCHPAD.fullmatch(target.get("refuri", "")):
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
    table_region = regions.begin_marker(
        "table", table_options(heading), ""
    ) + regions.end_marker("table")
    if table_span:
        first, last = table_span
        # The owners' targets usually follow the table: they go with it.
        while last + 1 < len(lines) and (
            last + 1 in drop or not lines[last + 1].strip()
        ):
            last += 1
        while not lines[last].strip():
            last -= 1
        replaced[first] = (last, table_region)
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
        first = _section_span(run[0], lines)
        last = _section_end(run[-1], lines) - 1
        while last > first and not lines[last].strip():
            last -= 1
        region = regions.begin_marker("sections", options, "") + regions.end_marker(
            "sections"
        )
        replaced[first] = (last, region)
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
        raise UnreadablePage(
            1,
            "the sections are not in the table's order around prose sections; "
            "reorder them on the page first",
        )
    return runs


# --- the command -------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", metavar="PAGE.rst", help="the hand-written page")
    parser.add_argument(
        "--release",
        help="release name (default: from the file name, <release>-priorities.rst)",
    )
    parser.add_argument(
        "--not-a-priority",
        action="append",
        default=[],
        metavar="TITLE",
        help="on a page without a table: a section that is prose, not a priority "
        "(repeatable)",
    )


def run(args: argparse.Namespace) -> int:
    from .validate import Source, check_sources

    release = args.release
    if release is None:
        match = _PAGE_NAME.fullmatch(os.path.basename(args.page))
        if not match:
            print("nova-priorities: give --release NAME", file=sys.stderr)
            return 2
        release = match["release"]
    try:
        with open(args.page, encoding="utf-8-sig", newline="") as stream:
            text = stream.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.page}:1:1: cannot read the page: {error}")
        return 1
    try:
        imported = import_page(text, release, args.not_a_priority)
    except UnreadablePage as error:
        print(f"{args.page}:{error.line}:1: {error.message}; nothing was written")
        return 1
    priorities_dir = discovery.find_priorities_dir() or os.path.abspath(
        discovery.PRIORITIES_DIR
    )
    release_dir = os.path.join(priorities_dir, release)
    files = {
        os.path.join(release_dir, f"{p.slug}.yaml"): dump_priority(p)
        for p in imported.priorities
    }
    existing = [path for path in files if os.path.exists(path)]
    if existing:
        print(
            f"{discovery.display_path(existing[0])}: exists; import writes new "
            "files only. Nothing was written"
        )
        return 1
    sources = []
    for path, content in files.items():
        file = discovery.classify(path)
        assert file is not None
        sources.append(Source(file, _constant(content)))
    report = check_sources(sources)
    if report.error_count:
        for problem in report.problems:
            print(problem)
        print(f"{args.page}: the page's data does not validate; nothing was written")
        return 1
    page = page_path(priorities_dir, release)
    return _write_all({**files, page: imported.page})


def _write_all(files: dict[str, str]) -> int:
    """Write every file, or none: a failure removes what this run wrote.

    The page itself is replaced atomically and last, so a failure leaves
    the old page as it was.
    """
    written: list[str] = []
    try:
        for path, content in files.items():
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            existed = os.path.exists(path)
            write_atomically(path, content)
            if not existed:
                written.append(path)
    except OSError as error:
        for path in written:
            os.unlink(path)
        print(
            f"{discovery.display_path(path)}:1:1: cannot write: {error.strerror}; "
            "nothing was written"
        )
        return 1
    for path in files:
        print(f"Wrote {discovery.display_path(path)}")
    return 0


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def dump_priority(priority: Priority) -> str:
    """A priority file's text: the schema comment, then the fields."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            # Indent list items under their key, as the shipped files do.
            super().increase_indent(flow, False)

    def text(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    body = yaml.dump(
        priority.to_data(),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        indent=2,
    )
    return YAML_HEADER + body


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import run_subcommand

    return run_subcommand("import", argv)


if __name__ == "__main__":
    raise SystemExit(main())
