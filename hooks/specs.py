"""Specs: the RST files that propose the work, and the priority each names.

A spec names its priority with the role ``:priority:`kilo/cells-v2``` in
its "Project Priority" section. Where specs live is configuration
(``specs``, default ``specs/{release}/*/*.rst``, as nova-specs keeps them:
the folder below the release is the spec's status, ``approved`` or
``implemented``). Its blueprint is the Launchpad blueprint link at its top.

Specs are read with patterns, not docutils: they use Sphinx roles that
plain docutils does not know, and only these few facts are needed. Pure.
"""

from __future__ import annotations

import dataclasses
import re

ROLE = re.compile(r":priority:`(?P<body>[^`]*)`")
_EXPLICIT = re.compile(r"(?s).*<(?P<target>[^<>]*)>\s*")
_BLUEPRINT = re.compile(
    r"https://blueprints\.launchpad\.net/(?P<project>[^/\s]+)/\+spec/"
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)"
)
_ADORNMENT = re.compile(r"([=\-~^\"'`#*+<>:._])\1*\s*")
SECTION_TITLE = "project priority"


@dataclasses.dataclass(frozen=True)
class Role:
    """One ``:priority:`` role: what it names and where."""

    target: str
    line: int
    column: int


@dataclasses.dataclass(frozen=True)
class Spec:
    """What the tools need of one spec."""

    path: str
    release: str
    status: str
    title: str
    blueprint: str  # the blueprint's name, or "" when the spec has no link
    roles: tuple[Role, ...]
    section: tuple[int, int] | None  # lines (1-based, end excluded) of its
    # "Project Priority" section's body, when it has one


def read_spec(path: str, text: str, release: str, status: str) -> Spec:
    lines = text.splitlines()
    return Spec(
        path=path,
        release=release,
        status=status,
        title=_title(lines),
        blueprint=_blueprint(text),
        roles=tuple(_roles(lines)),
        section=_section(lines),
    )


def _roles(lines: list[str]) -> list[Role]:
    found = []
    for number, line in enumerate(lines, start=1):
        for match in ROLE.finditer(line):
            body = match.group("body")
            explicit = _EXPLICIT.fullmatch(body)
            target = (explicit.group("target") if explicit else body).strip()
            found.append(Role(target, number, match.start() + 1))
    return found


def _titles(lines: list[str]) -> list[tuple[int, str]]:
    """(0-based line, text) of each section title: a line of text with an
    adornment line below it at least as long."""
    found = []
    for index in range(len(lines) - 1):
        text, below = lines[index], lines[index + 1]
        if (
            text.strip()
            and not text.startswith((" ", "\t", ".."))
            and _ADORNMENT.fullmatch(below)
            and len(below.rstrip()) >= len(text.rstrip())
            and not _ADORNMENT.fullmatch(text)
        ):
            found.append((index, text.strip()))
    return found


def _title(lines: list[str]) -> str:
    titles = _titles(lines)
    return titles[0][1] if titles else ""


def _section(lines: list[str]) -> tuple[int, int] | None:
    """The body of the "Project Priority" section, as a line range."""
    titles = _titles(lines)
    for number, (index, text) in enumerate(titles):
        if text.lower() == SECTION_TITLE:
            end = titles[number + 1][0] if number + 1 < len(titles) else len(lines)
            return index + 3, end + 1  # after the underline; up to the next title
    return None


def _blueprint(text: str) -> str:
    """The first blueprint link, also when wrapped over two lines."""

    def join(match: re.Match[str]) -> str:
        return "-" if match.group().startswith("-") else " "

    joined = re.sub(r"-?\n\s*", join, text[:3000])
    found = _BLUEPRINT.search(joined)
    return found.group("name") if found else ""
