"""Specs name their priority with :priority:; validate checks the roles."""

from __future__ import annotations

from pathlib import Path

from conftest import WriteFile, run_cli

from nova_priorities.hooks.specs import read_spec

SPEC = """\
..
 This work is licensed under a Creative Commons Attribution 3.0 Unported
 License.

==========================
Cells scheduling, at last
==========================

`https://blueprints.launchpad.net/nova/+spec/cells-
scheduling <https://blueprints.launchpad.net/nova/+spec/cells-
scheduling>`_

Problem description
===================

Text.

Project Priority
----------------

{priority}

Proposed change
===============

More text.
"""


def test_a_spec_is_read_for_its_facts() -> None:
    text = SPEC.format(priority="Part of :priority:`the cells work <kilo/cells-v2>`.")
    spec = read_spec("specs/kilo/approved/x.rst", text, "kilo", "approved")
    assert spec.title == "Cells scheduling, at last"
    assert spec.blueprint == "cells-scheduling"
    assert [(r.target, r.line, r.column) for r in spec.roles] == [
        ("kilo/cells-v2", 21, 9)
    ]
    assert spec.section is not None
    first, end = spec.section
    assert text.splitlines()[first - 1 : end - 1] == [
        "",
        "Part of :priority:`the cells work <kilo/cells-v2>`.",
        "",
    ]


def test_validate_checks_the_roles_of_specs(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells-v2.yaml", "title: Cells v2\nposition: 1\n")
    write(
        "specs/kilo/approved/good.rst",
        SPEC.format(priority=":priority:`kilo/cells-v2`"),
    )
    write("specs/kilo/approved/bad.rst", SPEC.format(priority=":priority:`kilo/cells`"))
    write("specs/kilo/implemented/none.rst", SPEC.format(priority="None."))
    result = run_cli("validate")
    assert result.stdout.splitlines() == [
        "specs/kilo/approved/bad.rst:21:1: :priority:`kilo/cells` names no priority "
        "of this repository (RELEASE/SLUG); did you mean kilo/cells-v2?",
        "4 files checked: 1 error in 1 file",
    ]
    # The hook's view: the changed spec alone, the priorities by name.
    hook = run_cli("validate", "specs/kilo/approved/bad.rst")
    assert hook.stdout.splitlines()[0].startswith("specs/kilo/approved/bad.rst:21:1:")
    assert run_cli("validate", "specs/kilo/approved/good.rst").returncode == 0
