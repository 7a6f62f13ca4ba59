"""The rules that span every release of a repository.

Each rule receives the uses of a name (an owner's, a label) from all
releases and gives each offending use with its message; the runner places
it, reading again only the few files that need a position.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from .layout import release_sort_key
from .loader import Path
from .model import Priority, normalize_name
from .problems import did_you_mean


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


@dataclasses.dataclass(frozen=True, slots=True)
class ContinuesUse:
    """A priority's ``continues``: the chains of priorities across releases."""

    path: str
    release: str
    slug: str
    target: str

    rule = "continues"

    @property
    def where(self) -> Path:
        return ("continues",)


def continues_uses(priority: Priority) -> list[ContinuesUse]:
    if not priority.continues:
        return []
    return [
        ContinuesUse(priority.path, priority.release, priority.slug, priority.continues)
    ]


def check_continues(
    uses: list[ContinuesUse],
    known: set[str],
    read: set[str] | None,
    order: tuple[str, ...] = (),
) -> list[tuple[ContinuesUse, str]]:
    """``continues`` names a priority of the repository, in an earlier
    release (so a chain never loops), and no two priorities of one release
    continue the same one (a chain does not fork into one release).

    ``known`` are the priorities of the releases ``read`` (None: of every
    release): a target in a release the run did not read is not looked
    for; when it read them all, a release it did not read is none."""
    sharing: dict[tuple[str, str], list[str]] = defaultdict(list)
    for use in uses:
        sharing[(use.release, use.target)].append(use.path)
    found = []
    for use in uses:
        target_release = use.target.partition("/")[0]
        others = [
            path for path in sharing[(use.release, use.target)] if path != use.path
        ]
        if use.target not in known and (read is None or target_release in read):
            mine = release_sort_key(use.release, order)
            earlier = [
                key
                for key in sorted(known)
                if release_sort_key(key.partition("/")[0], order) < mine
            ]  # what it could continue
            hint = did_you_mean(use.target, earlier, before="; ")
            message = f"continues: {use.target} is no priority of this repository{hint}"
        elif release_sort_key(target_release, order) >= release_sort_key(
            use.release, order
        ):
            message = (
                f"continues: {use.target} is not from a release before {use.release}; "
                "a priority carries over one of an earlier release (set "
                "release-order in the configuration if the names do not sort by time)"
            )
        elif others:
            message = (
                f"continues: {use.target} is also continued by {', '.join(others)}; "
                "one priority of a release carries another over"
            )
        else:
            continue
        found.append((use, message))
    return found


@dataclasses.dataclass
class Uses:
    """What the repository-wide rules look at, from every release read."""

    owners: list[OwnerUse] = dataclasses.field(default_factory=list)
    labels: list[LabelUse] = dataclasses.field(default_factory=list)
    known: dict[str, str] = dataclasses.field(default_factory=dict)
    continues: list[ContinuesUse] = dataclasses.field(default_factory=list)

    def add(
        self,
        owners: list[OwnerUse],
        labels: list[LabelUse],
        known: list[tuple[str, str]],
        continues: Sequence[ContinuesUse] = (),
    ) -> None:
        self.owners += owners
        self.labels += labels
        self.known.update(dict(known))
        self.continues += continues

    def problems(
        self, read: set[str] | None, order: tuple[str, ...]
    ) -> list[tuple[OwnerUse | LabelUse | ContinuesUse, str]]:
        return [
            *(found for rule in OWNER_RULES for found in rule(self.owners)),
            *(found for rule in LABEL_RULES for found in rule(self.labels)),
            *check_continues(self.continues, set(self.known), read, order),
        ]
