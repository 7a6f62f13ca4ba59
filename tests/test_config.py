"""The configuration: each key, where it is read from, and its errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import KILO_SEED, VALID, WriteFile, run_cli

from nova_priorities.hooks.config import Config, find_config, read_config, settings_in
from nova_priorities.hooks.layout import Layout
from nova_priorities.hooks.problems import ProblemError


def config_file(repo: Path, text: str, name: str = ".nova-priorities.toml") -> Path:
    path = repo / name
    path.write_text(textwrap.dedent(text))
    return path


def test_defaults_without_a_file(repo: Path) -> None:
    config = find_config()
    assert config == Config(root=str(repo))
    assert config.data_path == str(repo / "priorities")


def test_found_from_a_subfolder_and_pyproject_is_read(repo: Path) -> None:
    config_file(repo, '[tool.nova-priorities]\ndata-dir = "data"\n', "pyproject.toml")
    (repo / "docs").mkdir()
    config = find_config(str(repo / "docs"))
    assert (config.root, config.data_dir) == (str(repo), "data")
    assert config.source == str(repo / "pyproject.toml")


def test_pyproject_without_the_table_is_not_a_configuration(repo: Path) -> None:
    config_file(repo, '[project]\nname = "x"\n', "pyproject.toml")
    assert find_config().source is None


def test_own_file_wins_over_pyproject(repo: Path) -> None:
    config_file(repo, '[tool.nova-priorities]\ndata-dir = "a"\n', "pyproject.toml")
    config_file(repo, 'data-dir = "b"\n')
    assert find_config().data_dir == "b"


def test_data_dir(repo: Path, write: WriteFile) -> None:
    config_file(repo, 'data-dir = "plans/priorities"\n')
    write("plans/priorities/kilo/cells-v2.yaml", VALID)
    write("priorities/kilo/ignored.yaml", "not: [valid\n")  # not the data folder
    assert run_cli("validate").stdout == "1 file checked: no problems\n"
    result = run_cli("render")
    assert result.stdout == "Regenerated plans/priorities/kilo-priorities.rst\n"


def test_exclude(repo: Path, write: WriteFile) -> None:
    """nova-specs keeps a comment-only YAML file beside the release folders."""
    write("priorities/kilo/cells-v2.yaml", VALID)
    write(
        "priorities/priority-blueprints-to-review.yaml",
        "# the yaml file of priority blueprints that are ready for review\n",
    )
    assert run_cli("validate").returncode == 1
    config_file(repo, 'exclude = ["priorities/priority-blueprints-to-review.yaml"]\n')
    assert run_cli("validate").stdout == "1 file checked: no problems\n"
    files = run_cli("validate", "priorities/priority-blueprints-to-review.yaml")
    assert files.stdout == "0 files checked: no problems\n"
    assert Layout.find().classify("priorities/kilo/cells-v2.yaml") is not None


def test_page_name_and_label_and_title(repo: Path, write: WriteFile) -> None:
    config_file(
        repo,
        """\
        page-name = "{release}.rst"
        page-label = "priorities-{release}"
        page-title = "Nova {Release} priorities ({release})"
        """,
    )
    write("priorities/kilo/cells-v2.yaml", VALID)
    assert run_cli("render").stdout == "Regenerated priorities/kilo.rst\n"
    page = (repo / "priorities" / "kilo.rst").read_text()
    assert page.startswith(
        ".. _priorities-kilo:\n\n"
        "===========================\n"
        "Nova Kilo priorities (kilo)\n"
        "===========================\n"
    )
    assert Layout.find().release_of_repository_path("priorities/kilo.rst") == "kilo"


@pytest.mark.parametrize(
    ("setting", "header"),
    [
        ("", "# yaml-language-server: $schema=../../schema/priority.schema.json\n"),
        ('schema-comment = "# schema: https://example.org/p.json"\n',
         "# schema: https://example.org/p.json\n"),
        ('schema-comment = ""\n', ""),
    ],
)  # fmt: skip
def test_schema_comment(repo: Path, setting: str, header: str) -> None:
    config_file(repo, setting)
    (repo / "kilo-priorities.rst").write_text(KILO_SEED.read_text())
    assert run_cli("import", "kilo-priorities.rst").returncode == 0
    written = (repo / "priorities" / "kilo" / "ci.yaml").read_text()
    assert (
        written
        == header
        + "title: CI\nposition: 9\nowners:\n"
        + written.split("owners:\n", 1)[1]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('data-dir = "x"\n\ndata_dir = "y"\n',
         ".nova-priorities.toml:3:1: unknown key 'data_dir'; keys are data-dir, "
         "exclude, page-name, page-label, page-title, schema-comment"),
        ('data-dir = "../elsewhere"\n',
         ".nova-priorities.toml:1:1: data-dir: '../elsewhere' is not a folder below "
         "the repository root, such as 'priorities'"),
        ('data-dir = "/etc"\n', ".nova-priorities.toml:1:1: data-dir: '/etc' is not"),
        ("exclude = 'x'\n",
         ".nova-priorities.toml:1:1: exclude: 'x' is not a list of glob patterns"),
        ('page-name = "priorities.rst"\n',
         ".nova-priorities.toml:1:1: page-name: 'priorities.rst' is not a pattern "
         "with {release} ending in .rst"),
        ('page-name = "{release}/x.rst"\n',
         "page-name: '{release}/x.rst' is not a pattern with {release} ending in "
         ".rst, of letters, digits"),
        ('page-label = "{release} priorities"\n', "page-label: '{release} priorities'"),
        ('page-title = "{release} {oops}"\n',
         "placeholders are release, Release"),
        ('schema-comment = "schema: x"\n',
         "schema-comment: 'schema: x' is not one line starting with '#'"),
        ("page-title = 3\n",
         ".nova-priorities.toml:1:1: page-title: 3 is not a string"),
        ('data-dir = "x\n', ".nova-priorities.toml:1:14: invalid TOML: "),
        # what is read stays in the repository, as data-dir does
        ('specs = "../{release}/*.rst"\n',
         ".nova-priorities.toml:1:1: specs: '../{release}/*.rst' is not a pattern "
         "below the repository root, such as 'specs/{release}/*/*.rst'"),
        ('specs = "/etc/{release}/*.rst"\n', "specs: '/etc/{release}/*.rst' is not"),
        ('specs = "specs/{release}/../../*.rst"\n', "specs: 'specs/{release}/../"),
        ('release-order = ["kilo", "Liberty"]\n',
         ".nova-priorities.toml:1:1: release-order: ['kilo', 'Liberty'] is not a "
         "list of release names, each once ('Liberty' is no release name)"),
        ('release-order = ["kilo", "liberty", "kilo"]\n',
         "each once ('kilo' is named twice)"),
        ('page-title = "{Release}\\n===="\n',
         "page-title: '{Release}\\n====' is not one line"),
        # each was a traceback in every command (found by fuzzing the settings)
        ('page-name = "{release}{release}.rst"\n',
         "page-name: '{release}{release}.rst' is not a pattern with {release} "
         "ending in .rst; each placeholder once"),
        ('data-dir = "a\\u0000b"\n',
         "data-dir: 'a\\x00b' is not a folder below the repository root"),
        # a backslash is no folder separator here, and Windows takes no such name
        ('published-root = "docs\\\\build"\n',
         "published-root: 'docs\\\\build' is not"),
    ],
)  # fmt: skip
def test_errors_at_their_line(repo: Path, text: str, expected: str) -> None:
    config_file(repo, text)
    with pytest.raises(ProblemError) as caught:
        read_config(str(repo / ".nova-priorities.toml"))
    assert expected in str(caught.value.problem).replace(str(repo) + "/", "")


def test_error_in_pyproject_is_at_its_line(repo: Path) -> None:
    config_file(
        repo,
        '[project]\nname = "x"\n\n[tool.nova-priorities]\npage-nam = "{release}.rst"\n',
        "pyproject.toml",
    )
    result = run_cli("validate")
    assert result.returncode == 2
    assert result.stdout.startswith(
        f"{repo}/pyproject.toml:5:1: unknown key 'page-nam'"
    )


def test_settings_in_files_read_from_anywhere() -> None:
    """What check-change compares at two commits: the small file before
    pyproject's table, the defaults without either, never where from."""
    order = 'release-order = ["kilo", "liberty"]\n'
    table = "[tool.nova-priorities]\n" + order
    both = {".nova-priorities.toml": 'data-dir = "data"\n', "pyproject.toml": table}
    assert settings_in(both.get) == Config(root="", data_dir="data")
    assert settings_in({"pyproject.toml": table}.get) == settings_in(
        {".nova-priorities.toml": order, "pyproject.toml": "[project]\n"}.get
    )
    assert settings_in({"pyproject.toml": "[tool.black]\n"}.get) == Config(root="")
    nothing: dict[str, str] = {}
    assert settings_in(nothing.get) == Config(root="")
    with pytest.raises(ProblemError, match="unknown key 'colour'"):
        settings_in({".nova-priorities.toml": 'colour = "red"\n'}.get)
