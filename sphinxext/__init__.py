"""Sphinx extension: ``.. priorities-table:: kilo`` and ``:priority:``.

Usage, in ``conf.py``::

    extensions = ["nova_priorities.sphinxext"]
    priorities_dir = "../../priorities"  # optional

Only Sphinx glue lives here: data is loaded and checked by
:mod:`nova_priorities.hooks`, and table rows come from
:mod:`nova_priorities.hooks.table`, as in the generated pages.
"""

from __future__ import annotations

import os
from collections.abc import Set as AbstractSet
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import nested_parse_with_titles, split_explicit_title

from ..hooks.model import Priority, by_position, normalize_name
from ..hooks.page import section_links
from ..hooks.rst_parse import docutils_lookups
from ..hooks.rst_text import escape, title
from ..hooks.spec_index import setting_problems
from ..hooks.table import COLUMNS, DEFAULT_COLUMNS, EXTRA_COLUMNS, Part, rows
from ..hooks.version import package_version
from . import data, links, namespace, sections, spec_columns
from .history import PrioritiesHistory
from .table_nodes import (
    SectionLink,
    cell_nodes,
    column_width,
    table_row,
    unlink_unsafe_urls,
)

CATALOG = "nova_priorities"
_ = get_translation(CATALOG)
logger = logging.getLogger(__name__)

# Column headings, marked for translation (the English text is the key).
HEADINGS = {
    "priority": _("Priority"),
    "owners": _("Owner"),
    "links": _("Links"),
    "specs": _("Specs"),
    "reviews": _("Reviews"),
}
assert set(HEADINGS) == set(COLUMNS)


def _columns(argument: str | None) -> list[str]:
    """The ``:columns:`` option; docutils gives None for an empty one."""
    columns = (argument or "").replace(",", " ").split()
    if not columns or any(c not in COLUMNS for c in columns):
        got = repr(argument) if columns else "none"
        raise ValueError(f"columns are {', '.join(COLUMNS)}; got {got}")
    return columns


