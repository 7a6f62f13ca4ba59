"""``nova-priorities render``: regenerate the pages of releases.

Only the generated regions of a page are rewritten (see :mod:`.pages`);
a missing page is created. Exit 1 with ``Regenerated <path>`` when a page
was written (the pre-commit convention for fixers), 0 when all were up to
date. ``--check`` writes nothing and shows what would change.

As a pre-commit hook (``--files``) it runs on every commit: with no
release to render it returns before the checks and pages are imported.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..layout import DATA_SUFFIXES, Layout, linked_folder
from ..naming import is_release_name
from ..problems import ProblemError, UsageError
from ..reporters import ProblemsOnlyReporter, add_output_options, use_color


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "releases",
        nargs="*",
        metavar="RELEASE",
        help="releases to render, e.g. kilo (default: every release folder)",
    )
    parser.add_argument(
        "--files",
        action="store_true",
        help="the arguments are changed files, as pre-commit passes them: render "
        "the releases they belong to (a file outside the data folder, such as the "
        "schema, renders every release); problems in those files are left to "
        "the validate hook, so a commit shows each problem once",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; show a diff and exit 1 when a page is out of date",
    )
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    # (with --files, the hook: in a project with no data yet, nothing to do)
    if not args.files:
        layout.require_data()
    wanted = _releases_of_files(layout, args.releases) if args.files else None
    if wanted == []:  # the commit changes no release's data (the hook's usual case)
        return 0
    from ..sources import entry_path
    from .pages import regenerate

    names = _releases(layout, args.releases) if wanted is None else wanted
    # With --files the validate hook shows the problems of those files, and
    # the links hook the release folders a commit makes symlinks (pre-commit
    # passes no hook a symlink): each problem shows once.
    shown = {entry_path(path) for path in args.releases} if args.files else set()
    report, status = regenerate(
        layout,
        names,
        check=args.check,
        shown=shown,
        quiet=args.quiet,
        folders=not args.files,
    )
    color = use_color(args.color, sys.stdout)
    ProblemsOnlyReporter(sys.stdout, color=color).write(report)
    return 1 if report.error_count else status


def _releases_of_files(layout: Layout, paths: list[str]) -> list[str]:
    """The releases changed files belong to, and those of the files the
    commit deletes, with the releases whose pages may show their titles;
    every release when a file outside the data folder (the schema, the
    configuration) changed."""
    known = layout.releases()
    found: set[str] = set()
    for path in [*paths, *_deleted_files(layout)]:
        relative = layout.relative(path)
        if relative is None:
            continue
        release = layout.release_of_repository_path(relative)
        if release in known:
            found.add(release)
        elif not layout.in_data_folder(relative):
            return known
    if found:
        found |= {name for name in known if _shows_continued(layout, name)}
    return [name for name in known if name in found]


def _shows_continued(layout: Layout, release: str) -> bool:
    """Whether the page of ``release`` may show the titles of the priorities
    its own continue, from other releases (a sections region with
    ``continues="yes"``): a changed title changes it."""
    from ..files import read_page
    from ..regions import may_show_continued

    try:  # as any page is read: a regular file, not too large, UTF-8
        page = read_page(layout.release(release).page_path, "page")
        return may_show_continued(page)
    except ProblemError:  # no such page, or no readable one: render says so
        return False


def _deleted_files(layout: Layout) -> list[str]:
    """The data files the staged commit deletes, as seen from here: their
    pages change, yet pre-commit passes no deleted file to a hook (the
    render hook always runs, for them). None outside a git work tree."""
    from ..gitindex import Git

    try:
        git = Git.find(layout.root)
    except UsageError:
        return []
    listed = git.attempt(
        "diff", "--cached", "--no-renames", "--diff-filter=D", "--name-only", "-z"
    )
    paths = (listed or b"").decode("utf-8", "surrogateescape").split("\0")
    return [git.display(path) for path in paths if path.endswith(DATA_SUFFIXES)]


def _releases(layout: Layout, wanted: list[str]) -> list[str]:
    known = layout.releases()
    unknown = [name for name in wanted if name not in known]
    for name in unknown:
        folder = os.path.relpath(os.path.join(layout.data_dir, name))
        if is_release_name(name) and os.path.islink(folder):
            raise UsageError(str(linked_folder(folder)))
    if unknown:
        raise layout.no_release_folder(unknown)
    return wanted or known
