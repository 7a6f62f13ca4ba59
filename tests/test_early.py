"""The targets of a run are checked first, in a child process, while the
rest of their releases is read; the results are those of one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import WriteFile

from nova_priorities.hooks import runner
from nova_priorities.hooks.early import EarlyChecks
from nova_priorities.hooks.layout import Layout
from nova_priorities.hooks.runner import check_sources
from nova_priorities.hooks.sources import add_releases, named_selection

MARKED = (
    "title: {title}\nposition: {position}\n"
    "owners:\n  - name: Sean Dague\n    launchpad: sdague\n"
    "description: |\n  See `the spec <javascript:alert(1)>`__ and `Missing`_.\n"
)


@pytest.fixture
def release(write: WriteFile) -> list[Path]:
    return [
        write(f"priorities/kilo/{slug}.yaml", MARKED.format(title=slug, position=n))
        for n, slug in enumerate(["a", "b", "c", "d"], start=1)
    ]


def problems(early: EarlyChecks | None, jobs: int) -> list[str]:
    selection = named_selection(Layout.find(), ["priorities/kilo/a.yaml"])
    add_releases(Layout.find(), selection)
    report = check_sources(selection.targets, selection.context, jobs=jobs, early=early)
    return [str(problem) for problem in report.problems]


def checked_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths this process checks itself (the child's are not seen)."""
    seen: list[str] = []
    check_one = runner._check_one

    def recorded(work: tuple[int, object, object, bool]) -> object:
        seen.append(getattr(work[1], "path", ""))
        return check_one(work)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_check_one", recorded)
    return seen


def test_the_targets_are_checked_in_a_child_with_the_same_results(
    release: list[Path], monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    alone = problems(None, jobs=1)
    assert any("javascript" in p for p in alone)
    assert any('"missing"' in p for p in alone)
    for bundle in own_cache.iterdir():  # so that the target is checked again
        bundle.unlink()
    seen = checked_here(monkeypatch)
    assert problems(None, jobs=2) == alone
    assert "priorities/kilo/a.yaml" not in seen
    assert "priorities/kilo/b.yaml" in seen  # the context, here


def test_a_file_changed_after_the_child_read_it_is_checked_again(
    release: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    selection = named_selection(Layout.find(), ["priorities/kilo/a.yaml"])
    early = EarlyChecks.start(selection.targets, jobs=2)
    assert early is not None
    release[0].write_text(MARKED.format(title="b", position=1))  # b's title now
    seen = checked_here(monkeypatch)
    found = problems(early, jobs=2)
    assert "priorities/kilo/a.yaml" in seen
    assert any("title" in p and "b.yaml" in p for p in found), found


def test_targets_found_in_the_cache_stop_the_child(release: list[Path]) -> None:
    problems(None, jobs=1)  # the cache now holds every file
    selection = named_selection(Layout.find(), ["priorities/kilo/a.yaml"])
    early = EarlyChecks.start(selection.targets, jobs=2)
    assert early is not None
    pid = early.child.pid
    problems(early, jobs=2)
    assert early.checks is None  # never waited for
    with pytest.raises(ChildProcessError):  # stopped and reaped
        os.waitpid(pid, os.WNOHANG)


def test_no_child_for_one_processor_or_many_targets(
    release: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = named_selection(Layout.find(), ["priorities/kilo"]).targets
    assert EarlyChecks.start(targets, jobs=1) is None
    monkeypatch.setattr("nova_priorities.hooks.early.PARALLEL_FROM", 4)
    assert EarlyChecks.start(targets, jobs=2) is None  # four: the workers' job
    monkeypatch.setattr("nova_priorities.hooks.early.PARALLEL_FROM", 5)
    started = EarlyChecks.start(targets, jobs=2)
    assert started is not None
    started.cancel()
