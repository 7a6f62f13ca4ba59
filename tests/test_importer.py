"""``nova-priorities import``: hand-written pages become data plus regions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, KILO_SEED, REPO_ROOT, run_cli
from pagefacts import page_facts, warnings


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_kilo_import_gives_the_shipped_files_and_page(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    result = run_cli("import", "kilo-priorities.rst")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "Wrote priorities/kilo-priorities.rst"
    shipped = REPO_ROOT / "priorities"
    for path in sorted((shipped / "kilo").glob("*.yaml")):
        assert (
            repo / "priorities" / "kilo" / path.name
        ).read_text() == path.read_text()
    assert len(list((repo / "priorities" / "kilo").iterdir())) == 9
    page = (repo / "priorities" / "kilo-priorities.rst").read_text()
    assert page == (shipped / "kilo-priorities.rst").read_text()


@pytest.mark.parametrize(
    ("page", "options", "slugs"),
    [
        (
            "liberty-priorities.rst",
            [],
            [
                "bugs",
                "cells-v2",
                "scheduler",
                "upgrades-including-live-upgrades-of-the-database-schema",
                "v2-1-api",
            ],
        ),
        (
            "ocata-priorities.rst",
            ["--not-a-priority", "Stretch goals"],
            ["cells-v2", "resource-providers"],
        ),
    ],
)
def test_import_then_render_states_the_same_facts(
    repo: Path, page: str, options: list[str], slugs: list[str]
) -> None:
    original = (DATA / page).read_text()
    shutil.copy(DATA / page, repo / page)
    result = run_cli("import", page, *options)
    assert result.returncode == 0, result.stdout
    release = page.split("-", maxsplit=1)[0]
    assert sorted(p.stem for p in (repo / "priorities" / release).iterdir()) == slugs
    generated = (repo / "priorities" / page).read_text()
    assert page_facts(generated) == page_facts(original)
    assert warnings(generated) == []
    # The pages' relative links name these specs (from priorities/).
    specs = {
        "liberty": [
            "specs/liberty/approved/cells-v2",
            "specs/kilo/implemented/api-microversions",
        ],
        "ocata": [
            "specs/ocata/approved/cells-scheduling-interaction",
            "specs/ocata/approved/generic-resource-pools",
            "specs/ocata/approved/placement-client",
        ],
    }
    broken = run_cli("validate")
    assert broken.stdout.count("which is not in the repository") == len(specs[release])
    for spec in specs[release]:
        (repo / f"{spec}.rst").parent.mkdir(parents=True, exist_ok=True)
        (repo / f"{spec}.rst").write_text("A spec\n======\n")
    assert run_cli("validate").returncode == 0
    check = run_cli("render", "--check")
    assert (check.returncode, check.stdout) == (0, "")


def test_prose_sections_stay_in_place_byte_for_byte(repo: Path) -> None:
    shutil.copy(DATA / "liberty-priorities.rst", repo / "liberty-priorities.rst")
    run_cli("import", "liberty-priorities.rst")
    generated = (repo / "priorities" / "liberty-priorities.rst").read_text()
    prose = (
        "How we review\n-------------\n\nThis section is prose about the process, "
        "not a priority. It stays where it\nis, between the priority sections.\n"
    )
    assert f".. nova-priorities:end:sections\n\n{prose}\n.. nova-priorities:begin" in (
        generated
    )
    assert generated.endswith(
        ".. nova-priorities:end:sections\n\nOther work\n----------\n\n"
        "Anything else is reviewed as time allows.\n"
    )
    intro = (DATA / "liberty-priorities.rst").read_text().split("+---")[0]
    assert generated.startswith(intro)


def test_owners_and_links_are_read(repo: Path) -> None:
    shutil.copy(DATA / "liberty-priorities.rst", repo / "liberty-priorities.rst")
    run_cli("import", "liberty-priorities.rst")
    scheduler = (repo / "priorities" / "liberty" / "scheduler.yaml").read_text()
    assert scheduler == (
        "# yaml-language-server: $schema=../../schema/priority.schema.json\n"
        "title: Scheduler\n"
        "position: 3\n"
        "owners:\n"
        "  - name: Jay Pipes\n    launchpad: jaypipes\n"
        "  - name: Sylvain Bauza\n    launchpad: sylvain-bauza\n"
        "  - name: Ed Leafe\n    launchpad: ed-leafe\n"
        "description: |\n"
        "  Split the scheduler out of nova, step by step.\n"
    )
    api = (repo / "priorities" / "liberty" / "v2-1-api.yaml").read_text()
    assert "  - title: microversion spec\n    url: ../specs/kilo/implemented/" in api


UNREADABLE = {
    "simple table": (
        "Title\n=====\n\n=========  =======\nPriority   Owner\n=========  =======\n"
        "`A`_       `B`_\n=========  =======\n\nA\n-\n\nText.\n\n"
        ".. _B: https://launchpad.net/~b\n",
        "x-priorities.rst:1:1: only grid tables (+---+) are understood; nothing "
        "was written",
    ),
    "owner not on launchpad": (
        "Title\n=====\n\n+------+------+\n| P    | O    |\n+======+======+\n"
        "| `A`_ | `B`_ |\n+------+------+\n\n.. _B: https://github.com/b\n\n"
        "A\n-\n\nText.\n",
        "x-priorities.rst:7:1: owner 'B' of 'A' does not link to "
        "https://launchpad.net/~<id>; fix the page's link first; nothing was written",
    ),
    "owner as plain text": (
        "Title\n=====\n\n+------+------+\n| P    | O    |\n+======+======+\n"
        "| `A`_ | TBD  |\n+------+------+\n\nA\n-\n\nText.\n",
        "x-priorities.rst:7:1: owner cell of 'A' has text that is not a Launchpad "
        "link: 'TBD'; nothing was written",
    ),
    "already generated": (
        "Title\n=====\n\n.. nova-priorities:begin:table\n"
        ".. nova-priorities:end:table\n",
        "x-priorities.rst:1:1: the page already has generated regions; use render; "
        "nothing was written",
    ),
    "broken rst": (
        "Title\n=====\n\n+------+------+\n| P    | O    |\n+======+======+\n"
        "| `A`_ | `B`_ |\n+------+---\n",
        "x-priorities.rst:6:1: the page is not valid RST (Malformed table.); fix it "
        "first; nothing was written",
    ),
    "broken markers": (
        "Title\n=====\n\n.. nova-priorities:end:table\n",
        "x-priorities.rst:4:1: end marker without a begin marker; fix the markers; "
        "nothing was written",
    ),
    "no title": (
        "Just a paragraph.\n",
        "x-priorities.rst:1:1: no title: a priorities page starts with a titled "
        "section; nothing was written",
    ),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_pages_write_nothing(repo: Path, case: str) -> None:
    text, message = UNREADABLE[case]
    (repo / "x-priorities.rst").write_text(text)
    before = listing(repo)
    result = run_cli("import", "x-priorities.rst")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [message]
    assert listing(repo) == before
    assert (repo / "x-priorities.rst").read_text() == text


def test_existing_files_are_never_overwritten(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    (repo / "priorities" / "kilo").mkdir()
    (repo / "priorities" / "kilo" / "ci.yaml").write_text("mine\n")
    result = run_cli("import", "kilo-priorities.rst")
    assert result.returncode == 1
    assert result.stdout == (
        "priorities/kilo/ci.yaml:1:1: exists; import writes new files only. "
        "Nothing was written\n"
    )
    assert listing(repo / "priorities") == ["kilo", "kilo/ci.yaml"]
    assert (repo / "priorities" / "kilo" / "ci.yaml").read_text() == "mine\n"


def test_release_name_is_needed(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "page.rst")
    result = run_cli("import", "page.rst")
    assert (result.returncode, result.stderr) == (
        2,
        "nova-priorities: page.rst does not say its release (a page is named "
        "<release>-priorities.rst): give --release NAME\n",
    )
    # A release given where the page goes: the page is what is missing.
    missing = run_cli("import", "kilo")
    assert (missing.returncode, missing.stderr) == (
        2,
        "nova-priorities: kilo: no such file; give the hand-written page, e.g. "
        "priorities/kilo-priorities.rst\n",
    )
    assert run_cli("import", "page.rst", "--release", "kilo").returncode == 0


LABELLED_PAGE = """\
.. _pike-priorities:

