"""What a row of a priorities table says, for every way of showing it.

The RST page (:mod:`.render`) and the Sphinx directive
(:mod:`nova_priorities.sphinxext`) both build their tables from these rows,
so the two always state the same facts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from .model import Priority, by_position

# column name -> default heading
COLUMNS = {
    "priority": "Priority",
    "owners": "Owner",
    "links": "Links",
    "specs": "Specs",
    "reviews": "Reviews",
}
# Columns whose parts come from outside the priority's file (its specs).
EXTRA_COLUMNS = ("specs", "reviews")
DEFAULT_COLUMNS = ("priority", "owners")


@dataclasses.dataclass(frozen=True)
class Part:
    """A piece of a cell: text, maybe a link.

    ``url`` links outside (Launchpad, an etherpad); ``section`` links to the
    priority's own section on the page.
    """

    text: str
    url: str | None = None
    section: bool = False


@dataclasses.dataclass(frozen=True)
class Row:
    priority: Priority
    cells: tuple[tuple[Part, ...], ...]


def cell(priority: Priority, column: str) -> tuple[Part, ...]:
    """The parts of one cell: one per owner or link, in the file's order."""
    if column == "priority":
        return (Part(priority.title, section=True),)
    if column == "owners":
        return tuple(Part(owner.name, owner.url) for owner in priority.owners)
    if column == "links":
        return tuple(Part(link.title, link.url) for link in priority.links)
    raise ValueError(f"unknown column {column!r}")


def rows(
    priorities: Sequence[Priority],
    columns: Sequence[str],
    extra: Mapping[tuple[str, str], tuple[Part, ...]] | None = None,
) -> list[Row]:
    """The table's rows, in position order; ``extra`` gives the cells of
    :data:`EXTRA_COLUMNS` by (slug, column)."""
    return [
        Row(
            priority,
            tuple(
                (extra or {}).get((priority.slug, column), ())
                if column in EXTRA_COLUMNS
                else cell(priority, column)
                for column in columns
            ),
        )
        for priority in by_position(list(priorities))
    ]
