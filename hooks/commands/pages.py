"""The pages of releases regenerated from their data: for ``render`` and
the authoring commands.

Only the generated regions of a page are rewritten (see :mod:`..regions`);
a missing page is created, atomically, and a page is left alone when its
release has errors.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import sys

from .. import cache
from ..files import read_page, write_atomically
from ..layout import Layout, Release
from ..model import Priority, by_release
from ..page import owners_shown_nowhere, render_page
from ..problems import Problem, ProblemError, Report, located
from ..published import DiskFiles, Published
from ..reporters import ProblemsOnlyReporter
from ..runner import check_sources
from ..sources import (
    NamesFolder,
    Source,
    disk_names_folder,
    entry_path,
    escapes,
    release_sources,
    stray_folders,
)


def render_releases(layout: Layout, names: list[str]) -> int:
    """For the authoring commands: regenerate ``names``; 1 only on errors."""
    report, _ = regenerate(layout, names, check=False, shown=set())
    ProblemsOnlyReporter(sys.stdout).write(report)
    return 1 if report.error_count else 0


def _read_releases(
    layout: Layout, names: list[str], report: Report
) -> tuple[dict[str, list[Source]], list[NamesFolder]]:
    """The files of the releases to render; the others, for their names."""
    sources: dict[str, list[Source]] = {}
    others: list[NamesFolder] = []
    for name in layout.releases():
        try:
            if name in names:
                sources[name] = release_sources(layout, name)
            else:
                others.append(disk_names_folder(layout, name))
        except ProblemError as error:  # a page only from data read completely
            if name in names:
                report.add(error.problem)
    return sources, others


def regenerate(
    layout: Layout,
    names: list[str],
    *,
    check: bool,
    shown: set[str],
    quiet: bool = False,
    folders: bool = True,
) -> tuple[Report, int]:
    """Regenerate the pages of ``names``: the problems, and 1 when a page
    was (or, with ``check``, would be) changed. ``folders``: also the data
    folder's folders that are no releases."""
    report, status = Report(), 0
    for problem in stray_folders(layout) if folders else ():
        report.add(problem)
    sources, others = _read_releases(layout, names, report)
    chosen = [source for name in names for source in sources.get(name, [])]
    # Holding every release's priorities at once would make the memory grow
    # with the repository: with several releases, each release's are read
    # again when its page is written, checked as they just were, so from the
    # results the check just cached (with no cache: checked twice, so held).
    several = len(sources) > 1 and cache.usable_folder() is not None
    data = check_sources(
        chosen,
        jobs=os.cpu_count() or 1,
        keep_priorities=not several,
        published=Published(layout.config, DiskFiles(layout.root)),
        names_only=others,
        release_order=layout.config.release_order,
        every_release=True,
    )
    priorities = by_release(data.priorities)
    for name in (name for name in names if name in sources):
        release = layout.release(name)
        page = os.path.relpath(release.page_path)
        errors = [
            problem
            for source in sources[name]
            if (result := data.by_path.get(source.file.path)) is not None
            for problem in result.problems
        ]
        found = priorities.get(name, [])
        if several and not _has_error(errors):
            found = _read_again(sources[name], errors)
        if _has_error(errors):
            for problem in _not_regenerated(page, release, errors, shown):
                report.add(problem)
            continue
        try:
            changed, text = _update(
                page, release, found, check=check, quiet=quiet, titles=data.titles
            )
            status |= changed
            folder = os.path.relpath(release.folder)
            hint = owners_shown_nowhere(page, text, folder, found)
            if hint is not None:
                report.add(hint)
        except ProblemError as error:
            report.add(error.problem)
    return report, status


def _read_again(sources: list[Source], errors: list[Problem]) -> list[Priority]:
    """A release's priorities, read again: checked as they just were (so
    from the results just cached); a file edited meanwhile is checked again,
    its problems added to ``errors``."""
    again = check_sources(sources)
    errors += [problem for problem in again.problems if problem not in errors]
    return again.priorities


def _has_error(problems: list[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def _not_regenerated(
    page: str, release: Release, errors: list[Problem], shown: set[str]
) -> list[Problem]:
    """The release's problems not shown elsewhere, and why its page was not
    written."""
    hidden = [p for p in errors if entry_path(p.path) in shown]
    folder = os.path.relpath(release.folder)
    message = f"not regenerated: fix the errors in {folder}/ first"
    if hidden:
        message += f" (`nova-priorities validate {folder}` lists them)"
    visible = [p for p in errors if p not in hidden]
    return [*visible, Problem(page, 1, 1, message, rule="page")]


def _update(
    page: str,
    release: Release,
    priorities: list[Priority],
    *,
    check: bool,
    quiet: bool,
    titles: dict[str, str],
) -> tuple[int, str]:
    """Regenerate one page: 1 when it was (or, with check, would be)
    changed, and its text as regenerated."""
    if escapes(page, os.path.realpath(release.config.root)):
        raise located(
            page,
            1,
            1,
            f"is a symlink to {os.path.realpath(page)}, outside the repository; it "
            "is neither read nor replaced",
            "page",
        )
    old = _read_page(page)
    try:
        new = render_page(page, old, release, priorities, titles)
    except ProblemError as error:
        message = f"{error.problem.message}; the page was not changed"
        raise ProblemError(
            dataclasses.replace(error.problem, message=message)
        ) from None
    if new == old:
        return 0, new
    if check:
        sys.stdout.writelines(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{page}",
                tofile=f"b/{page}",
            )
        )
        print(f"{page} is out of date: run `nova-priorities render {release.name}`")
        return 1, new
    _write(page, new, replacing=old is not None)
    if not quiet:
        print(f"Regenerated {page}")
    return 1, new


def _write(page: str, text: str, *, replacing: bool) -> None:
    """Write the page, unless it is read-only; a located error otherwise."""
    if replacing and not os.stat(page).st_mode & 0o222:
        raise located(
            page,
            1,
            1,
            "the page is read-only; it was not changed (make it writable to let "
            "render regenerate it)",
            "page",
        )
    try:
        write_atomically(page, text)
    except OSError as error:
        raise located(
            page,
            1,
            1,
            f"cannot write the page: {error.strerror}; it was not changed",
            "page",
        ) from None


def _read_page(page: str) -> str | None:
    if not os.path.lexists(page):
        return None
    return read_page(page, "page")
