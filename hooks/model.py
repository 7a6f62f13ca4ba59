"""The priority data model: what one priority file says."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from .loader import Document, Path, Position, load_text
from .problems import ProblemError

LAUNCHPAD_URL = "https://launchpad.net/~{id}"


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


def _not_attached() -> str:
    raise RuntimeError("an Origin received from a worker was not attached")


class Origin:
    """The file a priority was read from.

    Positions are only needed for messages, so the file is parsed for them
    again only when one is asked for (results may come from the cache,
    which keeps no positions).
    """

    __slots__ = ("_document", "_read", "is_json", "path")

    def __init__(
        self,
        path: str,
        read: Callable[[], str],
        *,
        is_json: bool = False,
        document: Document | None = None,
    ) -> None:
        self.path = path
        self.is_json = is_json
        self._read = read
        self._document = document

    def __getstate__(self) -> tuple[str, bool]:
        # Sent back from a worker: neither the document nor the reader (which
        # may be a closure); the receiver attaches its own (see .runner).
        return self.path, self.is_json

    def __setstate__(self, state: tuple[str, bool]) -> None:
        self.path, self.is_json = state
        self._read = _not_attached
        self._document = None

    def attach(self, read: Callable[[], str]) -> None:
        """Read the file with ``read``, if this origin came without a reader."""
        if self._read is _not_attached:
            self._read = read

    def text(self) -> str:
        """The file's text, read again."""
        return self._read()

    def document(self) -> Document | None:
        """The parsed file with its positions; None when it no longer parses."""
        if self._document is None:
            try:
                self._document = load_text(
                    self._read(), self.path, is_json=self.is_json
                )
            except ProblemError:
                return None
        return self._document

    def position_of(self, where: Path) -> Position:
        """Where the value at ``where`` is; the file's start if unknown."""
        document = self.document()
        try:
            return document.position_of(where) if document else Position(1, 1)
        except ProblemError:  # changed since it was checked
            return Position(1, 1)


@dataclasses.dataclass(frozen=True, slots=True)
class Priority:
    """One priority of one release, as its file states it."""

    release: str
    slug: str
    title: str
    position: int
    continues: str = ""  # <release>/<slug> of the priority it carries over
    owners: tuple[Owner, ...] = ()
    labels: tuple[str, ...] = ()  # extra section labels, kept by import
    aliases: tuple[str, ...] = ()  # other names it went by (link-specs)
    description: str = ""
    links: tuple[Link, ...] = ()
    # Where it came from, for messages; absent for priorities built in code.
    origin: Origin | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def path(self) -> str:
        return self.origin.path if self.origin else f"{self.release}/{self.slug}"

    def position_of(self, where: Path) -> Position:
        return self.origin.position_of(where) if self.origin else Position(1, 1)

    @classmethod
    def from_data(
        cls, data: dict[str, Any], release: str, slug: str, origin: Origin | None = None
    ) -> Priority:
        """Build from data that passed the schema."""
        return cls(
            release=release,
            slug=slug,
            title=data["title"],
            position=data["position"],
            continues=data.get("continues", ""),
            owners=tuple(
                Owner(o["name"], o["launchpad"]) for o in data.get("owners", [])
            ),
            labels=tuple(data.get("labels", ())),
            aliases=tuple(data.get("aliases", ())),
            description=data.get("description", ""),
            links=tuple(Link(k["title"], k["url"]) for k in data.get("links", [])),
            origin=origin,
        )

    def to_data(self) -> dict[str, Any]:
        """The priority as file content, fields in the documented order."""
        data: dict[str, Any] = {"title": self.title, "position": self.position}
        if self.continues:
            data["continues"] = self.continues
        if self.owners:
            data["owners"] = [dataclasses.asdict(o) for o in self.owners]
        if self.labels:
            data["labels"] = list(self.labels)
        if self.aliases:
            data["aliases"] = list(self.aliases)
        if self.description:
            data["description"] = self.description
        if self.links:
            data["links"] = [dataclasses.asdict(k) for k in self.links]
        return data


def normalize_name(name: str) -> str:
    """Compare names as docutils compares link targets: case and spaces."""
    return " ".join(name.lower().split())


def appearance(name: str) -> str:
    """What a name looks like, to compare names a reader must tell apart:
    :func:`normalize_name` after Unicode's compatibility normalization (a
    composed and a decomposed accent, full-width letters) and without the
    invisible format characters (zero-width spaces and joiners)."""
    if name.isascii():  # most names: nothing to normalize, nothing invisible
        return normalize_name(name)
    import unicodedata

    plain = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in plain if unicodedata.category(c) != "Cf")
    return " ".join(visible.casefold().split())


def by_position(priorities: list[Priority]) -> list[Priority]:
    """The table order: position, then file name for a stable result."""
    return sorted(priorities, key=lambda p: (p.position, p.slug))


def by_release(priorities: Sequence[Priority]) -> dict[str, list[Priority]]:
    """Priorities grouped by release name."""
    found: dict[str, list[Priority]] = {}
    for priority in priorities:
        found.setdefault(priority.release, []).append(priority)
    return found
