"""What the repository-wide rules need from the releases a run does not
check: each valid file's owners and extra labels.

A hook given one changed file must still see a Launchpad id named
otherwise, or a label used, in any other release. Checking every file of
every release for that would make each commit cost what the repository
costs, so this reads only those names, and keeps them in one cache bundle
per data folder under each release's stamp (one listing of the folder with
its files' sizes, times and inodes, or their blob ids from git): a release
whose files did not change is not read, nor even listed as sources, again.
A full ``validate`` still reads and checks everything.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeGuard

from . import cache
from .model import Priority, normalize_name
from .problems import ProblemError
from .repository_rules import (
    ContinuesUse,
    LabelUse,
    OwnerUse,
    Uses,
    continues_uses,
    label_uses,
    owner_uses,
)
from .sources import NamesFolder, Source
from .workers import Forked

Names = tuple[list[OwnerUse], list[LabelUse], list[tuple[str, str]], list[ContinuesUse]]


@dataclasses.dataclass(frozen=True)
class Wanted:
    """The owners and labels a run's rules can use: those sharing a
    Launchpad id or a label (normalized) with the files it checks. The
    repository-wide rules judge a use by those alone, so the others are
    never built."""

    launchpads: set[str]
    labels: set[str]
    # <release>/<slug> of the priorities the checked ones continue: their
    # titles name them on the pages, and ``continues`` must find them
    keys: set[str] = dataclasses.field(default_factory=set)
    # <release>/<slug> of the checked files: a page that shows what its
    # priorities continue (continues="yes") shows their titles
    continued: set[str] = dataclasses.field(default_factory=set)

    @classmethod
    def of(
        cls,
        owners: Iterable[OwnerUse],
        labels: Iterable[LabelUse],
        keys: Iterable[str] = (),
        continued: Iterable[str] = (),
    ) -> Wanted:
        """What is wanted for the files of these owners and labels, the
        priorities of ``keys``, and the files that continue ``continued``."""
        return cls(
            {use.launchpad for use in owners},
            {normalize_name(use.label) for use in labels},
            set(keys),
            set(continued),
        )

    def needles(self) -> list[str]:
        """What a file holding a wanted owner or label contains on one line:
        the Launchpad id (it has no spaces), the longest word of the label
        (a YAML line break may fold the label's spaces); and what a file
        continuing a checked priority does: its ``<release>/<slug>``."""
        words = {max(re.split(r"[ ._-]+", label), key=len) for label in self.labels}
        return sorted(self.launchpads | words | self.continued)


def names_for(
    folders: Sequence[NamesFolder],
    uses: Uses,
    known: set[str],
    targets: Sequence[Source],
    jobs: int,
    *,
    cached: CachedNames | None = None,
) -> Names:
    """What the rules need of ``folders`` (releases read for names only)
    for the files a run read (``uses``, of which ``targets`` are checked,
    and the priorities ``known`` among them): the owners and labels that
    share a Launchpad id or a label with the targets, the titles of the
    priorities continued, and the priorities that continue a target.
    Folders that can search their files read only those that may hold them;
    if a target then continues a priority not found, every file is read,
    for the "did you mean" hint. ``cached``: what :func:`cached_names`
    found, if asked already."""
    paths = {source.file.path for source in targets}
    wanted = Wanted.of(
        (use for use in uses.owners if use.path in paths),
        (use for use in uses.labels if use.path in paths),
        (use.target for use in uses.continues),
        _keys(targets),
    )
    found = names_of(folders, wanted, jobs, search=True, cached=cached)
    known = known | {key for key, _ in found[2]}
    continued = [use.target for use in uses.continues if use.path in paths]
    if any(target not in known for target in continued):
        found = names_of(folders, wanted, jobs)
    return found


def search_needles(targets: list[Source]) -> list[str]:
    """The needles :func:`names_for` searches for when ``targets`` are the
    files checked, read here from the files themselves: a search can start
    before they are checked."""
    owners, labels, _, _ = read_names(targets)
    found = Wanted.of(
        (OwnerUse(*u) for u in owners),
        (LabelUse(*u) for u in labels),
        continued=_keys(targets),
    )
    return found.needles()


def _keys(targets: Sequence[Source]) -> set[str]:
    """``<release>/<slug>`` of the files checked."""
    return {f"{t.file.release}/{t.file.slug}" for t in targets if t.file.release}


@dataclasses.dataclass
class CachedNames:
    """What the cache holds for some folders, read before any folder is
    (:func:`cached_names`): their bundle's entries, their stamps, and which
    folders' entries are stale."""

    bundle: str
    entries: dict[str, Any]
    stamps: list[str | None]
    stale: list[int]


def cached_names(folders: Sequence[NamesFolder]) -> CachedNames:
    """The first part of :func:`names_of`: stamps and cached entries,
    nothing read."""
    return EarlyNames(folders, fork=False).cached()


class EarlyNames:
    """:func:`cached_names`, started while a child process checks a run's
    targets: the bundle is read now, and with ``fork`` the stamps of folders
    on disk (a system call per file) are taken in another child meanwhile
    (one from git, whose processes a child must not share, is stamped here
    when asked)."""

    def __init__(self, folders: Sequence[NamesFolder], *, fork: bool = True) -> None:
        self.folders = folders
        self.stamps: Forked[list[str | None]] | None = None
        if fork and all(folder.kind == "disk" for folder in folders):
            self.stamps = Forked(lambda: _stamps(folders))
        identity = os.path.commonpath([os.path.abspath(f.path) for f in folders])
        kinds = sorted({folder.kind for folder in folders})
        self.bundle = cache.bundle_name(f"names:{':'.join(kinds)}:{identity}")
        self.entries = cache.load(self.bundle)

    def cached(self) -> CachedNames:
        """The stamps, the cached entries and which of them are stale."""
        stamps = self.stamps.result() if self.stamps else _stamps(self.folders)
        paths = [folder.path for folder in self.folders]
        stale = [
            index
            for index, (path, stamp) in enumerate(zip(paths, stamps, strict=True))
            if not _holds(self.entries.get(path), stamp)
        ]
        return CachedNames(self.bundle, self.entries, stamps, stale)


def _stamps(folders: Sequence[NamesFolder]) -> list[str | None]:
    return [None if (s := f.stamp()) is None else cache.key(s) for f in folders]


def _holds(entry: object, stamp: str | None) -> bool:
    """Whether ``entry`` is a folder's names cached under ``stamp``."""
    return stamp is not None and _is_entry(entry) and entry[0] == stamp


def names_of(
    folders: Sequence[NamesFolder],
    wanted: Wanted | None = None,
    jobs: int = 1,
    *,
    search: bool = False,
    cached: CachedNames | None = None,
) -> Names:
    """The owner and label uses of the valid files of ``folders`` (those
    ``wanted``, if given), their ``<release>/<slug>`` with their titles
    (what ``continues`` may name), and their ``continues`` (of a priority
    ``wanted.continued``). The folders not in the cache (``cached``,
    if read already) are read in ``jobs`` worker processes.

    With ``search``, a folder not in the cache that can search its files
    (``NamesFolder.search``) reads only those that may hold what is
    ``wanted``: the owners and labels are then complete, the titles only
    those of ``wanted.keys``, and nothing is cached for it.
    """
    if not folders:
        return [], [], [], []
    cached = cached or cached_names(folders)
    found: list[Any] = [cached.entries.get(folder.path) for folder in folders]
    entries: dict[str, Any] = {}
    stale = _read_folders(folders, cached.stale, wanted, jobs, search)
    for index, searched, names in stale:
        # a folder searched, not read whole, is not cached: no stamp
        found[index] = [None if searched else cached.stamps[index], *names]
        if not searched and cached.stamps[index] is not None:
            entries[folders[index].path] = found[index]
    owners: list[OwnerUse] = []
    labels: list[LabelUse] = []
    known: list[tuple[str, str]] = []
    continuing: list[ContinuesUse] = []
    for entry in found:
        owners += [
            OwnerUse(*use)
            for use in entry[1]
            if wanted is None or use[3] in wanted.launchpads
        ]
        labels += [
            LabelUse(*use)
            for use in entry[2]
            if wanted is None or normalize_name(use[2]) in wanted.labels
        ]
        known += [(key, title) for key, title in entry[3]]
        continuing += [
            ContinuesUse(*use)
            for use in entry[4]
            if wanted is None or use[3] in wanted.continued
        ]
    # The folders this run did not ask for stay: the next commit may touch
    # another release, and then ask for this run's target release.
    if entries:
        cache.store(cached.bundle, {**cached.entries, **entries})
    return owners, labels, known, continuing


def _read_folders(
    folders: Sequence[NamesFolder],
    stale: list[int],
    wanted: Wanted | None,
    jobs: int,
    search: bool,
) -> Iterator[tuple[int, bool, tuple[list[Any], list[Any], list[Any], list[Any]]]]:
    """(index, whether it was searched, its names) of the ``stale`` folders,
    read in ``jobs`` worker processes."""
    searched = set()
    groups = []
    # Listed here, read in the workers: a listing may run git, whose
    # processes a forked worker must not share.
    for index in stale:
        folder = folders[index]
        if search and wanted is not None and folder.search is not None:
            searched.add(index)
            groups.append(folder.search(wanted.needles(), wanted.keys))
        else:
            groups.append(folder.sources())
    from .workers import HALVED_FROM, PARALLEL_FROM, forked_map, halved_map

    files = sum(map(len, groups))
    found: Iterable[tuple[list[Any], list[Any], list[Any], list[Any]]]
    if jobs > 1 and HALVED_FROM <= files < PARALLEL_FROM:  # a search found some
        found = halved_map(read_names, groups, _as_is, _as_is)
    else:
        found = forked_map(read_names, groups, jobs if files >= PARALLEL_FROM else 1)
    for index, names in zip(stale, found, strict=True):
        yield index, index in searched, names


def _as_is(value: Any) -> Any:
    return value


def _is_entry(entry: object) -> TypeGuard[list[Any]]:
    """A cached folder entry: [stamp, owners, labels, known, continues],
    each use a list of the fields of its class."""
    try:
        return (
            isinstance(entry, list)
            and len(entry) == 5
            and all(len(use) == 4 for use in [*entry[1], *entry[2], *entry[4]])
            and all(
                isinstance(key, str) and isinstance(title, str)
                for key, title in entry[3]
            )
        )
    except (TypeError, ValueError):
        return False


def read_names(
    group: list[Source],
) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
    """The owners, labels, ``<release>/<slug>`` keys with titles, and
    continues of the valid files of ``group``, as the cache keeps them
    (lists of fields)."""
    from .engine import check_file

    owners: list[Any] = []
    labels: list[Any] = []
    known: list[Any] = []
    continues: list[Any] = []
    for source in group:
        file = source.file
        if file.release is None:
            continue
        try:
            text: str | ProblemError = source.read()
        except ProblemError as error:
            text = error
        # Valid as a full run says it (its name and characters too), but for
        # the markup: its description is not given to docutils.
        data = check_file(file, text, rst=False).data
        if data is None:
            continue  # a full run reports why
        priority = Priority.from_data(data, file.release, file.slug)
        known.append([f"{file.release}/{file.slug}", priority.title])
        owners += [
            [file.path, u.index, u.name, u.launchpad] for u in owner_uses(priority)
        ]
        labels += [
            [file.path, u.index, u.label, u.release] for u in label_uses(priority)
        ]
        continues += [
            [file.path, u.release, u.slug, u.target] for u in continues_uses(priority)
        ]
    return owners, labels, known, continues
