"""``nova-priorities validate``: check priority files, report every problem."""

from __future__ import annotations

import argparse
import functools
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
    from ..runner import check_sources

    selection, early = _selection(layout, args)
    files = selection.files or DiskFiles(layout.root)
    report = check_sources(
        selection.targets,
        selection.context,
        jobs=args.jobs,
        keep_priorities=False,
        published=Published(layout.config, files),
        names_only=selection.others,
        release_order=layout.config.release_order,
        early=early,
    )
    for problem in selection.problems:
        report.add(problem)
    if selection.specs:
        checked, problems = _spec_problems(layout, selection, set(report.titles))
        for path in checked:
            report.result_for(path)
        for problem in problems:
            if problem not in selection.problems:  # an unlistable folder, once
                report.add(problem)
    if selection.lost_links:  # the staged files are what this run checks
        for problem in selection.lost_links(args.jobs)[1]:
            report.add(problem)
    reporter_for(args, sys.stdout).write(report)
    return report.exit_code


def _links_only(layout: Layout, args: argparse.Namespace) -> int:
    """The links the staged commit breaks, and nothing else."""
    if not args.staged:
        raise UsageError("--links-only goes with --staged")
    selection, _ = _selection(layout, args, read_releases=False)
    assert selection.lost_links is not None
    report = Report()
    checked, problems = selection.lost_links(args.jobs)
    if selection.specs:  # those naming a priority the commit takes away
        specs, spec_problems = _spec_problems(layout, selection, set())
        checked, problems = checked + specs, problems + spec_problems
    for path in checked:  # the data files whose links were checked, the specs
        report.result_for(path)
    for problem in problems:
        report.add(problem)
    reporter_for(args, sys.stdout).write(report)
    return report.exit_code


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
    layout: Layout, args: argparse.Namespace, *, read_releases: bool = True
) -> tuple[Selection, EarlyChecks | None]:
    """What to check, and the checks of the files named, if started.
    With ``--staged``, the files of the index that name a priority the
    commit takes away are checked too; without ``read_releases`` (the
    links only), only the specs among them."""
    if args.staged:
        if args.paths:
            raise UsageError("--staged takes no paths")
        from ..change_links import staged_broken_links, staged_naming_gone
        from ..gitindex import Git, StagedChange

        staged = StagedChange(Git.find(), layout)
        staged.selection.lost_links = functools.partial(staged_broken_links, staged)
        specs, data = staged_naming_gone(staged)  # roles and continues are links
        if not read_releases:  # the links only: the specs staged are not
            staged.selection.specs = specs
            return staged.selection, None
        staged.selection.specs += specs
        for name, mode, sha in data:  # checked as the commit's own files
            staged.changed.add(name)
            staged.add(name, mode, sha)
        # the files staged are checked while the rest of the index is read
        early = EarlyChecks.start(staged.selection.targets, args.jobs)
        staged.add_releases()
        return staged.selection, early
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
    if not os.path.isdir(layout.data_dir):
        raise UsageError(
            f"no {layout.config.data_dir}/ folder in {layout.root}: run inside "
            "the repository, or pass files"
        )
    return repository_selection(layout), None


def _everything(layout: Layout, problems: list[Problem]) -> Selection:
    """Every data file and spec of the repository, with ``problems``."""
    if not os.path.isdir(layout.data_dir):  # no data yet (a new adopter)
        return Selection(problems=problems, specs=all_specs(layout))
    selection = repository_selection(layout)
    selection.problems += problems
    return selection
