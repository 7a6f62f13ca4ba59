"""``nova-priorities render``: pages regenerated between markers, safely."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    KILO_SEED,
    REPO_ROOT,
    WriteFile,
    commit_everything,
    run_cli,
    sphinx_build,
)
from pagefacts import page_facts, warnings

KILO_PAGE = REPO_ROOT / "priorities" / "kilo-priorities.rst"


def kilo_repo(repo: Path) -> Path:
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    return repo / "priorities" / "kilo-priorities.rst"


def test_committed_kilo_page_states_what_the_original_states() -> None:
    assert page_facts(KILO_PAGE.read_text()) == page_facts(KILO_SEED.read_text())
    assert warnings(KILO_PAGE.read_text()) == []


def test_committed_kilo_page_is_up_to_date() -> None:
    result = run_cli("render", "--check", cwd=REPO_ROOT)
    assert (result.returncode, result.stdout) == (0, "")


def test_missing_page_is_created_then_left_alone(repo: Path) -> None:
    page = kilo_repo(repo)
    first = run_cli("render")
    assert (first.returncode, first.stdout) == (
        1,
        "Regenerated priorities/kilo-priorities.rst\n",
    )
    text = page.read_text()
    assert text.startswith(
        ".. _kilo-priorities:\n\n=======================\nKilo Project Priorities\n"
    )
    facts, seed = page_facts(text), page_facts(KILO_SEED.read_text())
    assert facts["table"] == seed["table"]
    assert facts["sections"] == seed["sections"]
    again = run_cli("render", "kilo")
    assert (again.returncode, again.stdout) == (0, "")
    assert page.read_text() == text


HAND_WRITTEN = """\
.. _my-label:

Kilo, as we see it
==================

Our own introduction, with *markup*.\r
Windows line ends stay as they are.\r

.. nova-priorities:begin:table owner-heading="Primary Contacts"

stale text somebody typed here

.. nova-priorities:end:table

A paragraph between the table and the sections.

.. nova-priorities:begin:sections
.. nova-priorities:end:sections

Afterword
---------

