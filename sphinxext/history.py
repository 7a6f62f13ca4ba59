"""``.. priorities-history::``: priorities across releases, as a table.

Rows are the chains that ``continues`` makes, columns the releases (all,
or ``:releases: kilo-queens``), oldest first; each cell is the priority's
title in that release, linked to its section wherever the project shows
it (see .sections), else plain text, and its owners. Built from docutils
nodes, so every builder writes it; each release is read through
:func:`.data.load_release`, which records what the document depends on.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..hooks.history import Chain, chains
from ..hooks.layout import Release as ReleaseLayout
from ..hooks.layout import release_sort_key
from ..hooks.model import Priority
from . import data, sections
from .table_nodes import table_row

_ = get_translation("nova_priorities")
logger = logging.getLogger(__name__)


class PrioritiesHistory(SphinxDirective):
    """``.. priorities-history::`` with ``:releases:``, ``:owner:``, ``:class:``."""

    option_spec = {  # noqa: RUF012  (docutils' API is a class attribute)
        "releases": directives.unchanged_required,
        "owner": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        found = data.layout(self.env.app)
        if found is None:
            return []
        order = found.config.release_order
        names = sorted(
            data.record_releases(self.env, self.env.docname, found),
            key=lambda name: release_sort_key(name, order),
        )
        names = self._range(names)
        priorities: list[Priority] = []
        self.labels: dict[str, ReleaseLayout] = {}
        for name in names:
            release = data.load_release(self.env, self.env.docname, name)
            if release is None:
                continue
            self.labels[name] = release.layout
            for problem in release.problems:
                logger.warning(
                    f"{problem} (left out of priorities-history)",
                    location=self.get_location(),
                )
            priorities += release.priorities
        rows = chains(priorities, order)
        owner = self.options.get("owner")
        if owner:
            rows = [
                chain
                for chain in rows
                if any(o.launchpad == owner for p in chain.priorities for o in p.owners)
            ]
        return [self._table(names, rows)] if rows else []

    def _range(self, names: list[str]) -> list[str]:
        """The releases ``:releases: FIRST-LAST`` (or one release) names, in
        time order. Release names may hold hyphens: the range is the split
        that names two releases."""
        wanted = self.options.get("releases")
        if not wanted:
            return names
        ranges = [(wanted, wanted)] + [
            (wanted[:at], wanted[at + 1 :])
            for at, char in enumerate(wanted)
            if char == "-"
        ]
        for first, last in ranges:
            if first in names and last in names:
                if names.index(first) > names.index(last):
                    self._warn(f"{wanted}: {first} comes after {last}", names)
                    return []
                return names[names.index(first) : names.index(last) + 1]
        self._warn(f"{wanted} is no release folder, nor FIRST-LAST of two", names)
        return []

    def _warn(self, message: str, names: list[str]) -> None:
        logger.warning(
            f"priorities-history: :releases: {message} (there are: "
            f"{', '.join(names) or 'none'})",
            location=self.get_location(),
        )

    def _table(self, names: list[str], rows: list[Chain]) -> nodes.table:
        table = nodes.table(
            classes=["priorities-history", *self.options.get("class", [])]
        )
        title = _("Priorities across releases")
        table += nodes.title(title, title)
        group = nodes.tgroup(cols=len(names))
        table += group
        group += [nodes.colspec(colwidth=20) for _ in names]
        head = nodes.thead()
        head += table_row([[nodes.Text(name.capitalize())] for name in names])
        body = nodes.tbody()
        for chain in rows:
            cells = []
            for name in names:
                priority = chain.in_release(name)
                cells.append(self._cell(priority) if priority else [])
            body += table_row(cells)
        group += [head, body]
        self.set_source_info(table)
        return table

    def _cell(self, priority: Priority) -> list[nodes.Node]:
        link = sections.reference(
            self.env,
            self.labels[priority.release].section_label(priority.slug),
            nodes.inline(priority.title, priority.title),
            optional=True,
        )
        owners = ", ".join(owner.name for owner in priority.owners)
        return [link, nodes.Text(f" ({owners})")] if owners else [link]
