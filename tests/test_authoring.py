"""The authoring commands (new, move, new-release), list, show and schema,
and the output options, through the installed script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import git
import jsonschema
import pytest
from conftest import REPO_ROOT, WriteFile, commit_everything, identify, run_cli

from nova_priorities.hooks.datafile import dump_priority
from nova_priorities.hooks.export import priorities_from

COMMENT = "# yaml-language-server: $schema=../../schema/priority.schema.json\n"
CELLS = (
    COMMENT + "title: Cells v2\n"
    "position: 2\n"
    "owners:\n"
    "  - name: Andrew Laski\n"
    "    launchpad: alaski\n"
    "links:\n"
    "  - title: cells etherpad\n"
    "    url: https://etherpad.openstack.org/p/liberty-nova-cells\n"
)
OBJECTS = (
    COMMENT + "title: Objects\n"
    "position: 1\n"
    "owners:\n"
    "  - name: Dan Smith\n"
    "    launchpad: danms\n"
)
SCHEDULER = (
    COMMENT + "title: Scheduler\n"
    "position: 3\n"
    "owners:\n"
    "  - name: Jay Pipes\n"
    "    launchpad: jaypipes\n"
    "  - name: Sylvain Bauza\n"
    "    launchpad: sylvain-bauza\n"
)


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_a_cycle_with_the_commands_alone(
    tmp_path: Path,
    hook_repository: tuple[str, str],
    pre_commit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    root = tmp_path / "specs"
    repo = git.Repo.init(root)
    identify(repo)
    monkeypatch.chdir(root)
    path, rev = hook_repository
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n"
        "      - id: priorities-validate\n      - id: priorities-render\n"
        "      - id: priorities-links\n"
    )
    (root / "priorities").mkdir()

    assert ok("new-release", "liberty") == (
        "Created priorities/liberty/ and priorities/liberty-priorities.rst\n"
    )
    ok(
        "new", "liberty", "Cells v2", "--owner", "alaski=Andrew Laski",
        "--link", "cells etherpad=https://etherpad.openstack.org/p/liberty-nova-cells",
    )  # fmt: skip
    ok("new", "liberty", "Scheduler", "--owner", "jaypipes=Jay Pipes")
    assert ok(
        "new", "liberty", "Objects", "--owner", "danms=Dan Smith", "--before",
        "scheduler",
    ) == (
        "Wrote priorities/liberty/objects.yaml\n"
        "Moved priorities/liberty/scheduler.yaml down one\n"
        "Run `nova-priorities render liberty` to regenerate its page.\n"
    )  # fmt: skip
    assert ok("move", "liberty", "objects", "--to", "1") == (
        "Moved priorities/liberty/cells-v2.yaml\n"
        "Moved priorities/liberty/objects.yaml\n"
        "Run `nova-priorities render liberty` to regenerate its page.\n"
    )
    # A second owner, added by hand: the id is now known to the data.
    scheduler = root / "priorities" / "liberty" / "scheduler.yaml"
    scheduler.write_text(
        scheduler.read_text()
        + "  - name: Sylvain Bauza\n    launchpad: sylvain-bauza\n"
    )
    folder = root / "priorities" / "liberty"
    assert (folder / "cells-v2.yaml").read_text() == CELLS
    assert (folder / "objects.yaml").read_text() == OBJECTS
    assert scheduler.read_text() == SCHEDULER

    exported = json.loads(ok("list", "--format", "json"))
    schema = json.loads((REPO_ROOT / "schema" / "export.schema.json").read_text())
    jsonschema.validate(exported, schema)
    for priority in priorities_from(exported):
        written = (folder / f"{priority.slug}.yaml").read_text()
        assert dump_priority(priority, COMMENT.strip()) == written

    rendered = run_cli("render")  # exit 1: a page was written (pre-commit's way)
    assert (rendered.returncode, rendered.stdout) == (
        1,
        "Regenerated priorities/liberty-priorities.rst\n",
    )
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], check=True, capture_output=True
    )
    repo.git.add("-A")
    repo.git.commit("-m", "Liberty priorities")  # through the real hooks
    assert len(list(repo.iter_commits())) == 1


def test_move_rewrites_only_position_lines(repo: Path, write: WriteFile) -> None:
    kept = (
        "# Written by hand; keep this comment.\n"
        "title: 'Scheduler'   # quoted on purpose\n"
        "owners: [{name: Jay Pipes, launchpad: jaypipes}]\n"
        "position: 3  # the third row\n"
        "description: >\n  Folded text.\n"
    )
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\n")
    write("priorities/kilo/b.json", '{"title": "B", "position": 2}\n')
    write("priorities/kilo/scheduler.yaml", kept)
    assert ok("move", "kilo", "scheduler", "--after", "a").splitlines()[:2] == [
        "Moved priorities/kilo/b.json",
        "Moved priorities/kilo/scheduler.yaml",
    ]
    assert (repo / "priorities/kilo/scheduler.yaml").read_text() == kept.replace(
        "position: 3  #", "position: 2  #"
    )
    assert (repo / "priorities/kilo/b.json").read_text() == (
        '{"title": "B", "position": 3}\n'
    )
    assert (repo / "priorities/kilo/a.yaml").read_text() == "title: A\nposition: 1\n"
    assert "already there" in ok("move", "kilo", "scheduler", "--to", "2")


def test_move_mends_the_positions_two_merged_changes_share(
    repo: Path, write: WriteFile
) -> None:
    """Two changes each add a priority at the end; merged, both sit at 3.
    validate says to run `move`: move must then do it, not refuse to edit
    a release with errors."""
    for slug, position in (("a", 1), ("b", 2), ("c", 3), ("d", 3)):
        write(f"priorities/kilo/{slug}.yaml", f"title: {slug}\nposition: {position}\n")
    told = run_cli("validate").stdout
    assert "3 is also the position of priorities/kilo/d.yaml; give each " in told
    assert "4 is free (`nova-priorities move kilo c --to 4`)" in told
    ok("move", "kilo", "c", "--to", "4")  # as told
    assert run_cli("validate").returncode == 0

    write("priorities/kilo/c.yaml", "title: c\nposition: 3\n")  # again
    ok("move", "kilo", "a", "--after", "d")  # a reorder makes them distinct too
    positions = {
        p.stem: int(p.read_text().split("position: ")[1])
        for p in (repo / "priorities" / "kilo").iterdir()
    }
    assert sorted(positions.values()) == [1, 2, 3, 4]
    assert run_cli("validate").returncode == 0
    # Other errors still stop an edit.
    write("priorities/kilo/e.yaml", "title: e\nposition: 5\nowners: nobody\n")
    refused = run_cli("move", "kilo", "a", "--to", "9")
    assert refused.returncode == 2
    assert "fix the errors in kilo first" in refused.stderr


def test_gaps_stay_and_free_positions_are_taken(repo: Path, write: WriteFile) -> None:
    for slug, position in (("a", 1), ("b", 2), ("c", 5)):
        write(f"priorities/kilo/{slug}.yaml", f"title: {slug}\nposition: {position}\n")
    ok("new", "kilo", "New one", "--position", "2")
    positions = {
        p.stem: p.read_text().split("position: ")[1].split()[0]
        for p in (repo / "priorities" / "kilo").iterdir()
    }
    assert positions == {"a": "1", "new-one": "2", "b": "3", "c": "5"}
    ok("move", "kilo", "a", "--to", "4")  # free: taken as it is
    assert "position: 4\n" in (repo / "priorities/kilo/a.yaml").read_text()
    ok("new", "kilo", "Last")
    assert "position: 6\n" in (repo / "priorities/kilo/last.yaml").read_text()


def test_new_refuses_what_would_not_validate(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells.yaml", "title: Cells v2\nposition: 1\n")
    before = sorted(p.name for p in (repo / "priorities" / "kilo").iterdir())
    result = run_cli("new", "kilo", "cells v2", "--slug", "cells-again")
    assert result.returncode == 1
    assert "title: 'cells v2' is also the title of" in result.stdout
    assert result.stdout.endswith("nothing was written\n")
    assert sorted(p.name for p in (repo / "priorities" / "kilo").iterdir()) == before
    unknown = run_cli("new", "kilo", "Other", "--owner", "nobody")
    assert unknown.returncode == 2
    assert unknown.stderr == (
        "nova-priorities: no priority names the Launchpad id 'nobody' yet: give "
        "the display name, --owner 'nobody=Full Name'\n"
    )
    write(
        "priorities/kilo/api.yaml",
        "title: API\nposition: 2\nowners:\n  - name: Matt Riedemann\n"
        "    launchpad: mriedem\n",
    )
    typo = run_cli("new", "kilo", "Other", "--owner", "mriedm")
    assert typo.stderr == (
        "nova-priorities: no priority names the Launchpad id 'mriedm' yet (did "
        "you mean 'mriedem'?): give the display name, --owner 'mriedm=Full Name'\n"
    )
    after = run_cli("new", "kilo", "Other", "--after", "apo")
    assert after.stderr == (
        "nova-priorities: --after apo: no such priority (api, cells); did you "
        "mean api?\n"
    )
    # an id no one could have: what is wrong is the id, not a missing name
    not_an_id = run_cli("new", "kilo", "Other", "--owner", "Not An Id")
    assert not_an_id.returncode == 1
    assert "owners[0].launchpad: 'Not An Id' is not a Launchpad id" in not_an_id.stdout
    exists = run_cli("new", "kilo", "Cells", "--slug", "cells")
    assert (exists.returncode, exists.stderr) == (
        2,
        "nova-priorities: priorities/kilo/cells.yaml exists; choose another --slug\n",
    )


def test_new_refuses_a_release_whose_page_is_hand_written(
    repo: Path, write: WriteFile
) -> None:
    """Rocky's page is prose with no generated regions: data written for it
    could never be shown, and render would fail only after the file exists."""
    page = "Rocky Project Priorities\n========================\n\nRunways.\n"
    write("priorities/rocky-priorities.rst", page)
    # new-release said only "exists: the release has been started"
    for command in (["new", "rocky", "Cells v2"], ["new-release", "rocky"]):
        result = run_cli(*command)
        assert result.returncode == 2
        assert result.stderr == (
            "nova-priorities: priorities/rocky-priorities.rst is hand-written "
            "(it has no generated regions), so it cannot show data: turn it into "
            "data with `nova-priorities import priorities/rocky-priorities.rst`, "
            "or add the region markers (see the README)\n"
        ), command
    assert not (repo / "priorities" / "rocky").exists()
    assert (repo / "priorities/rocky-priorities.rst").read_text() == page
    write("priorities/rocky-priorities.rst", page + ".. nova-priorities:begin:table\n")
    broken = run_cli("new", "rocky", "Cells v2")
    assert (broken.returncode, broken.stderr) == (
        2,
        "nova-priorities: priorities/rocky-priorities.rst:5:1: the 'table' region "
        "has no end marker ('.. nova-priorities:end:table')\n",
    )
    assert not (repo / "priorities" / "rocky").exists()


def test_known_owners_are_named_from_the_data(repo: Path, write: WriteFile) -> None:
    write(
        "priorities/kilo/a.yaml",
        "title: A\nposition: 1\nowners:\n  - name: Andrew Laski\n"
        "    launchpad: alaski\n",
    )
    ok("new", "kilo", "B", "--owner", "alaski")
    assert (
        "  - name: Andrew Laski\n    launchpad: alaski\n"
        in (repo / "priorities/kilo/b.yaml").read_text()
    )


def test_names_longer_than_a_file_name_allows_are_refused_not_crashed_on(
    repo: Path, write: WriteFile
) -> None:
    """A 300-character release name passed the name rule, then made
    new-release crash on the folder it could not create."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    long_name = "x" * 300
    for command, message in [
        (
            ["new-release", long_name],
            f"'{long_name}' is not a release name (lowercase like 'kilo', or a "
            "year and number like '2023.1'; at most 40 characters)",
        ),
        (
            ["new", "kilo", "Title", "--slug", long_name],
            f"'{long_name}' is not a slug (lowercase letters and digits in words "
            "joined by hyphens; at most 120 characters); give one with --slug",
        ),
    ]:
        result = run_cli(*command)
        assert (result.returncode, result.stderr) == (
            2,
            f"nova-priorities: {message}\n",
        ), command
    # A title too long for a slug: what is said is that the title is too long.
    title = run_cli("new", "kilo", "y" * 300)
    assert title.returncode == 1
    assert "title: 300 characters is too long: at most 120" in title.stdout
    assert [p.name for p in (repo / "priorities").iterdir()] == ["kilo"]
    assert [p.name for p in (repo / "priorities/kilo").iterdir()] == ["cells.yaml"]


