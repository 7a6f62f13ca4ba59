"""The generated pages of a change under review (for check-change).

Each page of a release the change touches must be what ``render`` would
write from the data in the change; the pages of untouched releases that show
what a changed priority continues must still show its title. The pages of
the change are rendered beside the reading of the other releases' names
when nothing on them needs those releases' titles (:class:`PageRenders`).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from .files import has_regions
from .model import by_release
from .page import render_page
from .problems import Problem, ProblemError
from .regions import may_show_continued
from .runner import CheckedReport, check_sources
from .workers import Forked

if TYPE_CHECKING:
    from .change_paths import ChangeUnderReview
    from .layout import Release
    from .sources import NamesFolder

Page = str | Problem | None  # a page's text, why it cannot be read, or none


class PageRenders:
    """What ``render`` would write on the pages of the change's releases.

    :meth:`start` reads the pages once the releases are checked, when the
    other releases' names are to be read (see check_sources' ``meanwhile``),
    and renders them in a child process while this one reads those names,
    which waits on ``git grep``; unless a page shows what its priorities
    continue: their titles come from those names, so it is rendered after
    them. Without such a start, :meth:`expected` reads and renders here.
    """

    def __init__(self, change: ChangeUnderReview) -> None:
        self.change = change
        self.pages: list[tuple[Release, Page]] | None = None
        self.early: Forked[list[str | Problem]] | None = None

    def start(self, report: CheckedReport) -> None:
        self.pages = pages = self._read()
        if not any(isinstance(p, str) and may_show_continued(p) for _, p in pages):
            self.early = Forked(lambda: self._rendered(report))

    def expected(
        self, report: CheckedReport
    ) -> list[tuple[Release, Page, str | Problem]]:
        """Each page, and what render would write there (or why it cannot)."""
        if self.pages is None:  # not started: all here
            self.pages = self._read()
        found = self.early.result() if self.early else self._rendered(report)
        return [
            (release, page, made)
            for (release, page), made in zip(self.pages, found, strict=True)
        ]

    def _read(self) -> list[tuple[Release, Page]]:
        from .gitsource import read_page_blob

        folders = {tree.path for tree in self.change.release_trees}
        # a folder made a symlink or a submodule is refused (change_paths)
        taken = {entry.path for entry in self.change.data_entries}
        pages = []
        for release in self.change.releases:
            page: Page
            try:
                page = read_page_blob(self.change.head, release.page_path)
            except ProblemError as error:
                page = error.problem
            # A release deleted whole has no page to write, as render sees
            # it; one whose last file went is its generated page alone.
            alone = isinstance(page, str) and has_regions(page)
            if release.folder in folders or (alone and release.folder not in taken):
                pages.append((release, page))
        return pages

    def _rendered(self, report: CheckedReport) -> list[str | Problem]:
        assert self.pages is not None
        priorities = by_release(report.priorities + report.context_priorities)
        found: list[str | Problem] = []
        for release, page in self.pages:
            if isinstance(page, Problem):
                found.append(page)
                continue
            try:
                found.append(
                    render_page(
                        release.page_path,
                        page,
                        release,
                        priorities.get(release.name, []),
                        report.titles,
                    )
                )
            except ProblemError as error:  # its Problem: a child can send that
                found.append(error.problem)
        return found


def page_drift(
    change: ChangeUnderReview, report: CheckedReport, renders: PageRenders
) -> list[Problem]:
    """The generated pages in the change match the data in the change.

    Reported together with the data's own errors, so that one round of
    review says everything: a page is compared with what render would write
    from the release's valid priorities.
    """
    broken = {p.path for p in report.problems if p.severity == "error"}
    problems = []
    for release, page, expected in renders.expected(report):
        if isinstance(page, str):
            report.result_for(release.page_path)  # checked, problems or not
        if isinstance(expected, Problem):
            problems.append(expected)
        elif expected != page:
            assert not isinstance(page, Problem)
            fix_first = any(change.release_of(path) == release for path in broken)
            problems.append(_drift(change, release, page, expected, fix_first))
    return problems


def continued_pages(
    change: ChangeUnderReview, report: CheckedReport, others: list[NamesFolder]
) -> list[Problem]:
    """The pages of untouched releases that continue a priority of the
    change and show what they continue (a sections region with
    continues="yes"): in sync with its title."""
    from .gitsource import folder_sources, read_page_blob

    layout = change.layout
    problems = []
    for name in sorted({use.release for use in report.continuers}):
        release = layout.release(name, data_dir=layout.data_relative)
        page = read_page_blob(change.head, release.page_path)
        if page is None or not may_show_continued(page):
            continue
        context = folder_sources(change.head, layout, release.folder)
        checked = check_sources(
            [],
            context,
            names_only=[folder for folder in others if folder.release != name],
            release_order=layout.config.release_order,
        )
        if len(checked.context_priorities) != len(context):
            continue  # a file of it is broken: not this change's doing
        titles = {**checked.titles, **report.titles}
        try:
            expected = render_page(
                release.page_path, page, release, checked.context_priorities, titles
            )
        except ProblemError:
            continue  # the page's own problem, not this change's
        if expected != page:
            problems.append(_drift(change, release, page, expected, fix_first=False))
    return problems


def _drift(
    change: ChangeUnderReview,
    release: Release,
    page: str | None,
    expected: str,
    fix_first: bool,
) -> Problem:
    """The page differs from what render would write: say so on the page
    when the change holds it, else on the first line of data it changed."""
    from .gitsource import read_blob

    line = _first_difference(page or "", expected)
    changed = [c.new_path for c in change.files if c.new_path]
    where, at = release.page_path, line
    if release.page_path not in changed:
        data = [p for p in changed if change.release_of(p) == release]
        if data:
            where = data[0]
            before = read_blob(change.base, where) if change.base else None
            at = _first_difference(before or "", read_blob(change.head, where) or "")
    state = "is missing" if page is None else f"is out of date (from line {line})"
    then = f"fix the errors in {release.folder}/, then run" if fix_first else "run"
    return Problem(
        where,
        at,
        1,
        f"{release.page_path} {state} for the data in this change; {then} "
        f"`nova-priorities render {release.name}` and add the page to the change",
        rule="page",
    )


def _first_difference(old: str, new: str) -> int:
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines())
    for tag, first, _, _, _ in matcher.get_opcodes():
        if tag != "equal":
            return first + 1
    return 1
