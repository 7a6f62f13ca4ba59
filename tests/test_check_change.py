"""``nova-priorities check-change`` on real repositories built with GitPython."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import git
import pytest
from conftest import REPO_ROOT, identify, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from nova_priorities.hooks.change_check import check_change
from nova_priorities.hooks.gitindex import Git
from nova_priorities.hooks.layout import Layout

# Real clones, merges and the CLI: end-to-end, run in the slow suite.
pytestmark = pytest.mark.slow

KILO = REPO_ROOT / "priorities" / "kilo"
KILO_PAGE = REPO_ROOT / "priorities" / "kilo-priorities.rst"


def commit_all(repo: git.Repo, message: str) -> None:
    repo.git.add("-A")
    repo.git.commit("-m", message, "--allow-empty")


@pytest.fixture
def upstream(tmp_path: Path) -> git.Repo:
    """The project's master: Kilo data and page, plus a liberty release."""
    repo = git.Repo.init(tmp_path / "upstream", initial_branch="master")
    identify(repo)
    root = Path(repo.working_tree_dir or "")
    shutil.copytree(KILO, root / "priorities" / "kilo")
    shutil.copy(KILO_PAGE, root / "priorities" / "kilo-priorities.rst")
    (root / "priorities" / "liberty").mkdir()
    (root / "priorities" / "liberty" / "bugs.yaml").write_text(
        "title: Bugs\nposition: 1\n"
    )
    (root / "doc").mkdir()
    (root / "doc" / "index.rst").write_text(
        "Docs\n====\n\nThe bugs work is :priority:`kilo/bugs`.\n"
    )
    commit_all(repo, "master")
    run_cli("render", cwd=root)
    commit_all(repo, "pages")
    return repo


@pytest.fixture
def change(upstream: git.Repo, tmp_path: Path) -> git.Repo:
    """A Zuul-like checkout: origin/master plus the change's commit to come."""
    repo = git.Repo.clone_from(root_of(upstream), tmp_path / "change")
    identify(repo)
    return repo


def root_of(repo: git.Repo) -> Path:
    return Path(repo.working_tree_dir or "")


def check(repo: git.Repo, *args: str) -> tuple[int, list[str]]:
    result = run_cli("check-change", *args, cwd=root_of(repo))
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, (result.stdout + result.stderr).splitlines()


def render(repo: git.Repo) -> None:
    run_cli("render", cwd=root_of(repo))


def test_good_change_passes(change: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: 10\n"
    )
    render(change)
    commit_all(change, "Add the docs priority")
    assert check(change) == (0, ["2 files checked: no problems"])
    assert check(change, "--base", "origin/master") == (
        0,
        ["2 files checked: no problems"],
    )


def test_an_invalid_file_of_another_release_names_no_one(change: git.Repo) -> None:
    """Its owners do not clash with the change's, as in a full run: a bad
    file name or a refused character makes it no priority."""
    root = root_of(change)
    liberty = root / "priorities" / "liberty"
    (liberty / "Bad_Name.yaml").write_text(
        "title: B\nposition: 2\nowners:\n  - name: A. L\n    launchpad: alaski\n"
    )
    (liberty / "c.yaml").write_text(
        'title: C\nposition: 3\nowners:\n  - name: "Andrew \\u202eLaski"\n'
        "    launchpad: alaski\n"
    )
    commit_all(change, "Two files the checks refuse, merged before them")
    cells = root / "priorities" / "kilo" / "cells-v2.yaml"
    cells.write_text(cells.read_text().replace("Cells v2", "Cells v2.0", 1))
    render(change)
    commit_all(change, "Rename the cells priority")
    assert check(change) == (0, ["2 files checked: no problems"])


def test_bad_change_points_at_lines(change: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: 3\nowners:\n  - name: Sean\n    launchpad: sdague\n"
    )
    (root / "priorities" / "liberty" / "broken.yaml").write_text("title: [\n")
    commit_all(change, "Bad change")
    # The stale page comes in the same round as the data's errors, at the
    # first line the change wrote in the release (docs.yaml is new: line 1).
    assert check(change) == (
        1,
        [
            "priorities/kilo/docs.yaml:1:1: priorities/kilo-priorities.rst is out "
            "of date (from line 21) for the data in this change; fix the errors in "
            "priorities/kilo/, then run `nova-priorities render kilo` and add the "
            "page to the change",
            "priorities/kilo/docs.yaml:2:11: position: 3 is also the position of "
            "priorities/kilo/scheduler.yaml; give each priority of a release its own "
            "position: 10 is free (`nova-priorities move kilo docs --to 10`)",
            "priorities/kilo/docs.yaml:4:11: owners[0].name: Launchpad id 'sdague' is "
            "named 'Sean' and 'Sean Dague' in different files; use one name ('Sean "
            "Dague', as most files do)",
            "priorities/liberty/broken.yaml:2:1: YAML syntax error: did not find "
            "expected node content (while parsing a flow node)",
            "4 files checked: 4 errors in 2 files",
        ],
    )


def test_untouched_releases_are_not_read(change: git.Repo, upstream: git.Repo) -> None:
    # A broken file already on master, in a release the change does not touch.
    root = root_of(upstream)
    (root / "priorities" / "liberty" / "old.yaml").write_text("title: Old\n")
    commit_all(upstream, "broken liberty on master")
    change.remotes.origin.pull("master")
    (root_of(change) / "doc" / "other.rst").write_text("Other\n=====\n")
    commit_all(change, "Docs only")
    assert check(change) == (0, ["0 files checked: no problems"])


def test_working_tree_is_not_what_is_checked(change: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: x\n"
    )
    commit_all(change, "Broken in the commit")
    (root / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: 10\n"
    )
    code, lines = check(change)
    assert code == 1
    assert (
        lines[0]
        == "priorities/kilo/docs.yaml:2:11: position: expected an integer, got 'x'"
    )


def test_data_without_its_page_is_an_error(change: git.Repo) -> None:
    (root_of(change) / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: 10\n"
    )
    commit_all(change, "Page not regenerated")
    assert check(change) == (
        1,
        [
            "priorities/kilo/docs.yaml:1:1: priorities/kilo-priorities.rst is out of "
            "date (from line 39) for the data in this change; run `nova-priorities "
            "render kilo` and add the page to the change",
            "2 files checked: 1 error in 1 file",
        ],
    )


