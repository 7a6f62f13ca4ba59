"""``nova-priorities check-change``: validate a Gerrit change from git, for CI.

The change is HEAD compared with its base (by default HEAD's first parent,
which is what Zuul prepares). Everything is read from the commits with
GitPython, never from the working tree, and only the releases the change
touches are read.

Checks: everything ``validate`` checks on the added and modified priority
files (with the rest of their releases for the cross-file rules); generated
pages in sync with the data; deleted or renamed priorities still linked
from pages (a warning); changes to closed releases (a release is closed by a
``priorities/<release>/CLOSED`` file, whose text says why).
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from . import discovery
from .files import write_atomically
from .problems import Problem, Report
from .reporters import REPORTERS, TextReporter, summary
from .validate import Source, check_sources

if TYPE_CHECKING:  # GitPython is imported when the command runs, not before
    import git

    from .gitsource import Change

CLOSED_MARKER = "CLOSED"
FORMATS = ("text", "json", "zuul", "gerrit")


@dataclasses.dataclass(frozen=True)
class Release:
    """A release folder the change touches: ``priorities/kilo/`` -> kilo."""

    folder: str  # repository path with a trailing slash

    @property
    def name(self) -> str:
        return self.folder.rstrip("/").rsplit("/", 1)[-1]

    @property
    def page(self) -> str:
        return (
            self.folder.rstrip("/").rsplit("/", 1)[0] + f"/{self.name}-priorities.rst"
        )


def _release_of(path: str | None) -> Release | None:
    if path is None:
        return None
    folder = discovery.release_folder(path)
    if folder is not None:
        return Release(folder)
    parts = path.split("/")  # or a page, priorities/<release>-priorities.rst
    if len(parts) >= 2 and parts[-2] == discovery.PRIORITIES_DIR:
        name = parts[-1].removesuffix("-priorities.rst")
        if name != parts[-1]:
            return Release("/".join([*parts[:-1], name]) + "/")
    return None


def _is_data(path: str | None) -> bool:
    return path is not None and discovery.classify(path) is not None


def check_change(repo: git.Repo, base: str | None) -> Report:
    """Every problem of the change HEAD, compared with ``base``."""
    from .gitsource import changes, resolve_base

    head = repo.head.commit
    base_commit = resolve_base(repo, head, base)
    found = changes(repo, base_commit, head)
    releases = sorted(
        {
            r
            for c in found
            for r in (_release_of(c.old_path), _release_of(c.new_path))
            if r
        },
        key=lambda r: r.folder,
    )
    targets, context = _sources(repo, head, found, releases)
    report = check_sources(targets, context)
    for release in releases:
        for problem in _closed_release(head, base_commit, release, found):
            report.add(problem)
    for problem in _page_drift(head, found, releases, report):
        report.add(problem)
    for problem in _removed_priorities(repo, head, found):
        report.add(problem)
    return report


def _sources(
    repo: git.Repo, head: git.Commit, found: list[Change], releases: list[Release]
) -> tuple[list[Source], list[Source]]:
    """The data files the change adds or modifies, and the rest of their releases."""
    from .gitsource import blob_source, tree_blobs

    changed = {c.new_path for c in found if c.new_path and _is_data(c.new_path)}
    targets: list[Source] = []
    context: list[Source] = []
    for release in releases:
        for blob in tree_blobs(head, release.folder):
            path = str(blob.path)
            source = blob_source(repo, path, blob.binsha, blob.mode, shown_as=path)
            if source is not None:
                (targets if path in changed else context).append(source)
    # Data files outside any release folder are still checked (and refused).
    for path in sorted(changed - {s.file.path for s in targets}):
        blob = head.tree / path
        source = blob_source(repo, path, blob.binsha, blob.mode, shown_as=path)
        if source is not None:
            targets.append(source)
    return targets, context


def _closed_release(
    head: git.Commit,
    base: git.Commit | None,
    release: Release,
    found: list[Change],
) -> list[Problem]:
    """A closed release's data does not change.

    A release is closed when ``priorities/<release>/CLOSED`` exists before
    and after the change; its text says why.
    """
    from .gitsource import read_blob

    marker = release.folder + CLOSED_MARKER
    if base is None or read_blob(base, marker) is None:
        return []
    reason = read_blob(head, marker)
    if reason is None:
        return []  # the change reopens the release
    why = " ".join(reason.split()) or "no reason given"
    problems = []
    for change in found:
        path = change.new_path or change.old_path
        if path is None or not _is_data(path) or _release_of(path) != release:
            continue
        problems.append(
            Problem(
                path,
                1,
                1,
                f"release {release.name} is closed ({marker}: {why}); its priorities "
                "cannot change. Propose the change for an open release, or delete "
                f"{marker} in a change of its own to reopen it",
                rule="closed",
            )
        )
    return problems


def _page_drift(
    head: git.Commit, found: list[Change], releases: list[Release], report: Report
) -> list[Problem]:
    """The generated pages in the change match the data in the change."""
    from .gitsource import read_blob
    from .render import PageError, render_page

    if report.error_count:
        return []  # the data's errors come first
    changed = {c.new_path for c in found if c.new_path}
    everything = report.priorities + report.context_priorities
    problems = []
    for release in releases:
        priorities = [p for p in everything if _release_of(p.path) == release]
        page = read_blob(head, release.page)
        if page is not None:
            report.result_for(release.page)  # checked, with or without problems
        command = f"`nova-priorities render {release.name}`"
        try:
            expected = render_page(release.page, page, release.name, priorities)
        except PageError as error:
            problems.append(error.problem)
            continue
        if expected == page:
            continue
        line = _first_difference(page or "", expected)
        if release.page in changed:
            where, at = release.page, line
        else:
            where = next(
                (
                    c.new_path
                    for c in found
                    if c.new_path and _release_of(c.new_path) == release
                ),
                release.page,
            )
            at = 1
        state = "is missing" if page is None else f"is out of date (from line {line})"
        problems.append(
            Problem(
                where,
                at,
                1,
                f"{release.page} {state} for the data in this change; run {command} "
                "and add the page to the change",
                rule="page",
            )
        )
    return problems


def _first_difference(old: str, new: str) -> int:
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines())
    for tag, first, _, _, _ in matcher.get_opcodes():
        if tag != "equal":
            return first + 1
    return 1


def _removed_priorities(
    repo: git.Repo, head: git.Commit, found: list[Change]
) -> list[Problem]:
    """A deleted or renamed priority is a warning, with the pages linking to it."""
    problems = []
    for change in found:
        if change.status not in "DR" or change.old_path is None:
            continue
        old = discovery.classify(change.old_path)
        release = _release_of(change.old_path)
        if old is None or release is None:
            continue
        slug = old.slug
        new = discovery.classify(change.new_path) if change.new_path else None
        if new and new.slug == slug and _release_of(change.new_path) == release:
            continue  # .json to .yaml: same priority
        links = _links_to(repo, head, release.name, slug)
        what = "deleted" if change.status == "D" else f"renamed to {change.new_path}"
        still = f"; still linked from {', '.join(links)}" if links else ""
        problems.append(
            Problem(
                change.new_path or change.old_path,
                1,
                1,
                f"priority {release.name}/{slug} is {what}: links to it "
                f"(:priority:`{release.name}/{slug}`, label priority-{release.name}-"
                f"{slug}) break{still}",
                severity="warning",
                rule="removed",
            )
        )
    return problems


def _links_to(repo: git.Repo, head: git.Commit, release: str, slug: str) -> list[str]:
    """``path:line`` of the RST files at HEAD that still link to a priority."""
    import git

    patterns = [f"{release}/{slug}`", f"priority-{release}-{slug}"]
    args = ["-n", "-I", "--no-color", "-F"]
    for pattern in patterns:
        args += ["-e", pattern]
    try:
        output = repo.git.grep(*args, head.hexsha, "--", "*.rst")
    except git.GitCommandError:  # exit 1: nothing found
        return []
    found = []
    for line in output.splitlines():
        _, path, number, _ = line.split(":", 3)
        found.append(f"{path}:{number}")
    return found


# --- reporters for Zuul and Gerrit -------------------------------------------


class ZuulReporter:
    """The data for ``zuul_return``: inline comments by file."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        comments = _file_comments(report, "level", lambda p: p.severity)
        json.dump({"zuul": {"file_comments": comments}}, self.stream, indent=2)
        self.stream.write("\n")


