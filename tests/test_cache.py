"""The result cache: reused when nothing changed, never wrong, never unsafe."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from conftest import WriteFile, run_cli

from nova_priorities.hooks import cache

BROKEN = "title: A\nposition: x\n"
EXPECTED = "priorities/kilo/a.yaml:2:11: position: expected an integer, got 'x'"


def cached_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_an_unchanged_file_is_read_back(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    first = run_cli("validate")
    assert first.stdout.splitlines()[0] == EXPECTED
    (bundle,) = cached_files(own_cache)
    # Plant a different answer: seeing it proves the cache was used.
    entries = cache.decoded(bundle.read_bytes())
    # one entry per file, one for the release (its result when nothing
    # changed), and the files' stamps
    (entry,) = [
        v
        for k, v in entries.items()
        if k not in ("stamps",) and not k.startswith("release:")
    ]
    (release,) = [v for k, v in entries.items() if k.startswith("release:")]
    entry[0][0][2] = release[0][0][3] = "from the cache"
    bundle.write_bytes(cache.encoded(entries))
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
    # One bundle per release folder, holding exactly its current files.
    (bundle,) = cached_files(own_cache)
    entries = cache.decoded(bundle.read_bytes())
    files = [k for k in entries if k != "stamps" and not k.startswith("release")]
    assert len(files) == 2


def test_editing_one_file_keeps_the_others_results(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    write("priorities/kilo/b.yaml", "title: B\nposition: 2\n")
    run_cli("validate")
    (bundle,) = cached_files(own_cache)
    before = cache.decoded(bundle.read_bytes())
    write("priorities/kilo/b.yaml", "title: B\nposition: 3\n")
    run_cli("validate")
    after = cache.decoded(bundle.read_bytes())
    # a.yaml's result, kept (and the stamps entry); and a new release entry
    assert len(before.keys() & after.keys()) == 2
    assert len(before) == len(after) == 4


def test_a_broken_cache_is_ignored(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    run_cli("validate")
    (bundle,) = cached_files(own_cache)
    good = bundle.read_bytes()
    for broken in (
        b"not a bundle",
        good[:-1],  # torn
        good[:-1] + bytes([good[-1] ^ 1]),  # one bit flipped
        cache.encoded({"x": [1, 2]}),  # a bundle, but not of results
        cache.MAGIC + b"\0\0\0\0",  # nothing after the CRC
    ):
        bundle.write_bytes(broken)
        assert run_cli("validate").stdout.splitlines()[0] == EXPECTED


class _Planted:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_reading_the_cache_runs_no_code(
    repo: Path, write: WriteFile, own_cache: Path, tmp_path: Path
) -> None:
    write("priorities/kilo/a.yaml", BROKEN)
    run_cli("validate")
    marker = tmp_path / "code-ran"
    code = compile(f"open({str(marker)!r}, 'w')", "planted", "exec")
    (bundle,) = cached_files(own_cache)
    entries = cache.decoded(bundle.read_bytes())
    for planted in (
        pickle.dumps(_Planted(marker)),
        cache.encoded({key: code for key in entries}),  # marshal holds code too
        cache.encoded(code),  # type: ignore[arg-type]
    ):
        bundle.write_bytes(planted)
        assert run_cli("validate").stdout.splitlines()[0] == EXPECTED
        assert not marker.exists()


def test_the_folder_is_private(
    repo: Path, write: WriteFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new-cache"
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", str(folder))
    write("priorities/kilo/a.yaml", BROKEN)
    run_cli("validate")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_folder_others_may_write_to_is_not_used(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    own_cache.chmod(0o777)
    write("priorities/kilo/a.yaml", BROKEN)
    result = run_cli("validate")
    assert result.stdout.splitlines()[0] == EXPECTED
    assert "not using the cache" in result.stderr
    assert "others may write to it" in result.stderr
    assert cached_files(own_cache) == []


def test_unsafe_folders() -> None:
    mine = os.stat(".")
    assert cache.unsafe(os.stat_result((0o40700, *mine[1:]))) is None
    assert cache.unsafe(os.stat_result((0o100600, *mine[1:]))) == "it is not a folder"
    other = os.stat_result((0o40700, *mine[1:4], mine.st_uid + 1, *mine[5:]))
    assert cache.unsafe(other) == "another user owns it"


def test_the_fingerprint_follows_content_not_dates() -> None:
    before = cache.fingerprint.__wrapped__()
    module = Path(cache.__file__)
    stat = module.stat()
    try:
        os.utime(module, (stat.st_atime, stat.st_mtime + 100))
        assert cache.fingerprint.__wrapped__() == before
    finally:
        os.utime(module, (stat.st_atime, stat.st_mtime))


def test_the_cache_can_be_turned_off(
    repo: Path, write: WriteFile, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    write("priorities/kilo/a.yaml", BROKEN)
    assert run_cli("validate").stdout.splitlines()[0] == EXPECTED
    assert cached_files(own_cache) == []


def test_a_warm_cache_renders_the_same_page(repo: Path, write: WriteFile) -> None:
    """On a warm cache, render takes the priorities from the files' cached
    data and the release's cached result: the page must not change."""
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\ndescription: Text.\n")
    write("priorities/kilo/b.yaml", "title: B\nposition: 2\n")
    assert run_cli("render").returncode == 1  # created
    page = (repo / "priorities" / "kilo-priorities.rst").read_text()
    assert "Text." in page
    again = run_cli("render")
    assert (again.returncode, again.stdout) == (0, "")
    assert (repo / "priorities" / "kilo-priorities.rst").read_text() == page
