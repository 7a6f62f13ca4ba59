"""The hooks under the real pre-commit, and ``validate --staged`` as a git hook.

pre-commit installs this checkout (its working tree, committed into a
snapshot repository) the way it installs any hook repository.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import git
import pytest
from conftest import REPO_ROOT, SCRIPT, VALID, identify, run_cli

GOOD_SECOND = "title: Objects\nposition: 2\n"

pytestmark = pytest.mark.slow


@pytest.fixture
def project(
    tmp_path: Path,
    hook_repository: tuple[str, str],
    pre_commit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> git.Repo:
    """A repository using the hooks, with a hand-written kilo page."""
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    path, rev = hook_repository
    repo = git.Repo.init(tmp_path / "project")
    identify(repo)
    root = Path(repo.working_tree_dir or "")
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n"
        "      - id: priorities-validate\n      - id: priorities-render\n"
        "      - id: priorities-links\n"
    )
    (root / "priorities" / "kilo").mkdir(parents=True)
    (root / "priorities" / "kilo" / "cells-v2.yaml").write_text(VALID)
    (root / "priorities" / "kilo-priorities.rst").write_text(
        "Our Kilo\n========\n\nHand-written introduction.\n\n"
        ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n\n"
        ".. nova-priorities:begin:sections\n.. nova-priorities:end:sections\n\n"
        "Written by hand, after the sections.\n"
    )
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return repo


def commit(repo: git.Repo, message: str) -> tuple[bool, str]:
    """``git commit -a``-like: stage everything, commit, run the hooks."""
    repo.git.add("-A")
    try:
        repo.git.commit("-m", message)
    except git.GitCommandError as error:
        return False, f"{error.stdout}\n{error.stderr}"
    return True, ""


def commit_regenerating_kilo(repo: git.Repo, message: str) -> None:
    """Commit: the render hook regenerates the kilo page and stops the
    commit once; committed again with the page, it goes through."""
    ok, output = commit(repo, message)
    assert not ok
    assert "Regenerated priorities/kilo-priorities.rst" in output
    ok, output = commit(repo, f"{message}, with the page")
    assert ok, output


def test_bad_file_blocks_the_commit(project: git.Repo) -> None:
    root = Path(project.working_tree_dir or "")
    ok, _ = commit(project, "first")  # the render hook creates the page content
    if not ok:
        ok, output = commit(project, "first, with the page")
        assert ok, output
    (root / "priorities" / "kilo" / "objects.yaml").write_text(
        "title: Objects\nposition: two\n"
    )
    ok, output = commit(project, "bad")
    assert not ok
    problem = (
        "priorities/kilo/objects.yaml:2:11: position: expected an integer, got 'two'"
    )
    assert output.count(problem) == 1  # shown by validate; render points to it
    assert (
        "priorities/kilo-priorities.rst:1:1: not regenerated: fix the errors in "
        "priorities/kilo/ first (`nova-priorities validate priorities/kilo` lists "
        "them)" in output
    )
    assert len(list(project.iter_commits())) == 1


def test_both_hooks_see_other_releases(project: git.Repo) -> None:
    """An owner named differently in another release fails both hooks alike,
    though the commit touches one release."""
    root = Path(project.working_tree_dir or "")
    ok, _ = commit(project, "first")
    ok, output = commit(project, "first, with the page")
    assert ok, output
    liberty = root / "priorities" / "liberty"
    liberty.mkdir()
    (liberty / "cells-v2.yaml").write_text(
        VALID.replace("name: Andrew Laski", "name: A. Laski")
    )
    ok, output = commit(project, "liberty")
    assert not ok
    clash = "priorities/liberty/cells-v2.yaml:4:11: owners[0].name: Launchpad id"
    assert output.count(clash) == 1
    assert "priorities/kilo/cells-v2.yaml" not in output  # a tie: kilo untouched
    assert "Regenerated" not in output


def test_a_settings_change_runs_both_hooks(project: git.Repo) -> None:
    """A commit of settings alone is checked as a whole run checks it, and
    regenerates every page they change (here the pyproject.toml of a Python
    project: its exclude takes a priority off the page)."""
    root = Path(project.working_tree_dir or "")
    (root / "priorities" / "kilo" / "objects.yaml").write_text(GOOD_SECOND)
    liberty = root / "priorities" / "liberty"
    liberty.mkdir()
    (liberty / "cells.yaml").write_text(
        "title: Cells\nposition: 1\ncontinues: kilo/cells-v2\n"
    )
    commit(project, "first")
    ok, output = commit(project, "first, with the pages")
    assert ok, output
    (root / ".nova-priorities.toml").write_text('release-order = ["liberty", "kilo"]\n')
    ok, output = commit(project, "reorder")
    assert not ok
    assert "priorities/liberty/cells.yaml:3:12: continues: kilo/cells-v2 is not" in (
        output
    )
    (root / ".nova-priorities.toml").unlink()
    page = root / "priorities" / "kilo-priorities.rst"
    assert "Objects" in page.read_text()
    (root / "pyproject.toml").write_text(
        '[project]\nname = "specs"\n\n[tool.nova-priorities]\n'
        'exclude = ["priorities/kilo/objects.yaml"]\n'
    )
    commit_regenerating_kilo(project, "leave objects out")
    assert "Objects" not in page.read_text()


def test_new_file_regenerates_the_page_once(project: git.Repo) -> None:
    root = Path(project.working_tree_dir or "")
    page = root / "priorities" / "kilo-priorities.rst"
    ok, output = commit(project, "first")
    assert not ok  # the page had empty regions: regenerated, commit stopped
    assert "Regenerated priorities/kilo-priorities.rst" in output
    ok, output = commit(project, "first, with the page")
    assert ok, output

    (root / "priorities" / "kilo" / "objects.yaml").write_text(GOOD_SECOND)
    ok, output = commit(project, "add objects")
    assert not ok
    assert "Regenerated priorities/kilo-priorities.rst" in output
    text = page.read_text()
    assert "`Objects <priority-kilo-objects_>`__" in text
    assert text.startswith("Our Kilo\n========\n\nHand-written introduction.\n\n")
    assert text.endswith(
        ".. nova-priorities:end:sections\n\nWritten by hand, after the sections.\n"
    )
    ok, output = commit(project, "add objects, with the page")
    assert ok, output

    # A hand edit inside a generated region is caught and repaired.
    page.write_text(text.replace("`Objects <", "`Objectz <"))
    ok, output = commit(project, "hand edit")
    assert not ok
    assert page.read_text() == text


def test_deleting_a_priority_regenerates_the_page(project: git.Repo) -> None:
    """pre-commit passes no deleted file to a hook: a commit that only
    deletes a priority must still regenerate its release's page."""
    root = Path(project.working_tree_dir or "")
    page = root / "priorities" / "kilo-priorities.rst"
    (root / "priorities" / "kilo" / "objects.yaml").write_text(GOOD_SECOND)
    for message in ("first", "first, with the page"):
        ok, output = commit(project, message)
    assert ok, output
    assert "Objects" in page.read_text()

    project.git.rm("priorities/kilo/objects.yaml")
    commit_regenerating_kilo(project, "drop objects")
    assert "Objects" not in page.read_text()
    # The last one: git drops the folder, the page is all that is left of
    # the release, and it must stop showing Cells v2 all the same.
    project.git.rm("priorities/kilo/cells-v2.yaml")
    commit_regenerating_kilo(project, "drop cells v2")
    assert "Cells v2" not in page.read_text()
    assert "Hand-written introduction." in page.read_text()


