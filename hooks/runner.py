"""Running the engine over many files: the cache, worker processes, and the
rules that span the whole repository.

:func:`check_sources` is what every command and the Sphinx extension call.
Each release folder is one task: its files are read, a file whose result
is in the cache is not parsed again, the others are checked with
:func:`.engine.check_file`, then the release's cross-file rules run. Large
runs spread the tasks over worker processes, which send back only what the
caller needs. Last, the repository-wide owner rule runs over all releases.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from . import cache
from .early import EarlyChecks
from .file_texts import FileTexts
from .model import Origin, Priority
from .problems import Problem, ProblemError, Report
from .published import Published
from .release_result import ReleaseResult, result_from, result_json
from .repository_rules import (
    ContinuesUse,
    Uses,
    continues_uses,
    label_uses,
    owner_uses,
)
from .sources import NamesFolder, Source

if TYPE_CHECKING:  # the engine is imported only when a file must be checked
    from .engine import FileCheck
    from .layout import PriorityFile


@dataclasses.dataclass
class CheckedReport(Report):
    """A report, and the valid priorities the checks read, for commands that
    go on to use the data (render, check-change, the Sphinx extension)."""

    priorities: list[Priority] = dataclasses.field(default_factory=list)
    # those read only for context (the rest of a release)
    context_priorities: list[Priority] = dataclasses.field(default_factory=list)
    # <release>/<slug> -> title, of every valid priority read (other releases
    # too): what a page needs to name the priorities its own ones continue
    titles: dict[str, str] = dataclasses.field(default_factory=dict)
    # the priorities of the releases read for names only that continue one
    # of the targets (their pages may show its title)
    continuers: list[ContinuesUse] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Task:
    """One release folder's files: targets first, then context."""

    sources: list[Source]
    targets: int
    keep_priorities: bool
    # processes for its files: more than one only for the only task of a
    # run (tasks run in worker processes, which cannot start their own)
    jobs: int = 1
    # the targets' own checks, started before the task ran
    early: EarlyChecks | None = None


def check_sources(
    targets: Sequence[Source],
    context: Sequence[Source] = (),
    *,
    jobs: int = 1,
    keep_priorities: bool = True,
    published: Published | None = None,
    names_only: Sequence[NamesFolder] = (),
    release_order: tuple[str, ...] = (),
    every_release: bool = False,
    early: EarlyChecks | None = None,
    meanwhile: Callable[[CheckedReport], None] | None = None,
) -> CheckedReport:
    """Check ``targets``; ``context`` (the rest of their releases) only feeds
    the cross-file rules: its own problems are not reported, but a target
    that clashes with it is. The report holds the valid priorities of both,
    unless ``keep_priorities`` is false (a plain validation needs none).
    With ``published``, the targets' relative links must name files of the
    repository (never cached: those files are not the data's).
    ``names_only`` (the other releases) feed the repository-wide rules only;
    ``release_order`` is the configuration's, for ``continues``, which names
    no other release in a run of ``every_release`` (its files or names).
    ``early``: the targets' checks, if started. ``meanwhile`` is called with
    the report when the other releases' names are to be read, not all from
    the cache (which waits on git): what it starts in a child runs beside.
    """
    early = early or EarlyChecks.start(targets, jobs)
    names = None
    if names_only and early is not None:
        from .names_index import EarlyNames

        # What the cache knows of the other releases is asked for first:
        # with the targets checked in a child, this process would wait idle.
        names = EarlyNames(names_only)
    tasks = _tasks(targets, context, keep_priorities, early)
    report = CheckedReport()
    readers = {s.file.path: s for s in (*targets, *context)}
    target_paths = {source.file.path for source in targets}
    uses = Uses()
    for result in _map(tasks, jobs, len(targets) + len(context), early):
        _add_result(report, result, readers, target_paths, published)
        uses.add(result.owners, result.labels, result.known, result.continues)
    if names_only:
        from .names_index import names_for

        known = set(uses.known)
        cached = names.cached() if names else None
        if meanwhile is not None and (cached is None or cached.stale):
            meanwhile(report)
        owners, labels, titles, report.continuers = names_for(
            names_only, uses, known, targets, jobs, cached=cached
        )
        uses.add(owners, labels, titles)
    report.titles = uses.known
    read = None if every_release else _releases(targets, context, names_only)
    for use, message in uses.problems(read, release_order):
        if use.path in target_paths:
            at = _origin(readers[use.path]).position_of(use.where)
            report.add(Problem(use.path, at.line, at.column, message, rule=use.rule))
    return report


