"""rst_text: wrapping cell text to a display width, measured as docutils
measures it (East Asian wide characters count two, combining ones none)."""

from __future__ import annotations

import itertools

from docutils.utils import column_width
from hypothesis import given
from hypothesis import strategies as st

from nova_priorities.hooks.rst_text import escape, wrap

# ASCII, wide (CJK), combining accents and a fullwidth letter: each word
# of either kind, so that both ways of measuring run.
WORDS = st.lists(
    st.text(st.sampled_from("ab-.漢字\u0301\uff21é"), min_size=0, max_size=9),
    max_size=12,
)


@given(WORDS, st.integers(min_value=1, max_value=30))
def test_wrap_fills_each_line_greedily_within_the_limit(
    words: list[str], limit: int
) -> None:
    lines = wrap(words, limit)
    assert " ".join(lines) == " ".join(words)
    for line in lines:
        # only a single word may be wider than the limit
        assert column_width(line) <= limit or line in words
    for line, following in itertools.pairwise(lines):
        first_word = following.split(" ")[0]
        assert column_width(line) + 1 + column_width(first_word) > limit


def test_wrap_examples() -> None:
    assert wrap(["Nova", "API", "microversions"], 10) == ["Nova API", "microversions"]
    assert wrap(["漢字", "漢字", "ab"], 9) == ["漢字 漢字", "ab"]  # 4 + 1 + 4
    assert wrap(["e\u0301", "abcdefg"], 9) == ["e\u0301 abcdefg"]  # é is one wide
    assert wrap([], 5) == [""]


def test_escape_leaves_plain_text_alone_and_escapes_markup() -> None:
    assert escape("Cells v2") == "Cells v2"
    assert escape("*not* `a link`_") == r"\*not\* \`a link\`\_"
    assert escape("1. not a list") == r"\1. not a list"
