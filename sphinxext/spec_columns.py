"""The ``specs`` and ``reviews`` columns of ``priorities-table``, and its
``:dashboard:`` link: from the specs the project's repository holds.

Each spec read is a dependency of the document (an edit re-reads it), and
the list of the release's specs is recorded, so that a spec added or
removed re-reads the documents that show the release.
"""

from __future__ import annotations

import os

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..hooks.model import Priority
from ..hooks.spec_check import read_specs
from ..hooks.spec_index import Dashboard, Served, dashboard, serving
from ..hooks.table import Part
from . import data
from .links import document_of
from .table_nodes import DOC


def served(
    env: BuildEnvironment, release: str, priorities: list[Priority]
) -> list[Served]:
    """The release's priorities with the specs naming them (recorded)."""
    found = data.layout(env.app)
    if found is None:
        return [Served(p, ()) for p in priorities]
    paths = data.release_specs(env, env.docname, found, release)
    for path, _, _ in paths:
        env.note_dependency(os.path.abspath(path))
    specs, _ = read_specs(paths, found.root)
    return serving(priorities, [spec for spec, _ in specs])[0]


def extra_cells(
    app: Sphinx, release: str, entries: list[Served]
) -> dict[tuple[str, str], tuple[Part, ...]]:
    """(slug, column) -> the parts of the specs and reviews cells."""
    cells: dict[tuple[str, str], tuple[Part, ...]] = {}
    found = data.layout(app)
    for entry in entries:
        parts = []
        for spec in entry.specs:
            docname = document_of(app, os.path.abspath(spec.path)) if found else None
            # linked by title when the project builds it, else named by path
            shown = (spec.title or spec.path) if docname else spec.path
            label = f"{shown} ({spec.status})"
            parts.append(Part(label, f"{DOC}{docname}" if docname else None))
        cells[(entry.priority.slug, "specs")] = tuple(parts)
        board = _board(app, release, [entry])
        if len(board.sections) > 1:  # more than the spec reviews
            cells[(entry.priority.slug, "reviews")] = (
                Part("dashboard", board.url(app.config.priorities_gerrit)),
            )
    return cells


def _board(app: Sphinx, release: str, entries: list[Served]) -> Dashboard:
    return dashboard(
        release,
        entries,
        app.config.priorities_project,
        app.config.priorities_specs_project,
    )


def dashboard_paragraph(
    app: Sphinx, release: str, entries: list[Served]
) -> nodes.paragraph:
    """``:dashboard:``: the whole release's review dashboard, as a link."""
    url = _board(app, release, entries).url(app.config.priorities_gerrit)
    text = f"{release.capitalize()} review dashboard"
    paragraph = nodes.paragraph()
    paragraph += nodes.reference("", text, refuri=url)
    return paragraph
