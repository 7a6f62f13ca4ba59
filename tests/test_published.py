"""Relative links: what a link in the data names (hooks/published.py), and
validate reporting the ones that name nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import git
import pytest
from conftest import WriteFile, run_cli

from nova_priorities.hooks.config import Config
from nova_priorities.hooks.published import DiskFiles, Published


@pytest.fixture
def specs(tmp_path: Path) -> Published:
    """nova-specs' shape: priorities/ and specs/<release>/{approved,
    implemented}/ at the root, a redirects file per release."""
    for path in (
        "specs/pike/approved/x.rst",
        "specs/pike/implemented/moved.rst",
        "specs/pike/implemented/index.rst",
        "doc/source/index.rst",
        "images/a.png",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x\n")
    (tmp_path / "specs/pike/redirects").write_text(
        "approved/moved.rst ../implemented/moved.rst\n"
        "approved/loop.rst ../approved/loop2.rst\n"
        "approved/loop2.rst ../approved/loop.rst\n"
        "a line that is no redirect\n"
        # out of the repository and back into it: a path that leads out
        f"approved/away.rst ../../../../{tmp_path.name}/specs/pike/approved/x.rst\n"
    )
    config = Config(root=str(tmp_path), redirects_file="redirects")
    return Published(config, DiskFiles(str(tmp_path)))


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("../specs/pike/approved/x.html", "specs/pike/approved/x.rst"),
        (
            "../specs/pike/approved/x.html#problem-description",
            "specs/pike/approved/x.rst",
        ),
        ("../specs/pike/approved/x.rst", "specs/pike/approved/x.rst"),
        ("../specs/pike/approved/moved.html", "specs/pike/implemented/moved.rst"),
        ("../specs/pike/implemented/", "specs/pike/implemented/index.rst"),
        ("../specs/pike/implemented", "specs/pike/implemented"),
        ("../images/a.png", "images/a.png"),
        ("../specs/pike/approved/%78.html", "specs/pike/approved/x.rst"),
        ("../specs/pike/approved/loop.html", None),
        ("../specs/pike/approved/away.html", None),  # a redirect never leads out
        ("../specs/pike/approved/missing.html", None),
        ("https://example.org/x.html", None),
        ("/specs/pike/approved/x.html", None),
        ("#section", None),
    ],
)
def test_source_of(specs: Published, url: str, source: str | None) -> None:
    assert specs.source_of(url, "pike") == source


def test_link_problems(specs: Published) -> None:
    assert specs.link_problem("../specs/pike/approved/x.html", "pike") is None
    assert specs.link_problem("https://example.org/nothing", "pike") is None
    assert specs.link_problem("approved/x.html", "pike") == (
        "the link 'approved/x.html' names priorities/approved/x.rst, which is not "
        "in the repository (links are relative to the release's page, "
        "priorities/pike-priorities.rst); fix the link"
    )
    assert specs.link_problem("../../etc/passwd", "pike") == (
        "the link '../../etc/passwd' leads out of the repository; link a file "
        "inside it, or write the full https:// URL"
    )
    narrow = dataclasses.replace(specs.config, published_root="specs")
    inside = Published(narrow, specs.files)
    assert inside.link_problem("../specs/pike/approved/x.html", "pike") is None
    assert inside.link_problem("../doc/source/index.rst", "pike") == (
        "the link '../doc/source/index.rst' leads out of the published tree specs/; "
        "link a file inside it, or write the full https:// URL"
    )


def test_validate_reports_links_that_name_nothing(repo: Path, write: WriteFile) -> None:
    write("specs/pike/approved/x.rst", "A spec\n======\n")
    write(
        "priorities/pike/cells.yaml",
        """\
        title: Cells v2
        position: 1
        description: |
          See `the spec <../specs/pike/approved/x.html>`__ and
          `the other <../specs/pike/approved/y.html>`__.
        links:
          - title: spec
            url: ../specs/pike/approved/x.html
          - title: gone
            url: ../specs/pike/approved/gone.html
        """,
    )
    result = run_cli("validate")
    assert result.stdout.splitlines() == [
        "priorities/pike/cells.yaml:5:3: description: the link "
        "'../specs/pike/approved/y.html' names specs/pike/approved/y.rst, which is "
        "not in the repository (links are relative to the release's page, "
        "priorities/pike-priorities.rst); fix the link",
        "priorities/pike/cells.yaml:10:10: links[1].url: the link "
        "'../specs/pike/approved/gone.html' names specs/pike/approved/gone.rst, "
        "which is not in the repository (links are relative to the release's page, "
        "priorities/pike-priorities.rst); fix the link",
        "2 files checked: 2 errors in 1 file",  # the spec is checked too
    ]
    # A warm run (the file's result cached) still looks at the repository.
    write("specs/pike/approved/y.rst", "Another\n=======\n")
    assert len(run_cli("validate").stdout.splitlines()) == 2

    # Staged: the index is the repository.
    repository = git.Repo.init(repo)
    repository.index.add(["priorities/pike/cells.yaml", "specs/pike/approved/x.rst"])
    staged = run_cli("validate", "--staged")
    assert "names specs/pike/approved/y.rst" in staged.stdout
    assert "names specs/pike/approved/gone.rst" in staged.stdout