def test_moving_a_linked_spec_is_refused(project: git.Repo) -> None:
    """The move passes priorities-validate (the moved spec is fine) and
    touches no data; priorities-links finds the link it breaks."""
    root = Path(project.working_tree_dir or "")
    (root / ".nova-priorities.toml").write_text('redirects-file = "redirects"\n')
    spec = root / "specs" / "kilo" / "approved" / "cells.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text("Cells\n=====\n\nCells.\n")
    (root / "priorities" / "kilo" / "objects.yaml").write_text(
        GOOD_SECOND + "links:\n  - title: spec\n"
        "    url: ../specs/kilo/approved/cells.html\n"
    )
    commit_regenerating_kilo(project, "link the spec")
    (root / "specs" / "kilo" / "implemented").mkdir()
    project.git.mv("specs/kilo/approved/cells.rst", "specs/kilo/implemented/cells.rst")
    ok, output = commit(project, "cells is implemented")
    assert not ok
    assert (
        "specs/kilo/implemented/cells.rst:1:1: this change moves "
        "specs/kilo/approved/cells.rst to specs/kilo/implemented/cells.rst, which "
        "priorities/kilo/objects.yaml:5:10 links to" in output
    )
    (root / "specs" / "kilo" / "redirects").write_text(
        "approved/cells.rst ../implemented/cells.rst\n"
    )
    ok, output = commit(project, "cells is implemented, redirected")
    assert ok, output


