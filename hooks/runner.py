"""Running the engine over many files: the cache, worker processes, and the
rules that span the whole repository.

:func:`check_sources` is what every command and the Sphinx extension call.
Each file is read once; a file whose result is in the cache is not parsed
again; the others are checked with :func:`.engine.check_file`, in worker
processes when there are many. Then each release's cross-file rules run
over the results, and last the repository-wide owner rule.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence

from . import cache, rules
from .engine import FileCheck, check_file, check_release
from .model import Origin, Priority
from .problems import Problem, ProblemError, Report
from .sources import Source

# Below this many files to check, starting workers costs more than it saves.
PARALLEL_FROM = 300


@dataclasses.dataclass
class CheckedReport(Report):
    """A report, and the valid priorities the checks read, for commands that
    go on to use the data (render, check-change, the Sphinx extension)."""

    priorities: list[Priority] = dataclasses.field(default_factory=list)
    # those read only for context (the rest of a release)
    context_priorities: list[Priority] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Member:
    """One file of a release group: its source, text and cached result."""

    source: Source
    target: bool
    text: str | ProblemError
    key: str
    check: FileCheck | None = None


@dataclasses.dataclass
class _Group:
    """The files of one release folder and their cache bundle."""

    bundle: str
    cached: dict[str, object]
    members: list[_Member] = dataclasses.field(default_factory=list)


def check_sources(
    targets: Sequence[Source],
    context: Sequence[Source] = (),
    *,
    jobs: int = 1,
) -> CheckedReport:
    """Check ``targets``; ``context`` (the rest of their releases) only feeds
    the cross-file rules: its own problems are not reported, but a target
    that clashes with it is. The report holds the valid priorities of both.
    """
    groups = _groups(targets, context)
    missing = [m for g in groups for m in g.members if m.check is None]
    for member, check in zip(missing, _compute(missing, jobs), strict=True):
        member.check = check
    report = CheckedReport()
    owners: dict[str, Priority] = {}
    for group in groups:
        _store(group)
        _check_group(group.members, report, owners)
    target_paths = {source.file.path for source in targets}
    uses = [use for priority in owners.values() for use in rules.owner_uses(priority)]
    for rule in rules.REPOSITORY_RULES:
        for use, message in rule(uses):
            if use.path in target_paths:
                at = owners[use.path].position_of(use.where)
                report.add(
                    Problem(use.path, at.line, at.column, message, rule="owners")
                )
    return report


def _groups(targets: Sequence[Source], context: Sequence[Source]) -> list[_Group]:
    """The sources by release folder, read and looked up in the cache."""
    groups: dict[str, _Group] = {}
    for target, sources in ((True, targets), (False, context)):
        for source in sources:
            folder = os.path.dirname(os.path.abspath(source.file.path))
            group = groups.get(folder)
            if group is None:
                name = cache.bundle_name(folder)
                group = groups[folder] = _Group(name, cache.load(name))
            text = _read(source)
            shown = text if isinstance(text, str) else f"\0{text.problem}"
            key = cache.key(str(target), source.file.path, shown)
            member = _Member(source, target, text, key)
            found = group.cached.get(member.key)
            if isinstance(found, list):
                member.check = _from_cache(source.file.path, found)
            group.members.append(member)
    return list(groups.values())


def _read(source: Source) -> str | ProblemError:
    try:
        return source.read()
    except ProblemError as error:
        return error


def _from_cache(path: str, value: list[object]) -> FileCheck | None:
    try:
        return FileCheck.from_json(path, value)
    except (TypeError, ValueError):  # another shape: compute it again
        return None


def _store(group: _Group) -> None:
    """Write the group's bundle when it does not hold exactly its files."""
    entries = {m.key: m.check.to_json() for m in group.members if m.check is not None}
    if entries.keys() != group.cached.keys():
        cache.store(group.bundle, entries)


def _check_group(
    members: list[_Member], report: CheckedReport, owners: dict[str, Priority]
) -> None:
    """The release rules over one group; results into ``report``."""
    checks = [m.check for m in members if m.check is not None]
    targets = {m.source.file.path for m in members if m.target}
    priorities = []
    for member in members:
        check = member.check
        if check is None or check.data is None:
            continue
        file = member.source.file
        origin = Origin(file.path, member.source.read, is_json=file.suffix == ".json")
        assert file.release is not None
        priority = Priority.from_data(check.data, file.release, file.slug, origin)
        priorities.append(priority)
        owners[file.path] = priority
        (report.priorities if member.target else report.context_priorities).append(
            priority
        )
    for check in checks:
        if check.path in targets:
            report.result_for(check.path).problems.extend(check.problems)
    for problem in check_release(checks, priorities, targets):
        report.add(problem)


# --- worker processes -----------------------------------------------------

_work: list[_Member] = []  # what forked workers inherit (never pickled)


def _compute(members: list[_Member], jobs: int) -> Iterator[FileCheck]:
    """:func:`check_file` for each member, forking workers when it pays."""
    if jobs < 2 or len(members) < PARALLEL_FROM:
        yield from map(_check_member, members)
        return
    import multiprocessing

    _work[:] = members
    # Each page a worker writes to, of what it inherits, is copied for it:
    # so the garbage collector leaves inherited objects alone, and docutils
    # is imported by each worker, not before forking.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunk = max(1, len(members) // (jobs * 8))
            yield from pool.imap(_check_at, range(len(members)), chunksize=chunk)
    finally:
        gc.unfreeze()
        _work.clear()


def _check_at(index: int) -> FileCheck:
    return _check_member(_work[index])


def _check_member(member: _Member) -> FileCheck:
    return check_file(member.source.file, member.text, rst=member.target)


def by_release(priorities: Sequence[Priority]) -> dict[str, list[Priority]]:
    """Priorities grouped by release name."""
    found: dict[str, list[Priority]] = defaultdict(list)
    for priority in priorities:
        found[priority.release].append(priority)
    return found
