"""Schema errors land on the offending key or value, with a clear message."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nova_priorities.hooks import schema_check
from nova_priorities.hooks.loader import load_text
from nova_priorities.hooks.schema_check import check_schema, is_valid, load_schema


def problems(text: str) -> list[str]:
    document = load_text(text, "p.yaml")
    return [f"{p.line}:{p.column}: {p.message}" for p in sorted(check_schema(document))]


def test_schema_is_draft_2020_12_with_help_on_every_property() -> None:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("priority.schema.json")

    def properties(node: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
        found = []
        for name, sub in node.get("properties", {}).items():  # type: ignore[attr-defined]
            found.append((name, sub))
        return found

    objects = [schema, *schema["$defs"].values()]
    for node in objects:
        for name, sub in properties(node):
            assert sub.get("title") and sub.get("description"), name
        if node.get("type") == "object":
            assert node["additionalProperties"] is False


def test_schema_ships_in_the_package() -> None:
    text = resources.files("nova_priorities.schema").joinpath("priority.schema.json")
    assert json.loads(text.read_text("utf-8"))["title"] == "Nova cycle priority"


def test_valid_file_has_no_problems() -> None:
    assert problems("title: Cells v2\nposition: 1\n") == []


def test_numbers_and_booleans_stay_text_where_text_is_wanted() -> None:
    text = "title: 2024\nposition: 1\nowners:\n  - name: true\n    launchpad: no\n"
    document = load_text(text, "p.yaml")
    assert check_schema(document) == []
    assert document.data["title"] == "2024"
    assert document.data["owners"][0] == {"name": "true", "launchpad": "no"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: Cells\nposition: 1\nowners:\n  - name: Andrew Laski\n"
            "    launchpad: Andrew Laski\n",
            "5:16: owners[0].launchpad: 'Andrew Laski' is not a Launchpad id "
            "(lowercase letters, digits, '+', '-', '.'; e.g. alaski)",
        ),
        (
            "title: Cells\nposition: 1\nlabels: [a, b, a]\n",
            "3:9: labels: lists the same item twice; keep one",
        ),
        (
            "title: Cells\nposition: 1\nlabels: ["
            + ", ".join(f"l{n}" for n in range(21))
            + "]\n",
            "3:9: labels: 21 items are too many: at most 20 are allowed",
        ),
        # a table cell of thousands of names, a page of thousands of links
        (
            "title: Cells\nposition: 1\nowners:\n"
            + "".join(f"  - {{name: P{n}, launchpad: p{n}}}\n" for n in range(21)),
            "4:3: owners: 21 items are too many: at most 20 are allowed",
        ),
        (
            "title: Cells\nposition: 1\nlinks:\n"
            + "".join(
                f"  - {{title: L{n}, url: 'https://x.org/{n}'}}\n" for n in range(51)
            ),
            "4:3: links: 51 items are too many: at most 50 are allowed",
        ),
        (
            "title: Cells\nposition: 0\n",
            "2:11: position: 0 is too small: the smallest allowed is 1",
        ),
        (
            "title: Cells\nposition: 1\ncolor: red\n",
            "3:1: unknown field 'color'; allowed fields: title, position, continues, "
            "owners, labels, aliases, description, links",
        ),
        (
            "title: Cells\nposition: 1\nlink:\n  - x\n",
            "3:1: unknown field 'link'; did you mean 'links'? allowed fields: "
            "title, position, continues, owners, labels, aliases, description, links",
        ),
        ("# a comment\n\ntitle: Cells\n", "3:1: missing required field 'position'"),
        (
            "title: Cells\nposition: three\n",
            "2:11: position: expected an integer, got 'three'",
        ),
        (
            "title: Cells\nposition: 0\n",
            "2:11: position: 0 is too small: the smallest allowed is 1",
        ),
        (
            "title: Cells\nposition: 1.5\n",
            "2:11: position: expected an integer, got '1.5'",
        ),
        (
            "title:\nposition: 1\n",
            "1:7: title: expected a string, got nothing (an empty value or null)",
        ),
        (
            "title: ' Cells'\nposition: 1\n",
            "1:8: title: ' Cells' is not one line of text (no line breaks, control "
            "characters, or leading or trailing spaces)",
        ),
        (
            'title: "a\\nb"\nposition: 1\n',
            "1:8: title: 'a\\nb' is not one line of text (no line breaks, control "
            "characters, or leading or trailing spaces)",
        ),
        (
            "title: x\nposition: 1\nowners:\n  - name: Dan\n",
            "4:5: owners[0]: missing required field 'launchpad'",
        ),
        (
            "title: x\nposition: 1\nowners: Dan Smith\n",
            "3:9: owners: expected a list, got 'Dan Smith'",
        ),
        (
            "title: x\nposition: 1\nlinks:\n  - title: pad\n"
            "    url: javascript:alert(1)\n",
            "5:10: links[0].url: 'javascript:alert(1)' is not an http(s) or mailto URL "
            "or a relative URL (no spaces, control characters, '<', '>', backquotes "
            "or backslashes, no leading '//'; other schemes such as javascript: are "
            "refused)",
        ),
        # Python's `$` also matches before a final line break: the schema
        # must still refuse one there.
        (
            'title: "Cells\\n"\nposition: 1\n',
            "1:8: title: 'Cells\\n' is not one line of text (no line breaks, "
            "control characters, or leading or trailing spaces)",
        ),
        (
            'title: x\nposition: 1\nowners:\n  - name: Dan\n    launchpad: "dan\\n"\n',
            "5:16: owners[0].launchpad: 'dan\\n' is not a Launchpad id (lowercase "
            "letters, digits, '+', '-', '.'; e.g. alaski)",
        ),
        (
            'title: x\nposition: 1\nlinks:\n  - title: pad\n    url: "https://x.org\\n"\n',
            "5:10: links[0].url: 'https://x.org\\n' is not an http(s) or mailto URL "
            "or a relative URL (no spaces, control characters, '<', '>', backquotes "
            "or backslashes, no leading '//'; other schemes such as javascript: are "
            "refused)",
        ),
        ("- title: x\n", "1:1: the file: expected a mapping, got a list"),
        ("just text\n", "1:1: the file: expected a mapping, got 'just text'"),
    ],
)
def test_invalid(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_relative_and_https_urls_are_fine() -> None:
    text = (
        "title: x\nposition: 1\nlinks:\n  - title: spec\n    url: approved/cells.html\n"
        "  - title: pad\n    url: https://etherpad.openstack.org/p/x#y\n"
        "  - title: up\n    url: ../../specs/kilo/approved/x.html\n"
    )
    assert problems(text) == []


def test_all_errors_are_reported() -> None:
    text = "title: ''\nposition: -1\nowners:\n  - name: x\n    launchpad: X\nextra: 1\n"
    assert [p.split(":")[0] for p in problems(text)] == ["1", "2", "5", "6"]


# --- the quick validator against the reference -----------------------------

# Values near the schema's edges: each field's kind, wrong kinds, boundaries.
EDGE_TEXT = st.sampled_from(
    [
        "Cells v2", "alaski", "cyeoh-0", "a", "", " x", "x ", "x\n", "a\nb",
        "\x7f", "x" * 64, "x" * 65, "x" * 100, "x" * 101, "x" * 120, "x" * 121,
        "https://etherpad.openstack.org/p/x", "approved/x.html", "javascript:x",
        "http://a b", "Andrew Laski", "Ünïcödé", "a" * 2000, "h" * 2001,
    ]
)  # fmt: skip
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-2, max_value=1002),
    st.floats(allow_nan=False),
    EDGE_TEXT,
    st.text(max_size=8),
)
VALID_OWNER = st.fixed_dictionaries(
    {"name": st.sampled_from(["Andrew Laski", "Dan"]), "launchpad": EDGE_TEXT}
)
VALID_LINK = st.fixed_dictionaries({"title": EDGE_TEXT, "url": EDGE_TEXT})
ALMOST_VALID = st.fixed_dictionaries(
    {"title": EDGE_TEXT, "position": st.integers(min_value=-1, max_value=1002)},
    optional={
        "owners": st.lists(VALID_OWNER, max_size=2),
        "description": st.one_of(EDGE_TEXT, st.text(max_size=30)),
        "links": st.lists(VALID_LINK, max_size=2),
    },
)


@st.composite
def near_valid_documents(draw: st.DrawFn) -> object:
    """A document close to valid, then up to two values swapped or dropped,
    so that each refusal is the only one in its file."""
    document: dict[str, object] = draw(ALMOST_VALID)
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        mappings: list[dict[str, object]] = [document]
        for key in ("owners", "links"):
            items = document.get(key)
            if isinstance(items, list):
                mappings += [item for item in items if isinstance(item, dict)]
        target = draw(st.sampled_from(mappings))
        key = draw(st.sampled_from([*target, "colour", "owners", "links"]))
        if draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = draw(st.one_of(SCALAR, st.lists(SCALAR, max_size=2)))
    return document


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(st.one_of(near_valid_documents(), SCALAR))
def test_quick_validator_agrees_with_jsonschema(data: object) -> None:
    """The fast yes/no answer decides alone for valid files: it must never
    accept what jsonschema, the reference, refuses (nor the reverse)."""
    from jsonschema import Draft202012Validator

    reference = Draft202012Validator(load_schema())
    assert is_valid(data) == reference.is_valid(data)


def test_quick_validator_sees_the_valid_and_the_invalid() -> None:
    assert is_valid({"title": "Cells v2", "position": 1, "owners": [], "links": []})
    assert not is_valid({"title": "Cells v2", "position": True})
    assert not is_valid({"title": "Cells v2", "position": 1, "colour": "red"})


def test_the_shipped_validator_is_the_schema_s() -> None:
    """After a change to the schema, regenerate it: python -m
    nova_priorities.hooks.schema_check"""
    from nova_priorities.schema import priority_validator

    shipped = Path(priority_validator.__file__).read_text(encoding="utf-8")
    assert shipped == schema_check.validator_module()
    assert schema_check._quick_validator() is priority_validator.is_valid


def test_a_schema_changed_since_is_compiled_on_the_spot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(schema_check, "_schema_sha256", lambda: "another schema")
    schema_check._quick_validator.cache_clear()
    try:
        from nova_priorities.schema import priority_validator

        compiled = schema_check._quick_validator()
        assert compiled is not priority_validator.is_valid
        assert is_valid({"title": "A", "position": 1})
        assert not is_valid({"title": "A", "position": 0})
    finally:
        schema_check._quick_validator.cache_clear()
