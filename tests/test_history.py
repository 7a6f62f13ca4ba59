"""Priorities across releases: ``continues``, ``history`` and the
``priorities-history`` directive."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO_ROOT, WriteFile, run_cli
from conftest import sphinx_build as sphinx
from htmlfacts import tables


def owner(name: str, launchpad: str) -> str:
    return f"owners:\n  - name: {name}\n    launchpad: {launchpad}\n"


def docs_with(repo: Path, **pages: str) -> Path:
    """A docs project in repo/doc with the extension and these pages."""
    docs = repo / "doc"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["nova_priorities.sphinxext"]\n')
    for name, text in pages.items():
        (docs / f"{name}.rst").write_text(text)
    return docs


@pytest.fixture
def three_releases(write: WriteFile) -> None:
    """Cells v2 from Kilo to Mitaka, its owner changing in Mitaka; a
    scheduler priority renamed in Liberty; bugs in Kilo only."""
    laski, smith = owner("Andrew Laski", "alaski"), owner("Dan Smith", "danms")
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n" + laski)
    write("priorities/kilo/scheduler.yaml", "title: Scheduler\nposition: 2\n" + smith)
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 3\n")
    write(
        "priorities/liberty/cells-v2.yaml",
        "title: Cells v2\nposition: 1\ncontinues: kilo/cells-v2\n" + laski,
    )
    write(
        "priorities/liberty/placement.yaml",
        "title: Placement\nposition: 2\ncontinues: kilo/scheduler\n" + smith,
    )
    write(
        "priorities/mitaka/cells-v2.yaml",
        "title: Cells v2\nposition: 1\ncontinues: liberty/cells-v2\n" + smith,
    )


def test_history_of_chains_and_people(repo: Path, three_releases: None) -> None:
    assert run_cli("validate").returncode == 0
    assert run_cli("history").stdout.splitlines() == [
        "Cells v2: kilo, liberty, mitaka",
        "  kilo     Cells v2  (Andrew Laski)",
        "  liberty  Cells v2  (Andrew Laski)",
        "  mitaka   Cells v2  (Dan Smith)",
        "Placement: kilo, liberty",
        "  kilo     Scheduler  (Dan Smith)",
        "  liberty  Placement  (Dan Smith)",
        "Bugs: kilo",
        "  kilo  Bugs  (no owner)",
    ]
    assert run_cli("history", "--owner", "danms").stdout.splitlines() == [
        "kilo: Scheduler",
        "liberty: Placement",
        "mitaka: Cells v2",
    ]
    schema = json.loads((REPO_ROOT / "schema" / "history.schema.json").read_text())
    chains = json.loads(
        run_cli("history", "liberty/cells-v2", "--format", "json").stdout
    )
    jsonschema.validate(chains, schema)
    (chain,) = chains["chains"]
    assert [
        (step["release"], step["owners"][0]["launchpad"]) for step in chain["releases"]
    ] == [
        ("kilo", "alaski"),
        ("liberty", "alaski"),
        ("mitaka", "danms"),
    ]
    person = json.loads(
        run_cli("history", "--owner", "danms", "--format", "json").stdout
    )
    jsonschema.validate(person, schema)
    assert person["owner"] == {"launchpad": "danms", "name": "Dan Smith"}
    assert [r["release"] for r in person["releases"]] == ["kilo", "liberty", "mitaka"]


def test_broken_continues_at_their_line(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\ncontinues: liberty/a\n")
    write("priorities/liberty/a.yaml", "title: A\nposition: 1\ncontinues: kilo/a\n")
    write("priorities/liberty/b.yaml", "title: B\nposition: 2\ncontinues: kilo/a\n")
    write("priorities/liberty/c.yaml", "title: C\nposition: 3\ncontinues: kilo/c\n")
    write("priorities/liberty/d.yaml", "title: D\nposition: 4\ncontinues: Kilo\n")
    result = run_cli("validate")
    assert result.stdout.splitlines() == [
        "priorities/kilo/a.yaml:3:12: continues: liberty/a is not from a release "
        "before kilo; a priority carries over one of an earlier release (set "
        "release-order in the configuration if the names do not sort by time)",
        "priorities/liberty/a.yaml:3:12: continues: kilo/a is also continued by "
        "priorities/liberty/b.yaml; one priority of a release carries another over",
        "priorities/liberty/b.yaml:3:12: continues: kilo/a is also continued by "
        "priorities/liberty/a.yaml; one priority of a release carries another over",
        "priorities/liberty/c.yaml:3:12: continues: kilo/c is no priority of this "
        "repository; did you mean kilo/a?",
        "priorities/liberty/d.yaml:3:12: continues: 'Kilo' is not <release>/<slug> "
        "of a priority, such as 'kilo/cells-v2'",
        "5 files checked: 5 errors in 5 files",
    ]
    # The hook's view of one file finds the same (other releases by name).
    one = run_cli("validate", "priorities/liberty/c.yaml")
    assert one.stdout.splitlines()[0].endswith("did you mean kilo/a?")
    # A configured order makes liberty come first: kilo/a is then fine.
    write(".nova-priorities.toml", 'release-order = ["liberty", "kilo"]\n')
    ordered = run_cli("validate", "priorities/kilo/a.yaml")
    assert ordered.returncode == 0, ordered.stdout


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["html", "text"])
def test_the_directive(
    repo: Path, three_releases: None, tmp_path: Path, builder: str
) -> None:
    docs = docs_with(
        repo,
        index="History\n=======\n\n.. priorities-history::\n   :releases: "
        "kilo-liberty\n\n.. priorities-history::\n   :owner: danms\n\n"
        ".. priorities-table:: kilo\n   :sections:\n",
    )
    out = tmp_path / "out"
    result = sphinx(docs, out, "-W", "-j", "2", builder=builder)
    assert result.returncode == 0, result.stderr
    if builder == "text":
        text = (out / "index.txt").read_text()
        assert "Priorities across releases" in text
        assert "| Kilo " in text and "| Liberty " in text and "Mitaka" in text
        return
    two, person = tables((out / "index.html").read_text())[:2]
    assert two[0] == [("Kilo", []), ("Liberty", [])]
    assert two[1] == [
        ("Cells v2 (Andrew Laski)", ["#priority-kilo-cells-v2"]),
        ("Cells v2 (Andrew Laski)", []),  # liberty's sections are shown nowhere
    ]
    assert [cell[0] for cell in person[0]] == ["Kilo", "Liberty", "Mitaka"]
    assert [row[2][0] for row in person[1:]] == ["Cells v2 (Dan Smith)", ""]


@pytest.mark.slow
def test_the_directive_range_is_two_releases_whatever_their_hyphens(
    repo: Path, three_releases: None, write: WriteFile, tmp_path: Path
) -> None:
    """Release names may hold hyphens: ``:releases: liberty-stable-2`` is
    liberty to stable-2. A name that is neither, or a range backwards, is a
    warning at the directive, each named once."""
    write("priorities/stable-2/bugs.yaml", "title: Bugs\nposition: 1\n")
    docs = docs_with(
        repo,
        index="History\n=======\n\n.. priorities-history::\n   :releases: "
        "liberty-stable-2\n\n.. priorities-history::\n   :releases: kilo..zzz\n\n"
        ".. priorities-history::\n   :releases: mitaka-kilo\n\n"
        ".. priorities-history::\n   :releases: mitaka\n",
    )
    out = tmp_path / "out"
    result = sphinx(docs, out)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    there = "(there are: kilo, liberty, mitaka, stable-2)"
    assert [line.split("index.rst:")[1] for line in warnings] == [
        "7: WARNING: priorities-history: :releases: kilo..zzz is no release "
        f"folder, nor FIRST-LAST of two {there}",
        "10: WARNING: priorities-history: :releases: mitaka-kilo: mitaka comes "
        f"after kilo {there}",
    ]
    ranged, single = tables((out / "index.html").read_text())[:2]
    assert [cell[0] for cell in ranged[0]] == ["Liberty", "Mitaka", "Stable-2"]
    assert [cell[0] for cell in single[0]] == ["Mitaka"]


def test_sections_may_say_what_they_continue(
    repo: Path, three_releases: None, write: WriteFile
) -> None:
    """A region option, off by default: imported pages stay as they were."""
    assert run_cli("render").returncode == 1
    page = repo / "priorities" / "mitaka-priorities.rst"
    assert "Continues" not in page.read_text()
    page.write_text(
        page.read_text().replace(
            ".. nova-priorities:begin:sections",
            '.. nova-priorities:begin:sections continues="yes"',
        )
    )
    assert run_cli("render", "mitaka").returncode == 1
    assert (
        "Cells v2\n--------\n\n"
        "Continues Liberty's `Cells v2 <liberty-priorities.html"
        "#priority-liberty-cells-v2>`__.\n"
    ) in page.read_text()
    assert run_cli("render", "--check").returncode == 0
    page.write_text(page.read_text().replace('continues="yes"', 'continues="maybe"'))
    bad = run_cli("render", "mitaka")
    assert 'continues="maybe" is not "yes" or "no"' in bad.stdout


@pytest.mark.slow
def test_the_directive_follows_new_releases(
    repo: Path, three_releases: None, write: WriteFile, tmp_path: Path
) -> None:
    """A release folder added re-reads the history, and only what shows it."""
    docs = docs_with(
        repo,
        index="Index\n=====\n\n.. toctree::\n\n   history\n   other\n",
        history="History\n=======\n\n.. priorities-history::\n",
        other="Other\n=====\n\nNo data.\n",
    )
    out = tmp_path / "out"
    assert sphinx(docs, out, "-W", "-j", "2").returncode == 0
    write(
        "priorities/newton/cells-v2.yaml",
        "title: Cells v2\nposition: 1\ncontinues: mitaka/cells-v2\n",
    )
    again = sphinx(docs, out, "-W", "-j", "2")
    assert again.returncode == 0, again.stderr
    assert "0 added, 1 changed, 0 removed" in again.stdout
    header = tables((out / "history.html").read_text())[0][0]
    assert [cell[0] for cell in header] == ["Kilo", "Liberty", "Mitaka", "Newton"]
