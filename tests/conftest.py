"""Shared helpers: priority repositories in temporary folders, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import git
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
KILO_SEED = DATA / "kilo-priorities.rst"
# The console script installed next to the interpreter running the tests.
SCRIPT = str(Path(sys.executable).parent / "nova-priorities")

VALID = """\
title: Cells v2
position: 1
owners:
  - name: Andrew Laski
    launchpad: alaski
description: |
  Make cells a first class Nova citizen.
links:
  - title: cells etherpad
    url: https://etherpad.openstack.org/p/kilo-nova-cells
"""


def run_cli(
    *args: str,
    cwd: Path | str | None = None,
    environment: dict[str, str] | None = None,
    **options: Any,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``nova-priorities`` script in a subprocess, with
    ``environment`` added to ours; ``options`` go to :func:`subprocess.run`
    (``input``, ``preexec_fn``, ``timeout``...)."""
    return subprocess.run(
        [SCRIPT, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "PYTHONWARNINGS": "error::DeprecationWarning",
            **(environment or {}),
        },
        **options,
    )


def sphinx_build(
    source: Path, out: Path, *options: str, builder: str = "html"
) -> subprocess.CompletedProcess[str]:
    """sphinx-build, run from the folder above the docs (as tox would), its
    messages uncoloured (CI, FORCE_COLOR and a terminal turn colour on)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "--no-color",
            "-b",
            builder,
            *options,
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=source.parent,
    )


WriteFile = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def own_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test gets an empty result cache, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", str(folder))
    return folder


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder with priorities/, and the cwd set to it."""
    (tmp_path / "priorities").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(repo: Path) -> WriteFile:
    """Write ``text`` (dedented) to ``relative`` below the repository."""

    def write_file(relative: str, text: str) -> Path:
        path = repo / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write_file


@pytest.fixture(scope="session")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """This working tree as a git repository pre-commit can clone: (path, rev)."""
    source = git.Repo(REPO_ROOT)
    snapshot = tmp_path_factory.mktemp("hook-repository")
    for name in source.git.ls_files("-co", "--exclude-standard", "-z").split("\0"):
        if name and (REPO_ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, snapshot / name)
    repo = git.Repo.init(snapshot)
    identify(repo)
    repo.git.add("-A")
    repo.git.commit("-m", "snapshot", "--no-verify")
    return str(snapshot), repo.head.commit.hexsha


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Shared by the tests of a worker: the hook environment is built once.
    return tmp_path_factory.mktemp("pre-commit-home")


def identify(repo: git.Repo) -> None:
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Contributor")
        config.set_value("user", "email", "contributor@example.org")


def commit_everything(folder: Path, message: str) -> git.Repo:
    """A git repository made of ``folder`` as it is, in one commit."""
    repo = git.Repo.init(folder)
    identify(repo)
    repo.git.add("-A")
    repo.git.commit("-m", message)
    return repo