def test_hand_edited_page_is_an_error_at_its_line(change: git.Repo) -> None:
    page = root_of(change) / "priorities" / "kilo-priorities.rst"
    lines = page.read_text().splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "`Dan Smith`_" in line)
    lines[number] = lines[number].replace("Dan Smith", "Dan Smyth")
    page.write_text("".join(lines))
    commit_all(change, "Hand edit")
    code, output = check(change)
    assert code == 1
    assert output[0] == (
        f"priorities/kilo-priorities.rst:{number + 1}:1: priorities/kilo-priorities.rst"
        f" is out of date (from line {number + 1}) for the data in this change; run "
        "`nova-priorities render kilo` and add the page to the change"
    )


def test_deleted_and_renamed_priorities_are_warnings(change: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "bugs.yaml").unlink()
    (root / "priorities" / "kilo" / "ci.yaml").rename(
        root / "priorities" / "kilo" / "continuous-integration.yaml"
    )
    render(change)
    commit_all(change, "Drop bugs, rename ci")
    code, lines = check(change)
    assert code == 0
    assert lines == [
        "priorities/kilo/bugs.yaml:1:1: warning: priority kilo/bugs is deleted: links "
        "to it (:priority:`kilo/bugs`, label priority-kilo-bugs) break; still linked "
        "from doc/index.rst:4",
        "priorities/kilo/continuous-integration.yaml:1:1: warning: priority kilo/ci "
        "is renamed to priorities/kilo/continuous-integration.yaml: links to it "
        "(:priority:`kilo/ci`, label priority-kilo-ci) break",
        "3 files checked: 2 warnings in 2 files",
    ]


def test_deleting_a_priority_another_file_continues_is_an_error(
    change: git.Repo,
) -> None:
    """A full validate would fail once the change merges: the files of
    other releases that continue it (even through an escape) are found."""
    root = root_of(change)
    (root / "priorities" / "liberty" / "cells.yaml").write_text(
        "title: Cells\nposition: 2\ncontinues: kilo/cells-v2\n"
    )
    (root / "priorities" / "mitaka").mkdir()
    (root / "priorities" / "mitaka" / "cells.yaml").write_text(
        'title: Cells\nposition: 1\ncontinues: "kilo\\x2Fobjects"\n'
    )
    render(change)
    commit_all(change, "Continue cells and objects")
    (root / "priorities" / "kilo" / "cells-v2.yaml").unlink()
    (root / "priorities" / "kilo" / "objects.yaml").rename(
        root / "priorities" / "kilo" / "versioned-objects.yaml"
    )
    render(change)
    commit_all(change, "Drop cells, rename objects")
    code, lines = check(change)
    assert code == 1
    assert [line for line in lines if ": warning: " not in line] == [
        "priorities/kilo/cells-v2.yaml:1:1: priority kilo/cells-v2 is deleted, but "
        "priorities/liberty/cells.yaml continues it; change its continues in this "
        "change",
        "priorities/kilo/versioned-objects.yaml:1:1: priority kilo/objects is "
        "renamed to priorities/kilo/versioned-objects.yaml, but "
        "priorities/mitaka/cells.yaml continues it; change its continues in this "
        "change",
        "3 files checked: 2 errors and 2 warnings in 2 files",
    ]
    assert run_cli("validate", cwd=root).returncode == 1  # what they foretell


def test_a_title_shown_on_another_release_page_must_be_regenerated_there(
    change: git.Repo,
) -> None:
    """A page whose sections say "Continues Kilo's <title>" (continues="yes")
    shows another release's title: a change to that title changes it."""
    root = root_of(change)
    (root / "priorities" / "liberty" / "cells.yaml").write_text(
        "title: Cells\nposition: 2\ncontinues: kilo/cells-v2\n"
    )
    liberty_page = root / "priorities" / "liberty-priorities.rst"
    render(change)
    liberty_page.write_text(
        liberty_page.read_text().replace(
            ".. nova-priorities:begin:sections",
            '.. nova-priorities:begin:sections continues="yes"',
        )
    )
    render(change)
    assert "Continues Kilo's `Cells v2 <" in liberty_page.read_text()
    commit_all(change, "Show what liberty continues")
    assert check(change)[0] == 0
    shown = liberty_page.read_text().splitlines()
    line = 1 + shown.index(
        "Continues Kilo's `Cells v2 <kilo-priorities.html#priority-kilo-cells-v2>`__."
    )
    cells = root / "priorities" / "kilo" / "cells-v2.yaml"
    cells.write_text(cells.read_text().replace("title: Cells v2", "title: Cells V2"))
    run_cli("render", "kilo", cwd=root)  # the hook before it knew
    commit_all(change, "Retitle cells")
    code, lines = check(change)
    assert code == 1
    assert lines[0] == (
        f"priorities/liberty-priorities.rst:{line}:1: priorities/liberty-priorities"
        f".rst is out of date (from line {line}) for the data in this change; run "
        "`nova-priorities render liberty` and add the page to the change"
    )
    # Gerrit refuses a review that comments on a file outside the change:
    # that problem goes into the review's message instead.
    gerrit = run_cli("check-change", "--format", "gerrit", cwd=root)
    review = json.loads(gerrit.stdout)
    assert "priorities/liberty-priorities.rst" not in review["comments"]
    assert review["message"].splitlines()[1:] == [
        "",
        "On files outside this change:",
        f"{lines[0]}",
    ]
    # Zuul drops a file comment outside the change: it is a warning on the
    # change's comment instead.
    zuul = json.loads(run_cli("check-change", "--format", "zuul", cwd=root).stdout)
    assert "priorities/liberty-priorities.rst" not in zuul["zuul"]["file_comments"]
    assert zuul["zuul"]["warnings"] == [f"On a file outside this change: {lines[0]}"]
    run_cli("render", "--files", "priorities/kilo/cells-v2.yaml", cwd=root)
    assert "Continues Kilo's `Cells V2 <" in liberty_page.read_text()
    change.git.commit("--amend", "-a", "--no-edit")
    assert check(change) == (0, ["3 files checked: no problems"])


@pytest.mark.parametrize("where", [".nova-priorities.toml", "pyproject.toml"])
def test_a_configuration_change_checks_every_release(
    change: git.Repo, where: str
) -> None:
    """The configuration holds for every release (here the release order,
    which ``continues`` follows): a change to it is checked as a full
    validate would check the result, though no data file changed."""
    root = root_of(change)
    (root / "priorities" / "liberty" / "cells.yaml").write_text(
        "title: Cells\nposition: 2\ncontinues: kilo/cells-v2\n"
    )
    render(change)
    commit_all(change, "Continue cells")
    table = "[tool.nova-priorities]\n" if where == "pyproject.toml" else ""
    (root / where).write_text(f'{table}release-order = ["liberty", "kilo"]\n')
    commit_all(change, "Reorder")
    code, lines = check(change)
    assert code == 1
    assert lines[0] == (
        "priorities/liberty/cells.yaml:3:12: continues: kilo/cells-v2 is not from a "
        "release before liberty; a priority carries over one of an earlier release "
        "(set release-order in the configuration if the names do not sort by time)"
    )
    assert lines == run_cli("validate", cwd=root).stdout.splitlines()[:-1] + lines[-1:]


