"""What a priorities page states, read from its docutils doctree.

Tests compare pages by these facts, so that cosmetic differences (column
widths, underline lengths, the case of a table cell, named or anonymous
links) do not count, while every word, owner and link does. Written
independently of the package's importer, so the two check each other.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.core import publish_doctree


def _text(node: nodes.Node) -> str:
    """The words a reader sees: comments and system messages do not count."""
    return " ".join(_words(node).split())


def _words(node: nodes.Node) -> str:
    if isinstance(node, (nodes.comment, nodes.system_message)):
        return ""
    if isinstance(node, nodes.Text):
        return node.astext()
    assert isinstance(node, nodes.Element)
    # Inline text runs on; blocks (paragraphs, list items) are separate words.
    separator = "" if isinstance(node, nodes.TextElement) else " "
    return separator.join(_words(child) for child in node.children)


def doctree(rst: str) -> nodes.document:
    return publish_doctree(
        rst,
        settings_overrides={
            "report_level": 5,
            "doctitle_xform": False,
            "_disable_config": True,
        },
    )


def warnings(rst: str) -> list[str]:
    """docutils' warnings and errors for a page (level 2 and up)."""
    found: list[str] = []
    tree = publish_doctree(
        rst,
        settings_overrides={
            "report_level": 2,
            "halt_level": 5,
            "warning_stream": _Collect(found),
            "_disable_config": True,
        },
    )
    del tree
    return found


class _Collect:
    def __init__(self, found: list[str]) -> None:
        self.found = found

    def write(self, text: str) -> None:
        if text.strip():
            self.found.append(text.strip())

    def flush(self) -> None:
        pass


def links(node: nodes.Node) -> list[tuple[str, str]]:
    """(text, target) of every reference below ``node``, in order.

    The target is the URL, or ``#<section title>`` for an internal link.
    """
    found = []
    for ref in node.findall(nodes.reference):
        if "refuri" in ref:
            target = ref["refuri"]
        else:
            target = "#" + str(ref.get("refid") or ref.get("refname", ""))
        found.append((_text(ref), target))
    return found


def page_facts(rst: str) -> dict[str, Any]:
    """Title, label, introduction, table rows and sections of a page."""
    tree = doctree(rst)
    top = next(iter(tree.findall(nodes.section)))
    title_ids = {
        ident: _text(s[0]) for s in tree.findall(nodes.section) for ident in s["ids"]
    }
    facts: dict[str, Any] = {
        "title": _text(top[0]),
        "labels": sorted(
            name for name in top["names"] if name != _text(top[0]).lower()
        ),
        "intro": [],
        "table": None,
        "sections": [],
    }
    for child in top.children[1:]:
        if isinstance(child, nodes.paragraph):
            facts["intro"].append(_text(child))
        elif isinstance(child, nodes.table):
            facts["table"] = _table_facts(child, title_ids)
        elif isinstance(child, nodes.section):
            facts["sections"].append(_section_facts(child, title_ids))
    return facts


def _resolve(target: str, title_ids: dict[str, str]) -> str:
    # An internal link names its section by title, case-insensitively.
    if target.startswith("#"):
        return "#" + title_ids.get(target[1:], target[1:]).lower()
    return target


def _table_facts(table: nodes.table, title_ids: dict[str, str]) -> dict[str, Any]:
    head = next(iter(table.findall(nodes.thead)))
    body = next(iter(table.findall(nodes.tbody)))
    rows = []
    for row in body.findall(nodes.row):
        cells = [entry for entry in row.children if isinstance(entry, nodes.entry)]
        priority_cell, *other = cells
        rows.append(
            {
                "priority": _text(priority_cell).lower(),
                "priority_links": [
                    (t.lower(), _resolve(u, title_ids)) for t, u in links(priority_cell)
                ],
                "owners": [
                    (t, _resolve(u, title_ids))
                    for cell in other
                    for t, u in links(cell)
                ],
            }
        )
    return {
        "header": [_text(e) for e in head.findall(nodes.entry)],
        "rows": rows,
    }


def _section_facts(section: nodes.section, title_ids: dict[str, str]) -> dict[str, Any]:
    body = [
        child for child in section.children[1:] if not isinstance(child, nodes.target)
    ]
    return {
        "title": _text(section[0]),
        "text": " ".join(_text(child) for child in body if _text(child)),
        "links": [
            (t, _resolve(u, title_ids)) for child in body for t, u in links(child)
        ],
    }
