"""What a check finds: problems with a position, gathered per file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Literal

Severity = Literal["error", "warning"]


EXCERPT = 60  # characters of a value quoted in a message


def excerpt(value: object) -> str:
    """``repr(value)``, cut to a short excerpt: messages never echo a
    whole description (a Gerrit comment has a size limit, a person a
    screen)."""
    text = repr(value)
    return text if len(text) <= EXCERPT else f"{text[: EXCERPT - 5]}...{text[-4:]}"


def did_you_mean(
    word: str,
    choices: Iterable[str],
    *,
    quote: str = "",
    before: str = "",
    after: str = "",
    cutoff: float = 0.6,
) -> str:
    """The hint of every message about an unknown name: "did you mean X?"
    with the choice closest to ``word`` (in ``quote``, as the message
    quotes ``word``; between ``before`` and ``after``), or "" when none
    is close."""
    import difflib  # only when a name is unknown

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    if not close:
        return ""
    return f"{before}did you mean {quote}{close[0]}{quote}?{after}"


@dataclasses.dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One finding, reported as ``path:line:col: message``.

    ``line`` and ``column`` are 1-based, as editors and flake8 count them.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "error"
    rule: str = "schema"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


class ProblemError(Exception):
    """A problem that stops the work on one input, carried to the reporters.

    Raised where a file or page cannot be read, parsed or regenerated;
    whoever catches it adds ``problem`` to a :class:`Report`, and nothing
    that input would have produced is written.
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def located(path: str, line: int, column: int, message: str, rule: str) -> ProblemError:
    """A :class:`ProblemError` for an error at ``path:line:column``."""
    return ProblemError(Problem(path, line, column, message, rule=rule))


class UsageError(Exception):
    """The command cannot run as asked (exit 2): no data folder, a bad
    revision, a bad configuration. The message is for the user as it is."""


@dataclasses.dataclass
class FileResult:
    """Everything found in one checked file."""

    path: str
    problems: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclasses.dataclass
class Report:
    """The results of one run over many files."""

    by_path: dict[str, FileResult] = dataclasses.field(default_factory=dict)
    # the files a code review can comment on (a change's); None: any file
    reviewed: frozenset[str] | None = None

    @property
    def files(self) -> list[FileResult]:
        return list(self.by_path.values())

    def add(self, problem: Problem) -> None:
        """File ``problem`` under its path, creating the result if needed."""
        self.result_for(problem.path).problems.append(problem)

    def result_for(self, path: str) -> FileResult:
        """The result of ``path``; a file checked without problems has one too."""
        if path not in self.by_path:
            self.by_path[path] = FileResult(path)
        return self.by_path[path]

    @property
    def problems(self) -> list[Problem]:
        return sorted(p for result in self.files for p in result.problems)

    @property
    def error_count(self) -> int:
        return sum(len(result.errors) for result in self.files)

    @property
    def exit_code(self) -> int:
        return 1 if self.error_count else 0