def test_a_release_deleted_whole_needs_no_page(change: git.Repo) -> None:
    """No folder, no page to write: as render and validate see it."""
    change.git.rm("-r", "-q", "priorities/liberty", "priorities/liberty-priorities.rst")
    change.git.commit("-m", "Drop liberty, created by mistake")
    assert check(change) == (
        0,
        [
            "priorities/liberty/bugs.yaml:1:1: warning: priority liberty/bugs is "
            "deleted: links to it (:priority:`liberty/bugs`, label "
            "priority-liberty-bugs) break",
            "1 file checked: 1 warning in 1 file",
        ],
    )


def test_deleting_the_last_priority_of_a_release_empties_its_page(
    change: git.Repo,
) -> None:
    """git keeps no empty folder: with its last priority deleted, the
    release's page is all that is left of it, and it must stop showing that
    priority (a release deleted whole takes its page along)."""
    change.git.rm("-q", "priorities/liberty/bugs.yaml")
    change.git.commit("-m", "Bugs are no priority")
    code, lines = check(change)
    assert code == 1
    assert lines[-1] == "2 files checked: 1 error and 1 warning in 2 files"
    assert lines[0] == (
        "priorities/liberty-priorities.rst:13:1: "
        "priorities/liberty-priorities.rst is out of date (from line 13) for the "
        "data in this change; run `nova-priorities render liberty` and add the "
        "page to the change"
    )
    render(change)
    page = (root_of(change) / "priorities" / "liberty-priorities.rst").read_text()
    assert "Bugs" not in page and "No priorities yet." in page
    commit_all(change, "Bugs are no priority, and the page says so")
    assert check(change, "--base", "HEAD~2")[0] == 0


def test_a_release_folder_made_a_symlink_leaves_its_page_alone(
    change: git.Repo,
) -> None:
    """The link is refused; its page is not said to be out of date too,
    which render, refusing the link, could not mend."""
    change.git.rm("-r", "-q", "priorities/liberty")
    os.symlink("kilo", root_of(change) / "priorities" / "liberty")
    commit_all(change, "Link liberty to kilo")
    code, lines = check(change)
    assert code == 1
    assert [line for line in lines if ": warning: " not in line] == [
        "priorities/liberty:1:1: the release folder is a symlink (to 'kilo'); a "
        "release's files sit in a folder of its own: replace the link with the "
        "folder",
        "2 files checked: 1 error and 1 warning in 2 files",
    ]


def test_continues_naming_no_release_is_an_error(change: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "liberty" / "bugs.yaml").write_text(
        "title: Bugs\nposition: 1\ncontinues: kil/bugs\n"
    )
    commit_all(change, "Bugs carried over")
    assert check(change) == (
        1,
        [
            "priorities/liberty/bugs.yaml:3:12: continues: kil/bugs is no priority "
            "of this repository; did you mean kilo/bugs?",
            "2 files checked: 1 error in 1 file",  # the data and its page
        ],
    )


def test_specs_of_the_change_name_priorities(change: git.Repo) -> None:
    """As validate checks them: each :priority: role of a spec the change
    adds or modifies names a priority of its commit, in any release."""
    root = root_of(change)
    spec = root / "specs" / "liberty" / "approved" / "triage.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text(
        "Triage\n======\n\nProject Priority\n----------------\n\n"
        ":priority:`kilo/bugs` and :priority:`liberty/bugs`\n"
    )
    commit_all(change, "A spec for two priorities")
    assert check(change) == (0, ["1 file checked: no problems"])
    spec.write_text(spec.read_text().replace("kilo/bugs", "kilo/bugz"))
    commit_all(change, "A typo")
    code, lines = check(change)
    assert code == 1
    expected = (
        "specs/liberty/approved/triage.rst:7:1: :priority:`kilo/bugz` names no "
        "priority of this repository (RELEASE/SLUG); did you mean kilo/bugs?"
    )
    assert lines == [expected, "1 file checked: 1 error in 1 file"]
    assert expected in run_cli("validate", cwd=root).stdout.splitlines()
    # what a hostile spec holds is said as validate says it
    hostile = root / "specs" / "liberty" / "approved" / "hostile.rst"
    for content in (
        b":priority:`../../etc/passwd` :priority:`kilo/bugs.yaml`\n",
        "caf\xe9 :priority:`kilo/bugs`\n".encode("latin-1"),
    ):
        hostile.write_bytes(content)
        commit_all(change, "A hostile spec")
        found = [line for line in check(change)[1] if "hostile" in line]
        full = run_cli("validate", cwd=root).stdout.splitlines()
        assert found and found == [line for line in full if "hostile" in line]


def test_closed_release_refuses_changes(upstream: git.Repo, tmp_path: Path) -> None:
    (root_of(upstream) / "priorities" / "kilo" / "CLOSED").write_text(
        "Kilo was released in April 2015.\n"
    )
    commit_all(upstream, "Close kilo")
    repo = git.Repo.clone_from(root_of(upstream), tmp_path / "late")
    identify(repo)
    bugs = root_of(repo) / "priorities" / "kilo" / "bugs.yaml"
    bugs.write_text(bugs.read_text().replace("bad job", "poor job"))
    render(repo)
    commit_all(repo, "Late edit")
    assert check(repo) == (
        1,
        [
            "priorities/kilo/bugs.yaml:1:1: release kilo is closed "
            "(priorities/kilo/CLOSED: Kilo was released in April 2015.); its "
            "priorities cannot change. Propose the change for an open release, or "
            "delete priorities/kilo/CLOSED in a change of its own to reopen it",
            "2 files checked: 1 error in 1 file",
        ],
    )
    # Closing a release with its final data, in one change, is fine.
    (root_of(upstream) / "priorities" / "liberty" / "CLOSED").write_text("done\n")
    (root_of(upstream) / "priorities" / "liberty" / "bugs.yaml").write_text(
        "title: Bugs\nposition: 2\n"
    )
    commit_all(upstream, "Close liberty")
    render(upstream)
    commit_all(upstream, "Close liberty, pages")
    assert check(upstream, "--base", "HEAD~2")[0] == 0


