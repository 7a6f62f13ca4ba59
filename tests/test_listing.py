"""``list`` and ``show``: what the CSV gives a spreadsheet, and what each
``--format`` says it writes (see test_authoring for the table and the
other formats)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import git
import pytest
from conftest import WriteFile, run_cli
from hypothesis import given
from hypothesis import strategies as st

from nova_priorities.hooks.commands.listing import spreadsheet_text

# What a spreadsheet reads as the start of a formula (OWASP, "CSV
# injection"), written out here rather than taken from the code under test.
FORMULA_STARTS = set("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def visible_start(text: str) -> str:
    """The first character that is neither a blank nor an invisible format
    character (a byte order mark, a direction mark), which a spreadsheet
    may skip."""
    for char in text:
        if not char.isspace() and unicodedata.category(char) != "Cf":
            return char
    return ""


def starts_formula(text: str) -> bool:
    return text[:1] in FORMULA_STARTS or visible_start(text) in FORMULA_STARTS


def test_a_title_written_as_a_formula_stays_text(repo: Path, write: WriteFile) -> None:
    """Anyone can propose a priority, and the PTL opens the CSV in a
    spreadsheet: a title or an owner's name that reads as a formula there
    (a link to click, a command to run) must come out as text."""
    write(
        "priorities/kilo/cells.yaml",
        'title: \'=HYPERLINK("https://evil.example/", "Cells")\'\n'
        "position: 1\n"
        "owners:\n"
        "  - name: '@SUM(1+1)*cmd'\n"
        "    launchpad: alaski\n"
        "  - name: Dan Smith\n"
        "    launchpad: danms\n",
    )
    write("priorities/kilo/api.yaml", "title: '-2+3 API'\nposition: 2\n")
    write("priorities/kilo/plain.yaml", "title: Plain - text\nposition: 3\n")
    # invisible characters before the formula, which the data rules accept
    write("priorities/kilo/bom.yaml", 'title: "\\ufeff=1+1"\nposition: 4\n')
    write("priorities/kilo/marks.yaml", 'title: "\\u200e\\u200b@A1"\nposition: 5\n')
    assert run_cli("validate").returncode == 0  # the data rules accept them
    rows = list(csv.DictReader(io.StringIO(run_cli("list", "--format", "csv").stdout)))
    assert [(row["title"], row["owners"]) for row in rows] == [
        ('\'=HYPERLINK("https://evil.example/", "Cells")', "'@SUM(1+1)*cmd; Dan Smith"),
        ("'-2+3 API", ""),
        ("Plain - text", ""),
        ("'\ufeff=1+1", ""),
        ("'\u200e\u200b@A1", ""),
    ]
    assert rows[0]["position"] == "1"  # numbers stay numbers
    # The exports for tools keep the data as it is.
    listed = json.loads(run_cli("list", "--format", "json").stdout)
    titles = [p["title"] for p in listed["releases"][0]["priorities"]]
    assert titles[0] == '=HYPERLINK("https://evil.example/", "Cells")'


def test_the_csv_has_a_column_for_each_field_a_sheet_can_hold(
    repo: Path, write: WriteFile
) -> None:
    """The columns the JSON has, bar the description: new ones last, so a
    sheet that reads the old ones by position keeps working."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write(
        "priorities/liberty/cells.yaml",
        "title: Cells v2\n"
        "position: 1\n"
        "continues: kilo/cells\n"
        "labels: [liberty cells, cells-v2]\n"
        "owners:\n"
        "  - name: Andrew Laski\n"
        "    launchpad: alaski\n"
        "links:\n"
        "  - title: etherpad\n"
        "    url: https://etherpad.openstack.org/p/liberty-nova-cells\n",
    )
    lines = run_cli("list", "--format", "csv").stdout.splitlines()
    assert lines == [
        "release,position,slug,title,owners,launchpad,links,continues,labels",
        "kilo,1,cells,Cells,,,,,",
        "liberty,1,cells,Cells v2,Andrew Laski,alaski,"
        "https://etherpad.openstack.org/p/liberty-nova-cells,kilo/cells,"
        "liberty cells; cells-v2",
    ]


# blanks and invisible characters a spreadsheet may skip, then maybe a
# formula's first character, then anything
LEADS = st.lists(st.sampled_from([" ", "\t", "\u3000", "\ufeff", "\u200e", "\u2060"]))
STARTS = st.sampled_from([*sorted(FORMULA_STARTS), "", "a", "'"])


@given(
    st.text()
    | st.tuples(LEADS, STARTS, st.text()).map(lambda t: "".join(t[0]) + t[1] + t[2])
)
def test_no_cell_starts_a_formula(text: str) -> None:
    """Whatever the text, the cell does not start a formula, even after
    blanks or invisible characters, and taking the apostrophe away gives
    the text back."""
    cell = spreadsheet_text(text)
    assert isinstance(cell, str)
    assert not starts_formula(cell)
    assert cell in (text, "'" + text)
    assert (cell != text) == starts_formula(text)  # only what needs it


def test_each_format_help_says_what_that_command_writes() -> None:
    """``show`` has no CSV and prints no table: its help says neither."""
    show = run_cli("show", "--help").stdout
    assert "csv" not in show and "table" not in show
    assert "text: the priority as it reads" in " ".join(show.split())
    listing = " ".join(run_cli("list", "--help").stdout.split())
    assert "text: a table sized to the terminal" in listing
    assert "csv: one row per priority" in listing


