"""Hostile input: each file is refused with a clear message, no traceback.

The corpus is built at test time (a 10 MB file has no place in git); each
entry is the file's bytes and the message expected at its position.
"""

from __future__ import annotations

import os
import resource
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import KILO_SEED, REPO_ROOT, SCRIPT, run_cli

VALID_HEAD = b"title: Hostile\nposition: 1\n"


def billion_laughs() -> bytes:
    lines = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(96 + index), chr(97 + index)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]".encode())
    return b"\n".join(lines) + b"\n"


CORPUS: dict[str, tuple[Callable[[], bytes], str]] = {
    "alias-bomb": (
        billion_laughs,
        "1:4: anchor &a is not allowed; write values out in full",
    ),
    "deep-block": (
        lambda: b"".join(b"  " * i + b"a:\n" for i in range(1000)),
        "33:65: nested more than 32 levels deep",
    ),
    "deep-flow": (
        lambda: b"a: " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "1:1003: nested more than 32 levels deep",
    ),
    "ten-megabytes": (
        lambda: VALID_HEAD + b"# " + b"x" * (10 * 1024 * 1024) + b"\n",
        "1:1: file is 10.0 MiB; priority files are limited to 1 MiB",
    ),
    "binary": (
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "1:1: not UTF-8: byte 0x89 cannot be decoded; save the file as UTF-8",
    ),
    "latin-1": (
        lambda: VALID_HEAD + "description: café\n".encode("latin-1"),
        "3:17: not UTF-8: byte 0xe9 cannot be decoded",
    ),
    "nul-bytes": (
        lambda: VALID_HEAD + b"description: a\x00b\n",
        "3:15: control character U+0000 is not allowed in a priority file",
    ),
    "duplicate-keys": (
        lambda: VALID_HEAD + b"title: Again\n",
        "3:1: duplicate key 'title' (first at line 1); keep one",
    ),
    "tabs": (
        lambda: VALID_HEAD + b"owners:\n\t- name: x\n",
        "4:1: tab character: YAML indents with spaces; replace the tab with spaces",
    ),
    "several-documents": (
        lambda: VALID_HEAD + b"---\n" + VALID_HEAD,
        "3:1: a second YAML document ('---'); a priority file holds exactly one",
    ),
    "empty": (lambda: b"", "1:1: file is empty"),
    "top-level-list": (
        lambda: b"- title: x\n",
        "1:1: the file: expected a mapping, got a list",
    ),
    "top-level-scalar": (
        lambda: b"just a string\n",
        "1:1: the file: expected a mapping, got 'just a string'",
    ),
    "python-tag": (
        lambda: VALID_HEAD + b"description: !!python/object/apply:os.system ['id']\n",
        "3:14: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
    ),
    "raw-script": (
        lambda: (
            VALID_HEAD
            + b"description: |\n  .. raw:: html\n\n     <script>alert(1)</script>\n"
        ),
        "4:3: description: the raw directive is not allowed in a description",
    ),
    "include-passwd": (
        lambda: VALID_HEAD + b"description: |\n  .. include:: /etc/passwd\n",
        "4:3: description: the include directive is not allowed",
    ),
    "script-tag-text": (
        lambda: VALID_HEAD + b"description: |\n  Hi <script>alert(1)</script>\n",
        "4:3: description: '<script>' looks like an HTML tag",
    ),
    "javascript-url": (
        lambda: VALID_HEAD + b"links:\n  - title: x\n    url: javascript:alert(1)\n",
        "5:10: links[0].url: 'javascript:alert(1)' is not an http(s) URL",
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_is_refused_clearly(repo: Path, name: str) -> None:
    make, expected = CORPUS[name]
    path = repo / "priorities" / "kilo" / f"{name}.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(make())
    before = sorted(p.name for p in path.parent.iterdir())
    result = subprocess.run(
        [SCRIPT, "validate", f"priorities/kilo/{name}.yaml"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,  # a guard against hangs, not a speed measure
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"priorities/kilo/{name}.yaml:{expected}"), (
        result.stdout
    )
    assert sorted(p.name for p in path.parent.iterdir()) == before


def test_symlink_out_and_stray_files(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "passwd.yaml"
    outside.write_bytes(VALID_HEAD)
    (repo / "priorities" / "kilo").mkdir()
    os.symlink(outside, repo / "priorities" / "kilo" / "link.yaml")
    (repo / "priorities" / "stray.yaml").write_bytes(VALID_HEAD)
    result = run_cli("validate")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"priorities/kilo/link.yaml:1:1: symlink to {outside.resolve()}, outside "
        "the repository; a priority file must be a file of the repository",
        "priorities/stray.yaml:1:1: not in a release folder; move it to "
        "priorities/<release>/stray.yaml (e.g. priorities/kilo/stray.yaml)",
    ]


def _limit_file_size() -> None:
    # A file size limit makes writes fail as a full disk would (EFBIG;
    # Python ignores SIGXFSZ), for this process only.
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_failing_write_leaves_the_old_page(repo: Path) -> None:
    import shutil

    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    page = repo / "priorities" / "kilo-priorities.rst"
    old = ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n"
    page.write_text(old)
    result = subprocess.run(
        [SCRIPT, "render"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 1
    assert result.stdout == (
        "priorities/kilo-priorities.rst:1:1: cannot write the page: File too large; "
        "it was not changed\n"
    )
    assert page.read_text() == old
    assert sorted(p.name for p in page.parent.iterdir()) == [
        "kilo",
        "kilo-priorities.rst",
    ]


def test_read_only_page_is_left_alone(repo: Path) -> None:
    import shutil

    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    page = repo / "priorities" / "kilo-priorities.rst"
    old = ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n"
    page.write_text(old)
    page.chmod(0o444)
    result = run_cli("render")
    assert result.returncode == 1
    assert result.stdout == (
        "priorities/kilo-priorities.rst:1:1: the page is read-only; it was not "
        "changed (make it writable to let render regenerate it)\n"
    )
    assert page.read_text() == old


def test_failing_import_writes_nothing(repo: Path) -> None:
    import shutil

    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    original = (repo / "kilo-priorities.rst").read_text()
    result = subprocess.run(
        [SCRIPT, "import", "kilo-priorities.rst"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 1
    assert result.stdout.endswith(
        ": cannot write: File too large; nothing was written\n"
    )
    assert [p.name for p in (repo / "priorities").rglob("*.yaml")] == []
    assert not (repo / "priorities" / "kilo-priorities.rst").exists()
    assert (repo / "kilo-priorities.rst").read_text() == original
