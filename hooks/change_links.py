"""Links a change breaks in data it does not touch: for check-change (a
commit against its base) and for ``validate --staged`` (the git index
against HEAD, the ``priorities-links`` hook).

nova-specs moves the specs implemented in a cycle from ``approved/`` to
``implemented/``, with a line in ``redirects`` for each. A change that
moves, deletes or stops redirecting a file a priority links to breaks that
link, though it changes no data: a full ``validate`` after the merge says
so. Such a change has the links of every data file checked, and each link
it breaks is reported on the change's own file that took the target away.
A staged commit that deletes or renames a priority also has the files of
the index that mention it found (:func:`staged_naming_gone`): a spec's
``:priority:`` role and a ``continues`` are links too. (check-change finds
those with :mod:`.change_specs` and :mod:`.change_paths`.)
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from .layout import DATA_SUFFIXES
from .problems import Problem
from .published import Published, redirect_moves
from .sources import Source

if TYPE_CHECKING:
    from .change_paths import ChangeUnderReview
    from .gitindex import StagedChange
    from .layout import PriorityFile


class Taken(NamedTuple):
    """How a change takes a file away."""

    at: str  # the change's file to report on
    what: str  # what the change does
    advice: str


_MOVED = "update the link, or list the move in a redirects file (redirects-file)"
_DROPPED = "keep the redirect, or update the link"


def lost_files(
    moves: Iterable[tuple[str | None, str | None]],
    paths: Iterable[str],
    redirects_file: str,
    read_before: Callable[[str], str | None],
    read_after: Callable[[str], str | None],
) -> dict[str, Taken]:
    """The files a change takes away: those ``moves`` (old path, new path;
    None for a side that has none) delete or move elsewhere, and those whose
    redirect the change's ``paths`` drop (redirects files read before and
    after the change)."""
    lost: dict[str, Taken] = {}
    for old, new in moves:
        if old and new is None:
            lost[old] = Taken(old, f"deletes {old}", "update the link")
        elif old and new and old != new:
            lost[old] = Taken(new, f"moves {old} to {new}", _MOVED)
    for path in sorted(_redirects_files(paths, redirects_file)):
        before = redirect_moves(path, read_before(path) or "")
        after = redirect_moves(path, read_after(path) or "")
        for old, new in before.items():
            if after.get(old) != new:
                what = f"drops the redirect of {old}"
                lost.setdefault(old, Taken(path, what, _DROPPED))
    return lost


def _redirects_files(paths: Iterable[str], name: str) -> list[str]:
    """Those of ``paths`` that are redirects files (``redirects-file``)."""
    return [path for path in paths if name and posixpath.basename(path) == name]


def links_lost(
    lost: dict[str, Taken],
    untouched: list[Source],
    before: Published,
    after: Published,
    jobs: int,
) -> tuple[list[str], list[Problem]]:
    """The data files ``untouched`` checked, and the links of theirs that
    named a file at the change's base (``before``) and name none after it
    because the change took the file away (``lost``): a link broken before
    is not the change's doing."""
    from .runner import check_sources

    published = _LostTargets(after.config, after.files, before=before, lost=lost)
    checked = check_sources(
        untouched, jobs=jobs, keep_priorities=False, published=published
    )
    problems = [p for p in checked.problems if p.rule == _RULE]
    return [source.file.path for source in untouched], problems


def broken_links(change: ChangeUnderReview, jobs: int) -> list[Problem]:
    """The links the change breaks in the data files it does not touch.
    None to look for when the change takes no file away, or changes the
    settings (then every data file is checked already)."""
    from .gitsource import CommitFiles, folder_sources, read_blob

    base = change.base
    if change.everything or base is None:
        return []
    config = change.layout.config
    lost = lost_files(
        [(c.old_path, c.new_path) for c in change.files],
        change.paths,
        config.redirects_file,
        lambda path: read_blob(base, path),
        lambda path: read_blob(change.head, path),
    )
    if not lost:
        return []
    touched = {c.new_path for c in change.files if c.new_path}
    untouched = [
        source
        for tree in change.release_trees
        for source in folder_sources(change.head, change.layout, tree.path)
        if source.file.path not in touched
    ]
    before = Published(config, CommitFiles(base))
    after = Published(config, CommitFiles(change.head))
    return links_lost(lost, untouched, before, after, jobs)[1]


