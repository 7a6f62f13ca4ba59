"""Never a traceback, never a hang, never lost: the file system and git.

Each test is one example of a class of bad input; the commands run for
real (subprocesses, real git repositories, real FIFOs and permissions).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from pathlib import Path

import git
import pytest
from conftest import KILO_SEED, REPO_ROOT, SCRIPT, VALID, WriteFile, run_cli

KILO = REPO_ROOT / "priorities" / "kilo"
TIMEOUT = 20  # seconds: a hang is a failure, not a stuck test run


def run(*args: str, cwd: Path | None = None) -> tuple[int, list[str]]:
    result = run_cli(*args, cwd=cwd, timeout=TIMEOUT)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, (result.stdout + result.stderr).splitlines()


def kilo_repo(repo: Path) -> Path:
    shutil.copytree(KILO, repo / "priorities" / "kilo")
    shutil.copy(REPO_ROOT / "priorities" / "kilo-priorities.rst", repo / "priorities")
    return repo / "priorities" / "kilo-priorities.rst"


# --- hangs -----------------------------------------------------------------


def test_a_fifo_is_refused_not_waited_on(repo: Path) -> None:
    page = kilo_repo(repo)
    before = page.read_text()
    os.mkfifo(repo / "priorities" / "kilo" / "x.yaml")
    os.mkfifo(repo / "fifo-priorities.rst")
    expected = (
        "priorities/kilo/x.yaml:1:1: is a FIFO (named pipe), not a file; only "
        "regular files are read"
    )
    code, lines = run("validate")
    assert (code, lines[0]) == (1, expected)
    code, lines = run("render")
    assert code == 1 and expected in lines
    assert page.read_text() == before
    code, lines = run("import", "fifo-priorities.rst")
    assert (code, lines[0]) == (
        1,
        "fifo-priorities.rst:1:1: is a FIFO (named pipe), not a file; only "
        "regular files are read",
    )


# --- nothing lost ---------------------------------------------------------


def _without_root_powers(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The CLI with permissions that apply: root ignores them through two
    capabilities, dropped here for the child (and whatever it runs)."""

    def drop() -> None:
        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
                if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                    raise OSError(ctypes.get_errno(), "prctl")

    return run_cli(*args, cwd=cwd, timeout=TIMEOUT, preexec_fn=drop)