def _add_result(
    report: CheckedReport,
    result: ReleaseResult,
    readers: dict[str, Source],
    target_paths: set[str],
    published: Published | None,
) -> None:
    """One release's findings, into the report."""
    for path in result.checked:
        report.result_for(path)
    for problem in result.problems:
        report.add(problem)
    if published is not None:

        def release_of(path: str) -> str | None:
            return readers[path].file.release

        for problem in published.broken_links(result.links, release_of):
            report.add(problem)
    for priority in result.priorities:
        if priority.origin is not None:  # from a worker: read here again
            priority.origin.attach(readers[priority.path].read)
        (
            report.priorities
            if priority.path in target_paths
            else report.context_priorities
        ).append(priority)


def _releases(
    targets: Sequence[Source], context: Sequence[Source], others: Sequence[NamesFolder]
) -> set[str]:
    """The releases a run reads: their files, or the names of the others."""
    read = {s.file.release for s in (*targets, *context) if s.file.release}
    return read | {folder.release for folder in others}


def _origin(source: Source) -> Origin:
    file = source.file
    return Origin(file.path, source.read, is_json=file.suffix == ".json")


def _tasks(
    targets: Sequence[Source],
    context: Sequence[Source],
    keep: bool,
    early: EarlyChecks | None = None,
) -> list[_Task]:
    """A task per folder of the sources, targets before context: a folder
    however spelled (``./priorities/kilo``, an absolute path), or its
    release's rules would not see all of its files."""
    folders: dict[str, tuple[list[Source], list[Source]]] = {}
    real: dict[str, str] = {}  # each spelling resolved once
    for index, sources in enumerate((targets, context)):
        for source in sources:
            folder = os.path.dirname(source.file.path)
            if folder not in real:
                real[folder] = os.path.realpath(folder)
            folders.setdefault(real[folder], ([], []))[index].append(source)
    return [_Task([*t, *c], len(t), keep, early=early) for t, c in folders.values()]


def _check_task(task: _Task) -> ReleaseResult:
    """One release folder: cached file results, the rest computed, then the
    release's cross-file rules.

    The bundle also keeps the release's result under a key made of all its
    files' keys: when no file changed and no priorities are wanted (a plain
    validation), that result is all there is to do.
    """
    folder = os.path.abspath(os.path.dirname(task.sources[0].file.path))
    # One bundle per kind of key, so runs on disk and on git keep theirs.
    by_id = task.sources[0].content_id is not None
    bundle = cache.bundle_name(folder + ("\0by blob id" if by_id else ""))
    cached = cache.load(bundle)
    texts = FileTexts(task.sources, cached.get("stamps"))
    keys = [texts.key(index) for index in range(len(task.sources))]
    release_key = "release:" + cache.key(str(task.targets), *keys)
    # No file changed: the release's result holds, and the priorities come
    # from the files' cached data.
    found = result_from(cached.get(release_key), task.sources[: task.targets])
    if found is not None and task.keep_priorities:
        kept = _priorities(task, [cached.get(key) for key in keys])
        found = None if kept is None else dataclasses.replace(found, priorities=kept)
    if found is not None:
        if texts.stamps != cached.get("stamps"):  # files read: keep their keys
            cache.store(bundle, {**cached, "stamps": texts.stamps})
        return found
    entries, result = _checked(task, texts, keys, cached)
    entries[release_key] = result_json(result)
    entries["stamps"] = texts.stamps
    if entries.keys() != cached.keys() or texts.stamps != cached.get("stamps"):
        cache.store(bundle, entries)
    return result


def _checked(
    task: _Task, texts: FileTexts, keys: list[str], cached: dict[str, Any]
) -> tuple[dict[str, Any], ReleaseResult]:
    """Each file's check (from the cache, or made now) by its key, and the
    release's result. The engine is imported here: a run whose
    results are all cached never needs it."""
    from .workers import PARALLEL_FROM, forked_map

    found = [
        _from_cache(source, cached.get(key))
        for source, key in zip(task.sources, keys, strict=True)
    ]
    # The targets' markup is checked; the context's is only when a name a
    # target defines could clash with it (_complete_context).
    missing = [
        (index, task.sources[index].file, texts[index], index < task.targets)
        for index, check in enumerate(found)
        if check is None or (index < task.targets and not _complete(check))
    ]
    # Only markup is worth a pool's worker: a file read for its data alone
    # costs about what sending its result back from one would (many such
    # files are split with one child instead: _data_checks).
    marked = [work for work in missing if work[3]]
    jobs = task.jobs if len(marked) >= PARALLEL_FROM else 1
    plain = [work for work in missing if not work[3]]
    for index, check in _data_checks(plain, task.jobs):
        found[index] = check
    if task.early is not None:  # last: the child had the most time
        for index, file, text, _ in marked:
            found[index] = task.early.check(file, text)
    marked = [work for work in marked if found[work[0]] is None]
    for index, check in forked_map(_check_one, marked, jobs):
        found[index] = check
    checks = cast("list[FileCheck]", found)  # every one found or made
    _complete_context(task, texts, checks)
    entries: dict[str, Any] = {
        key: check.to_json() for key, check in zip(keys, checks, strict=True)
    }
    return entries, _release_result(task, checks)


