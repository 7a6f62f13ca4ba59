"""``nova-priorities validate`` end to end, through the installed script."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import REPO_ROOT, VALID, WriteFile, run_cli


def priority(title: str, position: int, *owners: tuple[str, str]) -> str:
    text = f"title: {title}\nposition: {position}\n"
    if owners:
        text += "owners:\n" + "".join(
            f"  - name: {name}\n    launchpad: {lp}\n" for name, lp in owners
        )
    return text


def lines(result_stdout: str) -> list[str]:
    return result_stdout.splitlines()


def test_shipped_kilo_data_is_valid() -> None:
    result = run_cli("validate", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "9 files checked: no problems\n"


def test_version_and_help() -> None:
    version = run_cli("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("nova-priorities ")
    help_text = run_cli("validate", "--help")
    assert help_text.returncode == 0
    assert "--format" in help_text.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("validate", "--format", "xml").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "no priorities/ folder" in result.stderr


def test_all_errors_of_all_files_in_one_run(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: A\nposition: x\n")
    write("priorities/kilo/b.yaml", "title: B\n")
    write("priorities/kilo/c.yaml", priority("C", 3))
    result = run_cli("validate")
    assert result.returncode == 1
    assert lines(result.stdout) == [
        "priorities/kilo/a.yaml:2:11: position: expected an integer, got 'x'",
        "priorities/kilo/b.yaml:1:1: missing required field 'position'",
        "3 files checked: 2 errors in 2 files",
    ]


def test_paths_skip_other_files_and_read_release_context(
    repo: Path, write: WriteFile
) -> None:
    write("priorities/kilo/a.yaml", priority("A", 1))
    write("priorities/kilo/b.yaml", priority("B", 1))
    write("README.md", "# not a priority\n")
    write("setup.yaml", "not: [a priority\n")
    result = run_cli("validate", "priorities/kilo/a.yaml", "README.md", "setup.yaml")
    # b.yaml is only context: the clash is reported on a.yaml, the file asked
    # about; the other files named are not checked, and say so.
    not_checked = (
        ":1:1: warning: not checked: not a priority file (a .yaml, .yml or .json "
        "file in priorities/)"
    )
    assert lines(result.stdout) == [
        "README.md" + not_checked,
        "priorities/kilo/a.yaml:2:11: position: 1 is also the position of "
        "priorities/kilo/b.yaml; give each priority of a release its own position: "
        "2 is free (`nova-priorities move kilo a --to 2`)",
        "setup.yaml" + not_checked,
        "3 files checked: 1 error and 2 warnings in 3 files",
    ]
    assert result.returncode == 1


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"priorities/stray.yaml": priority("A", 1)},
            [
                "priorities/stray.yaml:1:1: not in a release folder; move it to "
                "priorities/<release>/stray.yaml (e.g. priorities/kilo/stray.yaml), "
                "or list it in the settings' exclude if it is no priority"
            ],
        ),
        (
            {"priorities/kilo/deeper/a.yaml": priority("A", 1)},
            [
                "priorities/kilo/deeper/a.yaml:1:1: not in a release folder; move "
                "it to priorities/<release>/a.yaml (e.g. priorities/kilo/a.yaml), or "
                "list it in the settings' exclude if it is no priority"
            ],
        ),
        (
            {"priorities/Kilo Cycle/a.yaml": priority("A", 1)},
            [
                "priorities/Kilo Cycle/a.yaml:1:1: release folder 'Kilo Cycle' is "
                "not a release name (lowercase like 'kilo', or a year and number "
                "like '2023.1'; at most 40 characters)"
            ],
        ),
        (
            {"priorities/kilo/a.yml": priority("A", 1)},
            [
                "priorities/kilo/a.yml:1:1: rename a.yml to a.yaml: priority "
                "files end in .yaml"
            ],
        ),
        (
            {"priorities/kilo/Cells_V2.yaml": priority("A", 1)},
            [
                "priorities/kilo/Cells_V2.yaml:1:1: file name 'Cells_V2.yaml': the "
                "slug must be lowercase letters and digits in words joined by "
                "hyphens; at most 120 characters (e.g. cells-v2.yaml)"
            ],
        ),
        (
            {
                "priorities/kilo/a.yaml": priority("Cells", 1),
                "priorities/kilo/b.yaml": priority("cells", 2),
            },
            [
                "priorities/kilo/a.yaml:1:8: title: 'Cells' is also the title of "
                "priorities/kilo/b.yaml; titles name the page's sections and must "
                "differ",
                "priorities/kilo/b.yaml:1:8: title: 'cells' is also the title of "
                "priorities/kilo/a.yaml; titles name the page's sections and must "
                "differ",
            ],
        ),
        (
            {
                "priorities/kilo/a.yaml": priority(
                    "A", 1, ("Dan", "danms"), ("Dan", "danms")
                )
            },
            [
                "priorities/kilo/a.yaml:7:16: owners[1].launchpad: 'danms' is "
                "listed twice; remove one"
            ],
        ),
        (
            {
                "priorities/kilo/a.yaml": priority("A", 1, ("Sean Dague", "sdague")),
                "priorities/kilo/b.yaml": priority("B", 2, ("Sean Dague", "sdague")),
                "priorities/liberty/c.yaml": priority("C", 1, ("S. Dague", "sdague")),
            },
            [
                "priorities/liberty/c.yaml:4:11: owners[0].name: Launchpad id "
                "'sdague' is named 'S. Dague' and 'Sean Dague' in different files; "
                "use one name ('Sean Dague', as most files do)"
            ],
        ),
        (
            {
                "priorities/kilo/a.yaml": priority("A", 1, ("John Smith", "jsmith")),
                "priorities/kilo/b.yaml": priority("B", 2, ("John Smith", "jsmith2")),
            },
            [
                "priorities/kilo/a.yaml:4:11: owners[0].name: 'John Smith' names "
                "several Launchpad ids on this page (jsmith, jsmith2); tell them "
                "apart in the names",
                "priorities/kilo/b.yaml:4:11: owners[0].name: 'John Smith' names "
                "several Launchpad ids on this page (jsmith, jsmith2); tell them "
                "apart in the names",
            ],
        ),
        (
            {"priorities/kilo/a.yaml": priority("Bugs", 1, ("Bugs", "bugs-team"))},
            [
                "priorities/kilo/a.yaml:4:11: owners[0].name: 'Bugs' is also a "
                "priority title of this release; the page could not link both"
            ],
        ),
    ],
)
def test_rules(
    repo: Path, write: WriteFile, files: dict[str, str], expected: list[str]
) -> None:
    for path, text in files.items():
        write(path, text)
    result = run_cli("validate")
    assert lines(result.stdout)[:-1] == expected
    assert result.returncode == 1


def test_valid_examples_of_every_rule(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells-v2.yaml", VALID)
    write(
        "priorities/kilo/objects.yaml", priority("Objects", 2, ("Dan Smith", "danms"))
    )
    write("priorities/2023.1/objects.json", '{"title": "Objects", "position": 1}')
    write("priorities/liberty/a.yaml", priority("A", 1, ("Dan Smith", "danms")))
    write("priorities/kilo-priorities.rst", "a page, not data\n")
    result = run_cli("validate")
    assert result.stdout == "4 files checked: no problems\n"
    assert result.returncode == 0


def test_json_format(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: A\nposition: 0\n")
    write("priorities/kilo/b.yaml", priority("B", 2))
    result = run_cli("validate", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["summary"] == "2 files checked: 1 error in 1 file"
    assert data["files"] == [
        {
            "path": "priorities/kilo/a.yaml",
            "ok": False,
            "problems": [
                {
                    "path": "priorities/kilo/a.yaml",
                    "line": 2,
                    "column": 11,
                    "message": "position: 0 is too small: the smallest allowed is 1",
                    "severity": "error",
                    "rule": "schema",
                }
            ],
        },
        {"path": "priorities/kilo/b.yaml", "ok": True, "problems": []},
    ]


def test_symlink_out_of_the_repository_is_refused(
    repo: Path, write: WriteFile, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text(priority("Secret", 1))
    (repo / "priorities" / "kilo").mkdir()
    os.symlink(outside, repo / "priorities" / "kilo" / "secret.yaml")
    result = run_cli("validate")
    assert lines(result.stdout) == [
        f"priorities/kilo/secret.yaml:1:1: symlink to {outside.resolve()}, outside "
        "the repository; a priority file must be a file of the repository",
        "1 file checked: 1 error in 1 file",
    ]


def test_runs_from_a_subfolder(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: A\n")
    (repo / "doc").mkdir()
    result = run_cli("validate", cwd=repo / "doc")
    assert lines(result.stdout)[0] == (
        "../priorities/kilo/a.yaml:1:1: missing required field 'position'"
    )


def test_missing_file_is_an_error_not_a_crash(repo: Path) -> None:
    result = run_cli("validate", "priorities/kilo/gone.yaml")
    assert result.returncode == 1
    assert lines(result.stdout)[0] == (
        "priorities/kilo/gone.yaml:1:1: no such file or folder"
    )
    assert "Traceback" not in result.stderr


IMPORTS = """
import sys
from nova_priorities.hooks.cli import main
code = main(["validate", "--jobs", sys.argv[2], sys.argv[1]])
heavy = {m.split(".")[0] for m in sys.modules} & {
    "git", "sphinx", "docutils", "jsonschema", "fastjsonschema"
}
# Nor the modules of the other commands.
heavy |= {m.rsplit(".")[-1] for m in sys.modules} & {
    "render", "import_page", "check_change", "gitsource"
}
print(code, sorted(heavy))
"""


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Plain words, as most descriptions are.", "0 []"),
        ("Words with *markup*.", "0 []"),  # the usual markup: rst_simple
        ("Words with a :code:`role`.", "0 ['docutils']"),
        # Only a file with schema errors needs jsonschema, for its messages.
        ("Plain words.\nlinks: [{title: pad}]", "1 ['jsonschema']"),
    ],
)
def test_hook_path_imports_only_what_it_needs(
    repo: Path, write: WriteFile, description: str, expected: str
) -> None:
    """In one process (``--jobs 1``); with two, the file is checked in a
    child process (see test_early), and this one imports none of them."""
    import subprocess
    import sys

    write(
        "priorities/kilo/a.yaml", f"title: A\nposition: 1\ndescription: {description}\n"
    )
    found = [
        subprocess.run(
            [sys.executable, "-c", IMPORTS, "priorities/kilo/a.yaml", jobs],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        for jobs in ("1", "2")
    ]
    assert found == [expected, expected.split(maxsplit=1)[0] + " []"]


def test_owner_clash_in_a_file_gone_since_is_placed_at_its_start(
    repo: Path, write: WriteFile
) -> None:
    """The repository-wide rule reads a file again to place its problem; a
    file that cannot be read any more is reported at its start, no crash."""
    from nova_priorities.hooks.layout import Layout
    from nova_priorities.hooks.runner import check_sources
    from nova_priorities.hooks.sources import Source, repository_selection

    write("priorities/kilo/a.yaml", priority("A", 1, ("Sean Dague", "sdague")))
    write("priorities/kilo/b.yaml", priority("B", 2, ("Sean Dague", "sdague")))
    gone = write("priorities/liberty/c.yaml", priority("C", 1, ("S. Dague", "sdague")))
    sources = repository_selection(Layout.find()).targets
    from_disk = sources[-1].read
    reads = []

    def read_then_delete() -> str:
        reads.append(1)
        text = from_disk()  # the second read finds nothing: LoadError
        gone.unlink(missing_ok=True)
        return text

    sources[-1] = Source(sources[-1].file, read_then_delete)
    report = check_sources(sources)
    assert [str(p) for p in report.problems] == [
        "priorities/liberty/c.yaml:1:1: owners[0].name: Launchpad id 'sdague' is "
        "named 'S. Dague' and 'Sean Dague' in different files; use one name "
        "('Sean Dague', as most files do)"
    ]
    assert len(reads) == 2


WARM_IMPORTS = """
import sys
from nova_priorities.hooks.cli import main
main(["validate", "--jobs", "1", sys.argv[1]])
checkers = ("rst_check", "urls", "docutils")
print(sorted(m for m in sys.modules if m.endswith(checkers)))
"""


def test_a_warm_hook_run_reads_no_description(repo: Path, write: WriteFile) -> None:
    """With nothing changed, the hook checks nothing: rst_check, urls and
    docutils stay unimported."""
    import subprocess
    import sys

    write(
        "priorities/kilo/a.yaml", "title: A\nposition: 1\ndescription: Some *markup*.\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", WARM_IMPORTS, "priorities/kilo/a.yaml"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[0] != "[]"  # the first run did check the description
    assert runs[1] == "[]"


def test_extra_labels_through_the_cli(repo: Path, write: WriteFile) -> None:
    """Labels: the schema's form, the release's names, other releases."""
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\nlabels: [cells]\n")
    write(
        "priorities/kilo/b.yaml",
        "title: B\nposition: 2\nlabels: [Priority-kilo-a]\ndescription: |\n"
        "  See `x`_.\n\n  .. _cells: https://example.org\n  .. _x: https://x.org\n",
    )
    write("priorities/liberty/a.yaml", "title: A\nposition: 1\nlabels: [CELLS]\n")
    result = run_cli("validate")
    assert lines(result.stdout) == [
        "priorities/kilo/a.yaml:3:10: labels[0]: 'cells' is also a label in "
        "liberty; labels are unique across releases",
        "priorities/kilo/b.yaml:3:10: labels[0]: 'Priority-kilo-a' is not a label "
        "(letters, digits, and single '-', '_', '.' or spaces between them; not "
        "starting with 'priority-', which the generated labels use)",
        "priorities/kilo/b.yaml:7:3: description: defines the name 'cells', which "
        "is a label of priorities/kilo/a.yaml; the page has one namespace for "
        "names: choose another, or link with `text <url>`__",
        "priorities/liberty/a.yaml:3:10: labels[0]: 'CELLS' is also a label in "
        "kilo; labels are unique across releases",
        "3 files checked: 4 errors in 3 files",
    ]
    assert result.returncode == 1
    # The hook's view of one file sees the other releases too.
    one = run_cli("validate", "priorities/liberty/a.yaml")
    assert lines(one.stdout)[0].startswith("priorities/liberty/a.yaml:3:10: labels")


def test_an_invalid_file_in_another_release_names_no_one(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    """A file a full run refuses (its name, its characters) is no priority:
    its owners clash with no one, whether its release is read whole or
    only for names (the hook's path), as a full run reads it."""
    write("priorities/kilo/a.yaml", priority("A", 1, ("Andrew Laski", "alaski")))
    write("priorities/liberty/Bad_Name.yaml", priority("B", 1, ("A. L", "alaski")))
    write(  # a YAML escape for a character that reverses the text after it
        "priorities/mitaka/c.yaml",
        'title: C\nposition: 2\nowners:\n  - name: "Andrew \\u202eLaski"\n'
        "    launchpad: alaski\n",
    )
    full = lines(run_cli("validate").stdout)
    assert not [line for line in full if "'alaski' is named" in line], full
    assert len(full) == 3  # the two refused files, and the summary
    hook = run_cli("validate", "priorities/kilo/a.yaml")
    assert (hook.returncode, lines(hook.stdout)) == (
        0,
        ["1 file checked: no problems"],
    )


def test_a_hook_run_sees_names_in_other_releases(
    repo: Path, write: WriteFile, own_cache: Path
) -> None:
    """Given one file, validate reads only the names of the other releases,
    kept in the cache while their files do not change."""
    write("priorities/kilo/a.yaml", priority("A", 1, ("Andrew Laski", "alaski")))
    write("priorities/liberty/b.yaml", priority("B", 1, ("Andrew Laski", "alaski")))
    target = "priorities/liberty/b.yaml"
    assert run_cli("validate", target).returncode == 0
    assert run_cli("validate", target).returncode == 0  # from the names bundle
    write("priorities/kilo/a.yaml", priority("A", 1, ("A. Laski", "alaski")))
    result = run_cli("validate", target)
    assert lines(result.stdout) == [
        "priorities/liberty/b.yaml:4:11: owners[0].name: Launchpad id 'alaski' is "
        "named 'A. Laski' and 'Andrew Laski' in different files; use one name",
        "1 file checked: 1 error in 1 file",
    ]
    # The same through the git index, where blob ids say what changed.
    import git

    repository = git.Repo.init(repo)
    repository.index.add(["priorities/kilo/a.yaml", target])
    repository.index.commit("both")
    write(target, priority("B2", 1, ("Andrew Laski", "alaski")))
    repository.index.add([target])
    assert lines(run_cli("validate", "--staged").stdout)[0] == lines(result.stdout)[0]
    write("priorities/kilo/a.yaml", priority("A", 1, ("Andrew Laski", "alaski")))
    repository.index.add(["priorities/kilo/a.yaml"])
    staged = run_cli("validate", "--staged")
    assert (staged.returncode, lines(staged.stdout)) == (
        0,
        ["2 files checked: no problems"],
    )


@pytest.mark.parametrize(
    "spelling", ["./priorities/kilo/b.yaml", "{root}/priorities/kilo/b.yaml"]
)
def test_a_file_named_however_spelled_meets_the_rest_of_its_release(
    repo: Path, write: WriteFile, spelling: str
) -> None:
    """An editor passes absolute paths: the release's rules still see every
    file (they saw none but the file named, and found no problem)."""
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\n")
    write("priorities/kilo/b.yaml", "title: A\nposition: 2\n")
    named = spelling.format(root=repo)
    result = run_cli("validate", named)
    assert result.returncode == 1
    assert lines(result.stdout) == [
        f"{named}:1:8: title: 'A' is also the title of priorities/kilo/a.yaml; "
        "titles name the page's sections and must differ",
        "1 file checked: 1 error in 1 file",
    ]


def test_a_symlink_to_a_file_of_the_release_is_a_file_as_a_whole_run_counts_it(
    repo: Path, write: WriteFile
) -> None:
    """The hook on a.yaml sees its alias, as ``validate`` of everything does."""
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\n")
    (repo / "priorities" / "kilo" / "alias.yaml").symlink_to("a.yaml")
    whole = [line for line in lines(run_cli("validate").stdout) if "/a.yaml:" in line]
    hook = lines(run_cli("validate", "--quiet", "priorities/kilo/a.yaml").stdout)
    assert whole
    assert hook == whole


def test_staged_renames_and_files_beside_the_data(repo: Path, write: WriteFile) -> None:
    """A renamed file is checked at its new name, against the rest of its
    release; a staged file that is not data is no business of the hook."""
    import git

    write("priorities/kilo/a.yaml", "title: A\nposition: 1\n")
    write("priorities/kilo/b.yaml", "title: B\nposition: 2\n")
    write("README.md", "Read me.\n")
    repository = git.Repo.init(repo)
    repository.index.add(["priorities/kilo/a.yaml", "priorities/kilo/b.yaml"])
    repository.index.commit("base")
    repository.git.mv("priorities/kilo/b.yaml", "priorities/kilo/c.yaml")
    write("priorities/kilo/c.yaml", "title: A\nposition: 2\n")
    repository.index.add(["priorities/kilo/c.yaml", "README.md"])
    result = run_cli("validate", "--staged")
    assert lines(result.stdout) == [
        "priorities/kilo/c.yaml:1:8: title: 'A' is also the title of "
        "priorities/kilo/a.yaml; titles name the page's sections and must differ",
        "1 file checked: 1 error in 1 file",
    ]


ORDER_BREAKS_CONTINUES = [
    "priorities/liberty/cells.yaml:3:12: continues: kilo/cells is not from a "
    "release before liberty; a priority carries over one of an earlier release "
    "(set release-order in the configuration if the names do not sort by time)",
    "3 files checked: 1 error in 1 file",
]


@pytest.mark.parametrize("where", [".nova-priorities.toml", "pyproject.toml"])
def test_a_settings_file_named_checks_everything(
    repo: Path, write: WriteFile, where: str
) -> None:
    """The settings hold for every release: a hook given the settings file
    checks what a whole run checks (here, the release order ``continues``
    follows), and says nothing of the file itself. A pyproject.toml below the
    root holds no settings."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n")
    write(
        "priorities/liberty/cells.yaml",
        "title: Cells\nposition: 1\ncontinues: kilo/cells\n",
    )
    table = "[tool.nova-priorities]\n" if where == "pyproject.toml" else ""
    write(where, f'{table}release-order = ["liberty", "kilo"]\n')
    result = run_cli("validate", where)
    assert (result.returncode, lines(result.stdout)) == (1, ORDER_BREAKS_CONTINUES)
    write("tools/pyproject.toml", "[project]\n")
    result = run_cli("validate", "tools/pyproject.toml")
    assert lines(result.stdout)[0].startswith(
        "tools/pyproject.toml:1:1: warning: not checked: not a priority file"
    )


def test_a_staged_settings_change_checks_the_index_everywhere(
    repo: Path, write: WriteFile
) -> None:
    """As staged: the settings' change, or their deletion, holds for every
    data file and spec of the index; a file only on disk plays no part."""
    import git

    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write("priorities/kilo/bugs.yaml", "title: Bugs\nposition: 2\n")
    write(
        "priorities/liberty/cells.yaml",
        "title: Cells\nposition: 1\ncontinues: kilo/cells\n",
    )
    write("priorities/liberty/draft.yaml", "title: Draft\n")  # never staged
    repository = git.Repo.init(repo)
    repository.index.add(["priorities"])
    repository.git.rm("--cached", "-q", "priorities/liberty/draft.yaml")
    repository.index.commit("base")
    write(".nova-priorities.toml", 'release-order = ["liberty", "kilo"]\n')
    repository.index.add([".nova-priorities.toml"])
    result = run_cli("validate", "--staged")
    assert (result.returncode, lines(result.stdout)) == (1, ORDER_BREAKS_CONTINUES)
    repository.index.commit("reorder")
    write("specs/kilo/approved/cells.rst", "Cells\n=====\n\n:priority:`kilo/cels`\n")
    repository.index.add(["specs"])
    repository.index.commit("a spec with a typo")  # as --no-verify would
    repository.git.rm("-q", ".nova-priorities.toml")  # back to the defaults
    result = run_cli("validate", "--staged")
    assert (result.returncode, lines(result.stdout)) == (
        1,
        [
            "specs/kilo/approved/cells.rst:4:1: :priority:`kilo/cels` names no "
            "priority of this repository (RELEASE/SLUG); did you mean kilo/cells?",
            "4 files checked: 1 error in 1 file",
        ],
    )


def test_continues_naming_no_release_is_an_error_on_every_path(
    repo: Path, write: WriteFile
) -> None:
    """'kil/cells' named no release, so it was not looked for: every path
    said "no problems" (README: the priority continued must exist)."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    write(
        "priorities/liberty/cells.yaml",
        "title: Cells\nposition: 1\ncontinues: kil/cells\n",
    )
    message = (
        "priorities/liberty/cells.yaml:3:12: continues: kil/cells is no priority "
        "of this repository; did you mean kilo/cells?"
    )
    for args in (
        ["validate"],
        ["validate", "priorities/liberty/cells.yaml"],  # the hook
        ["render", "liberty"],
    ):
        result = run_cli(*args)
        assert result.returncode == 1, (args, result)
        assert message in result.stdout.splitlines(), (args, result.stdout)
    listed = run_cli("list", "liberty")
    assert "1 file with errors is left out" in listed.stderr
