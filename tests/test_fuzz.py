"""Fuzzing every entry point with mutated priority files and pages.

Valid Kilo files and the Kilo page are mutated at the byte level (bytes
inserted, deleted or replaced) and at the structure level (lines dropped,
repeated, swapped or re-indented, markers broken, RST constructs added),
then validate, ``validate --staged``, render, import, check-change and a
Sphinx build run on them for real. Every run must end within a time bound
with exit 0, 1 or 2, never print a traceback, and leave the pages as they
were whenever it reports an error; validate and render must agree on which
releases are fine, and every check of the mutated file (validate, the hook
on that file, ``validate --staged``, check-change) must report the same
errors.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import git
import pytest
from conftest import KILO_SEED, REPO_ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

KILO = REPO_ROOT / "priorities" / "kilo"
PAGE = REPO_ROOT / "priorities" / "kilo-priorities.rst"
TIMEOUT = 60
ERROR_LINE = re.compile(r"^\S.*:\d+:\d+: (?!warning:).*$", re.MULTILINE)

SNIPPETS = [
    b"\x00", b"\xff\xfe", b"\t", b"\r", b"---\n", b"&a ", b"*a", b"!!python/x ",
    b"`x <javascript:alert(1)>`__", b".. raw:: html\n\n   <script>", b"\n  * ",
    b"9" * 30, b".. nova-priorities:end:table\n", b"|x|", b"[#]_", b"::\n",
    "\u2028".encode(), b"\xe9", b"{", b"]", b'"',
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with one to three mutations."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        kind = draw(st.sampled_from(["insert", "delete", "replace", "lines", "indent"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "insert":
            piece = draw(st.sampled_from(SNIPPETS) | st.binary(min_size=1, max_size=4))
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 20)) :]
        elif kind == "replace":
            data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at + 1 :]
        elif kind == "lines" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            how = draw(st.sampled_from(["drop", "repeat", "swap"]))
            if how == "drop":
                del lines[i]
            elif how == "repeat":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        else:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = b" " * draw(st.integers(1, 5)) + lines[i]
            data = b"\n".join(lines)
    return data


FILES = sorted(KILO.glob("*.yaml"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = run_cli(
        *args, cwd=cwd, timeout=TIMEOUT, environment={"NOVA_PRIORITIES_CACHE": "off"}
    )
    assert result.returncode in (0, 1, 2), (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout, (args, result.stderr)
    return result


def errors_of(output: str, path: str) -> list[str]:
    """The lines of ``output`` that report a problem of ``path``."""
    return [line for line in ERROR_LINE.findall(output) if line.startswith(path + ":")]


def pages(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "priorities").glob("*.rst")}


def _repository(folder: Path) -> git.Repo:
    shutil.copytree(KILO, folder / "priorities" / "kilo")
    shutil.copy(PAGE, folder / "priorities" / "kilo-priorities.rst")
    repo = git.Repo.init(folder)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Fuzz")
        config.set_value("user", "email", "fuzz@example.org")
    repo.git.add("-A")
    repo.git.commit("-m", "base")
    return repo


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.sampled_from(FILES).flatmap(
        lambda path: st.tuples(st.just(path.name), mutated(path.read_bytes()))
    ),
    mutated(PAGE.read_bytes()),
    st.booleans(),
)
def test_every_entry_point_survives_mutations(
    data_file: tuple[str, bytes], page: bytes, mutate_page: bool
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        _check_all(folder, data_file, page if mutate_page else None)
    finally:
        shutil.rmtree(folder)


def _check_all(folder: Path, data_file: tuple[str, bytes], page: bytes | None) -> None:
    repo = _repository(folder)
    name, content = data_file
    (folder / "priorities" / "kilo" / name).write_bytes(content)
    if page is not None:
        (folder / "priorities" / "kilo-priorities.rst").write_bytes(page)
    before = pages(folder)
    validate = run("validate", cwd=folder)
    path = f"priorities/kilo/{name}"
    said = {"validate": errors_of(validate.stdout, path)}
    said["the hook"] = errors_of(run("validate", path, cwd=folder).stdout, path)
    run("validate", "--staged", cwd=folder)
    repo.git.add("-A")
    staged = run("validate", "--staged", cwd=folder)
    said["--staged"] = errors_of(staged.stdout, path)
    render = run("render", cwd=folder)
    if ERROR_LINE.search(render.stdout):
        assert pages(folder) == before, render.stdout
    if validate.returncode == 0:  # they agree: valid data renders
        assert not ERROR_LINE.search(render.stdout) or page is not None, render.stdout
    else:  # and invalid data is never rendered
        assert pages(folder)["kilo-priorities.rst"] == before["kilo-priorities.rst"]
    repo.git.add("-A")
    repo.git.commit("-m", "change", "--no-verify")
    change = run("check-change", cwd=folder)
    said["check-change"] = [
        line
        for line in errors_of(change.stdout, path)
        if "for the data in this change" not in line  # the page's, said there
    ]
    assert all(found == said["validate"] for found in said.values()), said
    hand_written = folder / "hand" / "kilo-priorities.rst"
    hand_written.parent.mkdir()
    hand_written.write_bytes(page if page is not None else KILO_SEED.read_bytes())
    listing = sorted(os.listdir(folder / "priorities"))
    imported = run(
        "import", "hand/kilo-priorities.rst", "--release", "liberty", cwd=folder
    )
    if imported.returncode != 0:
        assert sorted(os.listdir(folder / "priorities")) == listing
    _sphinx(folder)


def _sphinx(folder: Path) -> None:
    source = folder / "doc"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["nova_priorities.sphinxext"]\n')
    (source / "index.rst").write_text(
        "Index\n=====\n\n.. priorities-table:: kilo\n   :sections:\n\n"
        ".. toctree::\n\n   page\n"
    )
    page = (folder / "priorities" / "kilo-priorities.rst").read_bytes()
    try:  # Sphinx refuses a source that is not UTF-8 itself: not ours to test
        page.decode("utf-8")
    except UnicodeDecodeError:
        page = b"Page\n====\n"
    (source / "page.rst").write_bytes(page)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            str(source),
            str(folder / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        cwd=folder,
    )
    assert (
        "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    ), result.stderr