def test_first_commit(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path / "new")
    identify(repo)
    root = root_of(repo)
    (root / "priorities" / "kilo").mkdir(parents=True)
    (root / "priorities" / "kilo" / "a.yaml").write_text("title: A\n")
    commit_all(repo, "First")
    assert check(repo) == (
        1,
        [
            "priorities/kilo/a.yaml:1:1: missing required field 'position'",
            "priorities/kilo/a.yaml:1:1: priorities/kilo-priorities.rst is missing "
            "for the data in this change; fix the errors in priorities/kilo/, then "
            "run `nova-priorities render kilo` and add the page to the change",
            "1 file checked: 2 errors in 1 file",
        ],
    )


def test_merge_commit_as_zuul_prepares_it(change: git.Repo, upstream: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: 9\n"
    )
    commit_all(change, "Docs at position 9")
    # Meanwhile master moved on; Zuul merges the change onto the new tip.
    (root_of(upstream) / "doc" / "more.rst").write_text("More\n====\n")
    commit_all(upstream, "master moves")
    change.remotes.origin.fetch()
    change.git.checkout("-b", "zuul", "origin/master")
    change.git.merge("--no-ff", "master", "-m", "Merge the change")
    code, lines = check(change)
    assert code == 1
    assert lines[1] == (
        "priorities/kilo/docs.yaml:2:11: position: 9 is also the position of "
        "priorities/kilo/ci.yaml; give each priority of a release its own position: "
        "10 is free (`nova-priorities move kilo docs --to 10`)"
    )
    assert not any("more.rst" in line for line in lines)


def test_paths_with_spaces_and_non_ascii(change: git.Repo) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "my priority.yaml").write_text(
        "title: X\nposition: 20\n"
    )
    (root / "priorities" / "kilo" / "café.yaml").write_text(
        "title: Café\nposition: 21\n"
    )
    render(change)
    commit_all(change, "Odd names")
    code, lines = check(change)
    assert code == 1
    assert lines[:2] == [
        "priorities/kilo/café.yaml:1:1: file name 'café.yaml': the slug must be "
        "lowercase letters and digits in words joined by hyphens; at most 120 "
        "characters (e.g. cafe.yaml)",
        "priorities/kilo/my priority.yaml:1:1: file name 'my priority.yaml': the slug "
        "must be lowercase letters and digits in words joined by hyphens; at most "
        "120 characters (e.g. my-priority.yaml)",
    ]


def test_missing_base_and_shallow_clone_are_clear_errors(
    change: git.Repo, upstream: git.Repo, tmp_path: Path
) -> None:
    commit_all(change, "Empty change")
    code, lines = check(change, "--base", "origin/nope")
    assert (code, lines) == (
        2,
        ["nova-priorities: cannot find the base revision 'origin/nope'"],
    )
    # a revision is never taken for one of git's options
    code, lines = check(change, "--base=--output=/tmp/x")
    assert (code, lines) == (
        2,
        ["nova-priorities: cannot find the base revision '--output=/tmp/x'"],
    )
    shallow = git.Repo.clone_from(
        f"file://{upstream.working_tree_dir}", tmp_path / "shallow", depth=1
    )
    code, lines = check(shallow)
    assert code == 2
    assert lines[0].startswith("nova-priorities: cannot read the base commit ")
    assert lines[0].endswith("(this is a shallow clone: fetch more history)")
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    result = run_cli("check-change", cwd=outside)
    assert result.returncode == 2
    assert "is not inside a git repository" in result.stderr
    git.Repo.init(outside)
    result = run_cli("check-change", cwd=outside)
    assert (result.returncode, result.stderr) == (
        2,
        "nova-priorities: HEAD has no commit yet: there is no change to check\n",
    )


def test_zuul_and_gerrit_formats(change: git.Repo, tmp_path: Path) -> None:
    root = root_of(change)
    (root / "priorities" / "kilo" / "docs.yaml").write_text(
        "title: Docs\nposition: x\n"
    )
    (root / "priorities" / "kilo" / "bugs.yaml").unlink()
    commit_all(change, "Bad")
    result = run_cli("check-change", "--format", "zuul", cwd=root)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "zuul": {
            "file_comments": {
                "priorities/kilo/bugs.yaml": [
                    {
                        "line": 1,
                        "message": "Warning: priority kilo/bugs is deleted: links to "
                        "it (:priority:`kilo/bugs`, label priority-kilo-bugs) break; "
                        "still linked from doc/index.rst:4, "
                        "priorities/kilo-priorities.rst:138 (column 1)",
                        "level": "warning",
                    }
                ],
                "priorities/kilo/docs.yaml": [
                    {
                        "line": 1,
                        "message": "priorities/kilo-priorities.rst is out of date "
                        "(from line 35) for the data in this change; fix the errors "
                        "in priorities/kilo/, then run `nova-priorities render kilo` "
                        "and add the page to the change (column 1)",
                        "level": "error",
                    },
                    {
                        "line": 2,
                        "message": "position: expected an integer, got 'x' (column 11)",
                        "level": "error",
                    },
                ],
            }
        }
    }
    output = tmp_path / "review.json"
    result = run_cli(
        "check-change", "--format", "gerrit", "--output", str(output), cwd=root
    )
    assert result.returncode == 1
    review = json.loads(output.read_text())
    assert review["labels"] == {"Verified": -1}
    assert review["message"] == (
        "nova-priorities check-change: 3 files checked: 2 errors and 1 warning "
        "in 2 files"
    )
    assert review["tag"] == "autogenerated:nova-priorities"
    assert review["comments"]["priorities/kilo/docs.yaml"][1:] == [
        {
            "line": 2,
            "message": "position: expected an integer, got 'x' (column 11)",
            "unresolved": True,
        }
    ]
    assert review["comments"]["priorities/kilo/bugs.yaml"][0]["unresolved"] is False
    # With --output, the terminal still gets the readable lines.
    assert (
        result.stdout.splitlines()[-1]
        == "3 files checked: 2 errors and 1 warning in 2 files"
    )
    raw = json.loads(run_cli("check-change", "--format", "json", cwd=root).stdout)
    assert raw["ok"] is False
    assert [f["path"] for f in raw["files"]] == [
        "priorities/kilo-priorities.rst",
        "priorities/kilo/bugs.yaml",
        "priorities/kilo/docs.yaml",
    ]