def test_an_unreadable_release_folder_is_an_error(repo: Path) -> None:
    page = kilo_repo(repo)
    (repo / "priorities" / "liberty").mkdir()
    (repo / "priorities" / "liberty" / "a.yaml").write_text(VALID)
    before = page.read_text()
    (repo / "priorities" / "liberty").chmod(0)
    result = _without_root_powers("validate", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.startswith(
        "priorities/liberty:1:1: cannot list the folder: Permission denied"
    )
    result = _without_root_powers("render", cwd=repo)
    assert result.returncode == 1
    assert "priorities/liberty:1:1: cannot list the folder" in result.stdout
    # the hook, given a file of another release, reads liberty for its names
    kilo_file = next((repo / "priorities" / "kilo").glob("*.yaml"))
    result = _without_root_powers(
        "validate", str(kilo_file.relative_to(repo)), cwd=repo
    )
    assert result.returncode == 1
    assert "priorities/liberty:1:1: cannot list the folder" in result.stdout
    # and given a spec alone, for the priorities its roles may name
    spec = repo / "specs" / "kilo" / "approved" / "a.rst"
    spec.parent.mkdir(parents=True)
    spec.write_text("A spec\n======\n\nText.\n")
    result = _without_root_powers("validate", "specs/kilo/approved/a.rst", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "priorities/liberty:1:1: cannot list the folder" in result.stdout
    assert page.read_text() == before
    assert not (repo / "priorities" / "liberty-priorities.rst").exists()


def test_import_never_replaces_another_page(repo: Path) -> None:
    (repo / "priorities" / "kilo-priorities.rst").write_text("Mine\n====\n")
    (repo / "doc").mkdir()
    shutil.copy(KILO_SEED, repo / "doc" / "kilo-priorities.rst")
    code, lines = run("import", "doc/kilo-priorities.rst")
    assert code == 1
    assert lines == [
        "priorities/kilo-priorities.rst:1:1: exists and is not "
        "doc/kilo-priorities.rst; import would replace it. Use --force to replace "
        "it. Nothing was written"
    ]
    assert (repo / "priorities" / "kilo-priorities.rst").read_text() == "Mine\n====\n"
    assert not (repo / "priorities" / "kilo").exists()
    code, _ = run("import", "doc/kilo-priorities.rst", "--force")
    assert code == 0
    assert (
        "nova-priorities:begin:table"
        in (repo / "priorities" / "kilo-priorities.rst").read_text()
    )


def test_import_in_place_replaces_its_own_page(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "priorities" / "kilo-priorities.rst")
    code, lines = run("import", "priorities/kilo-priorities.rst")
    assert code == 0, lines
    assert lines[-1] == "Wrote priorities/kilo-priorities.rst"


def test_a_failed_import_leaves_no_folder(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    (repo / "priorities").mkdir(exist_ok=True)
    (repo / "priorities" / "kilo").mkdir()
    (repo / "priorities" / "kilo").chmod(0o555)  # the data files cannot go in
    result = _without_root_powers("import", "kilo-priorities.rst", cwd=repo)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.startswith("priorities/kilo/")
    assert "nothing was written" in result.stdout
    assert os.listdir(repo / "priorities" / "kilo") == []
    (repo / "priorities" / "kilo").chmod(0o777)
    (repo / "priorities").chmod(0o555)  # now the release folder cannot be made
    (repo / "priorities" / "kilo").rmdir()
    result = _without_root_powers("import", "kilo-priorities.rst", cwd=repo)
    assert result.returncode == 1
    assert os.listdir(repo / "priorities") == []


def test_import_checks_with_the_release_s_other_files(repo: Path) -> None:
    (repo / "priorities" / "kilo").mkdir()
    (repo / "priorities" / "kilo" / "mine.yaml").write_text(
        "title: Mine\nposition: 1\n"
    )
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    code, lines = run("import", "kilo-priorities.rst")
    assert code == 1
    assert "position: 1 is also the position of" in lines[0]
    assert lines[0].endswith("nothing was written")
    assert os.listdir(repo / "priorities" / "kilo") == ["mine.yaml"]


def test_import_dry_run_writes_nothing(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    code, lines = run("import", "kilo-priorities.rst", "--dry-run")
    assert code == 0
    assert lines[0] == (
        "would write priorities/kilo/cells-v2.yaml: 'Cells v2', position 1, "
        "1 owner(s), 1 link(s)"
    )
    assert (
        "would write priorities/kilo-priorities.rst, keeping the rest of the page:"
        in lines
    )
    assert os.listdir(repo / "priorities") == []


# --- no tracebacks ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: A\nposition: " + "9" * 5000 + "\n",
         "2:11: position: expected an integer, got '99999"),
        ('{"title": "A", "position": ' + "9" * 5000 + "}",
         "1:1: invalid JSON: Exceeds the limit (4300 digits)"),
        ("title: A\nposition: 1\ndescription: |\n  " + "9" * 5000 + ". item\n",
         "description: "),
        ("title: A\nposition: 1\ndescription: |\n"
         + "".join("  " + "  " * i + "* x\n\n" for i in range(60)),
         "nested too deeply"),
        ("title: A\nposition: 1\ndescription: |\n  " + "* " * 200 + "x\n",
         "nested too deeply"),
        ("title: A\nposition: 1\ndescription: |\n"
         + "".join("  " + " " * i + "quote\n\n" for i in range(60)),
         "nested too deeply"),
    ],
)  # fmt: skip
def test_resource_limits(repo: Path, text: str, expected: str) -> None:
    name = "a.json" if text.startswith("{") else "a.yaml"
    (repo / "priorities" / "kilo").mkdir()
    (repo / "priorities" / "kilo" / name).write_text(text)
    code, lines = run("validate")
    assert code == 1
    assert expected in lines[0]
    assert all(len(line) < 400 for line in lines)


def test_long_values_are_cut_in_messages(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: A\nposition: 1\ndescription: 1\n")
    write("priorities/kilo/b.yaml", "title: " + "x" * 5000 + "\nposition: 2\n")
    code, lines = run("validate")
    assert code == 1
    assert lines[0] == (
        "priorities/kilo/b.yaml:1:8: title: 5000 characters is too long: at most "
        "120 are allowed"
    )


def test_messages(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/empty.yaml", "{}\n")
    (repo / "priorities" / "kilo" / "utf16.yaml").write_bytes(
        "title: A\nposition: 1\n".encode("utf-16-le")
    )
    write("priorities/kilo/big.yaml", "# " + "x" * (1024 * 1024 - 2) + "\n")
    write("priorities/kilo/inc.yaml", "title: I\nposition: 3\ndescription: |\n"
          "  .. Include:: /etc/passwd\n")  # fmt: skip
    _, lines = run("validate")
    assert lines[:5] == [
        "priorities/kilo/big.yaml:1:1: file is 1048577 bytes; priority files are "
        "limited to 1048576 bytes (1 MiB)",
        "priorities/kilo/empty.yaml:1:1: missing required field 'position'",
        "priorities/kilo/empty.yaml:1:1: missing required field 'title'",
        "priorities/kilo/inc.yaml:4:3: description: the include directive is not "
        "allowed in a description: it pulls in outside content or raw markup",
        "priorities/kilo/utf16.yaml:1:1: not UTF-8: the file looks like UTF-16; "
        "save it as UTF-8",
    ]


def test_output_never_fails(repo: Path, write: WriteFile) -> None:
    for index in range(300):
        write(f"priorities/kilo/p{index}.yaml", "title: x\nposition: 0\n")
    pipe = subprocess.run(
        f"'{Path(SCRIPT)}' validate | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=TIMEOUT,
        check=False,
    )
    assert "Traceback" not in pipe.stderr and "BrokenPipe" not in pipe.stderr
    name = os.fsdecode(b"caf\xe9.yaml")
    (repo / "priorities" / "kilo" / name).write_text(VALID)
    result = run_cli("validate", "priorities/kilo/" + name, timeout=TIMEOUT)
    assert "Traceback" not in result.stderr
    assert "caf\\xe9.yaml" in result.stdout


def test_check_change_output_into_a_missing_folder(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path)
    for target in ("missing/folder/out.json", "."):
        result = run_cli(
            "check-change",
            "--format",
            "json",
            "--output",
            target,
            cwd=str(repo.working_tree_dir),
        )
        assert result.returncode == 2
        assert result.stderr.startswith(
            f"nova-priorities: cannot write --output {target}:"
        )


def test_spanning_cells_on_import_are_an_error(repo: Path) -> None:
    seed = KILO_SEED.read_text()
    row = "| `Bugs`_                 | `Sean Dague`_         |\n"
    spanning = seed.replace(row, "|" + " `Bugs`_".ljust(len(row) - 3) + "|\n")
    assert spanning != seed
    (repo / "kilo-priorities.rst").write_text(spanning)
    code, lines = run("import", "kilo-priorities.rst")
    assert code == 1
    assert lines == [
        f"kilo-priorities.rst:{seed.splitlines().index(row[:-1]) + 1}:1: row 8 of the "
        "table has a cell spanning rows or columns; give each priority a row of its "
        "own, Priority | Owner; nothing was written"
    ]
    assert os.listdir(repo / "priorities") == []


INLINE_OWNER = """\
Kilo Project Priorities
=======================

+----------+-------------------------------------------------+
| Priority | Owner                                           |
+==========+=================================================+
| `Bugs`_  | `Andrew Laski <https://launchpad.net/~alaski>`_ |
+----------+-------------------------------------------------+

Bugs
----

Fix bugs.
"""


def test_an_owner_written_as_an_inline_link_is_read(repo: Path) -> None:
    (repo / "kilo-priorities.rst").write_text(INLINE_OWNER)
    code, lines = run("import", "kilo-priorities.rst")
    assert code == 0, lines
    assert (
        (repo / "priorities" / "kilo" / "bugs.yaml")
        .read_text()
        .endswith(
            "owners:\n  - name: Andrew Laski\n    launchpad: alaski\ndescription: |\n"
            "  Fix bugs.\n"
        )
    )


# --- git ---------------------------------------------------------------------


def _git_repo(tmp_path: Path) -> git.Repo:
    repo = git.Repo.init(tmp_path / "project")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test Contributor")
        config.set_value("user", "email", "contributor@example.org")
    root = Path(repo.working_tree_dir or "")
    (root / "priorities" / "kilo").mkdir(parents=True)
    (root / "priorities" / "kilo" / "cells-v2.yaml").write_text(VALID)
    repo.git.add("-A")
    repo.git.commit("-m", "base")
    return repo


def test_staged_reads_the_index_git_commit_uses(tmp_path: Path) -> None:
    """git commit -a runs the hook with GIT_INDEX_FILE set to a temporary
    index holding the working tree's content."""
    repo = _git_repo(tmp_path)
    root = Path(repo.working_tree_dir or "")
    (root / "priorities" / "kilo" / "cells-v2.yaml").write_text(
        "title: x\nposition: 0\n"
    )
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec '{SCRIPT}' validate --staged\n")
    hook.chmod(0o755)
    result = subprocess.run(
        ["git", "commit", "-a", "-m", "broken"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NOVA_PRIORITIES_CACHE": "off"},
    )
    assert result.returncode == 1
    # git shows a hook's output on stderr
    assert "position: 0 is too small" in result.stdout + result.stderr


def test_index_version_4_and_gitlinks(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path)
    root = Path(repo.working_tree_dir or "")
    repo.git.update_index("--index-version", "4")
    sha = repo.head.commit.hexsha
    repo.git.update_index(
        "--add", "--cacheinfo", f"160000,{sha},priorities/kilo/sub.yaml"
    )
    code, lines = run("validate", "--staged", cwd=root)
    assert code == 1
    assert lines[0] == (
        "priorities/kilo/sub.yaml:1:1: is a submodule (gitlink); a priority file "
        "must be a regular file"
    )


def test_a_release_folder_staged_as_a_symlink_or_submodule(tmp_path: Path) -> None:
    """As check-change and validate refuse it; --staged said "0 files
    checked: no problems", for git lists such a folder as a file, which no
    data pattern matches."""
    repo = _git_repo(tmp_path)
    root = Path(repo.working_tree_dir or "")
    os.symlink("kilo", root / "priorities" / "juno")
    repo.git.add("priorities/juno")
    sha = repo.head.commit.hexsha
    repo.git.update_index("--add", "--cacheinfo", f"160000,{sha},priorities/newton")
    # a symlink elsewhere is none of this check's business
    os.symlink("README", root / "elsewhere")
    repo.git.add("elsewhere")
    code, lines = run("validate", "--staged", cwd=root)
    assert (code, lines) == (
        1,
        [
            "priorities/juno:1:1: the release folder is a symlink (to 'kilo'); a "
            "release's files sit in a folder of its own: replace the link with the "
            "folder",
            "priorities/newton:1:1: the release folder is a submodule; a release's "
            "files sit in a folder of its own: replace the submodule with the folder",
            "2 files checked: 2 errors in 2 files",
        ],
    )


def test_staged_symlinks_and_oversized_blobs(tmp_path: Path) -> None:
    """Each refused at its path; the blob reader stays in step after skipping
    a large blob (the file staged after it is still read right)."""
    repo = _git_repo(tmp_path)
    root = Path(repo.working_tree_dir or "")
    kilo = root / "priorities" / "kilo"
    (kilo / "big.yaml").write_bytes(b"title: x\n# " + b"x" * 2_000_000 + b"\n")
    (kilo / "link.yaml").symlink_to("cells-v2.yaml")
    (kilo / "zz.yaml").write_text("title: x\nposition: 0\n")
    repo.git.add("-A")
    code, lines = run("validate", "--staged", cwd=root)
    assert code == 1
    assert lines[0].startswith(
        "priorities/kilo/big.yaml:1:1: file is 2000012 bytes; priority files are "
        "limited to"
    )
    assert lines[1] == (
        "priorities/kilo/link.yaml:1:1: is a symlink; a priority file must be a "
        "regular file"
    )
    assert any(
        line.startswith("priorities/kilo/zz.yaml:2:11:") and "too small" in line
        for line in lines
    ), lines


# --- silent passes -----------------------------------------------------------


def test_named_paths(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/a.yaml", "title: x\nposition: 0\n")
    write("README.md", "hello\n")
    code, lines = run("validate", "priorities/kilo/")
    assert code == 1 and "position: 0 is too small" in lines[0]
    assert run("validate", "nonexist.yaml")[1][0] == (
        "nonexist.yaml:1:1: no such file or folder"
    )
    assert run("validate", "nonexist.yaml")[0] == 1
    code, lines = run("validate", "README.md")
    assert code == 0
    assert lines[0] == (
        "README.md:1:1: warning: not checked: not a priority file (a .yaml, .yml "
        "or .json file in priorities/)"
    )


def test_a_page_without_regions_is_an_error(repo: Path) -> None:
    page = kilo_repo(repo)
    page.write_text("Kilo\n====\n\nWritten by hand.\n")
    code, lines = run("render", "--check")
    assert code == 1
    assert lines[0].startswith(
        "priorities/kilo-priorities.rst:1:1: the page has no generated regions, so "
        "it cannot show the data of"
    )


def test_same_slug_with_two_extensions(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells.yaml", "title: A\nposition: 1\n")
    write("priorities/kilo/cells.json", '{"title": "B", "position": 2}')
    code, lines = run("validate")
    assert code == 1
    assert lines[:2] == [
        "priorities/kilo/cells.json:1:1: cells is also the slug of "
        "priorities/kilo/cells.yaml; keep one file",
        "priorities/kilo/cells.yaml:1:1: cells is also the slug of "
        "priorities/kilo/cells.json; keep one file",
    ]


def test_a_folder_that_is_no_release(repo: Path, write: WriteFile) -> None:
    write("priorities/Notes/README.md", "notes\n")
    code, lines = run("validate")
    assert (code, lines[0]) == (
        1,
        "priorities/Notes:1:1: folder 'Notes' in the data folder is not a release "
        "(lowercase like 'kilo', or a year and number like '2023.1'; at most 40 "
        "characters); rename it, move it out, or list it in the configuration's "
        "exclude",
    )
    code, lines = run("render")
    assert code == 1 and not (repo / "priorities" / "Notes-priorities.rst").exists()


# --- churn -------------------------------------------------------------------


def test_crlf_pages_keep_their_line_ends(repo: Path) -> None:
    page = kilo_repo(repo)
    crlf = page.read_bytes().replace(b"\n", b"\r\n")
    page.write_bytes(crlf)
    assert run("render")[0] == 0
    assert page.read_bytes() == crlf
    assert run("render", "--check")[0] == 0


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ('.. nova-priorities:begin:sections postions="1-"',
         "unknown option 'postions' of the sections region; did you mean "
         "'positions'? options are positions, underline"),
        ('.. nova-priorities:begin:sections underline="ab"',
         'underline="ab" is not one of the characters RST underlines titles with'),
        ('.. nova-priorities:begin:sections underline=""',
         'underline="" is not one of the characters'),
        ('.. nova-priorities:begin:table owner-heading=""',
         'owner-heading="" is empty'),
    ],
)  # fmt: skip
def test_region_options_are_checked(repo: Path, marker: str, expected: str) -> None:
    page = kilo_repo(repo)
    name = marker.split(":")[2].split(maxsplit=1)[0]
    text = page.read_text()
    begin = next(line for line in text.splitlines() if line.startswith(
        f".. nova-priorities:begin:{name}"))  # fmt: skip
    page.write_text(text.replace(begin, marker))
    code, lines = run("render")
    assert code == 1
    line = text.splitlines().index(begin) + 1
    assert lines[0].startswith(f"priorities/kilo-priorities.rst:{line}:1: {expected}")


@pytest.mark.parametrize("release", ["..", "../../x", "Kilo", "kilo\nx"])
def test_import_release_is_a_release_name(repo: Path, release: str) -> None:
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    result = run_cli("import", "kilo-priorities.rst", "--release", release)
    assert result.returncode == 2
    assert "is not a release name" in result.stderr
    assert "Traceback" not in result.stderr
    assert os.listdir(repo / "priorities") == []


def test_a_blob_name_cannot_carry_a_second_request(tmp_path: Path) -> None:
    """cat-file --batch reads one name per line: a name with a line break
    would make two requests and put every later answer out of step."""
    from nova_priorities.hooks.gitindex import Git

    repo = _git_repo(tmp_path)
    git_ = Git.find(str(repo.working_tree_dir))
    assert git_.blob(":priorities/kilo/cells-v2.yaml\n:priorities") is None
    found = git_.blob(":priorities/kilo/cells-v2.yaml")
    assert isinstance(found, bytes) and found.startswith(b"title: Cells v2")


def test_a_missing_blob_name_with_spaces_is_missing(tmp_path: Path) -> None:
    """git answers "<name> missing": a name with two spaces splits into
    three words, like a found object's "<id> <kind> <size>"."""
    from nova_priorities.hooks.gitindex import Git

    repo = _git_repo(tmp_path)
    git_ = Git.find(str(repo.working_tree_dir))
    assert git_.blob(":no-such file.yaml") is None
    assert git_.kind("HEAD:no such") is None
    assert git_.kind("HEAD:priorities/kilo") == "tree"
    found = git_.blob(":priorities/kilo/cells-v2.yaml")  # still in step
    assert isinstance(found, bytes) and found.startswith(b"title: Cells v2")