# the commands that read the data
READING = [
    ["list"],
    ["show", "kilo/bugs"],
    ["history"],
    ["specs"],
    ["dashboard", "kilo"],
    ["link-specs", "kilo"],
]


@pytest.mark.parametrize("command", [*READING, ["render"], ["render", "kilo"]])
def test_outside_the_project_each_command_says_so(
    tmp_path: Path, command: list[str]
) -> None:
    """Run in the wrong folder (here a git repository without data), a
    command reading the data says where it looked, instead of printing an
    empty table, a dashboard of nothing, or nothing at all with exit 0."""
    project = tmp_path / "project"
    git.Repo.init(project)
    result = run_cli(*command, cwd=project)
    assert result.returncode == 2, result
    assert result.stderr.strip() == (
        f"nova-priorities: no priorities/ folder in {project}: run inside the "
        "repository"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("command", READING)
def test_before_any_release_is_data_each_command_says_how_to_start(
    repo: Path, write: WriteFile, command: list[str]
) -> None:
    """nova-specs as it was: a priorities/ folder of hand-written pages (and
    specs). An empty table, or nothing, would read as "no priorities"."""
    write("priorities/kilo-priorities.rst", "Kilo\n====\n\nProse.\n")
    write("specs/kilo/approved/a.rst", "A\n=\n")
    result = run_cli(*command)
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr == (
        "nova-priorities: no release folder in priorities yet: `nova-priorities "
        "import priorities/<release>-priorities.rst` turns a hand-written page "
        "into data, `nova-priorities new-release RELEASE` starts a release\n"
    )


def test_a_release_or_owner_the_data_does_not_name_is_a_usage_error(
    repo: Path, write: WriteFile
) -> None:
    write(
        "priorities/kilo/cells.yaml",
        "title: Cells\nposition: 1\nowners:\n  - name: Dan Smith\n"
        "    launchpad: danms\n",
    )
    write("priorities/liberty/bugs.yaml", "title: Bugs\nposition: 1\n")
    dashboard = run_cli("dashboard", "mitaka")
    assert (dashboard.returncode, dashboard.stdout) == (2, "")
    assert "no priorities or specs in mitaka" in dashboard.stderr
    for command in (["list", "--owner", "danm"], ["history", "--owner", "danm"]):
        result = run_cli(*command)
        assert (result.returncode, result.stdout) == (2, ""), command
        assert "no priority is owned by danm; did you mean danms?" in result.stderr
    nobody = run_cli("list", "--owner", "zzz")
    assert nobody.stderr.strip() == "nova-priorities: no priority is owned by zzz"
    # an owner of other releases only: an empty list, not an error
    owned = run_cli("list", "liberty", "--owner", "danms", "--format", "csv")
    assert (owned.returncode, owned.stdout.count("\n")) == (0, 1)  # the header
    render = run_cli("render", "mitaka")
    assert render.stderr.strip() == (
        "nova-priorities: no release folder mitaka in priorities (there are: "
        "kilo, liberty; `new-release` makes one)"
    )


def test_a_mistyped_name_gets_the_closest_known_one(
    repo: Path, write: WriteFile
) -> None:
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write("priorities/kilo/scheduler.yaml", "title: Scheduler\nposition: 2\n")
    for command, message in [
        (
            ["show", "kilo/cels-v2"],
            "no priority kilo/cels-v2 (RELEASE/SLUG, e.g. kilo/bugs); did you "
            "mean kilo/cells-v2?",
        ),
        (["history", "sheduler"], "no priority sheduler; did you mean scheduler?"),
        (
            ["list", "kilp", "kilo", "zzz", "cels"],
            "no priorities in kilp (did you mean kilo?), zzz, cels",
        ),
        (
            ["move", "kilo", "cells-v2", "--after", "sheduler"],
            "no priority sheduler in kilo; did you mean scheduler?",
        ),
        (
            ["show", "queens/zzz"],
            "no priority queens/zzz (RELEASE/SLUG, e.g. kilo/bugs)",
        ),
    ]:
        result = run_cli(*command)
        assert (result.returncode, result.stdout) == (2, ""), command
        assert result.stderr.strip() == f"nova-priorities: {message}", command


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--owner", ""],
        ["history", "--owner="],
        ["dashboard", ""],
        ["render", ""],
        ["show", ""],
        ["link-specs", ""],
        ["new", "", "Cells"],
    ],
)
def test_an_empty_argument_is_a_usage_error(
    repo: Path, write: WriteFile, command: list[str]
) -> None:
    """A script whose variable is unset passes an empty word: said as
    such, not 'no release folder  in priorities' with a blank."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    result = run_cli(*command)
    assert (result.returncode, result.stdout) == (2, ""), result
    assert "an empty argument" in result.stderr


def test_link_specs_of_a_release_with_nothing_is_a_usage_error(
    repo: Path, write: WriteFile
) -> None:
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    result = run_cli("link-specs", "kilx")
    assert (result.returncode, result.stdout) == (2, "")
    assert "no priorities or specs in kilx" in result.stderr
