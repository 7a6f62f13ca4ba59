"""The subset of RST recognized without docutils: whatever it accepts,
docutils finds no problem in, defines no name in, and links only to web
pages; and it accepts the usual markup."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_rst_parse import FRAGMENTS, corpus

from nova_priorities.hooks import rst_check
from nova_priorities.hooks.rst_parse import parse
from nova_priorities.hooks.rst_simple import is_simple
from nova_priorities.hooks.urls import relative_path, url_problem

# What descriptions are made of, and the near misses of each construct.
PIECES = [
    "word",
    "Text",
    "iv",
    "viii.",
    "B)",
    "a.",
    "2.",
    "x_y",
    "y_",
    "x:y",
    "x: y",
    "a@b.org",
    "(",
    ")",
    ".",
    ",",
    "'",
    "..",
    "::",
    "-",
    "``literal``",
    "``)x``",
    "`` x``",
    "``a\\``",
    "*emphasis*",
    "*a*b*",
    "*)*",
    "* x*",
    "**strong**",
    "***",
    "`text <https://example.org/x>`__",
    "`text <https://example.org/x_>`__",
    "`text <https://example.org/x>`_",
    "`text\n<https://example.org/x>`__",
    "`text <example.org/x>`__",
    "`text <javascript:alert(1)>`__",
    "`text <HTTPS://example.org>`__",
    "`text <https://user@example.org>`__",
    "`<https://example.org>`__",
    "` text <https://example.org>`__",
    "`text <https://example.org>`__x",
    "`text`",
    "`text`_",
    "\\*",
    "|sub|",
    "[1]_",
    "https://bare.example.org",
    "<b>",
    "\xa0",  # whitespace to Python, not to every part of docutils
    "\u3000",
]
SEPARATORS = [
    " ",
    " ",
    "\n",
    "\n\n",
    "\n  ",
    "\n   ",
    "\n* ",
    "\n- ",
    "\n\n* ",
    "\t",
    "\n\xa0",
]
TEXTS = st.lists(
    st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(PIECES)),
    min_size=1,
    max_size=12,
).map(lambda pairs: "".join(s + p for s, p in pairs).lstrip("\n "))


def assert_docutils_finds_nothing(text: str) -> None:
    """docutils' findings in ``text`` are none, plain parse and reused."""
    from docutils import nodes

    assert rst_check._docutils_findings(text) == ([], [], []), text
    document, messages, _ = parse(text, reuse=False)
    assert [m.astext() for m in messages if m["level"] >= 2] == [], text
    assert not list(document.findall(nodes.target)), text
    assert not list(document.findall(nodes.section)), text
    for reference in document.findall(nodes.reference):
        url: Any = reference.get("refuri")
        assert url and url_problem(url) is None and relative_path(url) is None, text


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
@example("See `the spec <https://e.org/x.html>`__ and *notes*.\n\n* ``a``: b")
@example("Intro.\n\n* item\n  (*)*")
@example("Intro.\n\n* item\n  continued\n\n- other\n- list")
def test_what_is_called_simple_docutils_finds_nothing_in(text: str) -> None:
    if is_simple(text):
        assert_docutils_finds_nothing(text)
    else:
        rst_check.rst_messages(text)  # never crashes


def test_the_corpus_and_the_fragments() -> None:
    """Of the hostile corpus, the real pages and the fragments, whatever is
    called simple is found clean by docutils."""
    simple = [text for text in corpus() + FRAGMENTS if is_simple(text)]
    for text in simple:
        assert_docutils_finds_nothing(text)
    assert "Some *emphasis*, **strong** and ``literal`` text." in simple


@pytest.mark.parametrize(
    "text",
    [
        "See `the spec <https://specs.openstack.org/x.html>`__ and *notes*.",
        "* `spec 0 <https://review.openstack.org/#/c/30040/>`__ ``hyperv``: x.\n"
        "* **Bold** item, wrapped\n  onto a second line (``code``).",
        "Intro paragraph.\n\n- one\n- two\n\nOutro, with ``literal`` text.",
        "A link wrapped `across\nlines <https://example.org/a/b?c=d&e=f>`__.",
    ],
)
def test_the_usual_markup_is_simple(text: str) -> None:
    assert is_simple(text)
    assert rst_check.rst_messages(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A named `link <https://example.org>`_ defines a name.",
        "A relative `link <../x.html>`__ must be checked against the tree.",
        "A `bad link <javascript:alert(1)>`__.",
        "* nested\n\n  * list",
        "* item\nno blank line after the list",
        "Paragraph\n  indented line: a definition list",
        "Unclosed *emphasis.",
        "A role :code:`x` or a bare https://example.org link.",
        "Text::\n\n  literal block",
        "viii.",
        "Title\n=====",
        "Mail someone@example.org.",
    ],
)
def test_anything_else_goes_to_docutils(text: str) -> None:
    assert not is_simple(text)
