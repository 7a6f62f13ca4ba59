"""Reporters: how a :class:`Report` is written out, chosen by name.

``text`` is for people and for the zuul-jobs tox role (``path:line:col:
message`` lines), ``json`` for tools, ``zuul`` for ``zuul_return`` and
``gerrit`` a Gerrit ``ReviewInput``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
from collections.abc import Callable
from typing import Any, ClassVar, TextIO

from .problems import Problem, Report


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    """One line: how many files were checked and what was found."""
    checked = plural(len(report.files), "file")
    problems = report.problems
    if not problems:
        return f"{checked} checked: no problems"
    errors = report.error_count
    warnings = len(problems) - errors
    found = [plural(errors, "error")] if errors else []
    found += [plural(warnings, "warning")] if warnings else []
    with_problems = plural(sum(1 for f in report.files if f.problems), "file")
    return f"{checked} checked: {' and '.join(found)} in {with_problems}"


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``-q`` and ``--color``, for the commands that print problems."""
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the problems only: no summary, no progress lines",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="color the text output; auto: when writing to a terminal, unless "
        "NO_COLOR is set (FORCE_COLOR forces it)",
    )


def use_color(choice: str, stream: TextIO) -> bool:
    """Whether to color: ``--color``, then NO_COLOR and FORCE_COLOR, then
    whether ``stream`` is a terminal (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def reporter_for(args: argparse.Namespace, stream: TextIO) -> Reporter:
    """The reporter ``--format``, ``--quiet`` and ``--color`` ask for."""
    color = use_color(getattr(args, "color", "never"), stream)
    kind = REPORTERS[getattr(args, "format", "text")]
    return kind(stream, quiet=getattr(args, "quiet", False), color=color)


_BOLD, _YELLOW, _RED, _GREEN, _RESET = (
    f"\033[{c}m" for c in ("1", "33", "31", "32", "0")
)


def line_of(problem: Problem, color: bool) -> str:
    """``path:line:col: message``, the place in bold and warnings in yellow;
    what is not printable shown escaped (:func:`shown`)."""
    if not color:
        return shown(str(problem))
    place = f"{_BOLD}{shown(problem.path)}:{problem.line}:{problem.column}:{_RESET}"
    warning = f"{_YELLOW}warning:{_RESET} " if problem.severity == "warning" else ""
    return f"{place} {warning}{shown(problem.message)}"


def shown(text: str) -> str:
    """``text`` with its unprintable characters escaped (``\\x1b``,
    ``\\n``, ``\\u202e``): a file name or a value from a change can
    neither forge a line, nor drive a terminal, nor reorder what a reviewer
    reads. The bytes of a name that is not UTF-8 are left to the stream,
    which shows them as they are on disk (see the CLI)."""
    if text.isprintable():
        return text
    return "".join(
        char
        if char.isprintable() or "\udc80" <= char <= "\udcff"
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


class Reporter:
    """Writes a report to a stream; subclasses say how."""

    description: ClassVar[str] = ""

    def __init__(
        self, stream: TextIO, *, quiet: bool = False, color: bool = False
    ) -> None:
        self.stream, self.quiet, self.color = stream, quiet, color

    def write(self, report: Report) -> None:
        raise NotImplementedError

    def _json(self, data: Any) -> None:
        json.dump(data, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


class TextReporter(Reporter):
    """``path:line:col: message`` lines (flake8 style), then the summary."""

    description = "path:line:col: message lines and a summary"

    def write(self, report: Report) -> None:
        for problem in report.problems:
            print(line_of(problem, self.color), file=self.stream)
        if not self.quiet:
            line = summary(report)
            if self.color:
                line = f"{_RED if report.error_count else _GREEN}{line}{_RESET}"
            print(line, file=self.stream)


class ProblemsOnlyReporter(Reporter):
    """Only the ``path:line:col: message`` lines: for commands whose own
    output says the rest (render, import)."""

    def write(self, report: Report) -> None:
        for problem in report.problems:
            print(line_of(problem, self.color), file=self.stream)


class JsonReporter(Reporter):
    """Every file with its problems, for tools."""

    description = "machine-readable results"

    def write(self, report: Report) -> None:
        self._json(
            {
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
        )


class ZuulReporter(Reporter):
    """The data for ``zuul_return``: inline comments by file."""

    description = "zuul_return file_comments"

    def write(self, report: Report) -> None:
        # Zuul drops a comment on a file outside the change: such problems
        # (a page the change makes stale) become warnings on its comment.
        problems, outside = _reviewed(report)
        problems, left_out = _inline(problems)
        comments = _file_comments(problems, "level", lambda p: p.severity)
        zuul: dict[str, Any] = {"file_comments": comments}
        warnings = [
            f"On a file outside this change: {line_of(p, color=False)}" for p in outside
        ] + ([left_out] if left_out else [])
        if warnings:
            zuul["warnings"] = warnings
        self._json({"zuul": zuul})


class GerritReporter(Reporter):
    """A Gerrit ``ReviewInput`` for ``gerrit review --json`` or the REST API."""

    description = "a Gerrit ReviewInput"

    def write(self, report: Report) -> None:
        # Gerrit refuses a review commenting on a file outside the change:
        # such problems (a page the change makes stale) go in the message.
        problems, outside = _reviewed(report)
        problems, left_out = _inline(problems)
        message = f"nova-priorities check-change: {summary(report)}"
        if outside:
            lines = [line_of(problem, color=False) for problem in outside]
            message += "\n\nOn files outside this change:\n" + "\n".join(lines)
        if left_out:
            message += f"\n\n{left_out}"
        self._json(
            {
                "message": message,
                "labels": {"Verified": -1 if report.error_count else 1},
                "comments": _file_comments(
                    problems, "unresolved", lambda p: p.severity == "error"
                ),
                "tag": "autogenerated:nova-priorities",
            }
        )


def _reviewed(report: Report) -> tuple[list[Problem], list[Problem]]:
    """The problems on the files of the change reviewed, and the others
    (none when the report is no change's)."""
    problems = report.problems
    if report.reviewed is None:
        return problems, []
    inside = [p for p in problems if p.path in report.reviewed]
    return inside, [p for p in problems if p.path not in report.reviewed]


# Gerrit counts every comment of a change against a limit (5000 by
# default) and refuses a whole review past it: a change of thousands of bad
# files, checked again at each patch set, would soon get no vote at all.
MAX_INLINE = 100


def _inline(problems: list[Problem]) -> tuple[list[Problem], str]:
    """The problems to comment inline (errors first, then in file order;
    at most :data:`MAX_INLINE`), in their order, and what to say of the
    others (nothing when there are none)."""
    if len(problems) <= MAX_INLINE:
        return problems, ""
    first = sorted(problems, key=lambda p: (p.severity != "error", p))[:MAX_INLINE]
    kept = set(first)
    return [p for p in problems if p in kept], (
        f"{len(problems) - MAX_INLINE} more problems are not commented inline "
        f"(at most {MAX_INLINE} are, errors first); `nova-priorities "
        "check-change` with the text format shows them all"
    )


def _file_comments(
    problems: list[Problem], field: str, value: Callable[[Problem], Any]
) -> dict[str, list[dict[str, Any]]]:
    """Inline comments by path: line, message, and one format-specific field."""
    comments: dict[str, list[dict[str, Any]]] = {}
    for problem in problems:
        comments.setdefault(problem.path, []).append(
            {"line": problem.line, "message": _comment(problem), field: value(problem)}
        )
    return comments


def _comment(problem: Problem) -> str:
    prefix = "Warning: " if problem.severity == "warning" else ""
    return f"{prefix}{problem.message} (column {problem.column})"


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "zuul": ZuulReporter,
    "gerrit": GerritReporter,
}
# validate reports on files; the review formats are for check-change.
FILE_FORMATS = ("text", "json")


def format_help(names: tuple[str, ...] | list[str]) -> str:
    """``--format`` help: each name with what it writes."""
    return "; ".join(f"{name}: {REPORTERS[name].description}" for name in names)
