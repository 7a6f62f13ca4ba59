"""Where a priority's section lives in a Sphinx project.

One canonical place per priority, so that every combination builds under
``-W``:

- A generated page (``priorities/<release>-priorities.rst``) that the
  project builds defines ``priority-<release>-<slug>`` (and the priority's
  extra ``labels``) as ordinary Sphinx labels: where there is one, it is
  the canonical place.
- ``.. priorities-table:: RELEASE`` with ``:sections:`` shows the sections
  with the same ids, but registers no Sphinx label: its ids belong to its
  document, so it never clashes with the page or with another directive.
  The documents showing sections are recorded here, per document.
- A reference to one of these labels (``:priority:``, ``:ref:``, the table
  cells of a directive without ``:sections:``) goes to the Sphinx label if
  there is one; else to the section in the referring document itself, if
  it shows it; else to the first document, by name, that shows it. Table
  cells whose priority is shown nowhere stay plain text, without a warning.

References are resolved when documents are written, after every document
was read (also with ``-j``). When the canonical place of a label moves
(a document showing it added or removed), the documents referring to it
are written again.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..hooks.model import normalize_name

SHOWN = "nova_priorities_shown"  # docname -> {label: (node id, title)}
REFERS = "nova_priorities_refers"  # docname -> {label}
PLACES = "nova_priorities_places"  # label -> docname, as last resolved
OPTIONAL = "nova_priorities_optional"  # pending_xref attribute: no warning
PRIORITY = "nova_priorities_priority"  # pending_xref attribute: a role's target

logger = logging.getLogger(__name__)


def _table(env: BuildEnvironment, name: str) -> dict[str, Any]:
    if not hasattr(env, name):
        setattr(env, name, {})
    table: dict[str, Any] = getattr(env, name)
    return table


def record_shown(
    env: BuildEnvironment, docname: str, label: str, node_id: str, title: str
) -> None:
    """``docname`` shows the section ``label`` as ``node_id``."""
    _table(env, SHOWN).setdefault(docname, {})[normalize_name(label)] = (
        node_id,
        title,
    )


def reference(
    env: BuildEnvironment,
    label: str,
    content: nodes.Node,
    *,
    optional: bool,
    priority: str | None = None,
) -> addnodes.pending_xref:
    """A link to a priority's section, wherever the project shows it
    (``priority``: the RELEASE/SLUG a role names, for its warning)."""
    _table(env, REFERS).setdefault(env.docname, set()).add(normalize_name(label))
    node = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="ref",
        reftarget=normalize_name(label),
        refexplicit=True,
        refwarn=not optional,
    )
    node[OPTIONAL] = optional
    node[PRIORITY] = priority
    node += content
    return node


def clear_doc(env: BuildEnvironment, docname: str) -> None:
    for name in (SHOWN, REFERS):
        _table(env, name).pop(docname, None)


def merge_other(
    env: BuildEnvironment, docnames: AbstractSet[str], other: BuildEnvironment
) -> None:
    for name in (SHOWN, REFERS):
        theirs = _table(other, name)
        for docname in docnames:
            if docname in theirs:
                _table(env, name)[docname] = theirs[docname]


def _place(
    env: BuildEnvironment, label: str, fromdocname: str | None
) -> tuple[str, str, str] | None:
    """(docname, node id, title) of the section ``label`` names, or None."""
    labels = env.get_domain("std").labels  # type: ignore[attr-defined]
    if label in labels:
        docname, node_id, title = labels[label]
        return str(docname), str(node_id), str(title)
    shown = _table(env, SHOWN)
    if fromdocname in shown and label in shown[fromdocname]:
        return (fromdocname, *shown[fromdocname][label])
    for docname in sorted(shown):
        if label in shown[docname]:
            return (docname, *shown[docname][label])
    return None


def resolve_missing(
    app: Sphinx,
    env: BuildEnvironment,
    node: addnodes.pending_xref,
    content: nodes.Element,
) -> nodes.Node | None:
    """``missing-reference``: a label shown by a directive, not by a page.
    A ``:priority:`` role whose priority no page shows is said so, with
    what to do (Sphinx would say only "undefined label"), and stays text."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    label = normalize_name(node["reftarget"])
    place = _place(env, label, node.get("refdoc"))
    if place is None and node.get(PRIORITY):
        key = node[PRIORITY]
        release = key.partition("/")[0]
        logger.warning(
            f"priority {key} has no section on any page of these docs: add "
            f"`:sections:` to a `.. priorities-table:: {release}`, or put "
            f"{release}'s generated page in a toctree",
            location=node,
        )
        return content
    if place is None:
        return content if node.get(OPTIONAL) else None
    docname, node_id, title = place
    if not node.get("refexplicit"):
        content = nodes.inline(title, title, classes=content.get("classes", []))
    return make_refnode(app.builder, node["refdoc"], docname, node_id, content)


def moved_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the documents to write again because a label
    they refer to now lives elsewhere."""
    places = _table(env, PLACES)
    moved: set[str] = set()
    current: dict[str, str | None] = {}
    for docname, labels in _table(env, REFERS).items():
        for label in labels:
            if label not in current:
                place = _place(env, label, None)
                current[label] = place[0] if place else None
            if places.get(label) != current[label]:
                moved.add(docname)
    setattr(env, PLACES, current)
    return sorted(moved)
