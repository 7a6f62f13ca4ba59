"""Reading the grid table of a hand-written priorities page.

The "Priority | Owner" table gives the priorities, their order and their
owners, who must link to Launchpad. Used by :mod:`.page_reader`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .model import Owner, normalize_name
from .problems import ProblemError, located

LAUNCHPAD = re.compile(r"https?://(?:www\.)?launchpad\.net/~([a-z0-9][a-z0-9+.-]+)/?")
_GRID_BORDER = re.compile(r"\+-[-+]*\+\s*")
# Problems are found before the caller's path is known; import_page puts it in.
PAGE = "<page>"


def unreadable(line: int, message: str) -> ProblemError:
    """The page cannot be understood: an error at ``line``."""
    return located(PAGE, line, 1, message, "import")


@dataclasses.dataclass
class Row:
    """One table row: the title as the cell shows it and the owners."""

    cell_title: str
    target: str  # normalized name of the section it links to
    owners: list[Owner]


def table_span(lines: list[str]) -> tuple[int, int]:
    """0-based first and last line of the grid table."""
    for index, line in enumerate(lines):
        if _GRID_BORDER.fullmatch(line.rstrip("\r\n")):
            last = index
            while last + 1 < len(lines) and lines[last + 1].startswith(("+", "|")):
                last += 1
            return index, last
    raise unreadable(1, "only grid tables (+---+) are understood")


def read_table(
    table: Any, lines: list[str], span: tuple[int, int]
) -> tuple[str, list[Row]]:
    from docutils import nodes

    head = list(table.findall(nodes.thead))
    if not head:
        raise unreadable(1, "the table has no header row (Priority | Owner)")
    header = [" ".join(e.astext().split()) for e in head[0].findall(nodes.entry)]
    if len(header) != 2:
        raise unreadable(
            1, f"the table has {len(header)} columns; expected Priority | Owner"
        )
    rows = []
    body = next(iter(table.findall(nodes.tbody)))
    for number, row in enumerate(body.findall(nodes.row), start=1):
        cells = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(cells) != 2 or any(
            c.get("morerows") or c.get("morecols") for c in cells
        ):
            words = row.astext().split() or [""]
            raise unreadable(
                _line_of(lines, span, words),
                f"row {number} of the table has a cell spanning rows or columns; "
                "give each priority a row of its own, Priority | Owner",
            )
        priority_cell, owner_cell = cells
        cell_title = " ".join(priority_cell.astext().split())
        refs = list(priority_cell.findall(nodes.reference))
        target = normalize_name(
            refs[0].get("refname") or refs[0].get("refid") or cell_title
            if refs
            else cell_title
        )
        line = _line_of(lines, span, owner_cell.astext().split() or [cell_title])
        rows.append(Row(cell_title, target, _read_owners(owner_cell, cell_title, line)))
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
            raise unreadable(
                line,
                f"owner '{name}' of '{cell_title}' does not link to "
                "https://launchpad.net/~<id>; fix the page's link first",
            )
        owners.append(Owner(" ".join(name.split()), match.group(1)))
    rest = cell.astext()
    for ref in cell.findall(nodes.reference):
        rest = rest.replace(ref.astext(), "", 1)
    if rest.replace(",", "").strip():
        raise unreadable(
            line,
            f"owner cell of '{cell_title}' has text that is not a Launchpad link: "
            f"{rest.strip()!r}",
        )
    return owners
