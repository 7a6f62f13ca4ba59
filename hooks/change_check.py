"""The checks of a change under review, read from git (for check-change).

The change is HEAD compared with its base (by default HEAD's first parent,
which is what Zuul prepares). Everything is read from the commits, never
from the working tree, and only the releases the change touches are read.

Checks: everything ``validate`` checks on the added and modified priority
files (with the rest of their releases for the cross-file rules); generated
pages in sync with the data (:mod:`.change_pages`); deleted or renamed
priorities still linked from pages (a warning), changes to closed releases
and release folders made symlinks (:mod:`.change_paths`); the specs'
``:priority:`` roles (:mod:`.change_specs`); links broken by the files the
change takes away (:mod:`.change_links`). A change to the settings holds
for every release: every data file is then checked, as by ``validate``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from .change_links import broken_links
from .change_pages import PageRenders, continued_pages, page_drift
from .change_paths import (
    closed_releases,
    linked_releases,
    removed_priorities,
    settings_changed,
)
from .change_specs import spec_problems
from .layout import DATA_SUFFIXES, Layout, Release
from .naming import is_release_name
from .problems import Problem, Report
from .published import Published
from .runner import check_sources
from .sources import NamesFolder, Source

if TYPE_CHECKING:
    from .gitindex import Git
    from .gitsource import TreeEntry


class ChangeUnderReview:
    """The change under review: its commits, files and releases."""

    def __init__(self, git: Git, layout: Layout, base: str | None) -> None:
        from .config import SETTINGS_FILES
        from .gitsource import changes, head_commit, resolve_base

        self.git, self.layout = git, layout
        self.head = head_commit(git)
        self.base = resolve_base(git, self.head, base)
        self.files = changes(git, self.base, self.head)
        # every path the change adds, modifies, deletes or renames, either side
        self.paths = {p for c in self.files for p in (c.old_path, c.new_path) if p}
        names = {
            name
            for path in self.paths
            if (name := layout.release_of_repository_path(path))
        }
        # The settings hold for every release: a change to them is checked
        # as a full validate checks the result.
        settings = not self.paths.isdisjoint(SETTINGS_FILES)
        self.everything = settings and settings_changed(self.base, self.head)
        if self.everything:
            names |= {os.path.basename(tree.path) for tree in self.release_trees}
        self.problems: list[Problem] = []  # met while reading the change
        self.releases = [
            layout.release(name, data_dir=layout.data_relative)
            for name in sorted(names)
        ]
        self.other_folders: list[str] = []  # the untouched releases' folders
        # needles -> the git grep for them, started (see _matching)
        self.searches: dict[tuple[str, ...], Callable[[], str]] = {}
        # the other folders' entries by path, as git lists them, while the
        # release is checked (see _other_releases; none until then)
        self.other_entries: Callable[[], dict[str, str]] = dict

    @functools.cached_property
    def data_entries(self) -> list[TreeEntry]:
        """What the data folder holds at the change's commit."""
        from .gitsource import tree_entries

        return tree_entries(self.head, self.layout.data_prefix)

    @functools.cached_property
    def release_trees(self) -> list[TreeEntry]:
        """The release folders of the data folder at the change's commit."""
        return [
            entry
            for entry in self.data_entries
            if entry.kind == "tree" and is_release_name(os.path.basename(entry.path))
        ]

    def release_of(self, path: str | None) -> Release | None:
        name = self.layout.release_of_repository_path(path) if path else None
        return next((r for r in self.releases if r.name == name), None)

    def is_data(self, path: str | None) -> bool:
        return path is not None and self.layout.classify(path, path) is not None


def check_change(
    git: Git, layout: Layout, base: str | None, *, search: bool = True
) -> Report:
    """Every problem of the change HEAD, compared with ``base``.

    The releases the change does not touch are searched with ``git grep``
    for what the repository-wide rules need (``search``: the tests compare
    with reading them whole)."""
    change = ChangeUnderReview(git, layout, base)
    targets, context = _sources(change)
    from .gitsource import CommitFiles

    published = Published(layout.config, CommitFiles(change.head))
    others = _other_releases(change, search) if targets else []
    if others and search:  # git searches them while the release is checked
        from .names_index import search_needles

        _matching(change, search_needles(targets), start_only=True)
    jobs = os.cpu_count() or 1
    renders = PageRenders(change)
    report = check_sources(
        targets,
        context,
        jobs=jobs,
        published=published,
        names_only=others,
        release_order=layout.config.release_order,
        every_release=True,
        meanwhile=renders.start,
    )
    for problem in [
        *change.problems,
        *closed_releases(change),
        *page_drift(change, report, renders),
        *continued_pages(change, report, others),
        *removed_priorities(change),
        *linked_releases(change),
        *broken_links(change, jobs),
    ]:
        report.add(problem)
    specs, problems = spec_problems(
        change, set(report.titles), lambda: _other_releases(change, search=False)
    )
    for path in specs:
        report.result_for(path)
    for problem in problems:
        report.add(problem)
    report.reviewed = frozenset(change.paths)
    return report


