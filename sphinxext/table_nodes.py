"""docutils nodes the directive builds: table rows and cells, and the URL
guard applied to what Sphinx parsed."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ..hooks.table import Part, Row
from ..hooks.urls import url_problem

logger = logging.getLogger(__name__)


def unlink_unsafe_urls(tree: nodes.Element, location: str) -> None:
    """The one URL rule again, on what Sphinx built: ``validate`` refuses
    such data, so this only matters if something slipped past it."""
    for node in list(tree.findall(nodes.reference)) + list(tree.findall(nodes.target)):
        why = url_problem(node["refuri"]) if "refuri" in node else None
        if why is None:
            continue
        logger.warning(f"{why}; shown without its link", location=location)
        if isinstance(node, nodes.reference):
            node.replace_self(nodes.Text(node.astext()))
        else:
            del node["refuri"]


def column_width(table_rows: list[Row], index: int, heading: str) -> int:
    """A column's relative width (the text and man builders use it as is)."""
    texts = [", ".join(part.text for part in row.cells[index]) for row in table_rows]
    return min(max(len(text) for text in [heading, *texts]), 40)


def table_row(cells: list[list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        paragraph = nodes.paragraph()
        paragraph += content
        entry += paragraph
        row += entry
    return row


SectionLink = Callable[[str], nodes.Node]


def cell_nodes(
    parts: tuple[Part, ...], section_link: SectionLink | None
) -> list[nodes.Node]:
    """A cell's parts as inline nodes: links, commas between.
    ``section_link`` makes the priority's link to its section (text given)."""
    found: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            found.append(nodes.Text(", "))
        if part.section and section_link:
            found.append(section_link(part.text))
        elif part.url and part.url.startswith(DOC):
            found.append(_document_link(part.text, part.url.removeprefix(DOC)))
        elif part.url:
            found.append(nodes.reference("", part.text, refuri=part.url))
        else:
            found.append(nodes.Text(part.text))
    return found


DOC = "doc:"  # a Part url naming a document of the project (see spec_columns)


def _document_link(text: str, docname: str) -> nodes.Node:
    """A link to a document of the project, resolved when it is written."""
    node = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=True
    )
    node += nodes.inline(text, text)
    return node