Kept too.
"""


def test_only_generated_regions_change(repo: Path) -> None:
    page = kilo_repo(repo)
    page.write_bytes(HAND_WRITTEN.encode())
    result = run_cli("render")
    assert result.returncode == 1
    new = page.read_bytes().decode()
    before_table = HAND_WRITTEN.split(".. nova-priorities:begin:table", maxsplit=1)[0]
    assert new.startswith(before_table)
    assert "stale text" not in new
    between = "\n.. nova-priorities:end:table\n\nA paragraph between the table"
    assert between in new
    assert new.endswith(
        ".. nova-priorities:end:sections\n\nAfterword\n---------\n\nKept too.\n"
    )
    facts = page_facts(new)
    assert facts["table"]["header"] == ["Priority", "Primary Contacts"]
    assert len(facts["table"]["rows"]) == 9
    assert [s["title"] for s in facts["sections"]][-1] == "Afterword"
    assert warnings(new) == []


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            ".. nova-priorities:begin:table\n\nno end\n",
            "priorities/kilo-priorities.rst:1:1: the 'table' region has no end "
            "marker ('.. nova-priorities:end:table'); the page was not changed",
        ),
        (
            "Title\n=====\n\n.. nova-priorities:end:table\n",
            "priorities/kilo-priorities.rst:4:1: end marker without a begin marker; "
            "the page was not changed",
        ),
        (
            ".. nova-priorities:begin:table\n.. nova-priorities:begin:sections\n",
            "priorities/kilo-priorities.rst:2:1: begin marker inside the 'table' "
            "region opened at line 1; add its end marker first; the page was not "
            "changed",
        ),
        (
            ".. nova-priorities:begin:table\n.. nova-priorities:end:sections\n",
            "priorities/kilo-priorities.rst:2:1: end marker for 'sections' closes "
            "the 'table' region opened at line 1; the page was not changed",
        ),
        (
            ".. nova-priorities:begin:tabel\n",
            "priorities/kilo-priorities.rst:1:1: unknown region 'tabel'; regions "
            "are table, sections; the page was not changed",
        ),
        (
            ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n\n"
            ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n",
            "priorities/kilo-priorities.rst:4:1: a second table region (the first "
            "is at line 1); remove one; the page was not changed",
        ),
        (
            ".. nova-priorities:begin:table owner-heading=Owners\n"
            ".. nova-priorities:end:table\n",
            "priorities/kilo-priorities.rst:1:1: cannot read marker options "
            "'owner-heading=Owners'; write them as key=\"value\"; the page was not "
            "changed",
        ),
        (
            '.. nova-priorities:begin:sections positions="1-3"\n'
            ".. nova-priorities:end:sections\n",
            "priorities/kilo-priorities.rst:1:1: position 4 "
            "(priorities/kilo/v2-1-api.yaml) is in no sections region; adjust "
            'their positions="..." ranges; the page was not changed',
        ),
    ],
)
def test_broken_markers_are_reported_and_nothing_is_written(
    repo: Path, page: str, message: str
) -> None:
    path = kilo_repo(repo)
    path.write_text(page)
    result = run_cli("render")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [message]
    assert path.read_text() == page


def test_check_shows_a_diff_and_writes_nothing(repo: Path) -> None:
    path = kilo_repo(repo)
    run_cli("render")
    text = path.read_text()
    path.write_text(text.replace("`Dan Smith`_ ", "`Dan Smyth`_ "))
    result = run_cli("render", "--check")
    assert result.returncode == 1
    row = "| `Objects <priority-kilo-objects_>`__               | `Dan {}`_"
    assert "-" + row.format("Smyth") in result.stdout
    assert "+" + row.format("Smith") in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "priorities/kilo-priorities.rst is out of date: run "
        "`nova-priorities render kilo`"
    )
    assert "Dan Smyth" in path.read_text()


def test_file_mode_is_kept(repo: Path) -> None:
    path = kilo_repo(repo)
    path.write_text(".. nova-priorities:begin:table\n.. nova-priorities:end:table\n")
    path.chmod(0o640)
    assert run_cli("render").returncode == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "`Cells v2 <priority-kilo-cells-v2_>`__" in path.read_text()


def test_invalid_data_is_not_rendered(repo: Path, write: WriteFile) -> None:
    path = kilo_repo(repo)
    write("priorities/kilo/broken.yaml", "title: Broken\nposition: 99\nowner: x\n")
    result = run_cli("render", "kilo")
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [
        "priorities/kilo-priorities.rst:1:1: not regenerated: fix the errors in "
        "priorities/kilo/ first",
        "priorities/kilo/broken.yaml:3:1: unknown field 'owner'; did you mean "
        "'owners'? allowed fields: title, position, continues, owners, labels, "
        "aliases, description, links",
    ]
    assert not path.exists()


def test_unknown_release_is_a_usage_error(repo: Path) -> None:
    kilo_repo(repo)
    result = run_cli("render", "kilx")
    assert result.returncode == 2
    assert "no release folder kilx in priorities (there are: kilo;" in result.stderr


HOSTILE_TITLES = [
    "a|b *c* `d` e_ <f> \\g",
    "x: y",
    "- looks like a list",
    "1. looks numbered",
    "#hash .. _target: http://evil",
    "Trailing_",
    "[1] footnote-ish",
    "日本語のタイトルはとても長いので折り返されるはずですよね本当に",
    "word " * 20 + "end",
    "|substitution|",
    "**bold** and ``literal``",
]


def test_any_title_and_name_make_a_valid_page(repo: Path, write: WriteFile) -> None:
    for position, title in enumerate(HOSTILE_TITLES, start=1):
        name = title[:60].strip()
        data = {
            "title": title,
            "position": position,
            "owners": [
                {"name": f"Owner {name}", "launchpad": f"owner{position}"},
                {"name": f"Second Person {position}", "launchpad": f"second{position}"},
            ],
            "links": [
                {"title": f"link {name}", "url": f"https://example.org/{position}"}
            ],
        }
        write(f"priorities/kilo/p{position}.json", json.dumps(data, ensure_ascii=False))
    result = run_cli("render")
    assert result.stdout == "Regenerated priorities/kilo-priorities.rst\n"
    text = (repo / "priorities" / "kilo-priorities.rst").read_text()
    assert warnings(text) == []
    facts = page_facts(text)
    rows = facts["table"]["rows"]
    titles = [" ".join(t.split()) for t in HOSTILE_TITLES]
    assert [r["priority"] for r in rows] == [t.lower() for t in titles]
    assert [s["title"] for s in facts["sections"]] == titles
    for position, (row, section, title) in enumerate(
        zip(rows, facts["sections"], HOSTILE_TITLES, strict=True), start=1
    ):
        name = " ".join(title[:60].split())
        wanted = " ".join(title.split()).lower()
        assert row["priority_links"] == [(wanted, "#" + wanted)]
        assert row["owners"] == [
            (f"Owner {name}", f"https://launchpad.net/~owner{position}"),
            (f"Second Person {position}", f"https://launchpad.net/~second{position}"),
        ]
        assert section["links"] == [(f"link {name}", f"https://example.org/{position}")]


@pytest.mark.slow
def test_generated_pages_build_under_sphinx_w(repo: Path, write: WriteFile) -> None:
    """The committed Kilo page and a page of hostile titles, with sphinx-build -W."""
    test_any_title_and_name_make_a_valid_page(repo, write)
    source = repo / "doc"
    source.mkdir()
    shutil.copy(KILO_PAGE, source / "kilo-priorities.rst")
    shutil.copy(repo / "priorities" / "kilo-priorities.rst", source / "hostile.rst")
    # Both pages are release kilo: give the second its own page label.
    (source / "hostile.rst").write_text(
        (source / "hostile.rst")
        .read_text()
        .replace(".. _kilo-priorities:", ".. _hostile-priorities:")
    )
    (source / "conf.py").write_text("project = 'pages'\n")
    (source / "index.rst").write_text(
        "Pages\n=====\n\n.. toctree::\n\n   kilo-priorities\n   hostile\n"
    )
    result = sphinx_build(source, repo / "html", "-W", "-q")
    assert result.returncode == 0, result.stderr
    html = (repo / "html" / "kilo-priorities.html").read_text()
    assert html.count('href="https://launchpad.net/~sdague"') == 2
    assert 'href="#cells-v2"' in html or 'href="#kilo-priority-cells-v2"' in html


def test_files_render_the_releases_they_belong_to(repo: Path, write: WriteFile) -> None:
    """``render --files`` (the hook): the releases of the changed files; all
    of them for a file outside the data folder; problems of the named files
    left to validate, those of other files of the release shown."""
    for release in ("kilo", "liberty"):
        write(f"priorities/{release}/a.yaml", "title: A\nposition: 1\n")
    write("priorities/other.yaml", "# not data\n")
    result = run_cli("render", "--files", "priorities/liberty/a.yaml")
    assert (result.returncode, result.stdout) == (
        1,
        "Regenerated priorities/liberty-priorities.rst\n",
    )
    assert not (repo / "priorities" / "kilo-priorities.rst").exists()
    assert run_cli("render", "--files", "priorities/other.yaml").stdout == ""
    result = run_cli("render", "--files", "schema/priority.schema.json")
    assert result.stdout == "Regenerated priorities/kilo-priorities.rst\n"

    write("priorities/kilo/b.yaml", "title: B\nposition: x\n")
    write("priorities/kilo/c.yaml", "title: C\nposition: y\n")
    # however the file is spelled (an editor passes absolute paths)
    for named in ("priorities/kilo/b.yaml", f"{repo}/priorities/kilo/b.yaml"):
        result = run_cli("render", "--files", named)
        assert result.returncode == 1
        assert result.stdout.splitlines() == [
            "priorities/kilo-priorities.rst:1:1: not regenerated: fix the errors in "
            "priorities/kilo/ first (`nova-priorities validate priorities/kilo` "
            "lists them)",
            "priorities/kilo/c.yaml:2:11: position: expected an integer, got 'y'",
        ]
    # Without --files every problem of the release is shown.
    assert len(run_cli("render", "kilo").stdout.splitlines()) == 3


NOTHING_TO_RENDER = """
import sys
from nova_priorities.hooks.cli import main
code = main(["render", "--files"])
loaded = {m.rsplit(".")[-1] for m in sys.modules}
print(code, sorted(loaded & {"yaml", "runner", "engine", "pages", "page"}))
"""


def test_files_render_the_releases_of_staged_deletions(
    repo: Path, write: WriteFile
) -> None:
    """pre-commit passes no deleted file, so the hook always runs and asks
    git which data files the commit deletes (a move to another release
    deletes one from the first); with nothing to render it returns before
    the checks and pages are even imported."""
    import subprocess
    import sys

    write("priorities/kilo/a.yaml", "title: A\nposition: 1\n")
    write("priorities/kilo/b.yaml", "title: B\nposition: 2\n")
    write("priorities/liberty/a.yaml", "title: A\nposition: 1\n")
    run_cli("render")
    project = commit_everything(repo, "base")
    nothing = subprocess.run(
        [sys.executable, "-c", NOTHING_TO_RENDER],
        capture_output=True,
        text=True,
        check=True,
    )
    assert nothing.stdout == "0 []\n"

    project.git.mv("priorities/kilo/b.yaml", "priorities/liberty/b.yaml")
    result = run_cli("render", "--files", "priorities/liberty/b.yaml")
    assert result.stdout == (
        "Regenerated priorities/kilo-priorities.rst\n"
        "Regenerated priorities/liberty-priorities.rst\n"
    )
    assert "B" not in (repo / "priorities" / "kilo-priorities.rst").read_text()


def test_owners_on_a_page_without_table_get_a_hint(
    repo: Path, write: WriteFile
) -> None:
    """Queens' shape: sections only. Owners would be shown nowhere."""
    write(
        "priorities/queens-priorities.rst",
        "Queens\n======\n\n.. nova-priorities:begin:sections\n"
        ".. nova-priorities:end:sections\n",
    )
    write("priorities/queens/a.yaml", "title: A\nposition: 1\n")
    assert run_cli("render").stdout == "Regenerated priorities/queens-priorities.rst\n"
    write(
        "priorities/queens/b.yaml",
        "title: B\nposition: 2\nowners:\n  - name: Dan Smith\n    launchpad: danms\n",
    )
    result = run_cli("render")
    assert result.stdout.splitlines()[1:] == [
        "priorities/queens-priorities.rst:1:1: warning: owners are set in 1 file of "
        "priorities/queens/, but only a table shows owners and the page has no "
        "table region: add the lines '.. nova-priorities:begin:table' and "
        "'.. nova-priorities:end:table' where the table goes"
    ]
    assert result.returncode == 1  # the page was regenerated, as before


