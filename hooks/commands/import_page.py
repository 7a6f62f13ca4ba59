"""``nova-priorities import``: adopt a hand-written priorities page.

Reads the page (see :mod:`..page_reader`), then writes the priority files
and the page with generated regions: all of them or none, and only when the
data validates. Existing data files are never overwritten.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..datafile import dump_priority
from ..files import write_atomically
from ..layout import Layout, is_release_name
from ..page_reader import import_page
from ..problems import ProblemError, Report, UsageError, located
from ..reporters import ProblemsOnlyReporter
from ..runner import check_sources
from ..sources import constant_source


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


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    name = args.release or layout.release_of_page_name(os.path.basename(args.page))
    if name is None:
        raise UsageError("give --release NAME")
    if not is_release_name(name):
        raise UsageError(
            f"--release {name!r} is not a release name (lowercase like 'kilo', "
            "or a year and number like '2023.1')"
        )
    report = Report()
    try:
        files = _import(layout, name, args)
    except ProblemError as error:
        report.add(error.problem)
    else:
        report = _write_all(files)
    ProblemsOnlyReporter(sys.stdout).write(report)
    return report.exit_code


def _import(layout: Layout, name: str, args: argparse.Namespace) -> dict[str, str]:
    """The files to write: each priority's, then the page."""
    release = layout.release(name)
    text = _read(args.page)
    try:
        imported = import_page(text, release, args.page, args.not_a_priority)
    except ProblemError as error:
        raise _nothing_written(error) from None
    files = {
        os.path.join(release.folder, f"{p.slug}.yaml"): dump_priority(
            p, layout.config.schema_comment
        )
        for p in imported.priorities
    }
    existing = [path for path in files if os.path.exists(path)]
    if existing:
        raise located(
            os.path.relpath(existing[0]),
            1,
            1,
            "exists; import writes new files only. Nothing was written",
            "import",
        )
    sources = []
    for path, content in files.items():
        file = layout.classify(os.path.relpath(path))
        assert file is not None
        sources.append(constant_source(file, content))
    data = check_sources(sources)
    if data.error_count:
        problems = "; ".join(str(p) for p in data.problems)
        raise located(
            args.page,
            1,
            1,
            f"the page's data does not validate ({problems}); nothing was written",
            "import",
        )
    return {**files, release.page_path: imported.page}


def _read(page: str) -> str:
    try:
        with open(page, encoding="utf-8-sig", newline="") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError) as error:
        raise located(page, 1, 1, f"cannot read the page: {error}", "import") from None


def _nothing_written(error: ProblemError) -> ProblemError:
    problem = error.problem
    return located(
        problem.path,
        problem.line,
        problem.column,
        f"{problem.message}; nothing was written",
        problem.rule,
    )


def _write_all(files: dict[str, str]) -> Report:
    """Write every file, or none: a failure removes what this run wrote.

    The page itself is replaced atomically and last, so a failure leaves
    the old page as it was.
    """
    report = Report()
    written: list[str] = []
    for path, content in files.items():
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            existed = os.path.exists(path)
            write_atomically(path, content)
        except OSError as error:
            for done in written:
                os.unlink(done)
            report.add(
                located(
                    os.path.relpath(path),
                    1,
                    1,
                    f"cannot write: {error.strerror}; nothing was written",
                    "import",
                ).problem
            )
            return report
        if not existed:
            written.append(path)
    for path in files:
        print(f"Wrote {os.path.relpath(path)}")
    return report
