"""What ``validate --staged`` checks: the commit being made, as staged.

Its data files and specs; the files of the index that name a priority it
deletes or renames (a spec's ``:priority:`` role, another priority's
``continues``), which the full ``validate`` after the commit would find
wrong; the links it breaks by taking a file away; and the release folders
it makes symlinks or submodules. With ``--links-only`` (the
``priorities-links`` hook), only what those other files, the links and
those folders say: ``priorities-validate`` shows the problems of the
commit's own files, so each problem shows once (pre-commit passes no hook
a symlink or a submodule).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
from typing import TYPE_CHECKING

from ..early import EarlyChecks
from ..layout import Layout
from ..problems import Problem, UsageError
from ..sources import Selection

if TYPE_CHECKING:
    from ..gitindex import StagedChange


@dataclasses.dataclass
class Links:
    """What ``--links-only`` reports: the lost links, the release folders
    made links, and the problems of the files that name a priority the
    commit takes away (only their ``continues`` for data files: the rest
    was there before)."""

    specs: set[str]
    continuers: set[str]
    folders: set[str]

    def keeps(self, problem: Problem) -> bool:
        if problem.rule == "lost-link" or problem.path in self.specs | self.folders:
            return True
        return problem.path in self.continuers and problem.rule == "continues"


def staged_selection(
    layout: Layout, args: argparse.Namespace, *, links_only: bool = False
) -> tuple[Selection, EarlyChecks | None, Links]:
    """The commit's selection, the checks of its files (started), and
    what ``--links-only`` keeps. With ``links_only`` and no file naming
    what the commit takes away, nothing but the links is read."""
    if args.paths:
        raise UsageError("--staged takes no paths")
    from ..change_links import staged_broken_links, staged_naming_gone
    from ..gitindex import Git, StagedChange

    staged = StagedChange(Git.find(), layout)
    selection = staged.selection
    selection.lost_links = functools.partial(staged_broken_links, staged)
    own_targets, own_specs = selection.targets, selection.specs
    selection.targets, selection.specs = [], []
    linked = _linked_releases(staged)
    selection.problems += linked
    for name, mode, sha in staged_naming_gone(staged):  # their links are too
        staged.changed.add(name)
        staged.add(name, mode, sha)  # a spec to read, or data to check
    links = Links(
        specs={path for path, _, _ in selection.specs},
        continuers={source.file.path for source in selection.targets},
        folders={problem.path for problem in linked},
    )
    if links_only and not links.continuers:
        return selection, None, links  # the links and those specs only
    # The commit's own files are checked with them (with the links only,
    # for the rules that span files: their problems are not reported).
    selection.targets = own_targets + selection.targets
    if not links_only:
        selection.specs = own_specs + selection.specs
    # the files staged are checked while the rest of the index is read
    early = EarlyChecks.start(selection.targets, args.jobs)
    staged.add_releases()
    return selection, early, links


def _linked_releases(staged: StagedChange) -> list[Problem]:
    """The release folders the commit makes symlinks or submodules: git
    lists each as a file, which no data pattern matches."""
    from ..change_paths import linked_release, release_paths
    from ..gitindex import staged_files

    git = staged.git
    paths = release_paths(staged.layout, staged.changed)
    found = []
    # no paths would list the whole index: most commits touch no such path
    for name, mode, sha in staged_files(git, *paths) if paths else ():
        target = functools.partial(git.text, sha)
        problem = linked_release(git.display(name), int(mode, 8), target)
        found += [problem] if problem else []
    return found
