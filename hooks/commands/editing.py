"""What the authoring commands (new, move, new-release) share: reading a
release, checking the files they would write together with the rest of
the repository, and writing them all or none."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Mapping

from ..files import write_atomically
from ..layout import Layout
from ..model import Priority
from ..problems import ProblemError, Report, UsageError
from ..published import DiskFiles, Published
from ..reporters import ProblemsOnlyReporter
from ..runner import CheckedReport, check_sources
from ..sources import (
    NamesFolder,
    Source,
    constant_source,
    disk_names_folder,
    release_sources,
)


def read_release(
    layout: Layout, release: str, *, mends: frozenset[str] = frozenset()
) -> list[Priority]:
    """The priorities of ``release``; a usage error when it has problems
    (edit a release whose data is valid), but for those of the rules
    ``mends``, which the edit is there to fix (``move``: positions)."""
    known, _ = layout.release_folders()
    page_path = layout.release(release).page_path
    if release not in known and os.path.isfile(page_path):
        require_generated_page(page_path)
        return []  # a new release: its page, and no data yet
    if release not in known:
        raise layout.no_release_folder([release])
    report = check_sources(_sources(layout, release))
    if any(p.severity == "error" and p.rule not in mends for p in report.problems):
        ProblemsOnlyReporter(sys.stdout).write(report)
        raise UsageError(f"fix the errors in {release} first (shown above)")
    return report.priorities


def require_generated_page(path: str) -> None:
    """A usage error when the page of a release without data is hand-written
    (no generated regions): data written for it could not be shown."""
    from ..files import read_page
    from ..regions import find_regions

    shown = os.path.relpath(path)
    try:
        found = find_regions(read_page(shown, "page").splitlines(), shown)
    except ProblemError as error:
        raise UsageError(str(error.problem)) from None
    if not found:
        raise UsageError(
            f"{shown} is hand-written (it has no generated regions), so it "
            f"cannot show data: turn it into data with `nova-priorities import "
            f"{shown}`, or add the region markers (see the README)"
        )


def _sources(layout: Layout, release: str) -> list[Source]:
    try:
        return release_sources(layout, release)
    except ProblemError as error:
        raise UsageError(str(error.problem)) from None


def _names_folder(layout: Layout, release: str) -> NamesFolder:
    try:
        return disk_names_folder(layout, release)
    except ProblemError as error:
        raise UsageError(str(error.problem)) from None


def known_names(layout: Layout) -> dict[str, str]:
    """Launchpad id -> the display name most files give it."""
    from ..names_index import names_of

    every = [_names_folder(layout, r) for r in layout.release_folders()[0]]
    names: dict[str, Counter[str]] = {}
    for use in names_of(every)[0]:
        names.setdefault(use.launchpad, Counter())[use.name] += 1
    return {lp: counts.most_common(1)[0][0] for lp, counts in names.items()}


def check_writes(layout: Layout, writes: Mapping[str, str]) -> CheckedReport:
    """The repository as it would be with ``writes`` (path -> text): the
    written files are checked with their releases and the others' names."""
    targets = []
    for path, text in writes.items():
        file = layout.classify(path)
        if file is None:
            raise UsageError(f"{path} is not a priority file of this repository")
        targets.append(constant_source(file, text))
    releases = {source.file.release for source in targets}
    context: list[Source] = []
    others: list[NamesFolder] = []
    for release in layout.release_folders()[0]:
        if release not in releases:
            others.append(_names_folder(layout, release))
            continue
        for source in _sources(layout, release):
            if source.file.path not in writes:
                context.append(source)
    published = Published(layout.config, DiskFiles(layout.root))
    return check_sources(
        targets,
        context,
        published=published,
        names_only=others,
        release_order=layout.config.release_order,
        every_release=True,
    )


def write_all(writes: Mapping[str, str]) -> None:
    """Write every file or none: on a failure, what was written is undone."""
    done: list[tuple[str, str | None]] = []
    try:
        for path, text in writes.items():
            old = None
            if os.path.exists(path):
                with open(path, encoding="utf-8", newline="") as stream:
                    old = stream.read()
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            write_atomically(path, text)
            done.append((path, old))
    except OSError as error:
        for path, old in reversed(done):
            if old is None:
                os.unlink(path)
            else:
                write_atomically(path, old)
        raise UsageError(f"cannot write {error.filename}: {error.strerror}") from None


def refuse(report: Report) -> int:
    """Show why nothing was written; the exit status."""
    ProblemsOnlyReporter(sys.stdout).write(report)
    print("nothing was written")
    return 1