def test_reopening_a_release_is_a_change_of_its_own(
    upstream: git.Repo, tmp_path: Path
) -> None:
    (root_of(upstream) / "priorities" / "kilo" / "CLOSED").write_text("Released.\n")
    commit_all(upstream, "Close kilo")
    repo = git.Repo.clone_from(root_of(upstream), tmp_path / "reopen")
    identify(repo)
    kilo = root_of(repo) / "priorities" / "kilo"
    (kilo / "CLOSED").unlink()
    bugs = kilo / "bugs.yaml"
    bugs.write_text(bugs.read_text().replace("bad job", "poor job"))
    render(repo)
    commit_all(repo, "Reopen and edit")
    code, lines = check(repo)
    assert code == 1
    assert lines[0] == (
        "priorities/kilo/bugs.yaml:1:1: this change reopens release kilo (it "
        "deletes priorities/kilo/CLOSED) and changes its priorities; reopen it in a "
        "change of its own, so that reviewers see the decision apart from the data"
    )
    # Reopening alone is fine.
    repo.git.reset("--hard", "HEAD~1")
    (kilo / "CLOSED").unlink()
    commit_all(repo, "Reopen kilo")
    assert check(repo)[0] == 0


def test_stale_page_is_reported_at_the_line_that_changed(change: git.Repo) -> None:
    bugs = root_of(change) / "priorities" / "kilo" / "bugs.yaml"
    text = bugs.read_text()
    assert text.splitlines()[0].startswith("# yaml-language-server")
    bugs.write_text(text.replace("title: Bugs", "title: Bugs and more"))
    commit_all(change, "Retitle without render")
    code, lines = check(change)
    assert code == 1
    line = text.splitlines().index("title: Bugs") + 1
    assert lines[0].startswith(
        f"priorities/kilo/bugs.yaml:{line}:1: priorities/kilo-priorities.rst is out "
        "of date"
    )


def test_a_page_without_regions_is_reported(change: git.Repo) -> None:
    page = root_of(change) / "priorities" / "kilo-priorities.rst"
    page.write_text("Kilo\n====\n\nWritten by hand.\n")
    commit_all(change, "Regions gone")
    code, lines = check(change)
    assert code == 1
    assert lines[0].startswith(
        "priorities/kilo-priorities.rst:1:1: the page has no generated regions"
    )


def test_a_removed_priority_is_not_linked_by_a_longer_label(change: git.Repo) -> None:
    """priority-kilo-bugs is not linked by priority-kilo-bugs-two, nor
    kilo/bugs by kilo/bugs-two."""
    root = root_of(change)
    (root / "doc" / "index.rst").write_text(
        "Docs\n====\n\nSee :ref:`priority-kilo-bugs-two` and "
        ":priority:`kilo/bugs-two`.\n"
    )
    (root / "doc" / "other.rst").write_text(
        "Other\n=====\n\nSee :priority:`the bugs <kilo/bugs>`.\n"
    )
    commit_all(change, "Docs name another priority")
    (root / "priorities" / "kilo" / "bugs.yaml").unlink()
    render(change)
    commit_all(change, "Drop bugs")
    _, lines = check(change)
    removed = next(line for line in lines if "kilo/bugs is deleted" in line)
    assert "doc/index.rst" not in removed
    assert "doc/other.rst:4" in removed  # the explicit-title form links it


def test_relative_links_name_files_of_the_change(change: git.Repo) -> None:
    """The change's commit is the repository: a spec only in the working
    tree does not count."""
    root = root_of(change)
    (root / "specs" / "liberty").mkdir(parents=True)
    (root / "specs" / "liberty" / "bugs.rst").write_text("Bugs\n====\n")
    (root / "priorities" / "liberty" / "bugs.yaml").write_text(
        "title: Bugs\nposition: 1\nlinks:\n  - title: spec\n"
        "    url: ../specs/liberty/bugs.html\n  - title: other\n"
        "    url: ../specs/liberty/other.html\n"
    )
    other = root / "specs" / "liberty" / "other.rst"
    other.write_text("Other\n=====\n")
    render(change)
    other.unlink()
    commit_all(change, "Links")
    other.write_text("Other\n=====\n")  # in the working tree only
    assert check(change) == (
        1,
        [
            "priorities/liberty/bugs.yaml:7:10: links[1].url: the link "
            "'../specs/liberty/other.html' names specs/liberty/other.rst, which is "
            "not in the repository (links are relative to the release's page, "
            "priorities/liberty-priorities.rst); fix the link",
            "2 files checked: 1 error in 1 file",
        ],
    )


def test_a_deleted_priority_named_by_a_spec(change: git.Repo) -> None:
    """A spec merged before that names the priority the change deletes: the
    full validate after the merge fails on it, so the change does too, with
    the same line (and the warning on the deleted file names it)."""
    root = root_of(change)
    spec = root / "specs" / "kilo" / "approved" / "triage.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text("Triage\n======\n\nProject Priority\n----------------\n\n"
                    ":priority:`bug triage <kilo/bugs>`\n")  # fmt: skip
    # a spec that only mentions the words is no business of the check
    other = root / "specs" / "kilo" / "approved" / "other.rst"
    other.write_text("Other\n=====\n\nAbout kilo/bugs, in a sentence.\n")
    commit_all(change, "A spec")
    (root / "priorities" / "kilo" / "bugs.yaml").unlink()
    render(change)
    commit_all(change, "Drop bugs")
    validated = run_cli("validate", cwd=root).stdout.splitlines()
    said = [line for line in validated if line.startswith("specs/")]
    assert len(said) == 1
    assert said[0].startswith(
        "specs/kilo/approved/triage.rst:7:1: :priority:`kilo/bugs` names no "
        "priority of this repository (RELEASE/SLUG); did you mean "
    )
    code, lines = check(change)
    assert code == 1
    assert lines[0].endswith(
        "still linked from doc/index.rst:4, specs/kilo/approved/triage.rst:7"
    )
    assert [line for line in lines if line.startswith("specs/")] == said
    spec.write_text(spec.read_text() + "\nStill about bugs.\n")
    change.git.commit("--amend", "-a", "--no-edit")
    code, lines = check(change)
    assert code == 1
    assert [line for line in lines if line.startswith("specs/")] == said
    spec.write_text(spec.read_text().replace("kilo/bugs", "kilo/cells-v2"))
    change.git.commit("--amend", "-a", "--no-edit")
    assert check(change)[0] == 0


def test_oversized_blobs_and_symlinks_in_a_change(change: git.Repo) -> None:
    """Read from one cat-file stream: a large blob is skipped, and the file
    after it still read right."""
    root = root_of(change)
    liberty = root / "priorities" / "liberty"
    (liberty / "big.yaml").write_bytes(b"title: x\n# " + b"x" * 2_000_000 + b"\n")
    (liberty / "link.yaml").symlink_to("bugs.yaml")
    (liberty / "zz.yaml").write_text("title: x\nposition: 0\n")
    page = root / "priorities" / "liberty-priorities.rst"
    page.write_bytes(b"x" * (16 * 2**20 + 1))  # never read whole
    commit_all(change, "Hostile change")
    code, lines = check(change)
    assert code == 1
    assert (
        "priorities/liberty-priorities.rst:1:1: the page is 16777217 bytes; that "
        "is too big"
    ) in lines
    assert any(
        line.startswith(
            "priorities/liberty/big.yaml:1:1: file is 2000012 bytes; priority files "
            "are limited to"
        )
        for line in lines
    ), lines
    assert (
        "priorities/liberty/link.yaml:1:1: is a symlink; a priority file must be "
        "a regular file"
    ) in lines
    assert any(
        line.startswith("priorities/liberty/zz.yaml:2:11:") and "too small" in line
        for line in lines
    ), lines