def staged_broken_links(
    staged: StagedChange, jobs: int
) -> tuple[list[str], list[Problem]]:
    """The data files checked, and the links a commit being made (the git
    index against HEAD) breaks in the data files it leaves as they are.
    Nothing is read when it deletes nothing and changes no redirects file,
    or changes the settings (then every data file is a target already)."""
    git, config = staged.git, staged.layout.config
    redirects = _redirects_files(staged.changed, config.redirects_file)
    if staged.everything or not (staged.deleted or redirects):
        return [], []
    from .gitindex import IndexFiles
    from .gitsource import Commit, CommitFiles, read_blob

    head = git.attempt("rev-parse", "--verify", "-q", "HEAD^{commit}")
    if not head:  # nothing before a first commit
        return [], []
    base = Commit(git, head.decode("ascii").strip())
    index = IndexFiles(git)
    lost = lost_files(
        _staged_moves(staged),
        [*staged.changed, *staged.deleted],
        config.redirects_file,
        lambda path: read_blob(base, path),
        index.read,
    )
    if not lost:
        return [], []
    before = Published(config, CommitFiles(base))
    checked, problems = links_lost(
        lost, staged.unchanged_sources(), before, Published(config, index), jobs
    )
    shown = [dataclasses.replace(p, path=git.display(p.path)) for p in problems]
    return checked, shown


def staged_naming_gone(staged: StagedChange) -> list[tuple[str, str, str]]:
    """The files of the index the commit leaves as they are that mention a
    priority it deletes or renames (``git grep --cached -F`` for its name),
    as ``ls-files -s`` records (name, mode, blob id) for
    :meth:`.StagedChange.add`: a spec's :priority: role and a data file's
    ``continues`` are links too."""
    from .gitindex import names, staged_files

    kept = {(f.release, f.slug) for f in _data_files(staged, staged.changed)}
    gone = {
        f"{f.release}/{f.slug}"
        for f in _data_files(staged, staged.deleted)
        if (f.release, f.slug) not in kept  # bugs.json to bugs.yaml: kept
    }
    if not gone:
        return []
    needles = [arg for key in sorted(gone) for arg in ("-e", key)]
    kinds = ["*.rst", *(f"*{suffix}" for suffix in DATA_SUFFIXES)]
    listed = staged.git.attempt(
        "grep", "--cached", "-l", "-z", "-a", "-F", *needles, "--", *kinds
    )
    paths = [f":(literal){p}" for p in names(listed or b"") if p not in staged.changed]
    return staged_files(staged.git, *paths) if paths else []


def _data_files(staged: StagedChange, names: Iterable[str]) -> list[PriorityFile]:
    layout, git = staged.layout, staged.git
    found = (layout.classify(git.display(name), relative=name) for name in names)
    return [file for file in found if file is not None]


def _staged_moves(staged: StagedChange) -> list[tuple[str, str | None]]:
    """The staged deletions as (old path, new path): the new one of a
    rename git finds, else None (asked for only when there are any)."""
    from .gitindex import is_utf8, names

    if not staged.deleted:
        return []
    raw = staged.git.run(
        "diff", "--cached", "--name-status", "-M", "--diff-filter=DR", "-z"
    )  # fmt: skip
    records, moves = iter(names(raw)), []
    for status in records:  # "D" and a path, or "R<score>" and two
        old = next(records)
        new = next(records) if status.startswith("R") else None
        if is_utf8(old) and (new is None or is_utf8(new)):
            moves.append((old, new))
    return moves


_RULE = "lost-link"


@dataclasses.dataclass
class _LostTargets(Published):
    """The published tree at the change's commit, reporting only the links
    that went to a file of ``lost`` at the base (``before``)."""

    before: Published | None = None
    lost: dict[str, Taken] = dataclasses.field(default_factory=dict)

    def broken_links(
        self,
        links: list[tuple[str, Problem]],
        release_of: Callable[[str], str | None],
    ) -> list[Problem]:
        assert self.before is not None
        found = []
        for url, where in links:
            release = release_of(where.path)
            if release is None or self.link_problem(url, release) is None:
                continue
            went, _ = self.before.path_of(url, release)
            taken = next((path for path in went if path in self.lost), None)
            if taken is None:
                continue  # broken before the change, or not by it
            at, what, advice = self.lost[taken]
            linked = f"{where.path}:{where.line}:{where.column}"
            message = f"this change {what}, which {linked} links to ({url!r}): {advice}"
            found.append(Problem(at, 1, 1, message, rule=_RULE))
        return found
