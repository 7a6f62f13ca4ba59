"""What a check finds: problems with a position, gathered per file."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .model import Priority

Severity = Literal["error", "warning"]


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
    # The checked files that passed the schema, for commands that go on
    # to use the data (render, check-change).
    priorities: list[Priority] = dataclasses.field(default_factory=list)
    # The valid priorities read only for context (the rest of a release).
    context_priorities: list[Priority] = dataclasses.field(default_factory=list)

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
