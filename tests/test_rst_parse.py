"""The description parse reuses docutils' parts from one description to the
next (rst_reuse): every parse must give what docutils' plain parse gives,
the tree and the messages, whatever was parsed before it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hostile_corpus import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from nova_priorities.hooks.rst_parse import parse

DATA = Path(__file__).parent / "data"

# Fragments a description is made of, hostile ones included.
FRAGMENTS = [
    "Plain words only.",
    "Some *emphasis*, **strong** and ``literal`` text.",
    "A link: `the spec <https://specs.openstack.org/x.html>`__.",
    "A named link: `Spec One <https://example.org/one>`_ and again `Spec One`_.",
    "`Unknown Name`_ is referred to.",
    ".. _Defined: https://example.org/defined\n\nSee Defined_.",
    ".. _internal:\n\nA paragraph after an internal target.",
    "An anonymous one__.\n\n__ https://example.org/anonymous",
    "* one\n* two with `a link <https://a.org>`__\n\n  * nested\n  * more",
    "#. first\n#. second\n\n3. explicit\n4. numbers",
    "a) letters\nb) more letters",
    "term\n  its definition\n\nother term\n  another",
    "  A block quote.\n\n  -- attribution",
    "::\n\n  literal block\n  of code",
    "Title\n=====\n\nSection text.",
    ":field: value\n:other: value",
    ".. comment that is dropped",
    "Before\n\n----------\n\nAfter a transition.",
    "A footnote [#]_.\n\n.. [#] The note.",
    "A citation [CIT]_.\n\n.. [CIT] The citation.",
    "|sub| substitution.\n\n.. |sub| replace:: replaced",
    ".. raw:: html\n\n   <script>alert(1)</script>",
    ".. include:: /etc/passwd",
    ".. image:: https://example.org/x.png",
    ".. note:: A note directive.",
    ":raw-html:`<b>x</b>` and :title:`t` roles.",
    "`javascript <javascript:alert(1)>`__ link.",
    "Unclosed *emphasis and `backquote.",
    "* item\nno blank line",
    "+-----+-----+\n| a   | b   |\n+-----+-----+",
    "http://standalone.example.org and mail@example.org",
    # known URI schemes (docutils links no other) ending in each kind of
    # character, before the ":", each alone in its text
    "See HTTP://UPPER.example.org here.",
    "See pop3://mail.example.org here.",
    "See whois++://whois.example.org here.",
    "A colon: not a scheme; a:b is one, and so is x@y.",
    "Line one\n  indented wrongly\n\n   more",
]
DESCRIPTIONS = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=5).map(
    "\n\n".join
)


def outcome(text: str, *, reuse: bool) -> tuple[str, list[tuple[Any, ...]]]:
    from docutils import nodes

    document, messages, elements = parse(text, reuse=reuse)
    # the elements given are the final tree's, transforms or not
    assert [id(e) for e in elements] == [id(e) for e in document.findall(nodes.Element)]
    return document.pformat(), [
        (m["level"], m.get("line"), m.astext()) for m in messages
    ]


def corpus() -> list[str]:
    """The hostile corpus' descriptions and the real pages of the tests."""
    texts = [page.read_text() for page in sorted(DATA.glob("*.rst"))]
    for make, _ in CORPUS.values():
        raw = make()
        try:
            data = yaml.safe_load(raw) if b"description" in raw else None
        except yaml.YAMLError:  # hostile as YAML, not as RST
            continue
        if isinstance(data, dict) and isinstance(data.get("description"), str):
            texts.append(data["description"])
    return texts


def test_the_corpus_parses_as_plain_docutils_parses_it() -> None:
    texts = corpus() + FRAGMENTS
    assert len(texts) > len(FRAGMENTS) + 3
    for text in texts + texts[::-1]:  # each after different predecessors
        assert outcome(text, reuse=True) == outcome(text, reuse=False), text


@settings(max_examples=150, deadline=None)
@given(st.lists(DESCRIPTIONS, min_size=1, max_size=4))
def test_generated_descriptions_parse_as_plain_docutils_parses_them(
    texts: list[str],
) -> None:
    for text in texts:
        assert outcome(text, reuse=True) == outcome(text, reuse=False)