def test_several_releases_are_written_as_when_all_are_held(
    repo: Path, write: WriteFile
) -> None:
    """With a cache, each release's priorities are read again when its page
    is written (memory stays that of one release); without one, all are
    held. The pages, and the release with an error left alone, are the same."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write(
        "priorities/kilo/docs.yaml",
        "title: Docs\nposition: 2\nowners:\n  - name: Ann\n    launchpad: ann\n"
        "description: |\n  See `the spec <https://example.org/spec>`__.\n",
    )
    write("priorities/liberty/cells.yaml", "title: Cells v2\nposition: 1\n"
          "continues: kilo/cells\n")  # fmt: skip
    write("priorities/mitaka/broken.yaml", "title: Broken\nposition: x\n")
    pages = sorted((repo / "priorities").glob("*.rst"))
    results = []
    for cache in ("off", str(repo / "cache")):
        for page in pages:
            page.unlink()
        result = run_cli("render", environment={"NOVA_PRIORITIES_CACHE": cache})
        pages = sorted((repo / "priorities").glob("*.rst"))
        results.append((result.stdout, {p.name: p.read_text() for p in pages}))
    assert results[0] == results[1]
    stdout, written = results[1]
    assert sorted(written) == ["kilo-priorities.rst", "liberty-priorities.rst"]
    assert "Cells v2" in written["liberty-priorities.rst"]
    assert "the spec <https://example.org/spec>" in written["kilo-priorities.rst"]
    assert "not regenerated: fix the errors in priorities/mitaka/" in stdout


def test_a_file_edited_while_pages_are_written_is_checked_again(
    repo: Path, write: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each release's priorities are read again when its page is written:
    a file broken in between is found, and that page is left alone."""
    from nova_priorities.hooks.commands import pages
    from nova_priorities.hooks.layout import Layout
    from nova_priorities.hooks.runner import check_sources

    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write("priorities/liberty/cells.yaml", "title: Cells v2\nposition: 1\n")

    def then_broken(*args: Any, **options: Any) -> Any:
        found = check_sources(*args, **options)
        write("priorities/liberty/cells.yaml", "title: Cells v2\nposition: x\n")
        return found

    monkeypatch.setattr(pages, "check_sources", then_broken)
    report, _ = pages.regenerate(
        Layout.find(), ["kilo", "liberty"], check=False, shown=set(), quiet=True
    )
    assert sorted(str(p) for p in report.problems) == [
        "priorities/liberty-priorities.rst:1:1: not regenerated: fix the errors in "
        "priorities/liberty/ first",
        "priorities/liberty/cells.yaml:2:11: position: expected an integer, got 'x'",
    ]
    assert (repo / "priorities" / "kilo-priorities.rst").exists()
    assert not (repo / "priorities" / "liberty-priorities.rst").exists()


