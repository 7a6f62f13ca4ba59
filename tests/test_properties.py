"""Properties over generated priorities: any data the schema and rules accept
renders to a page docutils and Sphinx read cleanly, that states the data,
and that import turns back into the same data."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from conftest import sphinx_build
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pagefacts import doctree, page_facts, warnings

from nova_priorities.hooks.config import Config
from nova_priorities.hooks.layout import Release
from nova_priorities.hooks.loader import load_text
from nova_priorities.hooks.model import Link, Owner, Priority
from nova_priorities.hooks.page import render_page
from nova_priorities.hooks.page_reader import import_page
from nova_priorities.hooks.rst_check import needs_docutils, rst_messages
from nova_priorities.hooks.rst_text import escape
from nova_priorities.hooks.schema_check import check_schema

KILO = Release("kilo", "priorities", Config(root="."))

# Any printable character, RST specials, wide and combining characters.
CHARACTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\t\n\r\x0b\x0c\x85",
)


def one_line(max_size: int) -> st.SearchStrategy[str]:
    """Text the schema takes as a title or name: no edge spaces."""
    return (
        st.text(CHARACTERS, min_size=1, max_size=max_size)
        .map(lambda text: " ".join(text.split()))
        .filter(bool)
    )


WORD = st.text(CHARACTERS.filter(lambda c: not c.isspace()), min_size=1, max_size=30)
# Each line starts with a plain word: escaped words are text, but a line
# such as "B." or "iv)" would start a list (validate refuses an empty one).
PARAGRAPH = st.lists(WORD, min_size=1, max_size=40).map(
    lambda words: "\n".join(
        " ".join(["so", *(escape(word) for word in words[i : i + 8])])
        for i in range(0, len(words), 8)
    )
)
DESCRIPTION = st.lists(PARAGRAPH, max_size=3).map("\n\n".join)
URL = st.one_of(
    st.from_regex(
        r"https://[a-z]{1,10}\.example\.org/[a-zA-Z0-9/_.-]{0,30}", fullmatch=True
    ),
    st.from_regex(r"[a-z0-9_-]{1,10}/[a-z0-9_.-]{1,20}\.html", fullmatch=True),
)
LAUNCHPAD = st.from_regex(r"[a-z0-9][a-z0-9+.-]{1,20}", fullmatch=True)


@st.composite
def releases(draw: st.DrawFn) -> list[Priority]:
    """1 to 5 priorities of one release that the validator accepts."""
    count = draw(st.integers(1, 5))
    titles = draw(
        st.lists(one_line(120), min_size=count, max_size=count, unique_by=str.lower)
    )
    ids = draw(st.lists(LAUNCHPAD, min_size=count * 2, max_size=count * 2, unique=True))
    names = draw(
        st.lists(
            one_line(100), min_size=count * 2, max_size=count * 2, unique_by=str.lower
        )
    )
    priorities = []
    for index, title in enumerate(titles):
        owners = draw(st.integers(0, 2))
        priorities.append(
            Priority(
                release="kilo",
                slug=f"p{index}",
                title=title,
                position=index + 1,
                owners=tuple(
                    Owner(names[2 * index + k], ids[2 * index + k])
                    for k in range(owners)
                ),
                description=draw(DESCRIPTION),
                links=tuple(
                    Link(draw(one_line(200)), draw(URL))
                    for _ in range(draw(st.integers(0, 2)))
                ),
            )
        )
    taken = {" ".join(t.lower().split()) for t in titles}
    # Owners named like a section cannot be linked: the validator refuses them.
    for priority in priorities:
        for owner in priority.owners:
            if " ".join(owner.name.lower().split()) in taken:
                from hypothesis import reject

                reject()
    return priorities


def schema_accepts(priority: Priority) -> bool:
    document = load_text(json.dumps(priority.to_data()), "p.json", is_json=True)
    return check_schema(document) == []


def norm(text: str) -> str:
    return " ".join(text.split())


PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.slow
@PROPERTY
@given(releases())
def test_rendered_page_is_clean_and_states_the_data(priorities: list[Priority]) -> None:
    assert all(schema_accepts(p) for p in priorities)
    page = render_page("kilo-priorities.rst", None, KILO, priorities)
    assert warnings(page) == []
    facts = page_facts(page)
    rows = facts["table"]["rows"]
    assert [r["priority"] for r in rows] == [norm(p.title).lower() for p in priorities]
    for row, priority in zip(rows, priorities, strict=True):
        assert row["owners"] == [(norm(o.name), o.url) for o in priority.owners]
        wanted = "#" + norm(priority.title).lower()
        assert row["priority_links"] == [(norm(priority.title).lower(), wanted)]
    for section, priority in zip(facts["sections"], priorities, strict=True):
        assert section["title"] == norm(priority.title)
        words = norm(doctree(priority.description).astext())
        assert section["text"].startswith(words)
        assert section["links"] == [(norm(k.title), k.url) for k in priority.links]
        for link in priority.links:
            assert norm(link.title) in section["text"]


@pytest.mark.slow
@PROPERTY
@given(releases())
def test_import_of_a_rendered_page_gives_the_data_back(
    priorities: list[Priority],
) -> None:
    page = render_page("kilo-priorities.rst", None, KILO, priorities)
    # As a hand-written page would be: the same text, without the markers.
    unmarked = re.sub(r"\.\. nova-priorities:\S+.*\n(?:   .*\n)*\n?", "", page)
    # Titles without ASCII letters give no slug: named, as --slug does.
    slugs = {" ".join(p.title.split()): f"p{i}" for i, p in enumerate(priorities)}
    imported = import_page(unmarked, KILO, slugs=slugs)

    def facts(found: list[Priority]) -> list[tuple[object, ...]]:
        return [
            (
                norm(p.title),
                p.position,
                [(norm(o.name), o.launchpad) for o in p.owners],
                p.description.strip(),
                [(norm(k.title), k.url) for k in p.links],
            )
            for p in found
        ]

    assert facts(imported.priorities) == facts(priorities)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200))
# Found by hypothesis: docutils breaks lines at \x1e (and \x1c, \x85,
# U+2028...) as str.splitlines() does, so "0" starts a line there.
@example("\x0c0\x1e0")
@example("a\u20281. b")
@example("Bare javascript:alert(1) here.")
@example("www.example.org")
@example("viii.")  # a roman numeral of any length starts a list item
def test_text_called_plain_has_no_docutils_problems(text: str) -> None:
    if not needs_docutils(text):
        from docutils import nodes

        from nova_priorities.hooks import rst_check, rst_parse

        assert rst_check._docutils_messages(text) == []
        # nor does docutils build any link from it (a standalone URI would
        # escape the URL rule, which only runs on what docutils builds)
        document, _, _ = rst_parse.parse(text)
        assert not list(document.findall(nodes.reference))
        assert not list(document.findall(nodes.target))
    else:
        rst_messages(text)  # never crashes


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases())
def test_rendered_page_builds_under_sphinx(priorities: list[Priority]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc"
        source.mkdir()
        (source / "conf.py").write_text("project = 'p'\n")
        (source / "index.rst").write_text(
            render_page("index.rst", None, KILO, priorities)
        )
        result = sphinx_build(source, Path(folder) / "out", "-W", "-q")
        assert result.returncode == 0, result.stderr
