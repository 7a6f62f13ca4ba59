"""release_result: a release's findings survive the cache's plain form, and
whatever else the cache holds under its key is refused, not trusted."""

from __future__ import annotations

import marshal

import pytest

from nova_priorities.hooks.layout import PriorityFile
from nova_priorities.hooks.problems import Problem
from nova_priorities.hooks.release_result import (
    ReleaseResult,
    result_from,
    result_json,
)
from nova_priorities.hooks.repository_rules import ContinuesUse, LabelUse, OwnerUse
from nova_priorities.hooks.sources import Source


def source(path: str) -> Source:
    return Source(PriorityFile(path, "kilo"), lambda: "")


def test_a_result_comes_back_from_its_cached_form_as_it_was() -> None:
    a, b = "priorities/kilo/a.yaml", "priorities/kilo/b.yaml"
    result = ReleaseResult(
        checked=[a],
        problems=[Problem(a, 3, 7, "title: empty", rule="schema")],
        owners=[OwnerUse(a, 0, "Dan Smith", "danms")],
        labels=[LabelUse(b, 1, "cells", "kilo")],
        continues=[ContinuesUse(a, "kilo", "a", "juno/cells")],
        known=[("kilo/a", "Cells v2"), ("kilo/b", "Scheduler")],
        links=[("../x.rst", Problem(a, 9, 11, "links[0].url", severity="warning"))],
        priorities=[],
    )
    # as the bundle stores it: marshal's plain values
    stored = marshal.loads(marshal.dumps(result_json(result)))
    assert result_from(stored, [source(a)]) == result


@pytest.mark.parametrize(
    "stored",
    [None, "text", [], [[], [], [], [], []], [[["p", 1]], [], [], [], [], []]],
)
def test_anything_else_under_its_key_is_refused(stored: object) -> None:
    assert result_from(stored, [source("priorities/kilo/a.yaml")]) is None