def _data_checks(
    work: list[tuple[int, PriorityFile, str | ProblemError, bool]], jobs: int
) -> Iterable[tuple[int, FileCheck]]:
    """The checks of files read for their data alone: with many of them (the
    rest of a release, cold), half are checked in a forked child."""
    from .workers import PARALLEL_FROM, halved_map

    if jobs < 2 or len(work) < PARALLEL_FROM:
        return map(_check_one, work)
    from .engine import FileCheck

    paths = {index: file.path for index, file, _, _ in work}
    return halved_map(
        _check_one,
        work,
        lambda found: (found[0], found[1].to_json()),
        lambda sent: (sent[0], FileCheck.from_json(paths[sent[0]], sent[1])),
    )


def _check_one(
    work: tuple[int, PriorityFile, str | ProblemError, bool],
) -> tuple[int, FileCheck]:
    from .engine import check_file

    index, file, text, rst = work
    return index, check_file(file, text, rst=rst)


def _complete(check: FileCheck) -> bool:
    return check.unchecked_description is None


def _complete_context(task: _Task, texts: FileTexts, checks: list[FileCheck]) -> None:
    """Check the markup of the context files that may define a name one of
    the targets defines: the release's name-clash rule needs their names."""
    from . import engine

    defined = {
        name for check in checks[: task.targets] for name, _ in check.definitions
    }
    if not defined:
        return
    for index in range(task.targets, len(checks)):
        unchecked = checks[index].unchecked_description
        if unchecked is not None and engine.may_define(unchecked, defined):
            checks[index] = engine.check_file(task.sources[index].file, texts[index])


def _priorities(task: _Task, entries: list[Any]) -> list[Priority] | None:
    """The valid priorities of cached file entries (see FileCheck.to_json)."""
    try:
        return _valid(task, [entry[1] for entry in entries])
    except (TypeError, KeyError, IndexError):
        return None


def _valid(task: _Task, data: list[dict[str, Any] | None]) -> list[Priority]:
    """The priorities of the files whose ``data`` passed the checks."""
    priorities = []
    for source, content in zip(task.sources, data, strict=True):
        release = source.file.release
        if content is not None and release is not None:
            priorities.append(
                Priority.from_data(content, release, source.file.slug, _origin(source))
            )
    return priorities


def _release_result(task: _Task, checks: list[FileCheck]) -> ReleaseResult:
    from . import engine

    priorities = _valid(task, [check.data for check in checks])
    targets = {s.file.path for s in task.sources[: task.targets]}
    problems = [p for check in checks if check.path in targets for p in check.problems]
    problems += engine.check_release(checks, priorities, targets)
    kept = [p for p in priorities if task.keep_priorities]
    return ReleaseResult(
        checked=sorted(targets),
        problems=problems,
        owners=[use for priority in priorities for use in owner_uses(priority)],
        labels=[use for priority in priorities for use in label_uses(priority)],
        continues=[use for p in priorities for use in continues_uses(p)],
        known=[(f"{p.release}/{p.slug}", p.title) for p in priorities],
        links=[
            link for check in checks if check.path in targets for link in check.links
        ],
        priorities=kept,
    )


def _from_cache(source: Source, entry: object) -> FileCheck | None:
    if isinstance(entry, list):
        try:
            from .engine import FileCheck

            return FileCheck.from_json(source.file.path, entry)
        except (TypeError, ValueError):  # another shape: compute it again
            pass
    return None


def _map(
    tasks: list[_Task], jobs: int, files: int, early: EarlyChecks | None
) -> Iterator[ReleaseResult]:
    """:func:`_check_task` over ``tasks``, in worker processes when it pays."""
    from .workers import PARALLEL_FROM, forked_map

    jobs = jobs if files >= PARALLEL_FROM else 1
    if len(tasks) == 1:  # one release: its files are spread instead
        tasks[0].jobs = jobs
    elif early is not None and jobs > 1:
        early.wait()  # the workers inherit the checks, not the child
    try:
        yield from forked_map(_check_task, tasks, jobs)
    finally:
        if early is not None:
            early.cancel()