def test_new_release_carries_priorities_over(repo: Path, write: WriteFile) -> None:
    write(
        "priorities/kilo/cells-v2.yaml",
        "title: Cells v2\nposition: 1\nlabels: [kilo-cells]\ndescription: |\n"
        "  Cells.\n",
    )
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n")
    write("priorities/kilo/objects.yaml", "title: Objects\nposition: 3\n")
    result = run_cli(
        "new-release", "liberty", "--from", "kilo", "--carry", "objects", "cells-v2"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    liberty = repo / "priorities" / "liberty"
    assert (liberty / "cells-v2.yaml").read_text() == (
        COMMENT + "title: Cells v2\nposition: 1\ncontinues: kilo/cells-v2\n"
        "description: |\n  Cells.\n"
    )
    assert (liberty / "objects.yaml").read_text() == (
        COMMENT + "title: Objects\nposition: 2\ncontinues: kilo/objects\n"
    )
    page = (repo / "priorities" / "liberty-priorities.rst").read_text()
    assert page.startswith(
        ".. _liberty-priorities:\n\n==========================\n"
        "Liberty Project Priorities\n==========================\n"
    )
    assert run_cli("render", "--check", "liberty").returncode == 0
    again = run_cli("new-release", "liberty")
    assert again.returncode == 2 and "has been started" in again.stderr
    assert run_cli("new-release", "Mitaka").returncode == 2


def test_a_started_release_is_one_in_every_clone(
    repo: Path, write: WriteFile, tmp_path: Path
) -> None:
    """new-release makes an empty folder, which git does not keep: in a
    clone the release is its page alone, and every command still knows it
    (render did not, while new-release said it had been started)."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    run_cli("render")
    assert run_cli("new-release", "liberty").returncode == 0
    commit_everything(repo, "Start liberty")
    clone = tmp_path / "clone"
    git.Repo.clone_from(repo, clone)
    assert not (clone / "priorities" / "liberty").exists()
    page = (clone / "priorities" / "liberty-priorities.rst").read_text()

    render = run_cli("render", "liberty", cwd=clone)
    assert (render.returncode, render.stdout, render.stderr) == (0, "", "")
    assert run_cli("render", "--check", cwd=clone).returncode == 0
    listed = run_cli("list", "--format", "json", cwd=clone)
    assert [r["name"] for r in json.loads(listed.stdout)["releases"]] == [
        "kilo",
        "liberty",
    ]
    again = run_cli("new-release", "liberty", cwd=clone)
    assert again.returncode == 2 and "has been started" in again.stderr
    added = run_cli("new", "liberty", "Bugs", "--render", cwd=clone)
    assert added.returncode == 0, added.stdout + added.stderr
    assert (clone / "priorities" / "liberty-priorities.rst").read_text() != page
    # A page without regions is no release: it is imported, not rendered.
    (clone / "priorities" / "mitaka-priorities.rst").write_text("Mitaka\n======\n")
    mitaka = run_cli("render", "mitaka", cwd=clone)
    assert mitaka.returncode == 2
    assert "(there are: kilo, liberty;" in mitaka.stderr


def test_new_release_from_alone_carries_nothing_silently(
    repo: Path, write: WriteFile
) -> None:
    """--from names where to carry from, not what: without --carry or
    --carry-all it is a usage error that lists what could be carried,
    and nothing is written."""
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n")
    result = run_cli("new-release", "liberty", "--from", "kilo")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "nova-priorities: --from kilo carries nothing by itself: name the "
        "priorities with --carry SLUG... (cells-v2, bugs) or use --carry-all\n"
    )
    assert sorted(p.name for p in (repo / "priorities").iterdir()) == ["kilo"]


def test_list_and_show(repo: Path, write: WriteFile) -> None:
    write(
        "priorities/kilo/cells-v2.yaml",
        "title: Cells v2\nposition: 1\nowners:\n  - name: Andrew Laski\n"
        "    launchpad: alaski\n",
    )
    write("priorities/liberty/bugs.yaml", "title: Bugs, again\nposition: 1\n")
    write("priorities/liberty/broken.yaml", "title: Broken\n")
    result = run_cli("list", environment={"COLUMNS": "60"})
    assert result.stdout.splitlines() == [
        "RELEASE  #  SLUG      TITLE        OWNERS",
        "kilo     1  cells-v2  Cells v2     Andrew Laski",
        "liberty  1  bugs      Bugs, again",
    ]
    assert "1 file with errors is left out" in result.stderr
    assert run_cli("list", "--format", "csv", "--owner", "alaski").stdout == (
        "release,position,slug,title,owners,launchpad,links,continues,labels\n"
        "kilo,1,cells-v2,Cells v2,Andrew Laski,alaski,,,\n"
    )
    import yaml

    listed = yaml.safe_load(run_cli("list", "liberty", "--format", "yaml").stdout)
    assert [r["name"] for r in listed["releases"]] == ["liberty"]
    shown = json.loads(run_cli("show", "kilo/cells-v2", "--format", "json").stdout)
    schema = json.loads((REPO_ROOT / "schema" / "export.schema.json").read_text())
    jsonschema.validate(shown, schema)
    jsonschema.validate(json.loads(run_cli("list", "--format", "json").stdout), schema)
    assert shown["priority"]["owners"] == [
        {"name": "Andrew Laski", "launchpad": "alaski"}
    ]
    assert run_cli("show", "kilo/nothing").returncode == 2


def test_schema_command() -> None:
    path = run_cli("schema").stdout.strip()
    assert (
        Path(path).read_text()
        == (REPO_ROOT / "schema/priority.schema.json").read_text()
    )
    assert json.loads(run_cli("schema", "--export", "--print").stdout)["properties"]


def test_quiet_and_color(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: A\nposition: x\n")
    line = "priorities/kilo/a.yaml:2:11: position: expected an integer, got 'x'"
    assert run_cli("validate", "-q").stdout == line + "\n"
    colored = run_cli("validate", "--color", "always").stdout
    assert colored.startswith("\033[1mpriorities/kilo/a.yaml:2:11:\033[0m position")
    assert "\033[31m1 file checked" in colored
    plain = run_cli("validate", environment={"FORCE_COLOR": ""}).stdout
    assert "\033[" not in plain  # not a terminal
    forced = run_cli("validate", environment={"FORCE_COLOR": "1"}).stdout
    assert "\033[1m" in forced
    off = run_cli("validate", environment={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\033[" not in off.stdout
    assert "exit status" in run_cli("new", "--help").stdout
