"""Hostile input: each file is refused with a clear message, no traceback.

The corpus is in ``hostile_corpus.py``: each entry is the file's bytes and
the message expected at its position.
"""

from __future__ import annotations

import os
import resource
import shutil
from pathlib import Path

import pytest
from conftest import KILO_SEED, REPO_ROOT, run_cli, sphinx_build
from hostile_corpus import CORPUS, VALID_HEAD
from htmlfacts import tables


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_is_refused_clearly(repo: Path, name: str) -> None:
    make, expected = CORPUS[name]
    path = repo / "priorities" / "kilo" / f"{name}.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(make())
    before = sorted(p.name for p in path.parent.iterdir())
    result = run_cli(
        "validate",
        f"priorities/kilo/{name}.yaml",
        timeout=60,  # a guard against hangs, not a speed measure
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"priorities/kilo/{name}.yaml:{expected}"), (
        result.stdout
    )
    assert sorted(p.name for p in path.parent.iterdir()) == before


def _kilo_with_the_corpus(root: Path) -> None:
    """The shipped Kilo priorities, with every hostile file beside them."""
    kilo = root / "priorities" / "kilo"
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", kilo)
    for name, (make, _) in CORPUS.items():
        (kilo / f"{name}.yaml").write_bytes(make())


def _each_refused_at_its_line(output: str) -> None:
    assert "Traceback" not in output
    for name, (_, expected) in CORPUS.items():
        assert f"priorities/kilo/{name}.yaml:{expected}" in output, name


@pytest.mark.slow
def test_the_corpus_in_a_sphinx_build(tmp_path: Path) -> None:
    """Each hostile file is a warning at its line; the page shows the rest."""
    _kilo_with_the_corpus(tmp_path)
    source = tmp_path / "doc"
    source.mkdir()
    (source / "conf.py").write_text(
        'extensions = ["nova_priorities.sphinxext"]\npriorities_dir = "../priorities"\n'
    )
    (source / "index.rst").write_text(
        "Kilo\n====\n\n.. priorities-table:: kilo\n   :sections:\n"
    )
    result = sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    _each_refused_at_its_line(result.stderr)
    # The hostile files that pass the schema share cells-v2's position 1.
    assert "priorities/kilo/cells-v2.yaml:3:11: position: 1 is also the position" in (
        result.stderr
    )
    html = (tmp_path / "out" / "index.html").read_text()
    titles = [row[0][0] for row in tables(html)[0][1:]]
    assert len(titles) == 8 and "Cells v2" not in titles
    assert "Hostile" not in html and "alert(1)" not in html


def test_the_corpus_in_a_change(repo: Path) -> None:
    """check-change reads the hostile files from git: each is refused."""
    import git

    repository = git.Repo.init(repo)
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test Contributor")
        config.set_value("user", "email", "contributor@example.org")
    repository.git.commit("-m", "Empty start", "--allow-empty")
    _kilo_with_the_corpus(repo)
    repository.git.add("-A")
    repository.git.commit("-m", "Hostile change")
    result = run_cli("check-change", "--base", "HEAD~1")
    assert result.returncode == 1
    _each_refused_at_its_line(result.stdout + result.stderr)


def test_the_corpus_with_render(repo: Path) -> None:
    """render refuses to regenerate a page over broken files; the page stays."""
    _kilo_with_the_corpus(repo)
    page = repo / "priorities" / "kilo-priorities.rst"
    shutil.copy(REPO_ROOT / "priorities" / "kilo-priorities.rst", page)
    before = page.read_bytes()
    result = run_cli("render")
    assert result.returncode == 1
    _each_refused_at_its_line(result.stdout + result.stderr)
    assert "priorities/kilo-priorities.rst:1:1: not regenerated: fix the errors" in (
        result.stdout + result.stderr
    )
    assert page.read_bytes() == before


def test_symlink_out_and_stray_files(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "passwd.yaml"
    outside.write_bytes(VALID_HEAD)
    (repo / "priorities" / "kilo").mkdir()
    os.symlink(outside, repo / "priorities" / "kilo" / "link.yaml")
    (repo / "priorities" / "stray.yaml").write_bytes(VALID_HEAD)
    result = run_cli("validate")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        f"priorities/kilo/link.yaml:1:1: symlink to {outside.resolve()}, outside "
        "the repository; a priority file must be a file of the repository",
        "priorities/stray.yaml:1:1: not in a release folder; move it to "
        "priorities/<release>/stray.yaml (e.g. priorities/kilo/stray.yaml), "
        "or list it in the settings' exclude if it is no priority",
    ]


