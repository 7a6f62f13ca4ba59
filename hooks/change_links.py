"""Links a change breaks in data it does not touch, for check-change.

nova-specs moves the specs implemented in a cycle from ``approved/`` to
``implemented/``, with a line in ``redirects`` for each. A change that
moves, deletes or stops redirecting a file a priority links to breaks that
link, though it changes no data: a full ``validate`` after the merge says
so. Such a change has the links of every data file checked, and each link
it breaks is reported on the change's own file that took the target away.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable
from typing import NamedTuple

from .change_paths import ChangeUnderReview
from .problems import Problem
from .published import Published, redirect_moves


class Taken(NamedTuple):
    """How a change takes a file away."""

    at: str  # the change's file to report on
    what: str  # what the change does
    advice: str


_MOVED = "update the link, or list the move in a redirects file (redirects-file)"
_DROPPED = "keep the redirect, or update the link"


def lost_files(change: ChangeUnderReview) -> dict[str, Taken]:
    """The files of the change's base that its commit takes away."""
    from .gitsource import read_blob

    base = change.base
    if base is None:
        return {}
    lost: dict[str, Taken] = {}
    for c in change.files:
        old, new = c.old_path, c.new_path
        if old and new is None:
            lost[old] = Taken(old, f"deletes {old}", "update the link")
        elif old and new and old != new:
            lost[old] = Taken(new, f"moves {old} to {new}", _MOVED)
    name = change.layout.config.redirects_file
    redirects = [p for p in change.paths if name and posixpath.basename(p) == name]
    for path in sorted(redirects):
        before = redirect_moves(path, read_blob(base, path) or "")
        after = redirect_moves(path, read_blob(change.head, path) or "")
        for old, new in before.items():
            if after.get(old) != new:
                what = f"drops the redirect of {old}"
                lost.setdefault(old, Taken(path, what, _DROPPED))
    return lost


def broken_links(change: ChangeUnderReview, jobs: int) -> list[Problem]:
    """The links of the data files the change does not touch that named a
    file at its base, and name none at its commit because of the change
    (a link broken before is not the change's doing). None to look for
    when the change takes no file away, or changes the settings (then
    every data file is checked already)."""
    from .gitsource import CommitFiles, folder_sources
    from .runner import check_sources

    lost = lost_files(change)
    if not lost or change.everything or change.base is None:
        return []
    touched = {c.new_path for c in change.files if c.new_path}
    untouched = [
        source
        for tree in change.release_trees
        for source in folder_sources(change.head, change.layout, tree.path)
        if source.file.path not in touched
    ]
    config = change.layout.config
    published = _LostTargets(
        config,
        CommitFiles(change.head),
        before=Published(config, CommitFiles(change.base)),
        lost=lost,
    )
    checked = check_sources(
        untouched, jobs=jobs, keep_priorities=False, published=published
    )
    return [p for p in checked.problems if p.rule == _RULE]


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
