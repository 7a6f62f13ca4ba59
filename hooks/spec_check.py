"""The specs' ``:priority:`` roles name priorities that exist."""

from __future__ import annotations

import difflib
from collections.abc import Collection

from .files import MAX_FILE_BYTES, decode, read_regular
from .problems import Problem, ProblemError
from .specs import Spec, read_spec


def read_specs(
    paths: list[tuple[str, str, str]],
) -> tuple[list[Spec], list[Problem]]:
    """The specs at ``paths`` (path, release, status) and why some could not
    be read (too large, not UTF-8, not a file)."""
    specs, problems = [], []
    for path, release, status in paths:
        try:
            raw, size = read_regular(path, MAX_FILE_BYTES, "specs")
            specs.append(read_spec(path, decode(raw, path, size), release, status))
        except ProblemError as error:
            problems.append(error.problem)
        except OSError as error:
            problems.append(
                Problem(path, 1, 1, f"cannot read: {error.strerror}", rule="specs")
            )
    return specs, problems


def check_specs(specs: list[Spec], known: Collection[str]) -> list[Problem]:
    """Each ``:priority:`` role names ``<release>/<slug>`` of a priority."""
    problems = []
    choices = sorted(known)
    for spec in specs:
        for role in spec.roles:
            if role.target in known:
                continue
            close = difflib.get_close_matches(role.target, choices, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]}?" if close else ""
            problems.append(
                Problem(
                    spec.path,
                    role.line,
                    role.column,
                    f":priority:`{role.target}` names no priority of this "
                    f"repository (RELEASE/SLUG){hint}",
                    rule="specs",
                )
            )
    return problems
