"""``nova-priorities import``: adopt a hand-written priorities page.

Reads the page (see :mod:`..page_reader`), then writes the priority files
and the page with generated regions: all of them or none, and only when the
data validates together with the release's other files. It never
overwrites a data file, nor a page other than the one it reads unless told
to (``--force``). ``--dry-run`` shows what would be written.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys

from ..datafile import dump_priority
from ..files import read_page, write_atomically
from ..layout import Layout, Release, release_sort_key
from ..model import Priority, normalize_name
from ..naming import RELEASE_RULE, SLUG_RULE, is_release_name, is_slug
from ..page_reader import ImportedPage, import_page
from ..problems import Problem, ProblemError, Report, UsageError, located
from ..reporters import ProblemsOnlyReporter
from ..runner import check_sources
from ..sources import constant_source, escapes, release_sources


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", metavar="PAGE.rst", help="the hand-written page")
    parser.add_argument(
        "--release",
        help="release name (default: from the file name, <release>-priorities.rst)",
    )
    parser.add_argument(
        "--not-a-priority",
        action="append",
        default=[],
        metavar="TITLE",
        help="on a page without a table: a section that is prose, not a priority "
        "(repeatable)",
    )
    parser.add_argument(
        "--slug",
        action="append",
        default=[],
        metavar="TITLE=SLUG",
        help="the file name of the priority titled TITLE (default: from the title)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing; show what would become a priority and what stays prose",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the release's page when it exists and is not PAGE itself",
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    release = layout.release(_release_name(layout, args))
    report = Report()
    try:
        files, imported, notes = _import(layout, release, args)
    except ProblemError as error:
        report.add(error.problem)
    else:
        if args.dry_run:
            _show(files, imported)
        else:
            report = _write_all(files)
        if not report.problems:
            for note in notes:
                print(note)
    ProblemsOnlyReporter(sys.stdout).write(report)
    return report.exit_code


def _release_name(layout: Layout, args: argparse.Namespace) -> str:
    name: str | None = args.release or layout.release_of_page_name(
        os.path.basename(args.page)
    )
    if name is None and not os.path.exists(args.page):
        example = args.page if is_release_name(args.page) else "kilo"
        page = os.path.relpath(layout.release(example).page_path)
        raise UsageError(
            f"{args.page}: no such file; give the hand-written page, e.g. {page}"
        )
    if name is None:
        raise UsageError(
            f"{args.page} does not say its release (a page is named "
            "<release>-priorities.rst): give --release NAME"
        )
    if not is_release_name(name):
        raise UsageError(f"--release {name!r} is not a release name ({RELEASE_RULE})")
    return name


def _slugs(args: argparse.Namespace) -> dict[str, str]:
    slugs = {}
    for given in args.slug:
        title, _, slug = given.rpartition("=")
        if not title or not is_slug(slug):
            raise UsageError(
                f"--slug {given!r}: write TITLE=slug, the slug {SLUG_RULE}"
            )
        slugs[title] = slug
    return slugs


def _import(
    layout: Layout, release: Release, args: argparse.Namespace
) -> tuple[dict[str, str], ImportedPage, list[str]]:
    """The files to write (each priority's, then the page), what was read,
    and notes for the user."""
    text = read_page(args.page, "import")
    try:
        imported = import_page(
            text, release, args.page, args.not_a_priority, _slugs(args)
        )
    except ProblemError as error:
        raise _nothing_written(error.problem) from None
    carried, notes = _carried_over(layout, release.name, imported.priorities)
    imported = dataclasses.replace(imported, priorities=carried)
    files = {
        os.path.join(release.folder, f"{p.slug}.yaml"): dump_priority(
            p, layout.config.schema_comment
        )
        for p in imported.priorities
    }
    for path in files:
        if os.path.lexists(path):
            raise located(
                os.path.relpath(path),
                1,
                1,
                "exists; import writes new files only. Nothing was written",
                "import",
            )
    _check_page_target(release.page_path, args, layout.root)
    _validate(layout, release, files, args.page)
    return {**files, release.page_path: imported.page}, imported, notes


def _carried_over(
    layout: Layout, name: str, priorities: list[Priority]
) -> tuple[list[Priority], list[str]]:
    """The priorities with ``continues`` proposed where a title is one of the
    previous release's (ignoring case), and a note for each."""
    order = layout.config.release_order
    earlier = [
        r
        for r in layout.release_folders()[0]
        if release_sort_key(r, order) < release_sort_key(name, order)
    ]
    if not earlier:
        return priorities, []
    previous = max(earlier, key=lambda r: release_sort_key(r, order))
    titles = {
        normalize_name(p.title): p.slug
        for p in check_sources(release_sources(layout, previous)).priorities
    }
    found, notes = [], []
    for priority in priorities:
        slug = titles.get(normalize_name(priority.title))
        target = f"{previous}/{slug}" if slug else ""
        found.append(dataclasses.replace(priority, continues=target))
        if target:
            notes.append(
                f"{priority.slug}: continues {target}, whose title is the same "
                "(remove the continues: line if it is another priority)"
            )
    return found, notes


def _check_page_target(page: str, args: argparse.Namespace, root: str) -> None:
    """The page may be replaced when it is the one read, or with --force."""
    if escapes(page, os.path.realpath(root)):
        raise located(
            os.path.relpath(page),
            1,
            1,
            "is a symlink out of the repository; import never writes there. "
            "Nothing was written",
            "import",
        )
    if not os.path.lexists(page) or args.force:
        return
    if os.path.realpath(page) != os.path.realpath(args.page):
        raise located(
            os.path.relpath(page),
            1,
            1,
            f"exists and is not {args.page}; import would replace it. Use --force "
            "to replace it. Nothing was written",
            "import",
        )


def _validate(
    layout: Layout, release: Release, files: dict[str, str], page: str
) -> None:
    """The imported data, checked together with the release's other files."""
    sources = []
    for path, content in files.items():
        file = layout.classify(os.path.relpath(path))
        assert file is not None
        sources.append(constant_source(file, content))
    existing = release_sources(layout, release.name)
    data = check_sources(sources, existing)
    if data.error_count:
        problems = "; ".join(str(p) for p in data.problems)
        raise located(
            page,
            1,
            1,
            f"the page's data does not validate ({problems}); nothing was written",
            "import",
        )


def _nothing_written(problem: Problem) -> ProblemError:
    message = f"{problem.message}; nothing was written"
    return located(problem.path, problem.line, problem.column, message, problem.rule)


def _show(files: dict[str, str], imported: ImportedPage) -> None:
    """--dry-run: each file that would be written, and what goes where."""
    for path, priority in zip(files, imported.priorities, strict=False):
        print(
            f"would write {os.path.relpath(path)}: {priority.title!r}, position "
            f"{priority.position}, {len(priority.owners)} owner(s), "
            f"{len(priority.links)} link(s)"
        )
    page = list(files)[-1]
    print(f"would write {os.path.relpath(page)}, keeping the rest of the page:")
    for line in imported.page.splitlines():
        print(f"    {line}")


def _write_all(files: dict[str, str]) -> Report:
    """Write every file, or none: a failure removes what this run wrote,
    folders included.

    The page itself is replaced atomically and last, so a failure leaves
    the old page as it was.
    """
    report = Report()
    written: list[str] = []
    for path, content in files.items():
        try:
            written += _make_folders(os.path.dirname(path))
            existed = os.path.lexists(path)
            write_atomically(path, content)
        except OSError as error:
            for done in reversed(written):
                (os.rmdir if os.path.isdir(done) else os.unlink)(done)
            message = f"cannot write: {error.strerror}; nothing was written"
            report.add(Problem(os.path.relpath(path), 1, 1, message, rule="import"))
            return report
        if not existed:
            written.append(path)
    for path in files:
        print(f"Wrote {os.path.relpath(path)}")
    return report


def _make_folders(folder: str) -> list[str]:
    """Create ``folder`` and its missing parents; the ones created, outermost
    first."""
    missing = []
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        folder = os.path.dirname(folder)
    for created in reversed(missing):
        os.mkdir(created)
    return list(reversed(missing))
