"""Descriptions: valid RST, nothing from outside, at the right YAML line."""

from __future__ import annotations

import pytest

from nova_priorities.hooks.loader import load_text
from nova_priorities.hooks.rst_check import check_description, unresolved


def problems(description_block: str, titles: tuple[str, ...] = ()) -> list[str]:
    text = "title: x\nposition: 1\ndescription: |\n" + "".join(
        f"  {line}\n" if line else "\n" for line in description_block.split("\n")
    )
    document = load_text(text, "p.yaml")
    found, references, _, _ = check_description(document)
    return [
        f"{p.line}:{p.column}: {p.message}"
        for p in found + unresolved(references, titles)
    ]


def test_plain_rst_with_lists_notes_and_links_is_fine() -> None:
    assert (
        problems(
            "Some *text* with a `link <https://example.org>`__.\n\n"
            "* one\n* two\n\n.. note::\n\n   Careful.\n\n"
            ".. comment\n\n.. code-block:: python\n\n   x = 1"
        )
        == []
    )


def test_reference_to_another_priority_title_is_fine() -> None:
    assert (
        problems("See `No downtime DB upgrades`_.", ("No downtime DB upgrades",)) == []
    )


def test_unknown_reference_points_at_its_line() -> None:
    # description line 3 is YAML line 4 + 2 = 6; the block is indented by 2.
    assert problems("First.\n\nSee `Nope`_ here.") == [
        '6:3: description: Unknown target name: "nope". Link a URL with '
        "`text <https://...>`__, or refer to another priority of this release "
        "by its exact title."
    ]


def test_docutils_warning_at_its_yaml_line() -> None:
    assert problems("* item\nunindented") == [
        "5:3: description: Bullet list ends without a blank line; unexpected unindent."
    ]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "Text.\n\n.. raw:: html\n\n   <script>alert(1)</script>",
            "6:3: description: the raw directive is not allowed in a description: "
            "it pulls in outside content or raw markup",
        ),
        (
            ".. include:: /etc/passwd",
            "4:3: description: the include directive is not allowed in a "
            "description: it pulls in outside content or raw markup",
        ),
        (
            "Text.\n\n.. csv-table:: x\n   :file: /etc/passwd",
            "6:3: description: the csv-table directive may not read :file: or :url: "
            "in a description; write the table's content inline",
        ),
        (
            ".. csv-table:: x\n   :url: https://example.org/x.csv",
            "4:3: description: the csv-table directive may not read :file: or :url: "
            "in a description; write the table's content inline",
        ),
        (
            "A :raw:`<b>` word.",
            "4:3: description: the raw role is not allowed in a description: "
            "it injects raw markup",
        ),
        (
            ".. role:: html(raw)\n   :format: html\n\nA :html:`<script>` word.",
            "4:3: description: the role directive is not allowed in a description: "
            "it changes how the rest of the page is read",
        ),
        (
            ".. image:: https://example.org/tracker.png",
            "4:3: description: the image directive is not allowed in a "
            "description: it shows content from outside the page",
        ),
        (
            ".. figure:: https://example.org/x.png\n\n   Caption.",
            "4:3: description: the figure directive is not allowed in a "
            "description: it shows content from outside the page",
        ),
        (
            ".. meta::\n   :keywords: x",
            "4:3: description: the meta directive is not allowed in a description: "
            "it changes the page's HTML head",
        ),
        (
            ".. default-role:: math",
            "4:3: description: the default-role directive is not allowed in a "
            "description: it changes how the rest of the page is read",
        ),
        (
            "Intro.\n\nHeading\n-------\n\nBody.",
            "6:3: description: section titles are not allowed in a description: "
            "the page gives each priority one section; use **bold** text or a "
            "list instead",
        ),
    ],
)
def test_refused_markup(block: str, expected: str) -> None:
    assert expected in problems(block)


def test_other_styles_point_at_the_description() -> None:
    document = load_text('title: x\nposition: 1\ndescription: "`x`_"\n', "p.yaml")
    found, references, _, _ = check_description(document)
    found += unresolved(references, ())
    assert [(p.line, p.column) for p in found] == [(3, 14)]


def test_directives_are_restored_after_a_check() -> None:
    from docutils import nodes
    from docutils.core import publish_doctree

    problems(".. image:: x.png")
    doctree = publish_doctree(
        ".. image:: x.png", settings_overrides={"report_level": 5}
    )
    assert list(doctree.findall(nodes.image))


def test_nothing_carries_over_from_one_description_to_the_next() -> None:
    """The parser's state machine is reused: each parse must start afresh."""
    assert (
        problems("See `here`_.\n\n.. _here: https://example.org\n\n* an open list")
        == []
    )
    # The same references without their targets: nothing remembered.
    assert problems("See `here`_, [#]_ and |sub|.") == [
        '4:3: description: Undefined substitution referenced: "sub".',
        "4:3: description: Too many autonumbered footnote references: only 0 "
        "corresponding footnote available.",
        '4:3: description: Unknown target name: "here". Link a URL with '
        "`text <https://...>`__, or refer to another priority of this release "
        "by its exact title.",
    ]
    assert problems("Title\n=====\n\nText.") == [
        "4:3: description: section titles are not allowed in a description: the "
        "page gives each priority one section; use **bold** text or a list instead"
    ]
    assert problems("Text *after* a section title elsewhere.") == []


# "viii." and "MMXX)": a roman numeral of any length is an enumerator.
@pytest.mark.parametrize("line", ["B.", "iv)", "-", "2.", "viii.", "MMXX)"])
def test_a_line_of_only_a_list_marker_is_refused(line: str) -> None:
    """docutils reads it as an empty list item: the text would vanish."""
    assert problems(f"Intro.\n\n{line}\n\nMore.") == [
        "6:3: description: a line of only a list marker (such as 'B.' or '-') is "
        "read as an empty list item and shows nothing; escape it ('B\\.') or reword"
    ]
    assert problems(f"Intro.\n\n{line} with text\n\nMore.") == []


def test_relative_links_are_collected_once_where_their_url_is() -> None:
    text = (
        "title: x\nposition: 1\ndescription: |\n  See `a spec`_ and\n"
        "  `b <../specs/b.html#goals>`__, `c <https://x.org/c.html>`__.\n\n"
        "  .. _a spec: approved/a.html\n"
    )
    _, _, _, linked = check_description(load_text(text, "p.yaml"))
    assert [(url, p.line, p.message) for url, p in linked] == [
        ("approved/a.html", 7, "description: the link 'approved/a.html'"),
        ("../specs/b.html#goals", 5, "description: the link '../specs/b.html#goals'"),
    ]


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("See [#]_.\n\n.. [#] A note.", "footnotes"),
        ("See [CIT]_.\n\n.. [CIT] A book.", "citations"),
        ("A |x|.\n\n.. |x| replace:: thing", "substitution definitions"),
    ],
)
def test_page_wide_names_are_refused(block: str, kind: str) -> None:
    found = problems(block)
    assert found == [
        f"6:3: description: {kind} are not allowed in a description: their numbers "
        "and names are shared by the whole page, which shows many descriptions; "
        "write the note inline or as a link"
    ]
