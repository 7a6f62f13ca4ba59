"""What ``validate --staged`` checks: the commit being made, as staged.

Its data files and specs; the files of the index that name a priority it
deletes or renames (a spec's ``:priority:`` role, another priority's
``continues``), which the full ``validate`` after the commit would find
wrong; and the links it breaks by taking a file away. With
``--links-only`` (the ``priorities-links`` hook), only what those other
files and the links say: ``priorities-validate`` shows the problems of the
commit's own files, so each problem shows once.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools

from ..early import EarlyChecks
from ..layout import Layout
from ..problems import Problem, UsageError
from ..sources import Selection


@dataclasses.dataclass
class Links:
    """What ``--links-only`` reports: the lost links, and the problems of
    the files that name a priority the commit takes away (only their
    ``continues`` for data files: the rest was there before)."""

    specs: set[str]
    continuers: set[str]

    def keeps(self, problem: Problem) -> bool:
        if problem.rule == "lost-link" or problem.path in self.specs:
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
    specs, data = staged_naming_gone(staged)  # roles and continues are links
    continuers = {staged.git.display(name) for name, _, _ in data}
    links = Links({path for path, _, _ in specs}, continuers)
    if links_only:
        selection.specs = specs  # the commit's own are priorities-validate's
        if not data:
            selection.targets = []
            return selection, None, links
    else:
        selection.specs += specs
    for name, mode, sha in data:  # checked with the commit's own files
        staged.changed.add(name)
        staged.add(name, mode, sha)
    # the files staged are checked while the rest of the index is read
    early = EarlyChecks.start(selection.targets, args.jobs)
    staged.add_releases()
    return selection, early, links
