"""The strict YAML loader: typing, refusals and positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nova_priorities.hooks.loader import (
    MAX_DEPTH,
    Position,
    load_file,
    load_text,
)
from nova_priorities.hooks.problems import ProblemError


def test_only_true_false_and_plain_integers_are_typed() -> None:
    document = load_text(
        "a: 2024.1\nb: no\nc: on\nd: 2015-01-01\ne: true\nf: 7\ng: 007\n"
        "h: 1e3\ni: ~\nj: False\nk: '7'\n",
        "f.yaml",
    )
    assert document.data == {
        "a": "2024.1",
        "b": "no",
        "c": "on",
        "d": "2015-01-01",
        "e": True,
        "f": 7,
        "g": "007",
        "h": "1e3",
        "i": None,
        "j": "False",
        "k": "7",
    }


def test_positions_of_keys_and_values() -> None:
    document = load_text(
        "title: Cells v2\nowners:\n  - name: Andrew Laski\n    launchpad: alaski\n",
        "f.yaml",
    )
    assert document.keys[("owners",)] == Position(2, 1)
    assert document.values[("owners", 0)] == Position(3, 5)
    assert document.values[("owners", 0, "launchpad")] == Position(4, 16)
    assert document.key_position_of(("owners", 0, "launchpad")) == Position(4, 5)
    # A path that does not exist falls back to its nearest parent.
    assert document.position_of(("owners", 0, "missing")) == Position(3, 5)


def test_keys_stay_text() -> None:
    assert load_text("1: a\ntrue: b\n", "f.yaml").data == {"1": "a", "true": "b"}


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: x\n")
    assert load_file(str(path)).data == {"title": "x"}


def test_json_gives_positions() -> None:
    document = load_text(
        '{\n  "title": "x",\n  "position": 1\n}\n', "f.json", is_json=True
    )
    assert document.data == {"title": "x", "position": 1}
    assert document.values[("position",)] == Position(3, 15)


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("title: x\ntitle: y\n", 2, 1, "duplicate key 'title' (first at line 1)"),
        ("a: &x [1]\nb: *x\n", 1, 4, "anchor &x is not allowed"),
        (
            "a: !!python/object:os.system x\n",
            1,
            4,
            "tag tag:yaml.org,2002:python/object",
        ),
        ("a: !custom x\n", 1, 4, "tag !custom is not allowed"),
        ("a: 1\n---\nb: 2\n", 2, 1, "a second YAML document"),
        ("", 1, 1, "file is empty"),
        ("# only a comment\n", 1, 1, "file is empty"),
        ("owners:\n\t- name: x\n", 2, 1, "tab character: YAML indents with spaces"),
        ("title: [x\n", 2, 1, "YAML syntax error"),
        ("title: x\n  bad: indentation\n", 2, 6, "YAML syntax error"),
        ("title: a\x00b\n", 1, 9, "control character U+0000 is not allowed"),
        ("a:\n  b: \x1b[31m\n", 2, 6, "control character U+001B"),
    ],
)
def test_refusals(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ProblemError) as caught:
        load_text(text, "f.yaml")
    assert (caught.value.problem.line, caught.value.problem.column) == (line, column)
    assert message in caught.value.problem.message


def test_alias_refused_before_expansion() -> None:
    # The classic "billion laughs": refused at the first anchor, in no time.
    bomb = 'a: &a ["lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(9)
    )
    with pytest.raises(ProblemError, match="anchor &a is not allowed"):
        load_text(bomb, "f.yaml")


def test_alias_without_anchor_is_refused() -> None:
    with pytest.raises(ProblemError, match=r"alias \*x is not allowed") as caught:
        load_text("a: *x\n", "f.yaml")
    assert (caught.value.problem.line, caught.value.problem.column) == (1, 4)


def test_deep_nesting_is_refused() -> None:
    block = "".join(" " * (2 * i) + "a:\n" for i in range(MAX_DEPTH + 5))
    flow = "[" * 1000 + "]" * 1000
    for source in (block, flow):
        with pytest.raises(ProblemError, match="nest"):
            load_text(source, "f.yaml")


def test_non_utf8_reports_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"title: caf" + b"\xe9\n")
    with pytest.raises(ProblemError) as caught:
        load_file(str(path))
    assert (caught.value.problem.line, caught.value.problem.column) == (1, 11)
    assert caught.value.problem.message.startswith("not UTF-8: byte 0xe9")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    with pytest.raises(
        ProblemError,
        match=r"file is 2097155 bytes; priority files are limited to 1048576 bytes",
    ):
        load_file(str(path))


def test_invalid_json_is_reported_at_its_position() -> None:
    with pytest.raises(ProblemError) as caught:
        load_text('{\n  "title": "x",\n}\n', "f.json", is_json=True)
    assert (caught.value.problem.line, caught.value.problem.column) == (3, 1)
    assert caught.value.problem.message.startswith("invalid JSON")


def test_positions_are_found_only_when_asked() -> None:
    # Most files have no problem, so no position is ever asked for.
    document = load_text("title: Cells v2\nposition: 1\n", "f.yaml")
    assert document.located is None
    assert document.position_of(("position",)) == Position(2, 11)
    assert document.located is not None


# Fragments of YAML that the quick pass and the detailed pass must judge
# alike: the quick one only says "refused", the detailed one says why.
FRAGMENTS = st.sampled_from(
    [
        "a: 1\n", "a: 2\n", "b: x\n", "- x\n", "  c: y\n", "  - z\n", "---\n",
        "d: &x 1\n", "e: *x\n", "f: !!str 1\n", "g: !custom 1\n", "[1, 2]\n",
        "{h: 1, h: 2}\n", "? [k]\n: v\n", "i: [\n", "j: {a: [b, {c: d}]}\n",
        "# comment\n", "k: |\n  text\n", '"l": "\\u00e9"\n', "m:\n", "...\n",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(FRAGMENTS, max_size=6).map("".join))
def test_quick_and_detailed_passes_agree(text: str) -> None:
    try:
        document = load_text(text, "f.yaml")
    except ProblemError as refused:
        assert refused.problem.message  # never the internal AssertionError
        return
    # Accepted: the detailed pass accepts it too, and locates the data.
    assert set(document.values) >= {()}
