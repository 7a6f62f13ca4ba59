"""The data as a document for tools: ``list`` and ``show`` print it.

Its shape is ``schema/export.schema.json``; ``format`` says which version
of it. It round-trips: :func:`priorities_from` gives back the priorities
that :func:`export` was given, and :func:`~.datafile.dump_priority` their
files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from .model import Link, Owner, Priority, by_position

FORMAT = 1


def priority_json(priority: Priority) -> dict[str, Any]:
    """One priority: where it is (release, slug) and what its file says."""
    return {
        "release": priority.release,
        "slug": priority.slug,
        "title": priority.title,
        "position": priority.position,
        "continues": priority.continues,
        "owners": [dataclasses.asdict(owner) for owner in priority.owners],
        "labels": list(priority.labels),
        "aliases": list(priority.aliases),
        "description": priority.description,
        "links": [dataclasses.asdict(link) for link in priority.links],
    }


def export(priorities: Iterable[Priority], empty: Iterable[str] = ()) -> dict[str, Any]:
    """Releases in name order, priorities in table order; the releases
    ``empty`` too when they have none (just started: an empty list says
    so, where leaving them out would say there is no such release)."""
    releases: dict[str, list[Priority]] = {name: [] for name in empty}
    for priority in priorities:
        releases.setdefault(priority.release, []).append(priority)
    return {
        "format": FORMAT,
        "releases": [
            {
                "name": name,
                "priorities": [priority_json(p) for p in by_position(releases[name])],
            }
            for name in sorted(releases)
        ],
    }


def priority_from(entry: dict[str, Any]) -> Priority:
    return Priority(
        release=entry["release"],
        slug=entry["slug"],
        title=entry["title"],
        position=entry["position"],
        continues=entry["continues"],
        owners=tuple(Owner(**owner) for owner in entry["owners"]),
        labels=tuple(entry["labels"]),
        aliases=tuple(entry["aliases"]),
        description=entry["description"],
        links=tuple(Link(**link) for link in entry["links"]),
    )


def priorities_from(document: dict[str, Any]) -> list[Priority]:
    """The priorities an exported document holds."""
    if document.get("format") != FORMAT:
        raise ValueError(f"not an export of format {FORMAT}")
    return [
        priority_from(entry)
        for release in document["releases"]
        for entry in release["priorities"]
    ]
