"""The checks, as pure functions: one file, then one release.

:func:`check_file` depends only on a file's path and text, so its result
(a :class:`FileCheck`) can be cached by content and computed in another
process. :func:`check_release` runs the cross-file rules over the files of
one release. :mod:`.runner` adds the cache, the worker processes and the
repository-wide rules.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import rules
from .layout import PriorityFile
from .loader import Document, load_text
from .model import Priority, normalize_name
from .problems import Problem, ProblemError
from .schema_check import check_schema

if TYPE_CHECKING:  # docutils' side is imported only when a description needs it
    from .rst_check import Definition, Linked, Reference


@dataclasses.dataclass
class FileCheck:
    """What checking one file found.

    ``problems`` are the file's own; ``data`` is its content when it passed
    the schema and sits in a release folder; ``references`` are the names
    its description refers to without defining them, which the release
    check resolves against the release's titles.
    """

    path: str
    problems: list[Problem]
    data: dict[str, Any] | None = None
    references: list[Reference] = dataclasses.field(default_factory=list)
    definitions: list[Definition] = dataclasses.field(default_factory=list)
    # relative links, which only the repository can tell exist (.published)
    links: list[Linked] = dataclasses.field(default_factory=list)
    # The description, when its markup was left unchecked (a file read only
    # for the rules of its release: see check_file's ``rst``).
    unchecked_description: str | None = None

    def to_json(self) -> list[Any]:
        """Plain values for the cache (paths are the cache's key, not kept)."""
        return [
            [problem_json(p) for p in self.problems],
            self.data,
            *(
                [[name, problem_json(p)] for name, p in named]
                for named in (self.references, self.definitions, self.links)
            ),
            self.unchecked_description,
        ]

    @classmethod
    def from_json(cls, path: str, value: list[Any]) -> FileCheck:
        problems, data, *named, unchecked = value
        references, definitions, links = (
            [(name, _problem_from(path, p)) for name, p in entries] for entries in named
        )
        if not isinstance(unchecked, str | None):
            raise TypeError("unchecked_description")
        return cls(
            path,
            [_problem_from(path, p) for p in problems],
            data,
            references,
            definitions,
            links,
            unchecked,
        )


def problem_json(problem: Problem) -> list[Any]:
    return [
        problem.line,
        problem.column,
        problem.message,
        problem.severity,
        problem.rule,
    ]


def _problem_from(path: str, value: list[Any]) -> Problem:
    line, column, message, severity, rule = value
    return Problem(path, line, column, message, severity, rule)


def parse(file: PriorityFile, text: str) -> Document:
    return load_text(text, file.path, is_json=file.suffix == ".json")


def check_file(
    file: PriorityFile, text: str | ProblemError, *, rst: bool = True
) -> FileCheck:
    """Every check of one file that needs no other file.

    ``text`` is the file's content, or why it could not be read. Without
    ``rst``, a description with markup is not given to docutils but kept in
    ``unchecked_description``: what a file read only for its release's rules
    needs (its data) costs no docutils parse; see :func:`may_define`.
    """
    try:
        return _check_file(file, text, rst)
    except RecursionError:  # whatever the limits missed: a located error
        message = "too deeply nested to check; flatten it"
        return FileCheck(file.path, [Problem(file.path, 1, 1, message, rule="yaml")])


def _check_file(file: PriorityFile, text: str | ProblemError, rst: bool) -> FileCheck:
    problems = [p for rule in rules.FILE_RULES for p in rule(file)]
    try:
        if isinstance(text, ProblemError):
            raise text
        document = parse(file, text)
    except ProblemError as error:
        return FileCheck(file.path, [*problems, error.problem])
    problems += check_schema(document)
    if not problems:
        problems += rules.check_characters(document)
        problems += rules.check_link_texts(document)
    check = FileCheck(file.path, problems)
    if not problems and file.release is not None:
        check.data = document.data
    data = document.data
    if isinstance(data, dict) and isinstance(data.get("description"), str):
        from .rst_check import check_description, needs_docutils

        if not rst and needs_docutils(data["description"]):
            check.unchecked_description = data["description"]
        else:  # docutils is imported only here, when a description needs it
            found, check.references, check.definitions, check.links = check_description(
                document
            )
            check.problems += found
    if check.data is not None:
        check.links += _relative_data_links(document)
    return check


def _relative_data_links(document: Document) -> list[tuple[str, Problem]]:
    """The relative URLs of ``links``, each placed at its value."""
    from .urls import relative_path

    found = []
    for index, link in enumerate(document.data.get("links", [])):
        if relative_path(link["url"]) is not None:
            where = ("links", index, "url")
            at = document.position_of(where)
            message = f"links[{index}].url: the link {link['url']!r}"
            found.append(
                (link["url"], Problem(document.path, at.line, at.column, message))
            )
    return found


def may_define(description: str, names: set[str]) -> bool:
    """Whether ``description`` could define one of ``names`` (normalized).

    A name is made of the description's own characters, lowered, with
    markup, escapes and spaces dropped or collapsed; so a description whose
    letters and digits, case-folded, do not contain a name's cannot define
    it. Never wrong in that direction; it only saves docutils parses.
    """
    letters = _letters(description)
    return any(_letters(name.strip("|")) in letters for name in names)


def _letters(text: str) -> str:
    return "".join(_WORD.findall(text.casefold()))


_WORD = re.compile(r"[^\W_]+")


def check_release(
    checks: Sequence[FileCheck], priorities: Sequence[Priority], targets: set[str]
) -> list[Problem]:
    """The cross-file problems of one release's ``targets``.

    ``checks`` are the file checks of the release (targets and context),
    ``priorities`` the valid ones among them.
    """
    problems = [
        problem
        for release_rule in rules.RELEASE_RULES
        for problem in release_rule(list(priorities))
        if problem.path in targets
    ]
    titles = [priority.title for priority in priorities]
    for check in checks:
        if check.path in targets and check.references:
            from .rst_check import unresolved

            problems += unresolved(check.references, titles)
    return problems + _name_clashes(checks, priorities, targets)


def _name_clashes(
    checks: Sequence[FileCheck], priorities: Sequence[Priority], targets: set[str]
) -> list[Problem]:
    """A name a description defines must not be a title of the release (it
    would re-point that priority's links), an owner's name (the table links
    owners by name) or a name another description defines."""
    if not any(check.definitions for check in checks if check.path in targets):
        return []  # (most releases: building every name costs 10 ms per 1000)
    taken: dict[str, str] = {}
    for priority in priorities:
        taken.setdefault(
            normalize_name(priority.title), f"the title of {priority.path}"
        )
        for owner in priority.owners:
            taken.setdefault(normalize_name(owner.name), "an owner's name on the page")
        for label in priority.labels:
            taken.setdefault(normalize_name(label), f"a label of {priority.path}")
    defined: dict[str, list[str]] = {}
    for check in checks:
        for name, _ in check.definitions:
            defined.setdefault(name, []).append(check.path)
    problems = []
    for check in checks:
        if check.path not in targets:
            continue
        for name, problem in check.definitions:
            others = [path for path in defined[name] if path != check.path]
            if name in taken:
                clash = f"which is {taken[name]}"
            elif others:
                clash = f"also defined in {', '.join(others)}"
            else:
                continue
            message = (
                f"{problem.message}, {clash}; the page has one namespace for names: "
                "choose another, or link with `text <url>`__"
            )
            problems.append(dataclasses.replace(problem, message=message))
    return problems
