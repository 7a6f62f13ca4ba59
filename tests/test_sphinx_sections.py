"""Where a priority's section lives in a Sphinx project (sphinxext/sections):
generated pages beside directives, several releases and pages, ``-W``."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import REPO_ROOT, run_cli
from conftest import sphinx_build as sphinx
from htmlfacts import ids, tables

pytestmark = pytest.mark.slow

LIBERTY = {
    "no-downtime-db-upgrades.yaml": "title: No downtime DB upgrades\nposition: 1\n"
    "labels: [liberty-upgrades]\ndescription: Online data migrations.\n",
    "objects.yaml": "title: Objects\nposition: 2\ndescription: |\n"
    "  Needed by `No downtime DB upgrades`_, as in Kilo.\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Docs in doc/ over priorities/ holding kilo (shipped) and liberty,
    whose titles recur from kilo (as Nova's did)."""
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", tmp_path / "priorities/kilo")
    for name, text in LIBERTY.items():
        path = tmp_path / "priorities" / "liberty" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    source = tmp_path / "doc"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["nova_priorities.sphinxext"]\npriorities_dir = "../priorities"\n'
    )
    return source


def pages(source: Path, **texts: str) -> None:
    names = sorted(texts)
    toctree = ".. toctree::\n\n" + "".join(f"   {name}\n" for name in names)
    (source / "index.rst").write_text(f"Index\n=====\n\n{toctree}")
    for name, text in texts.items():
        (source / f"{name}.rst").write_text(textwrap.dedent(text))


def role_link(html: str, text: str) -> str:
    """The href of the ``:priority:`` or ``:ref:`` link showing ``text``."""
    (href,) = re.findall(
        r'<a class="reference internal" href="([^"]*)"><span class="[^"]*std-ref">'
        rf"{re.escape(text)}</span></a>",
        html,
    )
    return str(href)


def build(source: Path, out: Path, *options: str) -> str:
    result = sphinx(source, out, "-W", "-n", "-j", "2", *options)
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_generated_pages_beside_directive_sections(
    project: Path, tmp_path: Path
) -> None:
    """The generated pages are the canonical place; a devref page showing
    the same sections keeps its own ids, and -W stays clean."""
    data = project.parent
    (data / ".git").mkdir()  # the repository root, for render
    assert run_cli("render", cwd=data).returncode == 1  # pages written
    (project / "priorities").symlink_to(data / "priorities")
    pages(
        project,
        devref="""\
            Devref
            ======

            See :priority:`kilo/cells-v2` and :ref:`liberty-upgrades`.

            .. priorities-table:: kilo
               :sections:

            .. priorities-table:: liberty
               :sections:
            """,
        table_only="Table\n=====\n\n.. priorities-table:: kilo\n",
    )
    (project / "index.rst").write_text(
        (project / "index.rst").read_text()
        + "   priorities/kilo-priorities\n   priorities/liberty-priorities\n"
    )
    out = tmp_path / "out"
    build(project, out)
    devref = (out / "devref.html").read_text()
    assert role_link(devref, "Cells v2") == (
        "priorities/kilo-priorities.html#priority-kilo-cells-v2"
    )
    assert role_link(devref, "No downtime DB upgrades") == (
        "priorities/liberty-priorities.html#liberty-upgrades"
    )
    kilo_table, liberty_table = tables(devref)
    assert kilo_table[1][0][1] == ["#priority-kilo-cells-v2"]  # this page's section
    assert liberty_table[1][0][1] == ["#priority-liberty-no-downtime-db-upgrades"]
    assert len(ids(devref)) == len(set(ids(devref)))
    (table,) = tables((out / "table_only.html").read_text())
    assert table[1][0][1] == ["priorities/kilo-priorities.html#priority-kilo-cells-v2"]


def test_two_releases_on_one_page_resolve_titles_within_their_release(
    project: Path, tmp_path: Path
) -> None:
    pages(
        project,
        planning="""\
            Planning
            ========

            .. priorities-table:: kilo
               :sections:

            .. priorities-table:: liberty
               :sections:
            """,
    )
    out = tmp_path / "out"
    build(project, out)
    html = (out / "planning.html").read_text()
    # Each Objects section links "No downtime DB upgrades" of its own release.
    targets = re.findall(
        r'(?:goals in|Needed by) <a class="reference internal" href="(#[^"]+)">'
        r"No downtime DB upgrades</a>",
        html,
    )
    assert targets == [
        "#priority-kilo-no-downtime-db-upgrades",
        "#priority-liberty-no-downtime-db-upgrades",
    ]
    assert len(ids(html)) == len(set(ids(html)))
    assert 'id="liberty-upgrades"' in html  # the extra label, as an id