def test_deleting_the_last_priority_of_a_release_empties_its_page(
    repo: Path, write: WriteFile
) -> None:
    """git keeps no empty folder: once the last priority of a release is
    deleted, its generated page is all that is left of the release, and it
    must stop showing that priority, not keep it on the web unnoticed."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write("priorities/liberty/bugs.yaml", "title: Bugs\nposition: 1\n")
    run_cli("render")
    project = commit_everything(repo, "base")
    project.git.rm("-q", "priorities/liberty/bugs.yaml")
    assert not (repo / "priorities" / "liberty").exists()

    check = run_cli("render", "--check")
    assert check.returncode == 1
    assert check.stdout.splitlines()[-1] == (
        "priorities/liberty-priorities.rst is out of date: run "
        "`nova-priorities render liberty`"
    )
    hook = run_cli("render", "--files")  # as pre-commit runs it: no file given
    assert (hook.returncode, hook.stdout) == (
        1,
        "Regenerated priorities/liberty-priorities.rst\n",
    )
    page = (repo / "priorities" / "liberty-priorities.rst").read_text()
    assert "Bugs" not in page
    assert "\nNo priorities yet.\n" in page
    assert run_cli("render", "liberty").stdout == ""
    assert run_cli("render", "--check").returncode == 0
    # The release is still there, with nothing in it.
    listed = run_cli("list", "liberty", "--format", "json")
    assert (listed.returncode, json.loads(listed.stdout)["releases"]) == (
        0,
        [{"name": "liberty", "priorities": []}],
    )
    # Its page deleted too, the release is gone.
    (repo / "priorities" / "liberty-priorities.rst").unlink()
    gone = run_cli("render", "liberty")
    assert gone.returncode == 2
    assert "no release folder liberty in priorities (there are: kilo;" in gone.stderr
