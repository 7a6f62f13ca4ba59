"""Adoption in a repository shaped like openstack/nova-specs, end to end.

The fixture is written here (tests never read a fetched copy): hand-written
pages for two releases with labels, prose sections and relative links to
specs, a spec moved by a ``redirects`` file, a comment-only YAML file in
the data folder, and docs whose ``doc/source`` links ``priorities`` and
``specs`` in, with a devref page showing both releases. The steps are the
ones doc/source/adopting.rst describes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote, urlsplit

import git
import pytest
from conftest import identify, run_cli
from conftest import sphinx_build as sphinx

pytestmark = pytest.mark.slow

KILO_PAGE = """\
.. _kilo-priorities:

=======================
Kilo Project Priorities
=======================

List of priorities the nova development team is prioritizing in Kilo.

+--------------------------+-----------------------+
| Priority                 | Owner                 |
+==========================+=======================+
| `Cells v2`_              | `Andrew Laski`_       |
+--------------------------+-----------------------+
| `Objects`_               | `Dan Smith`_          |
+--------------------------+-----------------------+
| `No downtime DB          | `Dan Smith`_          |
| upgrades`_               |                       |
+--------------------------+-----------------------+

.. _Andrew Laski: https://launchpad.net/~alaski
.. _Dan Smith: https://launchpad.net/~danms

.. _kilo-cells:

Cells v2
--------

Make cells a first class citizen: see the `cells spec
<../specs/kilo/approved/cells-v2.html>`_.

Objects
-------

Objects are needed by `No downtime DB upgrades`_; the `objects spec
<../specs/kilo/approved/objects.html#proposed-change>`_ says how.

No downtime DB upgrades
-----------------------

Online schema changes.

* `upgrades etherpad <https://etherpad.openstack.org/p/kilo-upgrades>`_

How we review
-------------

Prose of the page's own; see :ref:`kilo-cells`.
"""

LIBERTY_PAGE = """\
.. _liberty-priorities:

==========================
Liberty Project Priorities
==========================

+--------------------------+-----------------------+
| Priority                 | Owner                 |
+==========================+=======================+
| `Cells v2`_              | `Andrew Laski`_       |
+--------------------------+-----------------------+
| `No downtime DB          | `Dan Smith`_          |
| upgrades`_               |                       |
+--------------------------+-----------------------+

.. _Andrew Laski: https://launchpad.net/~alaski
.. _Dan Smith: https://launchpad.net/~danms

.. _liberty-cells:

Cells v2
--------

Cells again, after `No downtime DB upgrades`_; the `cells spec
<../specs/liberty/approved/cells-v2.html>`_ moved on, and so did the
`kilo one <../specs/kilo/approved/flavors.html>`_.

No downtime DB upgrades
-----------------------

