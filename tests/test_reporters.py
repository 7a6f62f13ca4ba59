"""The review formats stay under what Gerrit takes."""

from __future__ import annotations

import io
import json
from typing import Any

from nova_priorities.hooks.problems import Problem, Report
from nova_priorities.hooks.reporters import GerritReporter, ZuulReporter


def review(kind: type[GerritReporter] | type[ZuulReporter], report: Report) -> Any:
    stream = io.StringIO()
    kind(stream).write(report)
    return json.loads(stream.getvalue())


def many(errors: int, warnings: int) -> Report:
    """A change of three files with ``errors`` and ``warnings`` spread
    over them (warnings first in file order, to show errors go first)."""
    report = Report(reviewed=frozenset({"a.yaml", "b.yaml", "c.yaml"}))
    for line in range(warnings):
        report.add(Problem("a.yaml", line + 1, 1, "w", severity="warning"))
    for index in range(errors):
        report.add(Problem(f"{'bc'[index % 2]}.yaml", index + 1, 1, "e"))
    return report


def test_a_review_comments_on_at_most_a_hundred_lines_errors_first() -> None:
    """Gerrit refuses a whole review once a change holds more comments than
    its limit (5000 by default, counting every patch set's): a change of
    thousands of bad files would get no vote at all."""
    report = many(errors=130, warnings=20)
    gerrit = review(GerritReporter, report)
    comments = [c for found in gerrit["comments"].values() for c in found]
    assert len(comments) == 100
    assert all(c["unresolved"] for c in comments)  # errors only: 130 of them
    assert "a.yaml" not in gerrit["comments"]  # its warnings left out
    assert [c["line"] for c in gerrit["comments"]["b.yaml"]][:3] == [1, 3, 5]
    assert gerrit["message"].endswith(
        "\n\n50 more problems are not commented inline (at most 100 are, errors "
        "first); `nova-priorities check-change` with the text format shows them all"
    )
    assert gerrit["labels"] == {"Verified": -1}
    zuul = review(ZuulReporter, report)["zuul"]
    assert sum(map(len, zuul["file_comments"].values())) == 100
    assert zuul["warnings"] == [gerrit["message"].split("\n\n")[1]]


def test_a_review_under_the_limit_comments_on_everything() -> None:
    report = many(errors=60, warnings=40)
    gerrit = review(GerritReporter, report)
    assert sum(map(len, gerrit["comments"].values())) == 100
    assert "\n" not in gerrit["message"]
    assert "warnings" not in review(ZuulReporter, report)["zuul"]
