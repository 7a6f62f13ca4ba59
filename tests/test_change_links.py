"""Links a commit breaks in data it does not touch, as staged (the plain
git hook and the ``priorities-links`` hook); check-change's side is in
test_check_change.py (``test_moving_a_file_the_data_links_to_is_checked``)."""

from __future__ import annotations

from pathlib import Path

import git
import pytest
from conftest import WriteFile, run_cli

LINKED = (
    "which priorities/liberty/bugs.yaml:5:10 links to "
    "('../specs/liberty/approved/triage.html')"
)
MOVED = (
    "specs/liberty/implemented/triage.rst:1:1: this change moves "
    f"specs/liberty/approved/triage.rst to specs/liberty/implemented/triage.rst, "
    f"{LINKED}: update the link, or list the move in a redirects file "
    "(redirects-file)"
)


@pytest.fixture
def linked(repo: Path, write: WriteFile) -> git.Repo:
    """A committed priority whose link (split over two lines in its
    description, which docutils joins) and link list name a spec."""
    write(".nova-priorities.toml", 'redirects-file = "redirects"\n')
    write("specs/liberty/approved/triage.rst", "Triage\n======\n\nBugs.\n")
    write("specs/liberty/approved/other.rst", "Other\n=====\n\nOther.\n")
    write(
        "priorities/liberty/bugs.yaml",
        "title: Bugs\nposition: 1\nlinks:\n  - title: the spec\n"
        "    url: ../specs/liberty/approved/triage.html\n"
        "description: |\n  See `the spec <../specs/liberty/approved/tri\n"
        "  age.html>`__.\n",
    )
    repository = git.Repo.init(repo)
    repository.git.add("-A")
    repository.index.commit("base")
    (repo / "specs" / "liberty" / "implemented").mkdir()
    return repository


def staged(*options: str) -> tuple[int, list[str]]:
    result = run_cli("validate", "--staged", *options)
    assert not result.stderr
    return result.returncode, result.stdout.splitlines()


def test_a_staged_move_of_a_linked_file_is_refused(linked: git.Repo) -> None:
    linked.git.mv(
        "specs/liberty/approved/triage.rst", "specs/liberty/implemented/triage.rst"
    )
    second = MOVED.replace("5:10", "7:3")
    # the moved spec is checked as staged, and the data's links
    assert staged() == (1, [MOVED, second, "1 file checked: 2 errors in 1 file"])
    # the priorities-links hook: only the links (priorities-validate checks
    # the staged files, so each problem shows once)
    assert staged("--links-only") == (
        1,
        [MOVED, second, "2 files checked: 2 errors in 1 file"],
    )


def test_a_redirect_makes_the_move_good_and_dropping_it_is_refused(
    linked: git.Repo, write: WriteFile
) -> None:
    linked.git.mv(
        "specs/liberty/approved/triage.rst", "specs/liberty/implemented/triage.rst"
    )
    write("specs/liberty/redirects", "approved/triage.rst ../implemented/triage.rst\n")
    linked.git.add("specs/liberty/redirects")
    assert staged("--links-only") == (0, ["1 file checked: no problems"])
    linked.index.commit("Triage is implemented")
    write("specs/liberty/redirects", "")
    linked.git.add("specs/liberty/redirects")
    assert staged("--links-only") == (
        1,
        [
            "specs/liberty/redirects:1:1: this change drops the redirect of "
            f"specs/liberty/approved/triage.rst, {LINKED}: keep the redirect, or "
            "update the link",
            "specs/liberty/redirects:1:1: this change drops the redirect of "
            f"specs/liberty/approved/triage.rst, {LINKED.replace('5:10', '7:3')}: "
            "keep the redirect, or update the link",
            "2 files checked: 2 errors in 1 file",
        ],
    )


def test_a_staged_deletion_is_refused_and_other_files_are_free(
    linked: git.Repo,
) -> None:
    linked.git.rm("-q", "specs/liberty/approved/other.rst")
    assert staged("--links-only") == (0, ["1 file checked: no problems"])
    linked.git.rm("-q", "specs/liberty/approved/triage.rst")
    code, found = staged("--links-only")
    assert (code, found[0]) == (
        1,
        "specs/liberty/approved/triage.rst:1:1: this change deletes "
        f"specs/liberty/approved/triage.rst, {LINKED}: update the link",
    )


def test_a_link_broken_before_is_not_the_commits_doing(
    linked: git.Repo, write: WriteFile
) -> None:
    """A link already broken at HEAD is validate's to report, not this
    commit's; nor is the link of a staged data file (checked as a target)."""
    write(
        "priorities/liberty/old.yaml",
        "title: Old\nposition: 2\nlinks:\n  - title: gone\n"
        "    url: ../specs/liberty/approved/gone.html\n",
    )
    linked.git.add("-A")
    linked.index.commit("a broken link")
    linked.git.rm("-q", "specs/liberty/approved/other.rst")
    assert staged("--links-only") == (0, ["2 files checked: no problems"])


