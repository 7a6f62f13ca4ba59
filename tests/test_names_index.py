"""The names of the releases a run does not check come from the cache while
their folder's stamp holds, and are read again as soon as it changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID

from nova_priorities.hooks import sources, workers
from nova_priorities.hooks.layout import Layout
from nova_priorities.hooks.names_index import EarlyNames, cached_names, names_of
from nova_priorities.hooks.sources import NamesFolder, Source, disk_names_folder


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Layout:
    (tmp_path / "priorities" / "kilo").mkdir(parents=True)
    (tmp_path / "priorities" / "kilo" / "cells-v2.yaml").write_text(VALID)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", str(tmp_path / "cache"))
    return Layout.find()


def counted(folder: NamesFolder, reads: list[str]) -> NamesFolder:
    def listing() -> list[Source]:
        reads.append(folder.release)
        return folder.sources()

    return dataclasses.replace(folder, sources=listing)


def test_an_unchanged_folder_is_not_read_again(
    repository: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "_RACY_NS", 0)  # files written just now count
    reads: list[str] = []
    first = names_of([counted(disk_names_folder(repository, "kilo"), reads)])
    second = names_of([counted(disk_names_folder(repository, "kilo"), reads)])
    assert reads == ["kilo"] and first == second and first[0]
    # the same size, written again: the stamp (times, inode) tells
    path = Path("priorities/kilo/cells-v2.yaml")
    path.write_text(path.read_text().replace("Andrew Laski", "Andrew Lasky"))
    owners, _, _, _ = names_of([counted(disk_names_folder(repository, "kilo"), reads)])
    assert reads == ["kilo", "kilo"]
    assert "Andrew Lasky" in {use.name for use in owners}


def test_a_file_changed_just_now_is_never_trusted_to_its_stamp(
    repository: Layout,
) -> None:
    """Within a tick of the file system's clock a rewrite of the same size
    may leave every time unchanged (git's "racily clean" entries)."""
    assert disk_names_folder(repository, "kilo").stamp() is None
    reads: list[str] = []
    names_of([counted(disk_names_folder(repository, "kilo"), reads)])
    names_of([counted(disk_names_folder(repository, "kilo"), reads)])
    assert reads == ["kilo", "kilo"]


def test_worker_processes_read_what_one_process_reads(
    repository: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    liberty = Path("priorities/liberty")
    liberty.mkdir()
    (liberty / "bugs.yaml").write_text(
        "title: Bugs\nposition: 1\nowners:\n  - name: Ann\n    launchpad: ann\n"
    )
    folders = [disk_names_folder(repository, r) for r in ("kilo", "liberty")]
    alone = names_of(folders, jobs=1)
    assert {use.launchpad for use in alone[0]} == {"alaski", "ann"}
    used = []
    for name in ("halved_map", "forked_map"):
        real = getattr(workers, name)

        def spy(*args: Any, real: Any = real, name: str = name) -> Any:
            used.append(name)
            return real(*args)

        monkeypatch.setattr(workers, name, spy)
    # a few files: one child reads the second folder
    monkeypatch.setattr(workers, "HALVED_FROM", 2)
    assert names_of(folders, jobs=2) == alone
    assert used == ["halved_map"]
    # many: a pool of workers
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    assert names_of(folders, jobs=2) == alone
    assert used == ["halved_map", "forked_map"]


def test_a_folder_not_asked_for_keeps_its_names(
    repository: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit in kilo reads liberty's names, the next one in liberty reads
    kilo's: neither evicts the other."""
    monkeypatch.setattr(sources, "_RACY_NS", 0)
    Path("priorities/liberty").mkdir()
    Path("priorities/liberty/bugs.yaml").write_text("title: Bugs\nposition: 1\n")
    reads: list[str] = []
    for release in ("kilo", "liberty", "kilo", "liberty"):
        names_of([counted(disk_names_folder(repository, release), reads)])
    assert reads == ["kilo", "liberty"]


def test_a_folder_listed_then_changed_before_its_stamp_is_read_again(
    repository: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder is listed when selected and stamped when its names are
    asked for: a file gone or written in between is never taken for the
    cached one."""
    monkeypatch.setattr(sources, "_RACY_NS", 0)
    reads: list[str] = []
    names_of([counted(disk_names_folder(repository, "kilo"), reads)])  # cached
    listed = counted(disk_names_folder(repository, "kilo"), reads)
    path = Path("priorities/kilo/cells-v2.yaml")
    path.unlink()
    assert listed.stamp() is None  # its entry is gone: unknown, read it
    assert names_of([listed]) == ([], [], [], [])
    assert reads == ["kilo", "kilo"]


def test_stamps_taken_in_a_child_are_those_taken_here(
    repository: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With its targets checked in a child, a run has the other folders
    stamped in another: what it then finds cached (and stale) is the same."""
    monkeypatch.setattr(sources, "_RACY_NS", 0)
    Path("priorities/liberty").mkdir()
    Path("priorities/liberty/bugs.yaml").write_text("title: Bugs\nposition: 1\n")
    names_of([disk_names_folder(repository, r) for r in ("kilo", "liberty")])
    path = Path("priorities/liberty/bugs.yaml")
    path.write_text(path.read_text().replace("Bugs", "Bugs and more"))
    stamped_here: list[str] = []

    def folder(release: str) -> NamesFolder:
        found = disk_names_folder(repository, release)

        def stamp() -> str | None:
            stamped_here.append(release)  # in this process' memory only
            return found.stamp()

        return dataclasses.replace(found, stamp=stamp)

    early = EarlyNames([folder("kilo"), folder("liberty")])
    assert early.stamps is not None and early.stamps.pid  # a child stamps
    in_child = early.cached()
    assert stamped_here == []
    here = cached_names([folder("kilo"), folder("liberty")])
    assert stamped_here == ["kilo", "liberty"]
    assert in_child == here
    assert in_child.stale == [1]  # liberty changed, kilo did not
