"""The release result cache: reused when nothing changed, never wrong."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import WriteFile, run_cli

BROKEN = "title: A\nposition: x\n"
EXPECTED = "priorities/kilo/a.yaml:2:11: position: expected an integer, got 'x'"


def cached_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_an_unchanged_release_is_read_back(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    first = run_cli("validate")
    assert first.stdout.splitlines()[0] == EXPECTED
    (entry,) = cached_files(own_cache)
    # Plant a different answer: seeing it proves the cache was used.
    result = pickle.loads(entry.read_bytes())
    result.problems = [
        type(p)(p.path, p.line, p.column, "from the cache", p.severity, p.rule)
        for p in result.problems
    ]
    entry.write_bytes(pickle.dumps(result))
    second = run_cli("validate")
    assert (
        second.stdout.splitlines()[0] == "priorities/kilo/a.yaml:2:11: from the cache"
    )


def test_a_changed_file_is_checked_again(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    run_cli("validate")
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\n")
    assert run_cli("validate").stdout == "1 file checked: no problems\n"
    # The context counts too: a new file in the release changes the result.
    write("priorities/kilo/b.yaml", "title: B\nposition: 1\n")
    result = run_cli("validate", "priorities/kilo/a.yaml")
    assert result.stdout.splitlines()[0].startswith(
        "priorities/kilo/a.yaml:2:11: position: 1 is also the position of"
    )
    assert len(cached_files(own_cache)) == 3


def test_a_broken_cache_is_ignored(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    run_cli("validate")
    for entry in cached_files(own_cache):
        entry.write_bytes(b"not a pickle")
    assert run_cli("validate").stdout.splitlines()[0] == EXPECTED


def test_the_cache_can_be_turned_off(
    repo: Path, write: WriteFile, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    write("priorities/kilo/a.yaml", BROKEN)
    assert run_cli("validate").stdout.splitlines()[0] == EXPECTED
    assert cached_files(own_cache) == []
