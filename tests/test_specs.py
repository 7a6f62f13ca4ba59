"""Specs name their priority with :priority:; validate checks the roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WriteFile, run_cli, sphinx_build
from htmlfacts import tables

from nova_priorities.hooks.spec_links import propose
from nova_priorities.hooks.specs import read_spec

SPEC = """\
..
 This work is licensed under a Creative Commons Attribution 3.0 Unported
 License.

==========================
Cells scheduling, at last
==========================

`https://blueprints.launchpad.net/nova/+spec/cells-
scheduling <https://blueprints.launchpad.net/nova/+spec/cells-
scheduling>`_

Problem description
===================

Text.

Project Priority
----------------

{priority}

Proposed change
===============

More text.
"""


def test_a_spec_is_read_for_its_facts() -> None:
    text = SPEC.format(priority="Part of :priority:`the cells work <kilo/cells-v2>`.")
    spec = read_spec("specs/kilo/approved/x.rst", text, "kilo", "approved")
    assert spec.title == "Cells scheduling, at last"
    assert spec.blueprint == "cells-scheduling"
    assert [(r.target, r.line, r.column) for r in spec.roles] == [
        ("kilo/cells-v2", 21, 9)
    ]
    assert spec.section is not None
    first, end = spec.section
    assert text.splitlines()[first - 1 : end - 1] == [
        "",
        "Part of :priority:`the cells work <kilo/cells-v2>`.",
        "",
    ]


@pytest.mark.parametrize(
    ("section", "quoted"),
    [
        ("  Helps\n   the  users.  ", "Helps the users."),  # spaces collapsed
        ("word " * 20, "word " * 14 + "..."),  # cut at the space before 72
        ("x" * 100, "x" * 72 + " ..."),  # one long word: cut where it must be
    ],
)
def test_a_section_naming_nothing_known_is_quoted_short(
    section: str, quoted: str
) -> None:
    text = SPEC.format(priority=section)
    spec = read_spec("specs/kilo/approved/x.rst", text, "kilo", "approved")
    proposal = propose(spec, text.splitlines(), [])
    assert proposal is not None
    assert (proposal.priority, proposal.declined) == (None, False)
    assert proposal.words == quoted


def test_validate_checks_the_roles_of_specs(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write(
        "specs/kilo/approved/good.rst",
        SPEC.format(priority=":priority:`kilo/cells-v2`"),
    )
    write("specs/kilo/approved/bad.rst", SPEC.format(priority=":priority:`kilo/cells`"))
    write("specs/kilo/implemented/none.rst", SPEC.format(priority="None."))
    result = run_cli("validate")
    assert result.stdout.splitlines() == [
        "specs/kilo/approved/bad.rst:21:1: :priority:`kilo/cells` names no priority "
        "of this repository (RELEASE/SLUG); did you mean kilo/cells-v2?",
        "4 files checked: 1 error in 1 file",
    ]
    # The hook's view: the changed spec alone, the priorities by name.
    hook = run_cli("validate", "specs/kilo/approved/bad.rst")
    assert hook.stdout.splitlines()[0].startswith("specs/kilo/approved/bad.rst:21:1:")
    assert run_cli("validate", "specs/kilo/approved/good.rst").returncode == 0


def test_specs_and_dashboard(repo: Path, write: WriteFile) -> None:
    import configparser
    import json
    from urllib.parse import parse_qsl, urlsplit

    import jsonschema
    from conftest import REPO_ROOT

    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write("priorities/kilo/scheduler.yaml", "title: Scheduler\nposition: 2\n")
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 3\n")
    write(
        "specs/kilo/approved/a.rst", SPEC.format(priority=":priority:`kilo/cells-v2`")
    )
    other = SPEC.replace("cells-\nscheduling", "cells-\nquotas").replace(
        "Cells scheduling, at last", "Cells quotas, finally..."
    )
    write(
        "specs/kilo/implemented/b.rst",
        other.format(priority=":priority:`kilo/cells-v2`"),
    )
    write(
        "specs/kilo/approved/c.rst",
        SPEC.replace("cells-\nscheduling", "filters").format(
            priority=":priority:`kilo/scheduler`"
        ),
    )
    write("specs/kilo/approved/none.rst", SPEC.format(priority="Not a priority."))
    documents = json.loads(run_cli("specs", "kilo", "--format", "json").stdout)
    schema = json.loads((REPO_ROOT / "schema" / "specs.schema.json").read_text())
    jsonschema.validate(documents, schema)
    (kilo,) = documents
    assert [
        (p["slug"], [s["blueprint"] for s in p["specs"]]) for p in kilo["priorities"]
    ] == [
        ("cells-v2", ["cells-scheduling", "cells-quotas"]),
        ("scheduler", ["filters"]),
        ("bugs", []),
    ]
    assert [s["path"] for s in kilo["without_priority"]] == [
        "specs/kilo/approved/none.rst"
    ]
    text = run_cli("specs", "kilo", "--priority", "scheduler").stdout
    assert text == (
        "kilo/scheduler: Scheduler\n"
        "  approved    specs/kilo/approved/c.rst  Cells scheduling, at last "
        "(bp filters)\n"
    )

    url = run_cli("dashboard", "kilo").stdout.strip()
    assert url.startswith("https://review.opendev.org/#/dashboard/?")
    fields = parse_qsl(urlsplit(url).fragment.split("?", 1)[1])
    cells = (
        "project:openstack/nova (topic:bp/cells-quotas OR topic:bp/cells-scheduling)"
    )
    expected = [
        ("title", "Kilo priorities"),
        ("foreach", "status:open NOT label:Workflow<=-1"),
        ("Cells v2", cells),
        ("Scheduler", "project:openstack/nova (topic:bp/filters)"),
        ("Kilo spec reviews", "project:openstack/nova-specs file:^specs/kilo/.*"),
    ]
    assert fields == expected  # Bugs has no blueprint: no section
    dash = configparser.ConfigParser()
    dash.read_string(run_cli("dashboard", "kilo", "--format", "dash").stdout)
    assert dash["dashboard"]["title"] == "Kilo priorities"
    sections = [(s.split('"')[1], dash[s]["query"]) for s in dash.sections()[1:]]
    assert sections == expected[2:]
    # What the options put in a link or a query is checked, not pasted.
    for option, value, wanted in [
        ("--gerrit", "javascript:alert(1)", "an http(s) URL"),
        ("--gerrit", "https://review.example.org/?x", "an http(s) URL"),
        ("--project", "nova) OR (project:x", "a project name"),
        ("--specs-project", "nova specs", "a project name"),  # "": test_listing
    ]:
        refused = run_cli("dashboard", "kilo", option, value)
        assert (refused.returncode, refused.stdout) == (2, ""), option
        assert f"{option}: {value!r} is not {wanted}" in refused.stderr
    elsewhere = run_cli("dashboard", "kilo", "--gerrit", "http://gerrit.example.org/r/")
    assert elsewhere.stdout.startswith("http://gerrit.example.org/r/#/dashboard/?")


PHRASINGS = {
    "scheduler.rst": ("Part of the 'scheduler' refactoring effort.", "kilo/scheduler"),
    "upgrades.rst": ("This helps Live Upgrades.", "kilo/no-downtime-db-upgrades"),
    "api.rst": ("API v2.1 is a project priority.", "kilo/v2-1-api"),
    "cells.rst": ("Yes: cells v2, which the cells team drives.", "kilo/cells-v2"),
    "no-fit.rst": ("This blueprint doesn't fit into scheduler priorities.", None),
    # as a real nova-specs spec wrote it
    "typo.rst": ("This blueprint doest't fit into scheduler priorities.", None),
    "na.rst": ("Not applicable... however we would argue it helps cells v2.", None),
    "no.rst": ("No", None),
    "unknown.rst": (
        "This would fall under the 'User Experience' theme the PTL named at the"
        " summit in Paris.",
        None,
    ),
}


def test_link_specs_proposes_and_writes(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write("priorities/kilo/scheduler.yaml", "title: Scheduler\nposition: 2\n")
    write(
        "priorities/kilo/no-downtime-db-upgrades.yaml",
        "title: No downtime DB upgrades\nposition: 3\naliases: [Live Upgrades]\n",
    )
    write(
        "priorities/kilo/v2-1-api.yaml",
        "title: V2.1 API\nposition: 4\naliases: [API v2.1]\n",
    )
    for name, (text, _) in PHRASINGS.items():
        write(f"specs/kilo/approved/{name}", SPEC.format(priority=text))
    before = {n: (repo / "specs/kilo/approved" / n).read_text() for n in PHRASINGS}
    result = run_cli("link-specs", "kilo")
    assert result.returncode == 0, result.stdout
    proposed = [
        "specs/kilo/approved/api.rst: kilo/v2-1-api (the words 'API v2.1')",
        "specs/kilo/approved/cells.rst: kilo/cells-v2 (the words 'Cells v2')",
        "specs/kilo/approved/scheduler.rst: kilo/scheduler (the words 'Scheduler')",
        # quoted, cut at a space before its 72nd character
        "specs/kilo/approved/unknown.rst: no priority recognised: This would fall "
        "under the 'User Experience' theme the PTL named at the ...",
        "specs/kilo/approved/upgrades.rst: kilo/no-downtime-db-upgrades (the words "
        "'Live Upgrades')",
    ]
    lines = [line for line in result.stdout.splitlines() if line.startswith("specs/")]
    assert lines == proposed
    assert "+:priority:`kilo/cells-v2`" in result.stdout  # shown as a diff
    # the last line says what it found, so a run with nothing to do says so
    assert result.stdout.splitlines()[-1] == (
        "9 specs of kilo read: 4 roles to add (`--write` adds them); 1 section "
        "naming no known priority (link by hand, or add an alias); 4 sections "
        "saying it serves none (`--verbose` lists them)"
    )
    verbose = run_cli("link-specs", "kilo", "--verbose").stdout.splitlines()
    assert [line for line in verbose if line.startswith("specs/")] == sorted(
        [
            *proposed,
            "specs/kilo/approved/na.rst: no priority: the section says "
            "'Not applicable'",
            "specs/kilo/approved/no-fit.rst: no priority: the section says "
            "'doesn't fit'",
            "specs/kilo/approved/no.rst: no priority: the section says 'No'",
            "specs/kilo/approved/typo.rst: no priority: the section says 'doest't fit'",
        ]
    )
    assert verbose[-1].endswith("; 4 sections saying it serves none")
    assert {
        n: (repo / "specs/kilo/approved" / n).read_text() for n in PHRASINGS
    } == before
    written = run_cli("link-specs", "kilo", "--write")
    assert written.returncode == 0
    assert written.stdout.splitlines()[-1].startswith(
        "9 specs of kilo read: 4 roles added; 1 section naming"
    )
    for name, (text, target) in PHRASINGS.items():
        after = (repo / "specs/kilo/approved" / name).read_text()
        if target is None:
            assert after == before[name]
        else:
            role = f"\n\n:priority:`{target}`\n"
            assert after == before[name].replace(f"{text}\n", f"{text}\n{role[1:]}")
    assert run_cli("validate").returncode == 0
    again = run_cli("link-specs", "kilo").stdout
    assert "kilo/cells-v2" not in again  # linked now
    last = again.splitlines()[-1]
    assert last.startswith("9 specs of kilo read: nothing to propose; 1 section")


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "text"])
def test_specs_and_reviews_columns(
    repo: Path, write: WriteFile, tmp_path: Path, builder: str
) -> None:
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n")
    write(
        "specs/kilo/approved/a.rst", SPEC.format(priority=":priority:`kilo/cells-v2`")
    )
    write("doc/conf.py", 'extensions = ["nova_priorities.sphinxext"]\n')
    write(
        "doc/index.rst",
        "Kilo\n====\n\n.. toctree::\n   :glob:\n\n   specs/*/*/*\n\n"
        ".. priorities-table:: kilo\n   :columns: priority, specs, reviews\n"
        "   :dashboard:\n   :sections:\n",
    )
    (repo / "doc" / "specs").symlink_to("../specs")
    out = tmp_path / "out"
    result = sphinx_build(repo / "doc", out, "-W", "-j", "2", builder=builder)
    assert result.returncode == 0, result.stderr
    if builder == "text":
        text = (out / "index.txt").read_text()
        assert "Cells scheduling, at last (approved)" in text
        assert "Kilo review dashboard" in text
        return
    html = (out / "index.html").read_text()
    (table,) = tables(html)
    assert table[0] == [("Priority", []), ("Specs", []), ("Reviews", [])]
    cells, bugs = table[1:]
    assert cells[1] == (
        "Cells scheduling, at last (approved)",
        ["specs/kilo/approved/a.html"],
    )
    (board,) = cells[2][1]
    assert "topic%3Abp%2Fcells-scheduling" in board
    assert bugs[1:] == [("", []), ("", [])]
    assert "Kilo review dashboard</a>" in html
    spec = (out / "specs/kilo/approved/a.html").read_text()
    assert 'href="../../../index.html#priority-kilo-cells-v2"' in spec


@pytest.mark.slow
def test_bad_dashboard_settings_in_conf_py_are_warnings_and_defaults(
    repo: Path, write: WriteFile, tmp_path: Path
) -> None:
    """conf.py's dashboard settings go into links and Gerrit queries, as the
    dashboard command's options do, under the same rules. A wrong one (or
    a wrong priorities_dir) was used as it was, or crashed the build."""
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write(
        "specs/kilo/approved/a.rst", SPEC.format(priority=":priority:`kilo/cells-v2`")
    )
    write(
        "doc/conf.py",
        'extensions = ["nova_priorities.sphinxext"]\n'
        'priorities_gerrit = "javascript:alert(1)//"\n'
        'priorities_project = "nova) OR (project:x"\n'
        "priorities_specs_project = 5\n"
        'priorities_dir = "a\\x00b"\n',
    )
    write(
        "doc/index.rst",
        "Kilo\n====\n\n.. priorities-table:: kilo\n   :dashboard:\n   :sections:\n",
    )
    out = tmp_path / "out"
    result = sphinx_build(repo / "doc", out)
    assert result.returncode == 0, result.stderr
    ours = [
        line.removeprefix("WARNING: ")
        for line in result.stderr.splitlines()
        if line.startswith("WARNING: priorities_")
    ]
    assert ours == [
        "priorities_gerrit: 'javascript:alert(1)//' is not an http(s) URL; using "
        "'https://review.opendev.org'",
        "priorities_project: 'nova) OR (project:x' is not a project name; using "
        "'openstack/nova'",
        "priorities_specs_project: 5 is not a project name; using "
        "'openstack/nova-specs'",
        "priorities_dir: 'a\\x00b' is not a folder; not used",
    ]
    html = (out / "index.html").read_text()
    board = html.split("Kilo review dashboard")[0].rsplit('href="', 1)[1]
    assert board.startswith("https://review.opendev.org/#/dashboard/?")
    assert "OR" not in board and "javascript" not in html
    strict = sphinx_build(repo / "doc", tmp_path / "strict", "-W")
    assert strict.returncode == 1  # an error under -W, with no traceback
    assert "Traceback" not in strict.stderr


@pytest.mark.slow
def test_specs_column_follows_spec_edits(
    repo: Path, write: WriteFile, tmp_path: Path
) -> None:
    """Not built by the project: the spec shows as its path; an edit or a
    new spec re-reads the page showing the release."""
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write(
        "specs/kilo/approved/a.rst", SPEC.format(priority=":priority:`kilo/cells-v2`")
    )
    write("doc/conf.py", 'extensions = ["nova_priorities.sphinxext"]\n')
    write(
        "doc/index.rst",
        "Kilo\n====\n\n.. priorities-table:: kilo\n   :columns: specs\n",
    )
    out = tmp_path / "out"
    assert sphinx_build(repo / "doc", out, "-W").returncode == 0
    (table,) = tables((out / "index.html").read_text())
    assert table[1] == [("specs/kilo/approved/a.rst (approved)", [])]
    write(
        "specs/kilo/implemented/b.rst",
        SPEC.format(priority=":priority:`kilo/cells-v2`"),
    )
    again = sphinx_build(repo / "doc", out, "-W")
    assert "0 added, 1 changed, 0 removed" in again.stdout, again.stdout
    (table,) = tables((out / "index.html").read_text())
    assert table[1][0][0] == (
        "specs/kilo/approved/a.rst (approved), specs/kilo/implemented/b.rst "
        "(implemented)"
    )


def test_a_spec_linking_out_of_the_repository_is_not_read(
    repo: Path, write: WriteFile, tmp_path: Path
) -> None:
    """Its title would reach the published specs column: refused."""
    outside = tmp_path.parent / "secret.rst"
    outside.write_text("Secret title\n============\n\n:priority:`kilo/x`\n")
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    (repo / "specs" / "kilo" / "approved").mkdir(parents=True)
    (repo / "specs" / "kilo" / "approved" / "s.rst").symlink_to(outside)
    result = run_cli("validate")
    assert result.stdout.splitlines()[0] == (
        "specs/kilo/approved/s.rst:1:1: is a symlink to a file outside the "
        "repository; it is not read"
    )
    assert "Secret" not in run_cli("specs").stdout