def test_links_only_needs_staged(repo: Path) -> None:
    result = run_cli("validate", "--links-only")
    assert (result.returncode, result.stderr) == (
        2,
        "nova-priorities: --links-only goes with --staged\n",
    )


def test_nothing_to_lose_before_the_first_commit(repo: Path, write: WriteFile) -> None:
    write("priorities/liberty/bugs.yaml", "title: Bugs\nposition: 1\n")
    git.Repo.init(repo).git.add("-A")
    assert staged("--links-only") == (0, ["0 files checked: no problems"])
    assert staged() == (0, ["1 file checked: no problems"])


def test_a_commit_that_takes_nothing_away_reads_no_data(
    linked: git.Repo, write: WriteFile
) -> None:
    """The priorities-links hook runs on every commit: one that deletes,
    moves and redirects nothing checks nothing."""
    write("specs/liberty/approved/new.rst", "New\n===\n\nNew.\n")
    write("priorities/liberty/bugs.yaml", "not: [valid")  # not staged
    linked.git.add("specs/liberty/approved/new.rst")
    assert staged("--links-only") == (0, ["0 files checked: no problems"])


def test_deleting_a_priority_a_spec_names_is_refused(
    linked: git.Repo, write: WriteFile
) -> None:
    """A :priority: role is a link too: the commit that deletes or renames
    the priority breaks the spec that names it (validate's line)."""
    write(
        "specs/liberty/approved/roles.rst",
        "Roles\n=====\n\nProject Priority\n----------------\n\n"
        ":priority:`liberty/bugs`\n",
    )
    write("specs/liberty/approved/words.rst", "Words\n=====\n\nAbout liberty/bugs.\n")
    linked.git.add("-A")
    linked.index.commit("a spec for bugs")
    # the same priority, in JSON: nothing is lost
    json_bugs = '{"title": "Bugs", "position": 1}\n'
    linked.git.rm("-q", "priorities/liberty/bugs.yaml")
    write("priorities/liberty/bugs.json", json_bugs)
    linked.git.add("priorities/liberty/bugs.json")
    assert staged("--links-only")[0] == 0
    linked.git.rm("-q", "--cached", "priorities/liberty/bugs.json")
    error = (
        "specs/liberty/approved/roles.rst:7:1: :priority:`liberty/bugs` names no "
        "priority of this repository (RELEASE/SLUG)"
    )
    # both specs read: the one whose words only mention it is fine
    summary = "2 files checked: 1 error in 1 file"
    assert staged("--links-only") == (1, [error, summary])
    assert staged() == (1, [error, summary])


def test_deleting_a_priority_another_continues_is_refused(
    repo: Path, write: WriteFile
) -> None:
    """The plain git hook says what the full validate will say after the
    commit: the file that continues the deleted priority is wrong now."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n")
    write(
        "priorities/liberty/cells.yaml",
        "title: Cells\nposition: 1\ncontinues: kilo/cells\n",
    )
    repository = git.Repo.init(repo)
    repository.git.add("-A")
    repository.index.commit("base")
    repository.git.rm("-q", "priorities/kilo/cells.yaml")
    after = run_cli("validate").stdout.splitlines()
    assert after[0].startswith(
        "priorities/liberty/cells.yaml:3:12: continues: kilo/cells is no priority "
        "of this repository"
    )
    code, found = staged()
    assert (code, found[0]) == (1, after[0])
    # the priorities-links hook: the commit changes no file priorities-validate
    # would check, and the render hook renders kilo only
    assert staged("--links-only") == (
        1,
        [after[0], "2 files checked: 1 error in 1 file"],
    )
    # an unrelated problem the continuing file had before is not this commit's
    repository.git.reset("-q")  # the deletion unstaged
    owner = "owners:\n  - name: {}\n    launchpad: someone\n"
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n" + owner.format("A"))
    write(
        "priorities/liberty/cells.yaml",
        "title: Cells\nposition: 1\ncontinues: kilo/cells\n" + owner.format("B"),
    )
    repository.git.add("priorities/kilo/bugs.yaml", "priorities/liberty/cells.yaml")
    repository.index.commit("one person, two names")
    repository.git.rm("-q", "--cached", "priorities/kilo/cells.yaml")
    assert "'someone' is named 'A' and 'B'" in run_cli("validate").stdout
    code, found = staged("--links-only")
    assert (code, found[0], len(found)) == (1, after[0], 2)
