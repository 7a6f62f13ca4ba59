"""The Sphinx extension, through real sphinx-build runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import REPO_ROOT, run_cli
from conftest import sphinx_build as sphinx
from htmlfacts import ids, tables

KILO = REPO_ROOT / "priorities" / "kilo"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A docs project beside a priorities/ folder holding kilo and liberty."""
    shutil.copytree(KILO, tmp_path / "priorities" / "kilo")
    liberty = tmp_path / "priorities" / "liberty"
    liberty.mkdir()
    (liberty / "cells-v2.yaml").write_text(
        "title: Cells v2\nposition: 1\nowners:\n  - name: Andrew Laski\n"
        "    launchpad: alaski\ndescription: Cells v2 again.\n"
    )
    source = tmp_path / "doc"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["nova_priorities.sphinxext"]\npriorities_dir = "../priorities"\n'
    )
    return source


def page(source: Path, name: str, text: str) -> None:
    (source / f"{name}.rst").write_text(textwrap.dedent(text))


def test_project_docs_build_with_nine_rows_and_links(tmp_path: Path) -> None:
    result = sphinx(REPO_ROOT / "doc" / "source", tmp_path, "-W")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "project-priorities.html").read_text()
    (table,) = tables(html)
    header, *rows = table
    assert [text for text, _ in header] == ["Priority", "Owner"]
    assert len(rows) == 9
    assert rows[0] == [
        ("Cells v2", ["#priority-kilo-cells-v2"]),
        ("Andrew Laski", ["https://launchpad.net/~alaski"]),
    ]
    owners_text, owners_links = rows[3][1]
    assert (owners_text.replace("\u2019", "'"), owners_links) == (
        "Christopher Yeoh, Ken'ichi Ohmichi",
        ["https://launchpad.net/~cyeoh-0", "https://launchpad.net/~oomichi"],
    )
    for row in rows:
        (target,) = row[0][1]
        assert f'id="{target[1:]}"' in html  # every priority links to its section
    assert 'href="https://etherpad.openstack.org/p/kilo-nova-cells"' in html
    # The history page: nine one-release chains, linked to those sections.
    (history,) = tables((tmp_path / "history.html").read_text())
    assert history[0] == [("Kilo", [])]
    assert len(history) == 10
    assert history[1][0] == (
        "Cells v2 (Andrew Laski)",
        ["project-priorities.html#priority-kilo-cells-v2"],
    )
    # The role in the introduction links to the section, titled by the data.
    assert re.search(
        r'<a class="reference internal" href="#priority-kilo-cells-v2">'
        r'<span class="[^"]*std-ref">Cells v2</span></a>',
        html,
    )


