"""``nova-priorities validate``: check priority files, report every problem.

The core, :func:`check_sources`, works on sources that can be read from
disk or from git; the functions below it find the sources on disk.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from . import cache, discovery, rules
from .discovery import PriorityFile
from .loader import Document, LoadError, Position, load_text, read_text
from .model import Priority
from .problems import Problem, Report
from .reporters import REPORTERS
from .schema_check import check_schema


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    """A priority file and how to read its text (from disk or from git)."""

    file: PriorityFile
    read: Callable[[], str]


@dataclasses.dataclass
class _Loaded:
    document: Document | None = None
    priority: Priority | None = None


@dataclasses.dataclass
class _ReleaseResult:
    """What checking one release's files found (sent back from a worker)."""

    checked: list[str]
    problems: list[Problem]
    owners: list[rules.OwnerUse]  # of targets and context, for the repository
    priorities: list[Priority]  # the valid targets (when text is kept)
    context: list[Priority]  # the valid context files (when text is kept)


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 300
_Group = tuple[list[Source], list[Source]]
_Task = tuple[list[Source], list[Source], bool]
_tasks: list[_Task] = []  # handed to forked workers


def check_sources(
    targets: Sequence[Source],
    context: Sequence[Source] = (),
    *,
    jobs: int = 1,
    keep_text: bool = True,
) -> Report:
    """Check ``targets``; ``context`` only feeds the cross-file rules.

    Context files are the other priorities of the targets' releases: their
    own problems are not reported, but a target that clashes with them is.
    Releases are checked one by one, in ``jobs`` processes for large runs;
    the repository-wide rules run last, on what all releases gave. Without
    ``keep_text`` the report holds no priorities, only problems: all a plain
    validation needs, and much less to hold for 10000 files.
    """
    groups = [(*group, keep_text) for group in _by_release(targets, context)]
    report = Report()
    owners: list[rules.OwnerUse] = []
    for result in _map_releases(groups, jobs, len(targets) + len(context)):
        for path in result.checked:
            report.result_for(path)
        for problem in result.problems:
            report.add(problem)
        owners += result.owners
        report.priorities += result.priorities
        report.context_priorities += result.context
    sources = {source.file.path: source for source in targets}
    for rule in rules.REPOSITORY_RULES:
        for use, message in rule(owners):
            if use.path in sources:
                report.add(_placed(sources[use.path], use, message))
    return report


def _placed(source: Source, use: rules.OwnerUse, message: str) -> Problem:
    """A repository-wide problem at its owner's name, read again from the
    file: workers send no positions back, only names."""
    try:
        position = _parse(source.file, source.read()).position_of(use.where)
    except LoadError:  # changed since it was checked: its start will do
        position = Position(1, 1)
    return Problem(use.path, position.line, position.column, message, rule="owners")


def _parse(file: PriorityFile, text: str) -> Document:
    return load_text(text, file.path, is_json=file.suffix == ".json")


def _by_release(targets: Sequence[Source], context: Sequence[Source]) -> list[_Group]:
    groups: dict[tuple[str, str], _Group] = {}
    for index, sources in enumerate((targets, context)):
        for source in sources:
            groups.setdefault(_release_key(source.file), ([], []))[index].append(source)
    return list(groups.values())


def _map_releases(
    tasks: list[_Task], jobs: int, files: int
) -> Iterator[_ReleaseResult]:
    """``_check_release`` over ``tasks``, forking workers when it pays."""
    if jobs < 2 or files < PARALLEL_FROM or len(tasks) < 2:
        yield from (_check_release(task) for task in tasks)
        return
    import multiprocessing

    _tasks[:] = tasks
    # Each page a worker writes to, of what it inherits, is copied for it.
    # So the garbage collector leaves inherited objects alone (20% of the
    # run's CPU time), and docutils is imported by each worker, not before
    # forking: its objects are written to (reference counts) all the time.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            chunk = max(1, len(tasks) // (jobs * 8))
            yield from pool.imap(_check_release_at, range(len(tasks)), chunksize=chunk)
    finally:
        gc.unfreeze()
        _tasks.clear()


def _check_release_at(index: int) -> _ReleaseResult:
    return _check_release(_tasks[index])


def _check_release(task: _Task) -> _ReleaseResult:
    """All checks of one release's targets, with its context files.

    The result depends only on the files' paths and texts: an unchanged
    release is read back from the cache.
    """
    targets, context, keep_text = task
    texts = [_read(source) for source in (*targets, *context)]
    parts = [str(keep_text), str(len(targets))]
    for source, (text, error) in zip((*targets, *context), texts, strict=True):
        parts += [source.file.path, text if error is None else f"\0{error}"]
    name = cache.key(parts)
    cached = cache.load(name)
    if isinstance(cached, _ReleaseResult):
        return cached
    result = _compute_release(targets, context, texts, keep_text)
    cache.store(name, result)
    return result


