"""Priorities across releases: the chains ``continues`` makes, and what
each person owned, release by release. Pure: the ``history`` command and
the ``priorities-history`` directive show it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .layout import release_sort_key
from .model import Priority

FORMAT = 1


@dataclasses.dataclass(frozen=True)
class Chain:
    """One priority carried from release to release, oldest first."""

    priorities: tuple[Priority, ...]

    @property
    def title(self) -> str:
        """The latest title: what the priority is called now."""
        return self.priorities[-1].title

    def in_release(self, release: str) -> Priority | None:
        return next((p for p in self.priorities if p.release == release), None)


def key_of(priority: Priority) -> str:
    return f"{priority.release}/{priority.slug}"


def chains(priorities: Iterable[Priority], order: tuple[str, ...] = ()) -> list[Chain]:
    """Every chain, by the release and position of its first priority. A
    priority continued in several later releases goes on in the earliest;
    the others start chains of their own."""

    def when(p: Priority) -> tuple[Any, ...]:
        return (release_sort_key(p.release, order), p.position, p.slug)

    ordered = sorted(priorities, key=when)
    by_key = {key_of(p): p for p in ordered}
    successors: dict[str, list[Priority]] = defaultdict(list)
    for priority in ordered:
        if priority.continues in by_key:
            successors[priority.continues].append(priority)
    taken: set[str] = set()
    found = []
    for priority in ordered:
        if key_of(priority) in taken:
            continue
        chain = [priority]
        taken.add(key_of(priority))
        while following := [
            p for p in successors[key_of(chain[-1])] if key_of(p) not in taken
        ]:
            chain.append(following[0])
            taken.add(key_of(following[0]))
        found.append(Chain(tuple(chain)))
    return found


def owned_by(
    priorities: Iterable[Priority], launchpad: str, order: tuple[str, ...] = ()
) -> dict[str, list[Priority]]:
    """Release -> the priorities ``launchpad`` owned there, in time order."""
    found: dict[str, list[Priority]] = {}
    for priority in sorted(
        priorities, key=lambda p: (release_sort_key(p.release, order), p.position)
    ):
        if any(owner.launchpad == launchpad for owner in priority.owners):
            found.setdefault(priority.release, []).append(priority)
    return found


def _step(priority: Priority) -> dict[str, Any]:
    return {
        "release": priority.release,
        "slug": priority.slug,
        "title": priority.title,
        "owners": [dataclasses.asdict(owner) for owner in priority.owners],
    }


def chains_json(found: list[Chain]) -> dict[str, Any]:
    """``schema/history.schema.json``, for chains."""
    return {
        "format": FORMAT,
        "chains": [
            {"title": chain.title, "releases": [_step(p) for p in chain.priorities]}
            for chain in found
        ],
    }


def owner_json(launchpad: str, owned: dict[str, list[Priority]]) -> dict[str, Any]:
    """``schema/history.schema.json``, for a person."""
    names = [o.name for ps in owned.values() for p in ps for o in p.owners
             if o.launchpad == launchpad]  # fmt: skip
    return {
        "format": FORMAT,
        "owner": {"launchpad": launchpad, "name": names[-1] if names else ""},
        "releases": [
            {"release": release, "priorities": [_step(p) for p in found]}
            for release, found in owned.items()
        ],
    }