def test_one_release_on_several_pages(project: Path, tmp_path: Path) -> None:
    pages(
        project,
        b_second=".. priorities-table:: kilo\n   :sections:\n",
        a_first=".. priorities-table:: kilo\n   :sections:\n",
        c_refers="Refers\n======\n\n:priority:`kilo/objects`\n\n"
        ".. priorities-table:: kilo\n",
    )
    out = tmp_path / "out"
    build(project, out)
    refers = (out / "c_refers.html").read_text()
    assert role_link(refers, "Objects") == "a_first.html#priority-kilo-objects"
    assert tables(refers)[0][1][0][1] == ["a_first.html#priority-kilo-cells-v2"]
    second = (out / "b_second.html").read_text()
    assert 'id="priority-kilo-objects"' in second  # its own ids too

    # The first page goes: the references move to the other, on an
    # incremental build, with no warning.
    (project / "a_first.rst").unlink()
    index = (project / "index.rst").read_text().replace("   a_first\n", "")
    (project / "index.rst").write_text(index)
    build(project, out)
    refers = (out / "c_refers.html").read_text()
    assert role_link(refers, "Objects") == "b_second.html#priority-kilo-objects"
    assert tables(refers)[0][1][0][1] == ["b_second.html#priority-kilo-cells-v2"]


def test_a_table_alone_links_nowhere_without_warning(
    project: Path, tmp_path: Path
) -> None:
    pages(project, alone="Alone\n=====\n\n.. priorities-table:: liberty\n")
    out = tmp_path / "out"
    build(project, out)
    (table,) = tables((out / "alone.html").read_text())
    assert table[1][0] == ("No downtime DB upgrades", [])


def test_a_role_to_a_section_no_page_shows_says_what_to_do(
    project: Path, tmp_path: Path
) -> None:
    """Sphinx alone says "undefined label: 'priority-kilo-cells-v2'", which
    names no file and no fix; the role stays its text."""
    pages(project, page="Page\n====\n\nSee :priority:`kilo/cells-v2`.\n")
    out = tmp_path / "out"
    result = sphinx(project, out, "-n")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert [line.split("doc/")[-1] for line in warnings] == [
        "page.rst:4: WARNING: priority kilo/cells-v2 has no section on any page of "
        "these docs: add `:sections:` to a `.. priorities-table:: kilo`, or put "
        "kilo's generated page in a toctree"
    ]
    assert "See Cells v2." in re.sub(r"<[^>]+>", "", (out / "page.html").read_text())


def test_relative_links_in_another_project(tmp_path: Path) -> None:
    """The nova devref showing nova-specs' data: its relative links go to
    the data's published-url, or, without one, lose their link (warned)."""
    specs = tmp_path / "nova-specs"
    (specs / "priorities" / "pike").mkdir(parents=True)
    (specs / "specs" / "pike" / "approved").mkdir(parents=True)
    (specs / "specs" / "pike" / "approved" / "x.rst").write_text("X\n=\n")
    (specs / "priorities" / "pike" / "cells.yaml").write_text(
        "title: Cells\nposition: 1\nlinks:\n  - title: the spec\n"
        "    url: ../specs/pike/approved/x.html#goals\n"
    )
    config = specs / ".nova-priorities.toml"
    config.write_text(
        'published-url = "https://specs.openstack.org/openstack/nova-specs/"\n'
    )
    devref = tmp_path / "nova" / "doc" / "source"
    devref.mkdir(parents=True)
    (devref / "conf.py").write_text(
        'extensions = ["nova_priorities.sphinxext"]\n'
        'priorities_dir = "../../../nova-specs/priorities"\n'
    )
    (devref / "index.rst").write_text(
        "Devref\n======\n\n.. priorities-table:: pike\n   :columns: priority, links\n"
    )
    out = tmp_path / "out"
    build(devref, out)
    (table,) = tables((out / "index.html").read_text())
    assert table[1][1] == (
        "the spec",
        [
            "https://specs.openstack.org/openstack/nova-specs/specs/pike/approved/"
            "x.html#goals"
        ],
    )
    config.write_text("")
    result = sphinx(devref, tmp_path / "out2", "-n")
    assert result.returncode == 0
    assert (
        "the link '../specs/pike/approved/x.html#goals' of pike's data names a file "
        "this project does not build; shown without its link (set published-url "
        "in the data's configuration to link the published page)"
    ) in result.stderr
    (table,) = tables((tmp_path / "out2" / "index.html").read_text())
    assert table[1][1] == ("the spec", [])