def _read(source: Source) -> tuple[str, LoadError | None]:
    try:
        return source.read(), None
    except LoadError as error:
        return "", error


def _compute_release(
    targets: list[Source],
    context: list[Source],
    texts: list[tuple[str, LoadError | None]],
    keep_text: bool,
) -> _ReleaseResult:
    problems: list[Problem] = []
    loaded = []
    for source, text in zip(targets, texts[: len(targets)], strict=True):
        for rule in rules.FILE_RULES:
            problems += rule(source.file)
        entry, found = _load(source, *text)
        problems += found
        loaded.append(entry)
    around = [
        _load(source, *text)[0]
        for source, text in zip(context, texts[len(targets) :], strict=True)
    ]
    priorities = [e.priority for e in loaded + around if e.priority]
    target_paths = {source.file.path for source in targets}
    for release_rule in rules.RELEASE_RULES:
        problems += [p for p in release_rule(priorities) if p.path in target_paths]
    titles = [p.title for p in priorities]
    for entry in loaded:
        if entry.document is not None:
            problems += _rst_problems(entry.document, titles)
    valid_targets = [e.priority for e in loaded if e.priority]
    valid_context = [e.priority for e in around if e.priority]
    return _ReleaseResult(
        checked=[source.file.path for source in targets],
        problems=problems,
        owners=[use for priority in priorities for use in rules.owner_uses(priority)],
        priorities=[p.trimmed() for p in valid_targets] if keep_text else [],
        context=[p.trimmed() for p in valid_context] if keep_text else [],
    )


def _rst_problems(document: Document, titles: list[str]) -> list[Problem]:
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("description"), str):
        return []
    from .rst_check import check_description  # docutils only when needed

    return check_description(document, titles)


def _release_key(file: PriorityFile) -> tuple[str, str]:
    return (file.priorities_dir, file.release or "")


def _load(
    source: Source, text: str, error: LoadError | None
) -> tuple[_Loaded, list[Problem]]:
    """Parse and schema-check one source's text (or report why it has none)."""
    file = source.file
    entry = _Loaded()
    problems: list[Problem] = []
    try:
        if error is not None:
            raise error
        entry.document = _parse(file, text)
    except LoadError as failure:
        problems.append(
            Problem(
                file.path,
                failure.position.line,
                failure.position.column,
                failure.message,
                rule="yaml",
            )
        )
    else:
        problems += check_schema(entry.document)
        if not problems and file.release is not None:
            entry.priority = Priority.from_document(
                entry.document, file.release, file.slug
            )
    return entry, problems


# --- sources on disk ------------------------------------------------------


def disk_source(file: PriorityFile) -> Source:
    """Read ``file`` from disk, refusing symlinks that leave the repository."""
    return Source(file, _DiskReader(file))


@dataclasses.dataclass(frozen=True, slots=True)
class _DiskReader:
    """Reads one file (a small object: there may be 10000 of them)."""

    file: PriorityFile

    def __call__(self) -> str:
        path = self.file.path
        root = discovery.repository_root(self.file.priorities_dir)
        if discovery.escapes(path, root):
            raise LoadError(
                path,
                Position(1, 1),
                f"symlink to {os.path.realpath(path)}, outside the repository; a "
                "priority file must be a file of the repository",
            )
        return read_text(path)


def sources_for_paths(paths: Sequence[str]) -> tuple[list[Source], list[Source]]:
    """Targets for the given paths (non-data files skipped) and their context."""
    files = [f for f in map(discovery.classify, paths) if f is not None]
    seen = {os.path.realpath(f.path) for f in files}
    context = []
    for folder, release in sorted(
        {(f.priorities_dir, f.release) for f in files if f.release}
    ):
        for source in release_sources(folder, release):
            real = os.path.realpath(source.file.path)
            if real not in seen:
                seen.add(real)
                context.append(source)
    return [disk_source(f) for f in files], context


def release_sources(priorities_dir: str, release: str) -> list[Source]:
    """Every data file of one release folder."""
    paths = discovery.release_files(os.path.join(priorities_dir, release))
    files = [discovery.classify(discovery.display_path(path)) for path in paths]
    return [disk_source(file) for file in files if file is not None]


def check_release(priorities_dir: str, release: str) -> Report:
    """Check every data file of one release folder."""
    return check_sources(release_sources(priorities_dir, release))


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
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="check releases in N processes when there are many files "
        "(default: one per CPU)",
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
    report = check_sources(targets, context, jobs=args.jobs, keep_text=False)
    REPORTERS[args.format](sys.stdout).write(report)
    return report.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    from .cli import run_subcommand

    return run_subcommand("validate", argv)


if __name__ == "__main__":
    raise SystemExit(main())
