"""Which specs serve which priority, and the Gerrit dashboard of a release.

Pure: from specs (:mod:`.specs`) and priorities to the shapes the ``specs``
and ``dashboard`` commands print. A dashboard is Gerrit's custom dashboard
(``/dashboard/?title=...&foreach=...&<section>=<query>``) or the ``.dash``
file OpenStack's gerrit-dash-creator reads: one section per priority in
table order, querying the open changes of its specs' blueprints
(``topic:bp/<name>``, OpenStack's convention), then the release's spec
reviews. A priority without blueprints gets no section.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote_plus

from .model import Priority, by_position
from .specs import Spec

FORMAT = 1

# What a dashboard's settings may hold: they go into a link and into
# Gerrit queries, from the command line and from a docs' conf.py alike.
_SETTING_RULES = {
    "gerrit": (re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?"), "an http(s) URL"),
    "project": (
        re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*"),
        "a project name",
    ),
}


def setting_problems(settings: Iterable[tuple[str, object, str]]) -> list[str]:
    """What is wrong with dashboard settings, given as (name, value, kind:
    "gerrit" or "project")."""
    problems = []
    for name, value, kind in settings:
        rule, wanted = _SETTING_RULES[kind]
        if not isinstance(value, str) or not rule.fullmatch(value):
            problems.append(f"{name}: {value!r} is not {wanted}")
    return problems


@dataclasses.dataclass(frozen=True)
class Served:
    """A priority and the specs that name it."""

    priority: Priority
    specs: tuple[Spec, ...]


def serving(
    priorities: Iterable[Priority], specs: Iterable[Spec]
) -> tuple[list[Served], list[Spec]]:
    """Each priority (table order) with its specs, and the specs that name
    no priority."""
    specs = list(specs)
    served = [
        Served(
            p,
            tuple(
                s
                for s in specs
                if any(r.target == f"{p.release}/{p.slug}" for r in s.roles)
            ),
        )
        for p in by_position(list(priorities))
    ]
    named = {id(s) for entry in served for s in entry.specs}
    return served, [s for s in specs if id(s) not in named and not s.roles]


def spec_json(spec: Spec) -> dict[str, Any]:
    return {
        "path": spec.path,
        "title": spec.title,
        "status": spec.status,
        "blueprint": spec.blueprint,
    }


def specs_json(release: str, served: list[Served], alone: list[Spec]) -> dict[str, Any]:
    """``schema/specs.schema.json``."""
    return {
        "format": FORMAT,
        "release": release,
        "priorities": [
            {
                "slug": entry.priority.slug,
                "title": entry.priority.title,
                "specs": [spec_json(s) for s in entry.specs],
            }
            for entry in served
        ],
        "without_priority": [spec_json(s) for s in alone],
    }


@dataclasses.dataclass(frozen=True)
class Dashboard:
    title: str
    foreach: str
    sections: tuple[tuple[str, str], ...]  # (name, query)

    def url(self, gerrit: str) -> str:
        parts = [("title", self.title), ("foreach", self.foreach), *self.sections]
        query = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in parts)
        return f"{gerrit.rstrip('/')}/#/dashboard/?{query}"

    def dash(self) -> str:
        """The INI text gerrit-dash-creator reads."""
        lines = [
            "[dashboard]",
            f"title = {self.title}",
            f"description = {self.title}",
            f"foreach = {self.foreach}",
        ]
        for name, query in self.sections:
            title = name.replace('"', "'")
            lines += ["", f'[section "{title}"]', f"query = {query}"]
        return "\n".join(lines) + "\n"


def dashboard(
    release: str, served: list[Served], project: str, specs_project: str
) -> Dashboard:
    sections = []
    for entry in served:
        blueprints = sorted({s.blueprint for s in entry.specs if s.blueprint})
        if blueprints:
            topics = " OR ".join(f"topic:bp/{name}" for name in blueprints)
            sections.append((entry.priority.title, f"project:{project} ({topics})"))
    sections.append(
        (
            f"{release.capitalize()} spec reviews",
            f"project:{specs_project} file:^specs/{release}/.*",
        )
    )
    return Dashboard(
        title=f"{release.capitalize()} priorities",
        foreach="status:open NOT label:Workflow<=-1",
        sections=tuple(sections),
    )