class PrioritiesTable(SphinxDirective):
    """``.. priorities-table:: RELEASE``: the table, and maybe the sections."""

    required_arguments = 1
    option_spec = {  # noqa: RUF012  (docutils' API is a class attribute)
        "columns": _columns,
        "owner-heading": directives.unchanged_required,
        "priority-heading": directives.unchanged_required,
        "sections": directives.flag,
        "class": directives.class_option,
        "dashboard": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        release = data.load_release(self.env, self.env.docname, name)
        if release is None:
            found = data.layout(self.env.app)
            logger.warning(
                f"priorities-table: no release folder {name!r} in "
                f"{found.data_dir if found else 'the data folder'}",
                location=self.get_location(),
            )
            return []
        for problem in release.problems:
            logger.warning(
                f"{problem} (left out of priorities-table {name})",
                location=self.get_location(),
            )
        wants_sections = "sections" in self.options
        shown = self._sections_already_on_page(release)
        columns = self.options.get("columns", list(DEFAULT_COLUMNS))
        entries = (
            spec_columns.served(self.env, release.name, list(release.priorities))
            if "dashboard" in self.options or set(columns) & set(EXTRA_COLUMNS)
            else []
        )
        result: list[nodes.Node] = []
        if "dashboard" in self.options:
            result.append(
                spec_columns.dashboard_paragraph(self.env.app, release.name, entries)
            )
        extra = spec_columns.extra_cells(self.env.app, release.name, entries)
        result.append(self._table(release, local=wants_sections or shown, extra=extra))
        if wants_sections and not shown:
            result += self._sections(release)
        for node in result:
            if isinstance(node, nodes.Element):
                links.mark(node, release.name)
        return result

    def _sections_already_on_page(self, release: data.Release) -> bool:
        """Whether this page already shows the release's sections.

        A second ``:sections:`` of a release on one page only links to the
        first: the same sections twice would repeat every id and target.
        """
        key = "nova_priorities_sections"
        shown: set[str] = self.env.temp_data.setdefault(key, set())  # type: ignore[assignment]
        if release.name in shown:
            return True
        if "sections" in self.options:
            shown.add(release.name)
        return False

    def _table(
        self,
        release: data.Release,
        *,
        local: bool,
        extra: dict[tuple[str, str], tuple[Part, ...]],
    ) -> nodes.table:
        """The table; its priorities link to the sections on this page when
        ``local``, else wherever the project shows them (see .sections)."""
        columns = self.options.get("columns", list(DEFAULT_COLUMNS))
        headings = {
            **HEADINGS,
            "owners": self.options.get("owner-heading", HEADINGS["owners"]),
            "priority": self.options.get("priority-heading", HEADINGS["priority"]),
        }
        table_rows = rows(release.priorities, columns, extra)
        table = nodes.table(
            classes=["priorities-table", *self.options.get("class", [])]
        )
        group = nodes.tgroup(cols=len(columns))
        table += group
        group += [
            nodes.colspec(
                colwidth=column_width(table_rows, index, str(headings[column]))
            )
            for index, column in enumerate(columns)
        ]
        head = nodes.thead()
        head += table_row([[nodes.Text(str(headings[c]))] for c in columns])
        body = nodes.tbody()
        for row in table_rows:
            label = release.layout.section_label(row.priority.slug)
            link = _local_link(label) if local else self._link_to(label)
            body += table_row([cell_nodes(parts, link) for parts in row.cells])
        group += [head, body]
        self.set_source_info(table)
        return table

    def _link_to(self, label: str) -> SectionLink:
        def link(text: str) -> nodes.Node:
            return sections.reference(
                self.env, label, nodes.inline(text, text), optional=True
            )

        return link

    def _sections(self, release: data.Release) -> list[nodes.Node]:
        """One section per priority, parsed as RST with each line's source."""
        source, line = self.get_source_info()
        content = StringList()

        def add(text: str, where: tuple[str, int]) -> None:
            for offset, text_line in enumerate(text.splitlines()):
                content.append(text_line, where[0], where[1] + offset)
            content.append("", where[0], where[1])

        for priority in by_position(list(release.priorities)):
            add(title(escape(priority.title), "-"), (source, line))
            if priority.description.strip():
                add(priority.description.rstrip(), _description_start(priority))
            if priority.links:
                add(section_links(priority), (source, line))
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, content, container)
        unlink_unsafe_urls(container, self.get_location())
        self._give_ids(release, container)
        return list(container.children)

    def _give_ids(self, release: data.Release, container: nodes.Element) -> None:
        """Each section gets its labels as document-local ids (recorded for
        the references of other documents); the release's names stay its
        own (see .namespace)."""
        document = self.state.document
        ids: dict[str, str] = {}
        ordered = by_position(list(release.priorities))
        found = [c for c in container.children if isinstance(c, nodes.section)]
        for priority, section in zip(ordered, found, strict=False):
            labels = [release.layout.section_label(priority.slug), *priority.labels]
            for label in reversed(labels):
                node_id = nodes.make_id(label)
                if node_id in document.ids:
                    continue  # the page's own target of that name wins
                section["ids"].insert(0, node_id)
                document.ids[node_id] = section
                sections.record_shown(
                    self.env, self.env.docname, label, node_id, priority.title
                )
            ids[normalize_name(priority.title)] = section["ids"][0]
        namespace.resolve_within(container, document, ids)


def _local_link(label: str) -> SectionLink:
    """A link to the section ``label`` on this very page."""

    def link(text: str) -> nodes.Node:
        return nodes.reference("", text, internal=True, refid=nodes.make_id(label))

    return link


def _description_start(priority: Priority) -> tuple[str, int]:
    """Source and 0-based line of a description's first line in its file."""
    document = priority.origin.document() if priority.origin else None
    if document is None:
        return priority.path, 0
    scalar = document.scalars.get(("description",))
    if scalar is None:
        return document.path, 0
    line = (
        scalar.position.line if scalar.style in ("|", ">") else scalar.position.line - 1
    )
    return document.path, line


