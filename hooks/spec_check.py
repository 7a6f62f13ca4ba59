"""The specs' ``:priority:`` roles name priorities that exist."""

from __future__ import annotations

from collections.abc import Callable, Collection

from .files import read_text
from .layout import leads_outside
from .problems import Problem, ProblemError, did_you_mean
from .specs import Spec, read_spec


def read_specs(
    paths: list[tuple[str, str, str]],
    root: str,
    read: Callable[[str], str] | None = None,
) -> tuple[list[tuple[Spec, str]], list[Problem]]:
    """The specs at ``paths`` (path, release, status), each with its text,
    and why some could not be read (too large, not UTF-8, not a file, a
    symlink out of the repository ``root``: its text would be published).
    ``read`` gives a spec's text from elsewhere than the disk (the index)."""
    specs, problems = [], []
    for path, release, status in paths:
        if read is None and leads_outside(path, root) is not None:  # any folder
            message = "is a symlink to a file outside the repository; it is not read"
            problems.append(Problem(path, 1, 1, message, rule="specs"))
            continue
        try:
            text = read_text(path, "specs") if read is None else read(path)
        except ProblemError as error:
            problems.append(error.problem)
            continue
        specs.append((read_spec(path, text, release, status), text))
    return specs, problems


def check_specs(specs: list[Spec], known: Collection[str]) -> list[Problem]:
    """Each ``:priority:`` role names ``<release>/<slug>`` of a priority."""
    problems = []
    choices = sorted(known)
    for spec in specs:
        for role in spec.roles:
            if role.target in known:
                continue
            hint = did_you_mean(role.target, choices, before="; ", cutoff=0.5)
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