def test_a_release_folder_made_a_link_is_refused_at_commit(
    project: git.Repo,
) -> None:
    """pre-commit passes no hook a symlink or a submodule, and a commit
    with nothing else renders nothing: the links hook, which reads the
    commit from git, refuses both, also beside a data change (which the
    render hook renders), each once."""
    root = Path(project.working_tree_dir or "")
    commit_regenerating_kilo(project, "start")
    symlink = (
        "priorities/liberty:1:1: the release folder is a symlink (to 'kilo'); a "
        "release's files sit in a folder of its own: replace the link with the folder"
    )
    os.symlink("kilo", root / "priorities" / "liberty")
    ok, output = commit(project, "liberty is kilo")
    assert (ok, output.count(symlink)) == (False, 1), output
    (root / "priorities" / "kilo" / "objects.yaml").write_text(GOOD_SECOND)
    ok, output = commit(project, "liberty is kilo, and objects")
    assert (ok, output.count(symlink)) == (False, 1), output
    assert "Regenerated priorities/kilo-priorities.rst" in output  # rendered too
    (root / "priorities" / "liberty").unlink()
    project.git.rm("--cached", "-q", "priorities/liberty")
    sha = project.head.commit.hexsha
    project.git.update_index("--add", "--cacheinfo", f"160000,{sha},priorities/newton")
    try:
        project.git.commit("-m", "newton from elsewhere")
        committed, output = True, ""
    except git.GitCommandError as error:
        committed, output = False, f"{error.stdout}\n{error.stderr}"
    assert not committed
    submodule = (
        "priorities/newton:1:1: the release folder is a submodule; a release's "
        "files sit in a folder of its own: replace the submodule with the folder"
    )
    assert output.count(submodule) == 1, output


def test_validate_staged_as_a_plain_git_hook(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path / "plain")
    identify(repo)
    root = Path(repo.working_tree_dir or "")
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec '{SCRIPT}' validate --staged\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    bad = root / "priorities" / "kilo" / "a.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("title: A\nposition: x\n")
    repo.index.add([str(bad)])
    bad.write_text("title: A\nposition: 1\n")  # fixed, but not staged
    with pytest.raises(git.GitCommandError) as caught:
        repo.git.commit("-m", "broken as staged")
    # git shows a hook's output on its stderr.
    assert "priorities/kilo/a.yaml:2:11: position: expected an integer, got 'x'" in (
        caught.value.stderr
    )
    repo.index.add([str(bad)])
    repo.git.commit("-m", "fixed and staged")
    assert len(list(repo.iter_commits())) == 1


def test_validate_staged_reads_releases_from_the_index(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path / "plain")
    root = Path(repo.working_tree_dir or "")
    (root / "priorities" / "kilo").mkdir(parents=True)
    for name, text in {
        "a.yaml": "title: A\nposition: 1\n",
        "b.yaml": "title: B\nposition: 1\n",
    }.items():
        (root / "priorities" / "kilo" / name).write_text(text)
    repo.index.add(["priorities/kilo/a.yaml", "priorities/kilo/b.yaml"])
    (root / "priorities" / "kilo" / "b.yaml").write_text("title: B\nposition: 2\n")
    result = run_cli("validate", "--staged", cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "priorities/kilo/a.yaml:2:11: position: 1 is also the position of "
        "priorities/kilo/b.yaml; give each priority of a release its own position: "
        "2 is free (`nova-priorities move kilo a --to 2`)"
    )


def test_validate_staged_checks_staged_specs(tmp_path: Path) -> None:
    """As the pre-commit hook checks the specs it is given: their roles, as
    staged (a fix not staged does not count)."""
    repo = git.Repo.init(tmp_path / "plain")
    root = Path(repo.working_tree_dir or "")
    (root / "priorities" / "kilo").mkdir(parents=True)
    (root / "priorities" / "kilo" / "bugs.yaml").write_text("title: B\nposition: 1\n")
    spec = root / "specs" / "kilo" / "approved" / "triage.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text("Triage\n======\n\n:priority:`kilo/bugz`\n")
    repo.index.add(["priorities/kilo/bugs.yaml", "specs/kilo/approved/triage.rst"])
    spec.write_text("Triage\n======\n\n:priority:`kilo/bugs`\n")  # not staged
    result = run_cli("validate", "--staged", cwd=root)
    assert (result.returncode, result.stdout.splitlines()) == (
        1,
        [
            "specs/kilo/approved/triage.rst:4:1: :priority:`kilo/bugz` names no "
            "priority of this repository (RELEASE/SLUG); did you mean kilo/bugs?",
            "2 files checked: 1 error in 1 file",
        ],
    )
    repo.index.add(["specs/kilo/approved/triage.rst"])
    result = run_cli("validate", "--staged", cwd=root)
    assert (result.returncode, result.stdout) == (0, "2 files checked: no problems\n")