Online data migrations.
"""

SPEC = (
    "{title}\n{rule}\n\nPriority: :ref:`kilo-priorities`.\n\n"
    "Proposed change\n---------------\n\nText.\n"
)

FILES = {
    ".nova-priorities.toml": """\
        exclude = ["priorities/priority-blueprints-to-review.yaml"]
        schema-comment = ""
        redirects-file = "redirects"
        """,
    "priorities/priority-blueprints-to-review.yaml": "# priority blueprints\n",
    "specs/kilo/redirects": "approved/flavors.rst ../implemented/flavors.rst\n",
    "doc/source/conf.py": """\
        import os, sys
        sys.path.insert(0, os.path.dirname(__file__))
        extensions = ["nova_priorities.sphinxext", "redirect"]
        """,
    # As nova-specs' doc/source/redirect.py: a page for each moved spec.
    "doc/source/redirect.py": """\
        import os

        def write_redirects(app, exception):
            for folder, _, files in os.walk(app.srcdir, followlinks=True):
                if "redirects" not in files:
                    continue
                out = os.path.join(app.outdir, os.path.relpath(folder, app.srcdir))
                for line in open(os.path.join(folder, "redirects")):
                    old, new = line.replace(".rst", ".html").split()
                    target = os.path.join(out, old)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "w") as page:
                        page.write(f'<meta http-equiv="refresh" content="0;url={new}">')

        def setup(app):
            app.connect("build-finished", write_redirects)
            return {"parallel_read_safe": True, "parallel_write_safe": True}
        """,
    "doc/source/index.rst": """\
        Nova Specs
        ==========

        .. toctree::
           :glob:

           priorities/*
           specs/*/*/*
           devref
        """,
    "doc/source/devref.rst": """\
        Planning
        ========

        Kilo's cells work was :priority:`kilo/cells-v2`, again in
        :priority:`Liberty <liberty/cells-v2>`; see also :ref:`liberty-cells`.

        Kilo
        ----

        .. priorities-table:: kilo
           :sections:

        Liberty
        -------

        .. priorities-table:: liberty
           :sections:
        """,
}
SPECS = [
    "specs/kilo/approved/cells-v2.rst",
    "specs/kilo/approved/objects.rst",
    "specs/kilo/implemented/flavors.rst",
    "specs/liberty/approved/cells-v2.rst",
]


@pytest.fixture
def nova_specs(
    tmp_path: Path,
    hook_repository: tuple[str, str],
    pre_commit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> git.Repo:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(pre_commit_home))
    repo = git.Repo.init(tmp_path / "nova-specs")
    identify(repo)
    root = Path(repo.working_tree_dir or "")
    files = {
        **{name: textwrap.dedent(text) for name, text in FILES.items()},
        "priorities/kilo-priorities.rst": KILO_PAGE,
        "priorities/liberty-priorities.rst": LIBERTY_PAGE,
        **{
            spec: SPEC.format(title=Path(spec).stem, rule="=" * len(Path(spec).stem))
            for spec in SPECS
        },
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "doc/source/priorities").symlink_to("../../priorities")
    (root / "doc/source/specs").symlink_to("../../specs")
    path, rev = hook_repository
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n"
        "      - id: priorities-validate\n      - id: priorities-render\n"
        "      - id: priorities-links\n"
    )
    repo.git.add("-A")
    repo.git.commit("-m", "hand-written pages")
    return repo


def pre_commit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def relative_hrefs(html: str) -> list[str]:
    hrefs = re.findall(r'href="([^"]*)"', html)
    return [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]


def test_adopting_in_a_nova_specs_shaped_repository(
    nova_specs: git.Repo, tmp_path: Path
) -> None:
    root = Path(nova_specs.working_tree_dir or "")
    for release in ("kilo", "liberty"):
        result = run_cli("import", f"priorities/{release}-priorities.rst", cwd=root)
        assert result.returncode == 0, result.stdout
    cells = (root / "priorities/kilo/cells-v2.yaml").read_text()
    assert cells.startswith("title: Cells v2\n")  # no schema comment
    assert "labels:\n  - kilo-cells\n" in cells
    kilo = (root / "priorities/kilo-priorities.rst").read_text()
    assert ".. _priority-kilo-cells-v2:\n.. _kilo-cells:\n\nCells v2\n" in kilo
    assert "How we review\n-------------\n\nProse of the page's own" in kilo

    # Every check passes on the imported repository.
    validate = run_cli("validate", cwd=root)
    assert (validate.returncode, validate.stdout) == (
        0,
        "9 files checked: no problems\n",  # 5 priority files and 4 specs
    )
    assert run_cli("render", "--check", cwd=root).returncode == 0
    installed = pre_commit(root, "install")
    assert installed.returncode == 0, installed.stderr
    hooks = pre_commit(root, "run", "--all-files")
    assert hooks.returncode == 0, hooks.stdout + hooks.stderr
    nova_specs.git.add("-A")
    nova_specs.git.commit("-m", "priorities as data")
    change = run_cli("check-change", cwd=root)
    assert change.returncode == 0, change.stdout

    # The docs job: -W, in parallel; every relative link leads to a built file.
    out = tmp_path / "html"
    build = sphinx(root / "doc/source", out, "-W", "-j", "2")
    assert build.returncode == 0, build.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        for href in relative_hrefs(page.read_text()):
            target = page.parent / unquote(urlsplit(href).path)
            assert target.is_file() or (target / "index.html").is_file(), (
                f"{page.relative_to(out)} links {href}"
            )
    devref = (out / "devref.html").read_text()
    # The moved spec, rebased for the devref page and through the redirect.
    assert 'href="specs/kilo/implemented/flavors.html"' in devref
    assert 'href="specs/kilo/approved/objects.html#proposed-change"' in devref
    assert 'href="priorities/kilo-priorities.html#priority-kilo-cells-v2"' in devref
    assert 'href="priorities/liberty-priorities.html#liberty-cells"' in devref
    spec = (out / "specs/kilo/approved/cells-v2.html").read_text()
    assert 'href="../../../priorities/kilo-priorities.html"' in spec
    # The generated page keeps its links as written.
    assert (
        'href="../specs/kilo/approved/cells-v2.html"'
        in (out / "priorities/kilo-priorities.html").read_text()
    )

    # A broken link, a name clash: each reported by the hooks, once.
    broken = (root / "priorities/liberty/cells-v2.yaml").read_text()
    (root / "priorities/liberty/cells-v2.yaml").write_text(
        broken.replace("approved/cells-v2.html", "approved/cels-v2.html")
    )
    nova_specs.git.add("-A")
    failed = pre_commit(root, "run")
    assert failed.returncode == 1
    message = "names specs/liberty/approved/cels-v2.rst, which is not in the repository"
    assert failed.stdout.count(message) == 1, failed.stdout
    assert os.path.exists(root / "priorities/liberty-priorities.rst")
    nova_specs.git.checkout("HEAD", "--", "priorities/liberty/cells-v2.yaml")
    _move_the_implemented_spec(nova_specs, root)


def _move_the_implemented_spec(nova_specs: git.Repo, root: Path) -> None:
    """The cycle's end: the implemented spec moves, and its link breaks
    unless a redirect says where it went (the priorities-links hook)."""
    (root / "specs/liberty/implemented").mkdir()
    nova_specs.git.mv(
        "specs/liberty/approved/cells-v2.rst", "specs/liberty/implemented/cells-v2.rst"
    )
    failed = pre_commit(root, "run")
    assert failed.returncode == 1
    moved = (
        "this change moves specs/liberty/approved/cells-v2.rst to "
        "specs/liberty/implemented/cells-v2.rst, which "
        "priorities/liberty/cells-v2.yaml:"
    )
    assert failed.stdout.count(moved) == 1, failed.stdout
    (root / "specs/liberty/redirects").write_text(
        "approved/cells-v2.rst ../implemented/cells-v2.rst\n"
    )
    nova_specs.git.add("-A")
    moved_with_redirect = pre_commit(root, "run")
    assert moved_with_redirect.returncode == 0, moved_with_redirect.stdout
