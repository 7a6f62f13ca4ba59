"""Reporters: how a :class:`Report` is written out, chosen by name."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Protocol, TextIO

from .problems import Report


class Reporter(Protocol):
    def __init__(self, stream: TextIO) -> None: ...

    def write(self, report: Report) -> None: ...


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    """One line: how many files were checked and what was found."""
    checked = _plural(len(report.files), "file")
    problems = report.problems
    if not problems:
        return f"{checked} checked: no problems"
    errors = report.error_count
    warnings = len(problems) - errors
    found = [_plural(errors, "error")] if errors else []
    found += [_plural(warnings, "warning")] if warnings else []
    with_problems = _plural(sum(1 for f in report.files if f.problems), "file")
    return f"{checked} checked: {' and '.join(found)} in {with_problems}"


class TextReporter:
    """``path:line:col: message`` lines (flake8 style), then the summary."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        for problem in report.problems:
            print(problem, file=self.stream)
        print(summary(report), file=self.stream)


class JsonReporter:
    """Every file with its problems, for tools."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: Report) -> None:
        data: dict[str, Any] = {
            "ok": report.exit_code == 0,
            "summary": summary(report),
            "files": [
                {
                    "path": result.path,
                    "ok": result.ok,
                    "problems": [
                        dataclasses.asdict(p) for p in sorted(result.problems)
                    ],
                }
                for result in sorted(report.files, key=lambda r: r.path)
            ],
        }
        json.dump(data, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter}
