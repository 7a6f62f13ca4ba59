"""The wheel works installed elsewhere, as pre-commit installs hooks."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO_ROOT

pytestmark = pytest.mark.slow


def test_wheel_installed_in_a_fresh_virtualenv_finds_its_schema(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--outdir",
            str(dist),
            str(REPO_ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("nova_priorities-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "nova_priorities/schema/priority.schema.json" in names
    assert "nova_priorities/hooks/cli.py" in names
    # No bare top-level modules or folders on a user's path.
    assert {name.split("/")[0] for name in names} <= {
        "nova_priorities",
        wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info",
    }

    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    subprocess.run(
        [str(env / "bin" / "pip"), "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    project = tmp_path / "elsewhere"
    (project / "priorities" / "kilo").mkdir(parents=True)
    (project / "priorities" / "kilo" / "cells-v2.yaml").write_text(
        "title: Cells v2\nposition: 1\nowners:\n  - name: Andrew Laski\n"
        "    launchpad: Andrew Laski\n"
    )
    result = subprocess.run(
        [str(env / "bin" / "nova-priorities"), "validate"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "priorities/kilo/cells-v2.yaml:5:16: owners[0].launchpad: 'Andrew Laski' "
        "is not a Launchpad id (lowercase letters, digits, '+', '-', '.'; e.g. alaski)"
    )
