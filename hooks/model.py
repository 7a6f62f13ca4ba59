"""The priority data model: what one priority file says."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .loader import Document

LAUNCHPAD_URL = "https://launchpad.net/~{id}"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RELEASE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\.[0-9]+")


@dataclasses.dataclass(frozen=True, slots=True)
class Owner:
    name: str
    launchpad: str

    @property
    def url(self) -> str:
        return LAUNCHPAD_URL.format(id=self.launchpad)


@dataclasses.dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclasses.dataclass(frozen=True)
class Priority:
    """One priority of one release, as its file states it."""

    release: str
    slug: str
    title: str
    position: int
    owners: tuple[Owner, ...] = ()
    description: str = ""
    links: tuple[Link, ...] = ()
    # Where it came from, for messages; absent for priorities built in code.
    document: Document | None = dataclasses.field(
        default=None, compare=False, repr=False
    )

    @property
    def path(self) -> str:
        return self.document.path if self.document else f"{self.release}/{self.slug}"

    @classmethod
    def from_document(cls, document: Document, release: str, slug: str) -> Priority:
        """Build from a document that passed the schema."""
        data: dict[str, Any] = document.data
        return cls(
            release=release,
            slug=slug,
            title=data["title"],
            position=data["position"],
            owners=tuple(
                Owner(o["name"], o["launchpad"]) for o in data.get("owners", [])
            ),
            description=data.get("description", ""),
            links=tuple(Link(k["title"], k["url"]) for k in data.get("links", [])),
            document=document,
        )

    def trimmed(self) -> Priority:
        """This priority, keeping only the positions later steps report at.

        Cheaper to keep for thousands of files, and to send between
        processes.
        """
        document = self.document.trimmed() if self.document else None
        return dataclasses.replace(self, document=document)

    def to_data(self) -> dict[str, Any]:
        """The priority as file content, fields in the documented order."""
        data: dict[str, Any] = {"title": self.title, "position": self.position}
        if self.owners:
            data["owners"] = [dataclasses.asdict(o) for o in self.owners]
        if self.description:
            data["description"] = self.description
        if self.links:
            data["links"] = [dataclasses.asdict(k) for k in self.links]
        return data


def slugify(text: str) -> str:
    """``Nova-network/Neutron migration`` -> ``nova-network-neutron-migration``;
    empty when ``text`` has no ASCII letter or digit."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in text.lower())
    return "-".join(words.split())


def normalize_name(name: str) -> str:
    """Compare names as docutils compares link targets: case and spaces."""
    return " ".join(name.lower().split())


def by_position(priorities: list[Priority]) -> list[Priority]:
    """The table order: position, then file name for a stable result."""
    return sorted(priorities, key=lambda p: (p.position, p.slug))
