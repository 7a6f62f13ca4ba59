"""What the check of one release folder found, and how the cache keeps it.

The runner sends it from a worker process (no origins, no texts) and keeps
it in the release's bundle: when none of the release's files changed, the
kept result is all a plain validation needs.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, cast

from .problems import Problem
from .repository_rules import ContinuesUse, LabelUse, OwnerUse

if TYPE_CHECKING:
    from .model import Priority
    from .sources import Source


@dataclasses.dataclass
class ReleaseResult:
    """What a task found (sent back from a worker: no origins, no texts)."""

    checked: list[str]
    problems: list[Problem]
    owners: list[OwnerUse]
    labels: list[LabelUse]
    continues: list[ContinuesUse]
    known: list[tuple[str, str]]  # (<release>/<slug>, title) of the valid ones
    links: list[tuple[str, Problem]]  # the targets' relative links
    priorities: list[Priority]  # empty unless kept


def result_json(result: ReleaseResult) -> list[Any]:
    """A release's result as the bundle keeps it (see :func:`result_from`)."""
    from .engine import problem_json

    return [
        [[p.path, *problem_json(p)] for p in result.problems],
        [[use.path, use.index, use.name, use.launchpad] for use in result.owners],
        [[use.path, use.index, use.label, use.release] for use in result.labels],
        [[url, p.path, *problem_json(p)] for url, p in result.links],
        [[u.path, u.release, u.slug, u.target] for u in result.continues],
        [list(pair) for pair in result.known],
    ]


def result_from(value: object, targets: list[Source]) -> ReleaseResult | None:
    """A release's result as the bundle keeps it, or None if unreadable
    (``targets``: the files whose problems it reports)."""
    try:
        problems, owners, labels, links, continues, known = cast(
            "list[list[Any]]", value
        )
        return ReleaseResult(
            checked=sorted(s.file.path for s in targets),
            problems=[Problem(*p) for p in problems],
            owners=[OwnerUse(*use) for use in owners],
            labels=[LabelUse(*use) for use in labels],
            links=[(url, Problem(*where)) for url, *where in links],
            continues=[ContinuesUse(*use) for use in continues],
            known=[(str(name), str(title)) for name, title in known],
            priorities=[],
        )
    except (TypeError, ValueError):
        return None