def _sources(change: ChangeUnderReview) -> tuple[list[Source], list[Source]]:
    """The data files the change adds or modifies, and the rest of their releases."""
    from .gitindex import is_utf8, not_utf8
    from .gitsource import blob_source, folder_sources, tree_entries

    layout = change.layout
    changed = {c.new_path for c in change.files if change.is_data(c.new_path)}
    for path in sorted(p for p in changed if p and not is_utf8(p)):
        change.problems.append(not_utf8(path))
        changed.discard(path)
    targets: list[Source] = []
    context: list[Source] = []
    for release in change.releases:
        for source in folder_sources(change.head, change.layout, release.folder):
            target = change.everything or source.file.path in changed
            (targets if target else context).append(source)
    # Data files outside any release folder are still checked (and refused).
    outside = [p for p in changed - {s.file.path for s in targets} if p]
    for entry in tree_entries(change.head, *outside):
        refused = blob_source(change.head, layout, entry, shown_as=entry.path)
        if entry.kind != "tree" and refused is not None:
            targets.append(refused)
    return targets, context


def _other_releases(change: ChangeUnderReview, search: bool) -> list[NamesFolder]:
    """The releases the change does not touch, at its commit: their names
    feed the repository-wide rules (stamped by tree id: read only when the
    cache does not know that tree). Their folders are listed meanwhile, by
    one ``git ls-tree``, for the files to read if they are."""
    from .gitsource import tree_records_started

    touched = {r.name for r in change.releases}
    folders = [
        tree
        for tree in change.release_trees
        if os.path.basename(tree.path) not in touched
    ]
    change.other_folders = [entry.path for entry in folders]
    # Few of their entries are read (a search's matches): each is parsed
    # when it is (_other_sources).
    listed = [f"{folder}/" for folder in change.other_folders]
    change.other_entries = tree_records_started(change.head, *listed)
    return [_names_folder(change, entry, search) for entry in folders]


def _names_folder(
    change: ChangeUnderReview, tree: TreeEntry, search: bool
) -> NamesFolder:
    path = tree.path
    return NamesFolder(
        os.path.basename(path),
        path,
        lambda: f"tree:{tree.sha}",
        lambda: _other_sources(change, path),
        kind="commit",
        search=(lambda needles, keys: _search(change, path, needles, keys))
        if search
        else None,
    )


def _search(
    change: ChangeUnderReview, folder: str, needles: list[str], keys: set[str]
) -> list[Source]:
    """The data files directly in ``folder`` at the change's commit that
    hold a needle or a backslash (see :func:`_matching`), and those of
    ``keys`` (see NamesFolder.search)."""
    release = os.path.basename(folder)
    paths = {
        path for path in _matching(change, needles) if os.path.dirname(path) == folder
    }
    slugs = {key.partition("/")[2] for key in keys if key.partition("/")[0] == release}
    paths |= {f"{folder}/{slug}{suffix}" for slug in slugs for suffix in DATA_SUFFIXES}
    return _other_sources(change, folder, paths)


def _other_sources(
    change: ChangeUnderReview, folder: str, only: set[str] | None = None
) -> list[Source]:
    """The data files directly in ``folder``, one of the untouched releases,
    from their listing (those of the paths ``only``, if given)."""
    from .gitsource import entry_of, listed_sources

    records = change.other_entries()
    if only is None:
        only = {path for path in records if os.path.dirname(path) == folder}
    found = [entry_of(path, records[path]) for path in sorted(only) if path in records]
    return listed_sources(change.head, change.layout, folder, found)


def _matching(
    change: ChangeUnderReview, needles: list[str], *, start_only: bool = False
) -> set[str]:
    """The files of the untouched releases at the change's commit that hold
    a needle or a backslash (case-insensitively): one ``git grep`` for all
    of them, started once per set of needles (``start_only``: started, not
    waited for)."""
    from .gitsource import grep_started, listed_paths

    wanted = tuple(needles)
    if wanted not in change.searches:
        patterns = [arg for needle in [*needles, "\\"] for arg in ("-e", needle)]
        # One thread: it searches while this process checks the release, and
        # a second thread would take this process' processor for no gain.
        # -a: every file as text, for git skips the files a .gitattributes
        # calls binary, and the change brings its own.
        change.searches[wanted] = grep_started(
            change.head, "-l", "-z", "-a", "-i", "-F", "--no-color", "--threads=1",
            *patterns,
            paths=[f":(literal){folder}/" for folder in change.other_folders],
        )  # fmt: skip
    if start_only:
        return set()
    return set(listed_paths(change.head, change.searches[wanted]()))
