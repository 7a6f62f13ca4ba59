"""``nova-priorities validate``: check priority files, report every problem."""

from __future__ import annotations

import argparse
import os
import sys

from ..early import EarlyChecks
from ..layout import Layout
from ..problems import Problem, Report, UsageError
from ..published import DiskFiles, Published
from ..reporters import FILE_FORMATS, add_output_options, format_help, reporter_for
from ..sources import (
    Selection,
    add_releases,
    all_specs,
    named_selection,
    repository_selection,
    unread_disk_releases,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="priority files to check (other files are skipped); "
        "default: every file in the data folder of this repository",
    )
    parser.add_argument(
        "--staged",
        action="store_true",
        help="check the priority files staged for commit, as staged (the git "
        "index), not as in the working tree; for a plain .git/hooks/pre-commit",
    )
    parser.add_argument(
        "--links-only",
        action="store_true",
        help="with --staged: check only the links of the data the commit breaks "
        "by deleting or moving files or dropping redirects (the "
        "priorities-links hook; priorities-validate checks the rest)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="check files in N processes when there are many (default: one per CPU)",
    )
    parser.add_argument(
        "--format",
        choices=FILE_FORMATS,
        default="text",
        help=format_help(FILE_FORMATS) + " (default: text)",
    )
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    if args.links_only:
        return _links_only(layout, args)
    # Imported before the checks of the files named start in a child
    # process, which then shares it (after, each process would import it).
    from ..runner import check_sources  # noqa: F401

    selection, early = _selection(layout, args)
    report, _ = _validated(layout, selection, early, args.jobs)
    reporter_for(args, sys.stdout).write(report)
    return report.exit_code


def _links_only(layout: Layout, args: argparse.Namespace) -> int:
    """The links the staged commit breaks, and nothing else."""
    if not args.staged:
        raise UsageError("--links-only goes with --staged")
    from .staged import staged_selection

    selection, early, links = staged_selection(layout, args, links_only=True)
    found, lost_checked = _validated(layout, selection, early, args.jobs)
    report = Report()
    # the files looked at for the links: the data whose links were checked,
    # the specs and data naming what the commit takes away
    for path in [*lost_checked, *sorted(links.specs), *sorted(links.continuers)]:
        report.result_for(path)
    for problem in found.problems:
        if links.keeps(problem):
            report.add(problem)
    reporter_for(args, sys.stdout).write(report)
    return report.exit_code


def _validated(
    layout: Layout, selection: Selection, early: EarlyChecks | None, jobs: int
) -> tuple[Report, list[str]]:
    """Every problem of the selection, and the data files whose links were
    checked for what a staged commit takes away."""
    report, known = Report(), set[str]()
    if selection.targets or selection.context or selection.others:
        from ..runner import check_sources

        files = selection.files or DiskFiles(layout.root)
        checked = check_sources(
            selection.targets,
            selection.context,
            jobs=jobs,
            keep_priorities=False,
            published=Published(layout.config, files),
            names_only=selection.others,
            release_order=layout.config.release_order,
            every_release=True,
            early=early,
        )
        report, known = checked, set(checked.titles)
    for problem in selection.problems:
        report.add(problem)
    if selection.specs:
        specs, problems = _spec_problems(layout, selection, known)
        for path in specs:
            report.result_for(path)
        for problem in problems:
            if problem not in selection.problems:  # an unlistable folder, once
                report.add(problem)
    lost_checked: list[str] = []
    if selection.lost_links:  # the staged files are what this run checks
        lost_checked, problems = selection.lost_links(jobs)
        for problem in problems:
            report.add(problem)
    return report, lost_checked


def _spec_problems(
    layout: Layout, selection: Selection, known: set[str]
) -> tuple[list[str], list[Problem]]:
    """The specs read, and their problems: each role against every
    priority of the repository (the releases not read yet, by name)."""
    from ..names_index import names_of
    from ..spec_check import check_specs, read_specs

    read = {key.partition("/")[0] for key in known}
    if selection.unread_releases is None:  # on disk
        missing, unlistable = unread_disk_releases(layout, read)
    else:
        missing, unlistable = selection.unread_releases(read)
    known |= {key for key, _ in names_of(missing)[2]}
    found, problems = read_specs(selection.specs, layout.root, selection.read_spec)
    specs = [spec for spec, _ in found]
    return [s.path for s in specs], unlistable + problems + check_specs(specs, known)


def _selection(
    layout: Layout, args: argparse.Namespace
) -> tuple[Selection, EarlyChecks | None]:
    """What to check, and the checks of the files named, if started."""
    if args.staged:
        from .staged import staged_selection

        selection, early, _ = staged_selection(layout, args)
        return selection, early
    settings = [path for path in args.paths if layout.is_settings_file(path)]
    if settings:  # they hold for every release: everything is checked
        named = named_selection(layout, [p for p in args.paths if p not in settings])
        return _everything(layout, named.problems), None
    if args.paths:
        selection = named_selection(layout, args.paths)
        # the files named are checked while the rest of the repository is listed
        early = EarlyChecks.start(selection.targets, args.jobs)
        add_releases(layout, selection)
        return selection, early
    layout.require_data("run inside the repository, or pass files")
    return repository_selection(layout), None


def _everything(layout: Layout, problems: list[Problem]) -> Selection:
    """Every data file and spec of the repository, with ``problems``."""
    if not os.path.isdir(layout.data_dir):  # no data yet (a new adopter)
        return Selection(problems=problems, specs=all_specs(layout))
    selection = repository_selection(layout)
    selection.problems += problems
    return selection