class PriorityRole(SphinxRole):
    """``:priority:`kilo/cells-v2```: a link to that priority's section."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit, shown_text, target = split_explicit_title(self.text)
        release_name, _, slug = target.strip().partition("/")
        release = (
            data.load_release(self.env, self.env.docname, release_name)
            if slug
            else None
        )
        priority = (
            next((p for p in release.priorities if p.slug == slug), None)
            if release
            else None
        )
        if release is None or priority is None:
            logger.warning(
                f"unknown priority {target!r}: expected RELEASE/SLUG of a "
                "file priorities/RELEASE/SLUG.yaml",
                location=self.get_location(),
            )
            return [nodes.inline(self.rawtext, self.text)], []
        text = shown_text if explicit else priority.title
        reference = sections.reference(
            self.env,
            release.layout.section_label(priority.slug),
            nodes.inline(text, text, classes=["xref", "std", "std-ref"]),
            optional=False,
            priority=f"{release.name}/{priority.slug}",
        )
        self.set_source_info(reference)
        return [reference], []


class ReleaseCollector(EnvironmentCollector):
    """Re-reads the documents showing a release when its files change.

    ``env.note_dependency`` covers edits and removals of known files; this
    collector covers files added to (or removed from) a release folder, and
    a change of the settings.
    """

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        data.usage(env).pop(docname, None)
        sections.clear_doc(env, docname)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        theirs = data.usage(other)
        for docname in docnames:
            if docname in theirs:
                data.usage(env)[docname] = theirs[docname]
        sections.merge_other(env, docnames, other)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass  # the directive records usage while it reads

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        found = data.layout(app)
        if found is None:
            return []
        settings_changed = data.settings_changed(env, found)
        return [
            docname
            for docname, folders in data.usage(env).items()
            if settings_changed
            or any(
                data.current_listing(found, folder) != files
                for folder, files in folders.items()
            )
        ]


# conf.py's settings: name -> (default, what the dashboard rules call it)
SETTINGS = {
    "priorities_gerrit": ("https://review.opendev.org", "gerrit"),
    "priorities_project": ("openstack/nova", "project"),
    "priorities_specs_project": ("openstack/nova-specs", "project"),
}


def check_settings(app: Sphinx, config: Config) -> None:
    """conf.py's settings, before anything is read: a wrong one is a warning
    (an error under -W), and its default is used, as for a broken
    configuration file; never a traceback later."""
    for name, (default, kind) in SETTINGS.items():
        for problem in setting_problems([(name, getattr(config, name), kind)]):
            logger.warning(f"{problem}; using {default!r}")
            setattr(config, name, default)
    folder = config.priorities_dir
    if folder is not None and (
        not isinstance(folder, str) or any(ord(c) < 32 or c == "\x7f" for c in folder)
    ):
        logger.warning(f"priorities_dir: {folder!r} is not a folder; not used")
        config.priorities_dir = None


def setup(app: Sphinx) -> dict[str, Any]:
    # Descriptions are checked as plain docutils reads them: note its own
    # lookups now, before Sphinx swaps in its own to read a document.
    docutils_lookups()
    app.add_config_value("priorities_dir", None, "env", types=(str, type(None)))
    for name, (default, _) in SETTINGS.items():
        app.add_config_value(name, default, "env")
    app.connect("config-inited", check_settings)
    app.add_directive("priorities-table", PrioritiesTable)
    app.add_role("priority", PriorityRole())
    app.add_directive("priorities-history", PrioritiesHistory)
    app.add_env_collector(ReleaseCollector)
    app.connect("missing-reference", sections.resolve_missing)
    app.connect("env-get-updated", sections.moved_references)
    app.connect("doctree-resolved", links.rebase)
    app.add_message_catalog(CATALOG, os.path.join(os.path.dirname(__file__), "locale"))
    return {
        "version": package_version(),
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