def test_a_release_folder_that_is_a_symlink_is_refused(repo: Path) -> None:
    """Through a symlinked release folder, kilo's files would be liberty's
    too, and git (so check-change) sees a link, not a folder: every path
    refuses it, where validate skipped it and render read kilo twice."""
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    os.symlink("kilo", repo / "priorities" / "liberty")
    refused = (
        "priorities/liberty:1:1: the release folder is a symlink (to 'kilo'); "
        "a release's files sit in a folder of its own: replace the link "
        "with the folder"
    )
    for args in (
        ("validate",),
        ("validate", "priorities/liberty/"),
        ("validate", "priorities/liberty/bugs.yaml"),
    ):
        result = run_cli(*args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert refused in result.stdout.splitlines(), (args, result.stdout)
        assert "is also the slug" not in result.stdout, (args, result.stdout)
    named = run_cli("render", "liberty")
    assert (named.returncode, named.stderr) == (2, f"nova-priorities: {refused}\n")
    # no release: kilo's checks do not read it, and render makes no page of it
    hook = run_cli("validate", "priorities/kilo/bugs.yaml")
    assert (hook.returncode, hook.stdout) == (0, "1 file checked: no problems\n")
    rendered = run_cli("render")
    assert rendered.returncode == 1
    assert refused in rendered.stdout.splitlines(), rendered.stdout
    assert (repo / "priorities" / "kilo-priorities.rst").exists()
    assert not (repo / "priorities" / "liberty-priorities.rst").exists()
    # With a generated page of its own, the link is refused once, and the
    # page is no release of its own to write.
    regions = ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n"
    page = repo / "priorities" / "liberty-priorities.rst"
    page.write_text(regions)
    again = run_cli("render")
    assert again.stdout.splitlines().count(refused) == 1, again.stdout
    assert page.read_text() == regions


def test_another_release_page_that_never_ends_stops_no_hook(repo: Path) -> None:
    """The render hook looks at every release's page (does it show what its
    priorities continue?): one that is a link to an endless device is
    refused unread, as any page is, not read until memory runs out."""
    for release in ("kilo", "liberty"):
        (repo / "priorities" / release).mkdir()
        (repo / "priorities" / release / "a.yaml").write_text("title: A\nposition: 1\n")
    os.symlink("/dev/zero", repo / "priorities" / "liberty-priorities.rst")
    result = run_cli("render", "--files", "priorities/kilo/a.yaml", timeout=30)
    assert result.stdout == "Regenerated priorities/kilo-priorities.rst\n"


def _limit_file_size() -> None:
    # A file size limit makes writes fail as a full disk would (EFBIG;
    # Python ignores SIGXFSZ), for this process only.
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def test_failing_write_leaves_the_old_page(repo: Path) -> None:
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    page = repo / "priorities" / "kilo-priorities.rst"
    old = ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n"
    page.write_text(old)
    result = run_cli("render", preexec_fn=_limit_file_size)
    assert result.returncode == 1
    assert result.stdout == (
        "priorities/kilo-priorities.rst:1:1: cannot write the page: File too large; "
        "it was not changed\n"
    )
    assert page.read_text() == old
    assert sorted(p.name for p in page.parent.iterdir()) == [
        "kilo",
        "kilo-priorities.rst",
    ]


def test_read_only_page_is_left_alone(repo: Path) -> None:
    shutil.copytree(REPO_ROOT / "priorities" / "kilo", repo / "priorities" / "kilo")
    page = repo / "priorities" / "kilo-priorities.rst"
    old = ".. nova-priorities:begin:table\n.. nova-priorities:end:table\n"
    page.write_text(old)
    page.chmod(0o444)
    result = run_cli("render")
    assert result.returncode == 1
    assert result.stdout == (
        "priorities/kilo-priorities.rst:1:1: the page is read-only; it was not "
        "changed (make it writable to let render regenerate it)\n"
    )
    assert page.read_text() == old


def test_failing_import_writes_nothing(repo: Path) -> None:
    shutil.copy(KILO_SEED, repo / "kilo-priorities.rst")
    original = (repo / "kilo-priorities.rst").read_text()
    result = run_cli("import", "kilo-priorities.rst", preexec_fn=_limit_file_size)
    assert result.returncode == 1
    assert result.stdout.endswith(
        ": cannot write: File too large; nothing was written\n"
    )
    assert [p.name for p in (repo / "priorities").rglob("*.yaml")] == []
    assert not (repo / "priorities" / "kilo-priorities.rst").exists()
    assert (repo / "kilo-priorities.rst").read_text() == original
