"""Relative links of the data, rebased for the document that shows them.

A relative link in the data is written from the release's page (see
:mod:`nova_priorities.hooks.published`). The directive marks every link it
builds with its release; once references are resolved (named targets give
their URL late), each relative one is pointed at:

- the document this project builds from the file the link names (after
  the repository's redirects), relative to the document showing it, for
  whichever builder;
- else the page under the data's ``published-url``, when configured (the
  nova devref showing nova-specs' data);
- else nowhere: the text stays, without its link, and a warning says what
  to configure.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..hooks.published import DiskFiles, Published
from ..hooks.urls import relative_path
from . import data

logger = logging.getLogger(__name__)

RELEASE = "nova_priorities_release"  # reference attribute: the data's release


def mark(tree: nodes.Element, release: str) -> None:
    """Mark the links of ``tree``, built from ``release``'s data."""
    for node in tree.findall(nodes.reference):
        node[RELEASE] = release


def rebase(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: point the marked relative links (see above)."""
    marked = [
        node
        for node in doctree.findall(nodes.reference)
        if RELEASE in node and relative_path(node.get("refuri", "")) is not None
    ]
    if not marked:
        return
    found = data.layout(app)
    if found is None:
        return
    published = Published(found.config, DiskFiles(found.root))
    for node in marked:
        url = node["refuri"]
        source = published.source_of(url, node[RELEASE])
        target = document_of(app, os.path.join(found.root, source or ""))
        if source is not None and target is not None:
            fragment = urlsplit(url).fragment
            uri = app.builder.get_relative_uri(docname, target)
            node["refuri"] = uri + (f"#{fragment}" if fragment else "")
        elif found.config.published_url:
            path = published.target_of(url, node[RELEASE]) or ""
            tail = url[len(url.split("#")[0]) :]
            root = os.path.normpath(found.config.published_root)
            relative = path if root == "." else os.path.relpath(path, root)
            node["refuri"] = found.config.published_url + relative + tail
        else:
            logger.warning(
                f"the link {url!r} of {node[RELEASE]}'s data names a file this "
                "project does not build; shown without its link (set "
                "published-url in the data's configuration to link the "
                "published page)",
                location=node,
            )
            node.replace_self(nodes.Text(node.astext()))


def document_of(app: Sphinx, path: str) -> str | None:
    """The docname this project builds from the file ``path``, or None."""
    key = "nova_priorities_documents"
    documents: dict[str, str] | None = getattr(app, key, None)
    if documents is None:
        env = app.env
        documents = {
            os.path.realpath(env.doc2path(name)): name for name in env.found_docs
        }
        setattr(app, key, documents)
    return documents.get(os.path.realpath(path))