def test_other_releases_read_in_worker_processes(
    change: git.Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several releases not in the cache are read in forked workers: their
    files must be listed before forking (git's processes, such as the
    cat-file stream, cannot be shared)."""
    root = root_of(change)
    for release in ("mitaka", "newton", "ocata"):
        folder = root / "priorities" / release
        folder.mkdir()
        for index in range(60):
            (folder / f"p{index:02d}.yaml").write_text(
                f"title: P {index}\nposition: {index + 1}\n"
                "owners:\n  - name: Sean Dague\n    launchpad: sdague\n"
            )
    render(change)
    commit_all(change, "More releases")
    (root / "priorities" / "liberty" / "bugs.yaml").write_text(
        "title: Bugs\nposition: 1\nowners:\n  - name: Sean\n    launchpad: sdague\n"
    )
    render(change)
    commit_all(change, "A change in liberty")
    for _ in range(3):  # a race, when it happens: more than one chance
        code, lines = check(change)
        assert code == 1, lines
        assert any(
            "Launchpad id 'sdague' is named 'Sean' and 'Sean Dague'" in line
            for line in lines
        ), lines


# --- the other releases, searched with git grep ------------------------------

# Names that do not contain their Launchpad id: only the id (or a backslash)
# can make git grep find the file.
OWNERS = [("Sean Dague", "sdague"), ("Sean", "sdague"), ("Bob Jones", "bjones")]


def escaped(value: str, how: int) -> str:
    """``value`` as YAML may write it: plain, double-quoted with an escape,
    single-quoted."""
    if how == 1:
        return f'"\\x{ord(value[0]):02x}{value[1:]}"'
    return f"'{value}'" if how == 2 else value


@st.composite
def priority_texts(draw: st.DrawFn, position: int, earlier: list[str]) -> str:
    lines = [f"title: P {position}", f"position: {position}", "owners:"]
    for name, launchpad in draw(st.lists(st.sampled_from(OWNERS), max_size=2)):
        how = draw(st.integers(0, 2))
        lines += [f"  - name: {name}", f"    launchpad: {escaped(launchpad, how)}"]
    label = draw(st.sampled_from(["", "cells-team", "Cells-Team", "cells team"]))
    if label == "cells team" and draw(st.booleans()):
        lines += ["labels:", "  - cells", "    team"]  # folded onto two lines
    elif label:
        lines += ["labels:", f"  - {label}"]
    continues: bool = draw(st.booleans())
    if earlier and continues:
        lines.append(f"continues: {draw(st.sampled_from([*earlier, 'kilo/p9']))}")
    return "\n".join(lines) + "\n"


def searched_and_read(files: dict[str, str], change: dict[str, str]) -> list[str]:
    """check-change's messages with the other releases searched, after
    checking they are those of reading them whole."""
    with tempfile.TemporaryDirectory() as folder:
        repo = git.Repo.init(folder)
        identify(repo)
        for commit in (files, change):
            for path, text in commit.items():
                (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
                (Path(folder) / path).write_text(text)
            commit_all(repo, "a commit")
        layout = Layout.find(folder)
        top = Git(folder)
        searched = check_change(top, layout, None).problems
        assert searched == check_change(top, layout, None, search=False).problems
        # and a full validate of the checkout says the same of what changed
        changed = {path for path, text in change.items() if files.get(path) != text}
        full = run_cli(
            "validate", cwd=folder, environment={"NOVA_PRIORITIES_CACHE": "off"}
        )
        said = [
            line for line in full.stdout.splitlines() if line.split(":")[0] in changed
        ]
        assert [str(p) for p in searched if p.rule != "page"] == said
        return [p.message for p in searched]


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_searching_the_other_releases_finds_what_reading_them_finds(
    data: st.DataObject,
) -> None:
    """The releases a change does not touch are searched (git grep for the
    Launchpad ids, label words, backslashes, continued keys) instead of read."""
    files: dict[str, str] = {}
    earlier: list[str] = []
    for release in ("kilo", "liberty", "mitaka"):
        for index in range(3):
            text = data.draw(priority_texts(index + 1, earlier))
            files[f"priorities/{release}/p{index}.yaml"] = text
        earlier += [f"{release}/p{index}" for index in range(3)]
    change = {"priorities/mitaka/p0.yaml": data.draw(priority_texts(1, earlier[:6]))}
    searched_and_read(files, change)


def test_escaped_ids_and_folded_labels_are_searched_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Searched by one git grep, started before the change's release is
    checked, for the needles the checks then ask for (not a second time)."""
    from nova_priorities.hooks import gitsource

    started: list[tuple[str, ...]] = []
    grep_started = gitsource.grep_started

    def counted(commit: gitsource.Commit, *args: str, paths: list[str]) -> Any:
        started.append(args)
        return grep_started(commit, *args, paths=paths)

    monkeypatch.setattr(gitsource, "grep_started", counted)
    owner = "owners:\n  - name: Sean\n    launchpad: sdague\n"
    files = {
        "priorities/kilo/a.yaml": "title: A\nposition: 1\nowners:\n"
        '  - name: Sean Dague\n    launchpad: "\\x73dague"\n',
        "priorities/kilo/b.yaml": "title: B\nposition: 2\nlabels:\n  - cells\n"
        "    team\n",
        "priorities/mitaka/m.yaml": "title: M\nposition: 1\n",
    }
    change = {
        "priorities/mitaka/m.yaml": f"title: M\nposition: 1\n{owner}"
        "labels:\n  - Cells Team\n"
    }
    messages = searched_and_read(files, change)
    assert any("is named 'Sean' and 'Sean Dague'" in m for m in messages), messages
    assert any("'Cells Team' is also a label in kilo" in m for m in messages)
    searches = [args for args in started if "-i" in args]  # (case-insensitive)
    assert len(searches) == 1, searches  # (read whole to compare: no search)
    assert {"sdague", "cells"} <= set(searches[0])


@pytest.mark.parametrize(
    ("where", "attributes"),
    [
        (".gitattributes", "priorities/** binary\n"),
        (".gitattributes", "*.yaml -diff\n"),
        ("priorities/.gitattributes", "* -text -diff\n"),
    ],
)
def test_attributes_in_the_change_hide_no_file_from_the_search(
    where: str, attributes: str
) -> None:
    """git grep skips the files a ``.gitattributes`` calls binary: one in
    the change must not hide another release's owner from the search (the
    change is checked out, so git reads the attributes it brings)."""
    files = {
        "priorities/kilo/a.yaml": "title: A\nposition: 1\nowners:\n"
        "  - name: Sean Dague\n    launchpad: sdague\n",
        "priorities/mitaka/m.yaml": "title: M\nposition: 1\n",
    }
    change = {
        where: attributes,
        "priorities/mitaka/m.yaml": "title: M\nposition: 1\nowners:\n"
        "  - name: Sean\n    launchpad: sdague\n",
    }
    messages = searched_and_read(files, change)
    assert any("is named 'Sean' and 'Sean Dague'" in m for m in messages), messages


def test_attributes_and_odd_paths_hide_no_link_to_a_deleted_priority(
    change: git.Repo,
) -> None:
    """The pages still linking to a deleted priority are found in files the
    change calls binary, and named right when their path holds a colon."""
    root = root_of(change)
    (root / ".gitattributes").write_text("*.rst binary\n")
    (root / "doc" / "a:b.rst").write_text("A\n=\n\nSee :priority:`kilo/bugs`.\n")
    (root / "priorities" / "kilo" / "bugs.yaml").unlink()
    render(change)
    commit_all(change, "Drop bugs")
    code, lines = check(change)
    assert code == 0
    assert lines[0].endswith("still linked from doc/a:b.rst:4, doc/index.rst:4")


def test_a_release_folder_made_a_symlink_is_refused(change: git.Repo) -> None:
    """As on disk (see test_hostile): git lists a link, not a folder, and
    the release would be another's files under a second name. Where it
    leads is quoted: a link may hold a line break, or a terminal's escape."""
    root = root_of(change)
    os.symlink("kilo\nx.yaml:1:1: \x1b[2J", root / "priorities" / "juno")
    os.symlink("kilo", root / "priorities" / "mitaka")
    commit_all(change, "Link mitaka to kilo")
    code, lines = check(change)
    assert code == 1
    assert lines.pop(0) == (
        "priorities/juno:1:1: the release folder is a symlink (to "
        "'kilo\\nx.yaml:1:1: \\x1b[2J'); a release's files sit in a folder of its "
        "own: replace the link with the folder"
    )
    assert lines[0] == (
        "priorities/mitaka:1:1: the release folder is a symlink (to 'kilo'); a "
        "release's files sit in a folder of its own: replace the link with the folder"
    )


def test_a_release_folder_made_a_submodule_is_refused(change: git.Repo) -> None:
    """Its files would be another repository's, which Zuul does not even
    check out: an empty folder on disk, none in git."""
    sha = change.head.commit.hexsha
    change.git.update_index("--add", "--cacheinfo", f"160000,{sha},priorities/newton")
    change.git.commit("-m", "Newton from elsewhere")
    code, lines = check(change)
    assert (code, lines[0]) == (
        1,
        "priorities/newton:1:1: the release folder is a submodule; a release's "
        "files sit in a folder of its own: replace the submodule with the folder",
    )


def test_names_from_the_change_forge_no_line_and_drive_no_terminal(
    change: git.Repo,
) -> None:
    """A file name comes from the change: a line break in it must not make
    a line of its own, nor an escape sequence reach the CI log's terminal,
    nor a bidirectional control reorder what a reviewer reads."""
    root = root_of(change)
    name = "a\x1b[2J\nb\u202ec.yaml"
    (root / "priorities" / "kilo" / name).write_text("title: A\nposition: 20\n")
    commit_all(change, "A file name")
    code, lines = check(change)
    assert code == 1
    assert lines[0].startswith("priorities/kilo/a\\x1b[2J\\nb\\u202ec.yaml:1:1: ")
    assert not any(char in "".join(lines) for char in "\x1b\u202e")


def test_data_files_outside_a_release_folder_are_refused(change: git.Repo) -> None:
    """Listed together, each at its path, as validate says it."""
    root = root_of(change)
    (root / "priorities" / "kilo" / "sub").mkdir()
    (root / "priorities" / "kilo" / "sub" / "deep.yaml").write_text("title: D\n")
    (root / "priorities" / "stray.yaml").write_text("title: S\n")
    commit_all(change, "Files in the wrong place")
    code, lines = check(change)
    assert code == 1
    for path, slug in (("kilo/sub/deep", "deep"), ("stray", "stray")):
        assert (
            f"priorities/{path}.yaml:1:1: not in a release folder; move it to "
            f"priorities/<release>/{slug}.yaml (e.g. priorities/kilo/{slug}.yaml), "
            "or list it in the settings' exclude if it is no priority"
        ) in lines


def test_a_release_git_cannot_read_is_an_error_not_a_pass(tmp_path: Path) -> None:
    """An untouched release whose tree is missing from the object store (a
    damaged or partial clone): git's search fails. That is said, never
    taken for "nothing found", which would hide the owner named otherwise."""
    repo = git.Repo.init(tmp_path)
    identify(repo)
    owner = "owners:\n  - name: {}\n    launchpad: sdague\n"
    (tmp_path / "priorities" / "kilo").mkdir(parents=True)
    (tmp_path / "priorities" / "liberty").mkdir()
    (tmp_path / "priorities" / "kilo" / "a.yaml").write_text(
        "title: A\nposition: 1\n" + owner.format("Sean Dague")
    )
    (tmp_path / "priorities" / "liberty" / "b.yaml").write_text(
        "title: B\nposition: 1\n"
    )
    run_cli("render", cwd=tmp_path)
    commit_all(repo, "base")
    (tmp_path / "priorities" / "liberty" / "b.yaml").write_text(
        "title: B\nposition: 1\n" + owner.format("S. Dague")
    )
    run_cli("render", cwd=tmp_path)
    commit_all(repo, "change")
    code, lines = check(repo)
    assert code == 1 and any("'S. Dague' and 'Sean Dague'" in line for line in lines)
    tree = repo.git.rev_parse("HEAD:priorities/kilo")
    (tmp_path / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    code, lines = check(repo)
    assert code == 2, lines
    assert lines[-1].startswith("nova-priorities: git grep failed:"), lines


def test_a_pyproject_change_outside_the_table_checks_no_release(
    change: git.Repo,
) -> None:
    """Only the configuration holds for every release: a change to the rest
    of pyproject.toml, or one that moves the same settings to the small file,
    checks what the change touches, as any change does."""
    root = root_of(change)
    settings = '[tool.nova-priorities]\nrelease-order = ["kilo", "liberty"]\n'
    (root / "pyproject.toml").write_text(settings)
    commit_all(change, "Configure")
    (root / "pyproject.toml").write_text(
        f'[project]\nname = "specs"\n\n{settings}\n[tool.black]\nline-length = 79\n'
    )
    commit_all(change, "Name the project")
    assert check(change) == (0, ["0 files checked: no problems"])
    (root / "pyproject.toml").write_text('[project]\nname = "specs"\n')
    (root / ".nova-priorities.toml").write_text('release-order = ["kilo", "liberty"]\n')
    commit_all(change, "Move the settings to their own file")
    assert check(change) == (0, ["0 files checked: no problems"])
    (root / ".nova-priorities.toml").write_text('release-order = ["liberty", "kilo"]\n')
    commit_all(change, "Reorder")
    code, lines = check(change)
    assert (code, lines[-1]) == (0, "12 files checked: no problems")


def test_a_settings_change_checks_every_spec(change: git.Repo) -> None:
    """Leaving a priority out by the settings breaks the specs that name it,
    though the change touches none of them: a full validate says so."""
    root = root_of(change)
    spec = root / "specs" / "kilo" / "approved" / "cells.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text("Cells\n=====\n\nServes :priority:`kilo/cells-v2`.\n")
    commit_all(change, "A spec")
    (root / ".nova-priorities.toml").write_text(
        'exclude = ["priorities/kilo/cells-v2.yaml"]\n'
    )
    render(change)
    commit_all(change, "Leave cells out")
    code, lines = check(change)
    assert (code, lines[0]) == (
        1,
        "specs/kilo/approved/cells.rst:4:8: :priority:`kilo/cells-v2` names no "
        "priority of this repository (RELEASE/SLUG); did you mean kilo/ci?",
    )
    # the same problems as a full validate (which counts no page)
    assert lines[:-1] == run_cli("validate", cwd=root).stdout.splitlines()[:-1]


def test_the_zuul_job_runs_for_every_file_check_change_reads() -> None:
    """Zuul skips a job whose ``files:`` match none of the change's: a spec
    or the settings changed alone must still be checked (nova-specs runs
    this job too), and a change elsewhere need not be."""
    import re

    import yaml

    config = yaml.safe_load((REPO_ROOT / ".zuul.yaml").read_text())
    (job,) = [
        e["job"]
        for e in config
        if e.get("job", {}).get("name") == ("nova-priorities-validate")
    ]
    patterns = [re.compile(p) for p in job["files"]]
    for path, runs in [
        ("priorities/kilo/cells-v2.yaml", True),
        ("priorities/kilo-priorities.rst", True),
        ("priorities/kilo/CLOSED", True),
        ("specs/kilo/approved/cells.rst", True),
        (".nova-priorities.toml", True),
        ("pyproject.toml", True),
        ("tox.ini", True),
        ("README.rst", False),
        ("doc/source/index.rst", False),
    ]:
        assert any(p.match(path) for p in patterns) is runs, path


def test_moving_a_file_the_data_links_to_is_checked(change: git.Repo) -> None:
    """nova-specs moves implemented specs every cycle: a change that moves
    or deletes a file a priority links to breaks the link though it touches
    no data, unless a redirect says where the file went. A full validate
    says so after the merge; so does the check of the change."""
    root = root_of(change)
    (root / ".nova-priorities.toml").write_text('redirects-file = "redirects"\n')
    spec = root / "specs" / "liberty" / "approved" / "triage.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text("Triage\n======\n\nHow bugs are triaged.\n")
    bugs = root / "priorities" / "liberty" / "bugs.yaml"
    bugs.write_text(
        "title: Bugs\nposition: 1\nlinks:\n  - title: the spec\n"
        "    url: ../specs/liberty/approved/triage.html\n"
        # docutils joins a link's lines: no search for its name finds it
        "description: |\n  See `the spec <../specs/liberty/approved/tri\n"
        "  age.html>`__.\n"
    )
    render(change)
    commit_all(change, "Link the triage spec")
    assert check(change)[0] == 0
    (root / "specs" / "liberty" / "implemented").mkdir()
    change.git.mv(
        "specs/liberty/approved/triage.rst", "specs/liberty/implemented/triage.rst"
    )
    change.git.commit("-m", "Triage is implemented")
    broken = (
        "priorities/liberty/bugs.yaml:5:10: links[0].url: the link "
        "'../specs/liberty/approved/triage.html' names "
        "specs/liberty/approved/triage.rst, which is not in the repository (links "
        "are relative to the release's page, priorities/liberty-priorities.rst); "
        "fix the link"
    )
    validated = run_cli("validate", cwd=root)  # after the merge
    assert (validated.returncode, validated.stdout.splitlines()[0]) == (1, broken)
    # The change holds no data: it is told on its own file what it breaks.
    linked = (
        "which priorities/liberty/bugs.yaml:5:10 links to "
        "('../specs/liberty/approved/triage.html')"
    )
    moved = (
        "specs/liberty/implemented/triage.rst:1:1: this change moves "
        "specs/liberty/approved/triage.rst to specs/liberty/implemented/triage.rst"
    )
    advice = "update the link, or list the move in a redirects file (redirects-file)"
    assert check(change) == (
        1,
        [
            f"{moved}, {linked}: {advice}",
            f"{moved}, {linked.replace('5:10', '7:3')}: {advice}",
            "1 file checked: 2 errors in 1 file",
        ],
    )
    (root / "specs" / "liberty" / "redirects").write_text(
        "approved/triage.rst ../implemented/triage.rst\n"  # as nova-specs' lines
    )
    commit_all(change, "Redirect the old page")
    assert check(change)[0] == 0
    assert run_cli("validate", cwd=root).returncode == 0
    (root / "specs" / "liberty" / "redirects").write_text("")
    commit_all(change, "Drop the redirect")
    assert check(change)[1][0] == (
        "specs/liberty/redirects:1:1: this change drops the redirect of "
        f"specs/liberty/approved/triage.rst, {linked}: keep the redirect, or "
        "update the link"
    )
    change.git.reset("-q", "--hard", "HEAD~1")  # the redirect is back
    change.git.rm("-q", "specs/liberty/implemented/triage.rst")
    change.git.commit("-m", "Drop the spec")
    assert check(change)[1][0] == (
        "specs/liberty/implemented/triage.rst:1:1: this change deletes "
        f"specs/liberty/implemented/triage.rst, {linked}: update the link"
    )