def test_validate_staged_looks_specs_priorities_up_in_the_index(
    tmp_path: Path,
) -> None:
    """A staged spec may only name a priority the commit holds: one only in
    the working tree (not added yet), or one whose deletion is staged, is
    missing from the commit, whatever the disk says."""
    repo = git.Repo.init(tmp_path / "plain")
    root = Path(repo.working_tree_dir or "")
    (root / "priorities" / "kilo").mkdir(parents=True)
    (root / "priorities" / "kilo" / "bugs.yaml").write_text("title: B\nposition: 1\n")
    (root / "priorities" / "kilo" / "cells.yaml").write_text("title: C\nposition: 2\n")
    repo.index.add(["priorities/kilo/bugs.yaml"])
    spec = root / "specs" / "kilo" / "approved" / "triage.rst"
    spec.parent.mkdir(parents=True)

    def stage_spec(line: str) -> tuple[int, str]:
        spec.write_text(f"Triage\n======\n\n{line}\n")
        repo.index.add(["specs/kilo/approved/triage.rst"])
        result = run_cli("validate", "--staged", cwd=root)
        return result.returncode, result.stdout.splitlines()[0]

    missing = (
        ":priority:`kilo/cells` names no priority of this repository "
        "(RELEASE/SLUG); did you mean kilo/bugs?"
    )
    at_start = f"specs/kilo/approved/triage.rst:4:1: {missing}"
    assert stage_spec(":priority:`kilo/cells`") == (1, at_start)
    repo.index.add(["priorities/kilo/cells.yaml"])
    repo.git.commit("-m", "both", "--no-verify")
    repo.git.rm("--cached", "-q", "priorities/kilo/cells.yaml")
    result = run_cli("validate", "--staged", cwd=root)
    # The spec is not staged, but the commit takes away what it names.
    assert (result.returncode, result.stdout.splitlines()[0]) == (1, at_start)
    in_sentence = f"specs/kilo/approved/triage.rst:4:5: {missing}"
    assert stage_spec("For :priority:`kilo/cells`.") == (1, in_sentence)


def _readme_block(start: str) -> str:
    """The README's fenced yaml block that begins with ``start``."""
    readme = (REPO_ROOT / "README.md").read_text()
    blocks = readme.split("```yaml\n")[1:]
    (block,) = [b.split("```")[0] for b in blocks if b.startswith(start)]
    return block


def test_the_readme_snippets_work_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `repo: local` variant, with the installed command on PATH; and the
    main snippet pins the tag of the current release (releases are tagged with
    the project's version; CI's clone carries no tags, so the version
    is what can be checked here)."""
    snippet = _readme_block("repos:\n  - repo: https://")
    rev = snippet.split("rev: ")[1].split()[0]
    assert rev == version("nova-priorities")
    repo = git.Repo.init(tmp_path / "local")
    identify(repo)
    root = Path(repo.working_tree_dir or "")
    (root / ".pre-commit-config.yaml").write_text(
        _readme_block("repos:\n  - repo: local")
    )
    (root / "priorities" / "kilo").mkdir(parents=True)
    (root / "priorities" / "kilo" / "cells-v2.yaml").write_text(VALID)
    monkeypatch.setenv("PATH", f"{Path(SCRIPT).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "home"))
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=root, check=True,
        capture_output=True,
    )  # fmt: skip
    ok, output = commit(repo, "first")
    assert not ok and "Regenerated priorities/kilo-priorities.rst" in output
    ok, output = commit(repo, "first, with the page")
    assert ok, output
    (root / "priorities" / "kilo" / "cells-v2.yaml").write_text("title: [\n")
    ok, output = commit(repo, "broken")
    assert not ok and "priorities/kilo/cells-v2.yaml:2:1: YAML syntax error" in output
