"""The rules that span every release of a repository.

Each rule receives the uses of a name (an owner's, a label) from all
releases and gives each offending use with its message; the runner places
it, reading again only the few files that need a position.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable

from .loader import Path
from .model import Priority, normalize_name


@dataclasses.dataclass(frozen=True, slots=True)
class OwnerUse:
    """One owner of one file, where the repository-wide rule needs it."""

    path: str
    index: int
    name: str
    launchpad: str

    rule = "owners"

    @property
    def where(self) -> Path:
        """Where in its file the owner's name is."""
        return ("owners", self.index, "name")


def owner_uses(priority: Priority) -> list[OwnerUse]:
    """The owners of ``priority``."""
    return [
        OwnerUse(priority.path, index, owner.name, owner.launchpad)
        for index, owner in enumerate(priority.owners)
    ]


OwnerRule = Callable[[list[OwnerUse]], list[tuple[OwnerUse, str]]]


def check_one_name_per_launchpad_id(
    uses: list[OwnerUse],
) -> list[tuple[OwnerUse, str]]:
    """A Launchpad id carries the same display name in every file.

    The name most files use wins; on a tie every spelling is reported.
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for use in uses:
        names[use.launchpad][use.name] += 1
    found = []
    for use in uses:
        counts = names[use.launchpad]
        if len(counts) < 2:
            continue
        (top, top_count), (_, second_count) = counts.most_common(2)
        if use.name == top and top_count > second_count:
            continue
        spellings = " and ".join(repr(name) for name in sorted(counts))
        found.append(
            (
                use,
                f"owners[{use.index}].name: Launchpad id '{use.launchpad}' is named "
                f"{spellings} in different files; use one name"
                + (f" ('{top}', as most files do)" if top_count > second_count else ""),
            )
        )
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class LabelUse:
    """One extra label of one file: labels are one namespace in a project
    that builds the pages of every release."""

    path: str
    index: int
    label: str
    release: str

    rule = "label"

    @property
    def where(self) -> Path:
        return ("labels", self.index)


def label_uses(priority: Priority) -> list[LabelUse]:
    return [
        LabelUse(priority.path, index, label, priority.release)
        for index, label in enumerate(priority.labels)
    ]


def check_labels_across_releases(uses: list[LabelUse]) -> list[tuple[LabelUse, str]]:
    """An extra label is used by one release only (within a release,
    :func:`check_labels_on_page` speaks)."""
    releases: dict[str, set[str]] = defaultdict(set)
    for use in uses:
        releases[normalize_name(use.label)].add(use.release)
    found = []
    for use in uses:
        others = sorted(releases[normalize_name(use.label)] - {use.release})
        if others:
            message = (
                f"labels[{use.index}]: '{use.label}' is also a label in "
                f"{', '.join(others)}; labels are unique across releases"
            )
            found.append((use, message))
    return found


LabelRule = Callable[[list[LabelUse]], list[tuple[LabelUse, str]]]

OWNER_RULES: tuple[OwnerRule, ...] = (check_one_name_per_launchpad_id,)
LABEL_RULES: tuple[LabelRule, ...] = (check_labels_across_releases,)
