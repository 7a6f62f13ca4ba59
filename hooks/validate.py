"""``nova-priorities validate``: check priority files, report every problem.

The core, :func:`check_sources`, works on sources that can be read from
disk or from git; the functions below it find the sources on disk.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence

from . import discovery, rules
from .discovery import PriorityFile
from .loader import Document, LoadError, Position, load_text, read_text
from .model import Priority
from .problems import Problem, Report
from .reporters import REPORTERS
from .schema_check import check_schema


@dataclasses.dataclass(frozen=True)
class Source:
    """A priority file and how to read its text (from disk or from git)."""

    file: PriorityFile
    read: Callable[[], str]


@dataclasses.dataclass
class _Loaded:
    source: Source
    document: Document | None = None
    priority: Priority | None = None


def check_sources(targets: Sequence[Source], context: Sequence[Source] = ()) -> Report:
    """Check ``targets``; ``context`` only feeds the cross-file rules.

    Context files are the other priorities of the targets' releases (and,
    for a whole-repository run, every file): their own problems are not
    reported, but a target that clashes with them is.
    """
    report = Report()
    loaded = []
    for source in targets:
        report.result_for(source.file.path)
        for rule in rules.FILE_RULES:
            for problem in rule(source.file):
                report.add(problem)
        entry = _load(source, report)
        loaded.append(entry)
    report.priorities = [entry.priority for entry in loaded if entry.priority]
    target_paths = {entry.source.file.path for entry in loaded}
    around = [_load(source, None) for source in context]
    report.context_priorities = [entry.priority for entry in around if entry.priority]
    everything = loaded + around
    priorities = [entry.priority for entry in everything if entry.priority]

    releases: dict[tuple[str, str], list[Priority]] = defaultdict(list)
    for entry in everything:
        if entry.priority:
            releases[_release_key(entry.source.file)].append(entry.priority)
    found = [p for rule in rules.REPOSITORY_RULES for p in rule(priorities)]
    for group in releases.values():
        found += [p for rule in rules.RELEASE_RULES for p in rule(group)]
    for problem in found:
        if problem.path in target_paths:
            report.add(problem)

    for entry in loaded:
        if entry.document is not None and isinstance(entry.document.data, dict):
            titles = [p.title for p in releases[_release_key(entry.source.file)]]
            _check_rst(entry.document, titles, report)
    return report


def _check_rst(document: Document, titles: list[str], report: Report) -> None:
    if not isinstance(document.data.get("description"), str):
        return
    from .rst_check import check_description  # docutils only when needed

    for problem in check_description(document, titles):
        report.add(problem)


def _release_key(file: PriorityFile) -> tuple[str, str]:
    return (file.priorities_dir, file.release or "")


def _load(source: Source, report: Report | None) -> _Loaded:
    """Read, parse and schema-check one source, reporting when asked to."""
    file = source.file
    entry = _Loaded(source)
    problems: list[Problem] = []
    try:
        entry.document = load_text(
            source.read(), file.path, is_json=file.suffix == ".json"
        )
    except LoadError as error:
        problems.append(
            Problem(
                file.path,
                error.position.line,
                error.position.column,
                error.message,
                rule="yaml",
            )
        )
    else:
        problems += check_schema(entry.document)
        if not problems and file.release is not None:
            entry.priority = Priority.from_document(
                entry.document, file.release, file.slug
            )
    if report is not None:
        for problem in problems:
            report.add(problem)
    return entry


# --- sources on disk ------------------------------------------------------


def disk_source(file: PriorityFile) -> Source:
    """Read ``file`` from disk, refusing symlinks that leave the repository."""

    def read() -> str:
        root = discovery.repository_root(file.priorities_dir)
        if discovery.escapes(file.path, root):
            target = os.path.realpath(file.path)
            raise LoadError(
                file.path,
                Position(1, 1),
                f"symlink to {target}, outside the repository; a priority file "
                "must be a file of the repository",
            )
        return read_text(file.path)

    return Source(file, read)


def sources_for_paths(paths: Sequence[str]) -> tuple[list[Source], list[Source]]:
    """Targets for the given paths (non-data files skipped) and their context."""
    files = [f for f in map(discovery.classify, paths) if f is not None]
    seen = {os.path.realpath(f.path) for f in files}
    context = []
    for release_dir in sorted({f.release_dir for f in files if f.release_dir}):
        for path in discovery.release_files(release_dir):
            if os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                other = discovery.classify(discovery.display_path(path))
                if other is not None:
                    context.append(disk_source(other))
    return [disk_source(f) for f in files], context


def check_release(priorities_dir: str, release: str) -> tuple[Report, list[str]]:
    """Check every data file of one release folder; also give the paths read."""
    paths = discovery.release_files(os.path.join(priorities_dir, release))
    files = [discovery.classify(discovery.display_path(path)) for path in paths]
    return check_sources([disk_source(f) for f in files if f is not None]), paths


def sources_for_repository(priorities_dir: str) -> list[Source]:
    """Every data file below ``priorities_dir``."""
    return [disk_source(f) for f in discovery.walk(priorities_dir)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="priority files to check (other files are skipped); "
        "default: every file below priorities/ of this repository",
    )
    parser.add_argument(
        "--staged",
        action="store_true",
        help="check the priority files staged for commit, as staged (the git "
        "index), not as in the working tree; for a plain .git/hooks/pre-commit",
    )
    parser.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default="text",
        help="text: path:line:col: message lines and a summary (default); "
        "json: machine-readable results",
    )


def run(args: argparse.Namespace) -> int:
    if args.staged:
        if args.paths:
            print("nova-priorities: --staged takes no paths", file=sys.stderr)
            return 2
        from .gitsource import GitError, open_repository, staged_sources

        try:
            targets, context = staged_sources(open_repository())
        except GitError as error:
            print(f"nova-priorities: {error}", file=sys.stderr)
            return 2
    elif args.paths:
        targets, context = sources_for_paths(args.paths)
    else:
        priorities_dir = discovery.find_priorities_dir()
        if priorities_dir is None:
            print(
                "nova-priorities: no priorities/ folder here or in a parent folder; "
                "run inside the repository or pass files",
                file=sys.stderr,
            )
            return 2
        targets, context = sources_for_repository(priorities_dir), []
    report = check_sources(targets, context)
    REPORTERS[args.format](sys.stdout).write(report)
    return report.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import run_subcommand

    return run_subcommand("validate", argv)


if __name__ == "__main__":
    raise SystemExit(main())