class GerritReporter:
    """A Gerrit ``ReviewInput`` for ``gerrit review --json`` or the REST API."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        comments = _file_comments(report, "unresolved", lambda p: p.severity == "error")
        review = {
            "message": f"nova-priorities check-change: {summary(report)}",
            "labels": {"Verified": -1 if report.error_count else 1},
            "comments": comments,
            "tag": "autogenerated:nova-priorities",
        }
        json.dump(review, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


def _file_comments(
    report: Report, field: str, value: Callable[[Problem], Any]
) -> dict[str, list[dict[str, Any]]]:
    """Inline comments by path: line, message, and one format-specific field."""
    comments: dict[str, list[dict[str, Any]]] = {}
    for problem in report.problems:
        comments.setdefault(problem.path, []).append(
            {"line": problem.line, "message": _comment(problem), field: value(problem)}
        )
    return comments


def _comment(problem: Problem) -> str:
    prefix = "Warning: " if problem.severity == "warning" else ""
    return f"{prefix}{problem.message} (column {problem.column})"


CHANGE_REPORTERS: dict[str, Any] = {
    **REPORTERS,
    "zuul": ZuulReporter,
    "gerrit": GerritReporter,
}


# --- the command -------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        metavar="REV",
        help="compare with this revision (with HEAD's merge base with it); "
        "default: HEAD's first parent, as Zuul prepares the change",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: path:line:col: message lines (for the zuul-jobs tox role); "
        "json: raw results; zuul: zuul_return file_comments; gerrit: a ReviewInput",
    )
    parser.add_argument(
        "--output", metavar="FILE", help="write there instead of stdout"
    )


def run(args: argparse.Namespace) -> int:
    from .gitsource import GitError, open_repository

    try:
        repo = open_repository()
        if not repo.head.is_valid():
            raise GitError("HEAD has no commit yet: there is no change to check")
        report = check_change(repo, args.base)
    except GitError as error:
        print(f"nova-priorities: {error}", file=sys.stderr)
        return 2
    stream = io.StringIO()
    CHANGE_REPORTERS[args.format](stream).write(report)
    if args.output:
        write_atomically(args.output, stream.getvalue())
        if args.format != "text":
            TextReporter(sys.stdout).write(report)
    else:
        sys.stdout.write(stream.getvalue())
    return report.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import run_subcommand

    return run_subcommand("check-change", argv)


if __name__ == "__main__":
    raise SystemExit(main())