====
Pike
====

+-----------------+---------------+
| Priority        | Owner         |
+=================+===============+
| `Cells v2`_     | `Dan Smith`_  |
+-----------------+---------------+
| `Placement`_    | `Jay Pipes`_  |
+-----------------+---------------+

.. _Dan Smith: https://launchpad.net/~danms
.. _Jay Pipes: https://launchpad.net/~jaypipes

.. _pike-cells:
.. _`cells v2 in pike`:

Cells v2
--------

Cells things.

.. _pike-placement:

Placement
---------

Placement things.

Process
-------

Prose of the page's own: :ref:`pike-placement`, :doc:`/index`.

.. toctree::

   other
"""


def test_custom_labels_of_sections_are_kept(repo: Path, tmp_path: Path) -> None:
    (repo / "pike-priorities.rst").write_text(LABELLED_PAGE)
    result = run_cli("import", "pike-priorities.rst")
    assert result.returncode == 0, result.stdout + result.stderr
    cells = (repo / "priorities" / "pike" / "cells-v2.yaml").read_text()
    assert "labels:\n  - pike-cells\n  - cells v2 in pike\n" in cells
    placement = (repo / "priorities" / "pike" / "placement.yaml").read_text()
    assert "labels:\n  - pike-placement\n" in placement
    page = (repo / "priorities" / "pike-priorities.rst").read_text()
    assert (
        ".. _priority-pike-cells-v2:\n.. _pike-cells:\n.. _cells v2 in pike:\n\n"
        "Cells v2\n--------\n\nCells things.\n\n\n"
        ".. _priority-pike-placement:\n.. _pike-placement:\n\nPlacement\n"
    ) in page
    assert run_cli("validate").returncode == 0
    assert run_cli("render", "--check").returncode == 0


def test_a_label_that_cannot_be_data_stops_the_import(repo: Path) -> None:
    text = LABELLED_PAGE.replace(".. _pike-cells:", ".. _`pike:cells`:")
    (repo / "pike-priorities.rst").write_text(text)
    result = run_cli("import", "pike-priorities.rst")
    assert result.returncode == 1
    assert result.stdout.startswith(
        "pike-priorities.rst:18:1: the label 'pike:cells' cannot be kept as data"
    )
    assert not (repo / "priorities" / "pike").exists()


def test_sphinx_markup_in_a_priority_section_stops_the_import(repo: Path) -> None:
    text = LABELLED_PAGE.replace("Cells things.", "See :ref:`pike-placement`.")
    (repo / "pike-priorities.rst").write_text(text)
    result = run_cli("import", "pike-priorities.rst")
    assert result.returncode == 1
    assert result.stdout == (
        "pike-priorities.rst:24:1: the section 'Cells v2' uses 'ref', which plain "
        "docutils does not know: a description is shown on pages of other projects "
        "too; write a link instead; nothing was written\n"
    )


def test_a_rendered_page_imports_with_its_slugs(repo: Path) -> None:
    """The generated label names the file: importing a rendered page again
    gives the same slugs, though the titles would give others."""
    (repo / "priorities" / "kilo").mkdir()
    (repo / "priorities" / "kilo" / "cells.yaml").write_text(
        "title: Cells v2\nposition: 1\n"
    )
    assert run_cli("render").returncode == 1
    page = repo / "priorities" / "kilo-priorities.rst"
    (repo / "old-kilo.rst").write_text(
        page.read_text()
        .replace(".. nova-priorities:begin:table\n", "")
        .replace(".. nova-priorities:end:table\n", "")
        .replace(".. nova-priorities:begin:sections\n", "")
        .replace(".. nova-priorities:end:sections\n", "")
    )
    shutil.rmtree(repo / "priorities")
    (repo / "priorities").mkdir()
    result = run_cli("import", "old-kilo.rst", "--release", "kilo")
    assert result.returncode == 0, result.stdout
    assert sorted(p.name for p in (repo / "priorities" / "kilo").iterdir()) == [
        "cells.yaml"
    ]


def test_import_proposes_continues_for_titles_of_the_previous_release(
    repo: Path,
) -> None:
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    (repo / "liberty-priorities.rst").write_text(
        "Liberty\n=======\n\n"
        "+--------------+----------------+\n| Priority     | Owner          |\n"
        "+==============+================+\n| `CELLS V2`_  | `Dan Smith`_   |\n"
        "+--------------+----------------+\n| `Other`_     | `Dan Smith`_   |\n"
        "+--------------+----------------+\n\n"
        ".. _Dan Smith: https://launchpad.net/~danms\n\n"
        "CELLS V2\n--------\n\nAgain.\n\nOther\n-----\n\nNew.\n"
    )
    result = run_cli("import", "liberty-priorities.rst")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == (
        "cells-v2: continues kilo/cells-v2, whose title is the same (remove the "
        "continues: line if it is another priority)"
    )
    cells = (repo / "priorities" / "liberty" / "cells-v2.yaml").read_text()
    assert "position: 1\ncontinues: kilo/cells-v2\n" in cells
    assert "continues" not in (repo / "priorities/liberty/other.yaml").read_text()
    assert run_cli("validate").returncode == 0