@pytest.mark.slow
def test_directive_table_states_what_the_generated_page_states(
    project: Path, tmp_path: Path
) -> None:
    shutil.copy(REPO_ROOT / "priorities" / "kilo-priorities.rst", project / "page.rst")
    page(
        project,
        "directive",
        """\
        Directive
        =========

        .. priorities-table:: kilo
           :sections:
        """,
    )
    page(project, "index", ".. toctree::\n\n   page\n   directive\n")
    # Both show kilo with sections: their labels clash, as they should.
    result = sphinx(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr

    def facts(name: str) -> list[list[tuple[str, list[str]]]]:
        (table,) = tables((tmp_path / "out" / f"{name}.html").read_text())
        return [
            [
                (text, [h if h.startswith("http") else "#section" for h in hrefs])
                for text, hrefs in row
            ]
            for row in table
        ]

    assert facts("page") == facts("directive")
    assert len(facts("page")) == 10


@pytest.mark.slow
def test_columns_headings_and_class(project: Path, tmp_path: Path) -> None:
    page(
        project,
        "index",
        """\
        Index
        =====

        .. priorities-table:: kilo
           :columns: priority, links, owners
           :owner-heading: Primary Contacts
           :priority-heading: Theme
           :class: wide
        """,
    )
    result = sphinx(project, tmp_path / "out", "-W")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text()
    assert 'class="priorities-table wide' in html
    header, first, *_ = tables(html)[0]
    assert [text for text, _ in header] == ["Theme", "Links", "Primary Contacts"]
    assert first == [
        ("Cells v2", []),  # no sections on the page: no link
        ("cells etherpad", ["https://etherpad.openstack.org/p/kilo-nova-cells"]),
        ("Andrew Laski", ["https://launchpad.net/~alaski"]),
    ]


@pytest.mark.slow
def test_unknown_column_is_an_error_at_the_directive(
    project: Path, tmp_path: Path
) -> None:
    # an empty option: docutils gives the converter None, which crashed
    # the whole build with a traceback
    page(
        project,
        "index",
        "Index\n=====\n\n.. priorities-table:: kilo\n   :columns: x\n\n"
        ".. priorities-table:: kilo\n   :columns:\n",
    )
    result = sphinx(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr  # errors reported, no crash
    assert 'index.rst:4: ERROR: Error in "priorities-table" directive' in result.stderr
    assert (
        "columns are priority, owners, links, specs, reviews; got 'x'" in result.stderr
    )
    assert 'index.rst:7: ERROR: Error in "priorities-table" directive' in result.stderr
    assert (
        "columns are priority, owners, links, specs, reviews; got none" in result.stderr
    )


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["latex", "text", "man"])
def test_other_builders(project: Path, tmp_path: Path, builder: str) -> None:
    page(
        project, "index", "Index\n=====\n\n.. priorities-table:: kilo\n   :sections:\n"
    )
    result = sphinx(project, tmp_path / "out", "-W", builder=builder)
    assert result.returncode == 0, result.stderr
    written = "".join(
        p.read_text(errors="replace")
        for p in (tmp_path / "out").rglob("*")
        if p.is_file() and p.suffix in (".tex", ".txt", ".1")
    )
    assert "Andrew Laski" in written
    assert "Ken" in written and "Ohmichi" in written
    assert "<script" not in written


@pytest.mark.slow
def test_several_releases_and_directives_on_one_page(
    project: Path, tmp_path: Path
) -> None:
    page(
        project,
        "index",
        """\
        Index
        =====

        Links: :priority:`kilo/cells-v2`, :priority:`liberty/cells-v2`.

        Kilo
        ----

        .. priorities-table:: kilo
           :sections:

        Liberty
        -------

        .. priorities-table:: liberty
           :sections:

        Kilo again
        ----------

        .. priorities-table:: kilo
           :sections:

        .. priorities-table:: kilo
        """,
    )
    result = sphinx(project, tmp_path / "out", "-W", "-j", "2")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text()
    all_ids = ids(html)
    assert len(all_ids) == len(set(all_ids))
    assert "priority-kilo-cells-v2" in all_ids
    assert "priority-liberty-cells-v2" in all_ids
    first, liberty, second, plain = tables(html)
    assert first[1][0][1] == ["#priority-kilo-cells-v2"]
    assert liberty[1][0][1] == ["#priority-liberty-cells-v2"]
    # The kilo sections are on the page already: the later tables link there.
    assert second[1][0][1] == ["#priority-kilo-cells-v2"]
    assert plain[1][0][1] == ["#priority-kilo-cells-v2"]
    assert html.count('id="priority-kilo-cells-v2"') == 1
    assert re.search(
        r'href="#priority-liberty-cells-v2"><span class="[^"]*std-ref">Cells v2', html
    )


@pytest.mark.slow
def test_bad_data_and_unknown_names_are_warnings(project: Path, tmp_path: Path) -> None:
    (project.parent / "priorities" / "kilo" / "broken.yaml").write_text(
        "title: Broken\nposition: 10\nowners:\n  - name: X\n    launchpad: Not An Id\n"
    )
    (project.parent / "priorities" / "kilo" / "sneaky.yaml").write_text(
        "title: Sneaky\nposition: 11\ndescription: |\n  .. raw:: html\n\n"
        "     <script>alert(1)</script>\n"
    )
    page(
        project,
        "index",
        """\
        Index
        =====

        See :priority:`kilo/nope` and :priority:`juno/x` and :priority:`bad`.

        .. priorities-table:: kilo
           :sections:

        .. priorities-table:: juno
        """,
    )
    result = sphinx(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr
    index = str(project / "index.rst")
    assert (
        f"{index}:6: WARNING: priorities/kilo/broken.yaml:5:16: owners[0].launchpad: "
        "'Not An Id' is not a Launchpad id" in warnings
    )
    assert "priorities/kilo/sneaky.yaml:4:3: description: the raw directive is not" in (
        warnings
    )
    assert f"{index}:4: WARNING: unknown priority 'kilo/nope'" in warnings
    assert f"{index}:4: WARNING: unknown priority 'juno/x'" in warnings
    assert f"{index}:4: WARNING: unknown priority 'bad'" in warnings
    assert f"{index}:9: WARNING: priorities-table: no release folder 'juno'" in warnings
    html = (tmp_path / "out" / "index.html").read_text()
    assert "Sneaky" not in html and "<script>alert" not in html
    assert "Broken" not in html
    assert len(tables(html)[0]) == 10  # header and the nine valid priorities
    failed = sphinx(project, tmp_path / "strict", "-W")
    assert failed.returncode != 0


@pytest.mark.slow
def test_a_release_that_is_its_page_alone_is_shown_empty(
    project: Path, tmp_path: Path
) -> None:
    """A release just started has an empty folder, which git does not keep:
    the docs job builds a clone with its page alone, and must build as the
    author's tree did, not fail under -W for a missing folder."""
    made = run_cli("new-release", "mitaka", cwd=project.parent)
    assert made.returncode == 0, made.stderr
    (project.parent / "priorities" / "mitaka").rmdir()
    page(project, "index", "Index\n=====\n\n.. priorities-table:: mitaka\n")
    result = sphinx(project, tmp_path / "out", "-W")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text()
    assert [len(table) for table in tables(html)] == [1]  # the header alone
    # A page without regions is no release: the directive says so.
    (project.parent / "priorities" / "mitaka-priorities.rst").write_text("Mitaka\n")
    hand_written = sphinx(project, tmp_path / "again")
    assert "priorities-table: no release folder 'mitaka'" in hand_written.stderr
    # A release folder made a symlink is still said to be one.
    (project.parent / "priorities" / "mitaka").symlink_to("kilo")
    linked = sphinx(project, tmp_path / "linked")
    assert "mitaka:1:1: the release folder is a symlink (to 'kilo')" in linked.stderr


@pytest.mark.slow
def test_missing_priorities_folder_is_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "doc"
    source.mkdir()
    (tmp_path / ".git").mkdir()  # the search for priorities/ stops here
    (source / "conf.py").write_text('extensions = ["nova_priorities.sphinxext"]\n')
    page(source, "index", "Index\n=====\n\n.. priorities-table:: kilo\n")
    result = sphinx(source, tmp_path / "out")
    assert result.returncode == 0
    assert (
        f"priorities-table: no release folder 'kilo' in {tmp_path / 'priorities'}"
        in result.stderr
    )


@pytest.mark.slow
def test_translated_headings(project: Path, tmp_path: Path) -> None:
    (project / "conf.py").write_text(
        (project / "conf.py").read_text() + 'language = "de"\n'
    )
    page(project, "index", "Index\n=====\n\n.. priorities-table:: kilo\n")
    assert sphinx(project, tmp_path / "out", "-W").returncode == 0
    header = tables((tmp_path / "out" / "index.html").read_text())[0][0]
    assert [text for text, _ in header] == ["Priorität", "Verantwortlich"]


def _reread(result: subprocess.CompletedProcess[str]) -> str:
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", result.stdout)
    assert match, result.stdout
    return match.group(0)


@pytest.mark.slow
def test_incremental_builds_reread_only_what_changed(
    project: Path, tmp_path: Path
) -> None:
    # Enough pages that -j 2 reads in two processes, and merges what they saw.
    others = [f"other{n}" for n in range(6)]
    page(
        project,
        "index",
        ".. toctree::\n\n"
        + "".join(f"   {name}\n" for name in ["kilo", "liberty", *others]),
    )
    page(project, "kilo", "Kilo\n====\n\n.. priorities-table:: kilo\n")
    page(project, "liberty", "Liberty\n=======\n\n.. priorities-table:: liberty\n")
    for name in others:
        page(project, name, f"{name}\n{'=' * len(name)}\n\nNo priorities here.\n")
    out = tmp_path / "out"
    assert (
        _reread(sphinx(project, out, "-W", "-j", "2"))
        == "9 added, 0 changed, 0 removed"
    )
    # Nothing changed: nothing is read again.
    again = sphinx(project, out, "-W", "-j", "2")
    assert _reread(again) == "0 added, 0 changed, 0 removed"

    kilo = project.parent / "priorities" / "kilo"
    edited = (kilo / "bugs.yaml").read_text().replace("Bugs", "Bug triage")
    (kilo / "bugs.yaml").write_text(edited)
    result = sphinx(project, out, "-W", "-j", "2")
    assert _reread(result) == "0 added, 1 changed, 0 removed"
    assert "Bug triage" in (out / "kilo.html").read_text()

    (kilo / "new-thing.yaml").write_text("title: New thing\nposition: 10\n")
    result = sphinx(project, out, "-W", "-j", "2")
    assert _reread(result) == "0 added, 1 changed, 0 removed"
    assert "New thing" in (out / "kilo.html").read_text()

    (kilo / "new-thing.yaml").unlink()
    result = sphinx(project, out, "-W", "-j", "2")
    assert _reread(result) == "0 added, 1 changed, 0 removed"
    assert "New thing" not in (out / "kilo.html").read_text()
    assert (
        _reread(sphinx(project, out, "-W", "-j", "2"))
        == "0 added, 0 changed, 0 removed"
    )


@pytest.mark.slow
def test_incremental_builds_reread_what_the_settings_change(
    project: Path, tmp_path: Path
) -> None:
    """The settings change what a document shows with no data file changed
    (here the release order the history follows): the documents showing
    data are read again, and only when a setting changed."""
    page(project, "index", ".. toctree::\n\n   history\n   other\n")
    page(project, "history", "History\n=======\n\n.. priorities-history::\n")
    page(project, "other", "Other\n=====\n\nNo priorities here.\n")
    out = tmp_path / "out"

    def header() -> list[str]:
        (table,) = tables((out / "history.html").read_text())
        return [text for text, _ in table[0]]

    assert _reread(sphinx(project, out, "-W")) == "3 added, 0 changed, 0 removed"
    assert header() == ["Kilo", "Liberty"]
    settings = project.parent / ".nova-priorities.toml"
    settings.write_text("# the defaults, written out\nrelease-order = []\n")
    assert _reread(sphinx(project, out, "-W")) == "0 added, 0 changed, 0 removed"
    settings.write_text('release-order = ["liberty", "kilo"]\n')
    assert _reread(sphinx(project, out, "-W")) == "0 added, 1 changed, 0 removed"
    assert header() == ["Liberty", "Kilo"]
    settings.unlink()
    assert _reread(sphinx(project, out, "-W")) == "0 added, 1 changed, 0 removed"
    assert header() == ["Kilo", "Liberty"]


@pytest.mark.slow
def test_descriptions_are_checked_as_plain_docutils_reads_them(
    project: Path, tmp_path: Path
) -> None:
    """Sphinx registers its own include, roles such as :doc:, its domains'
    directives and a default role, all needing its environment: a
    description that uses them gets the messages validate gives, no crash."""
    (project.parent / "priorities" / "kilo" / "sphinxy.yaml").write_text(
        "title: Sphinxy\nposition: 10\ndescription: |\n  See :doc:`install`.\n\n"
        "  .. py:function:: f()\n\n  .. include:: /etc/hostname\n\n  `default`\n"
    )
    (project / "conf.py").write_text(
        (project / "conf.py").read_text() + 'default_role = "any"\n'
    )
    page(project, "index", "Index\n=====\n\n.. priorities-table:: kilo\n")
    result = sphinx(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    validated = run_cli("validate", cwd=project.parent)
    messages = [
        line
        for line in validated.stdout.splitlines()
        if line.startswith("priorities/kilo/sphinxy.yaml")
    ]
    assert messages == [
        "priorities/kilo/sphinxy.yaml:4:3: description: Unknown interpreted text "
        'role "doc".',
        "priorities/kilo/sphinxy.yaml:6:3: description: Unknown directive type "
        '"py:function".',
        "priorities/kilo/sphinxy.yaml:8:3: description: the include directive is "
        "not allowed in a description: it pulls in outside content or raw markup",
    ]
    for message in messages:
        assert message in result.stderr


@pytest.mark.slow
def test_the_repository_configuration_is_read(tmp_path: Path) -> None:
    """No priorities_dir in conf.py: the data folder comes from the
    repository's .nova-priorities.toml, as for every command."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".nova-priorities.toml").write_text('data-dir = "plans"\n')
    shutil.copytree(KILO, tmp_path / "plans" / "kilo")
    source = tmp_path / "doc"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["nova_priorities.sphinxext"]\n')
    page(source, "index", "Index\n=====\n\n.. priorities-table:: kilo\n")
    result = sphinx(source, tmp_path / "out", "-W")
    assert result.returncode == 0, result.stderr
    (table,) = tables((tmp_path / "out" / "index.html").read_text())
    assert len(table) == 10  # the header and nine priorities


@pytest.mark.slow
def test_a_broken_configuration_is_a_warning_at_its_line(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".nova-priorities.toml").write_text('data-dir = "plans"\ncolour = 1\n')
    source = tmp_path / "doc"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["nova_priorities.sphinxext"]\n')
    page(source, "index", "Index\n=====\n\n.. priorities-table:: kilo\n")
    result = sphinx(source, tmp_path / "out", "-W")
    assert result.returncode != 0
    assert (
        f"{tmp_path}/.nova-priorities.toml:2:1: unknown key 'colour'" in result.stderr
    )


@pytest.mark.slow
def test_docs_may_name_the_data_of_another_repository(tmp_path: Path) -> None:
    """The nova devref shows nova-specs' data: priorities_dir in conf.py is
    the docs' own choice, trusted wherever it points."""
    specs = tmp_path / "nova-specs"
    shutil.copytree(KILO, specs / "priorities" / "kilo")
    (specs / ".git").mkdir()
    docs = tmp_path / "nova" / "doc"
    docs.mkdir(parents=True)
    (tmp_path / "nova" / ".git").mkdir()
    (docs / "conf.py").write_text(
        'extensions = ["nova_priorities.sphinxext"]\n'
        f"priorities_dir = {str(specs / 'priorities')!r}\n"
    )
    page(docs, "index", "Index\n=====\n\n.. priorities-table:: kilo\n")
    result = sphinx(docs, tmp_path / "out", "-W")
    assert result.returncode == 0, result.stderr
    (table,) = tables((tmp_path / "out" / "index.html").read_text())
    assert len(table) == 10
