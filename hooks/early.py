"""The targets' own checks, started first.

A commit changes a few files; checking each costs imports (PyYAML, the
schema's code, docutils' when its markup needs it) and a parse, while the
rest of their releases costs reading cached results or plain data.
:class:`EarlyChecks` checks the targets in a forked child process from the
start of a run, so the two overlap on a machine with a processor to spare.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .problems import ProblemError
from .workers import PARALLEL_FROM, Forked

if TYPE_CHECKING:
    from .engine import FileCheck
    from .layout import PriorityFile
    from .sources import Source


class EarlyChecks:
    """The checks of some files, made in a forked child from the texts it
    was given. A check is used only for that text: a file read otherwise
    later (changed meanwhile) is checked again."""

    def __init__(self, texts: dict[PriorityFile, str]) -> None:
        self.texts = texts
        self.child = Forked(lambda: _checks(list(texts.items())))
        self.checks: dict[PriorityFile, FileCheck] | None = None

    @classmethod
    def start(cls, targets: Sequence[Source], jobs: int) -> EarlyChecks | None:
        """Started for a few targets with a processor to spare (many are
        spread over worker processes instead)."""
        if jobs < 2 or not targets or len(targets) >= PARALLEL_FROM:
            return None
        texts = {}
        for source in targets:
            with contextlib.suppress(ProblemError):  # reported by the run
                texts[source.file] = source.read()
        return cls(texts) if texts else None

    def check(self, file: PriorityFile, text: str | ProblemError) -> FileCheck | None:
        """The check of ``file`` as ``text``, if the child made it."""
        if self.texts.get(file) != text:
            return None
        return self.wait().get(file)

    def wait(self) -> dict[PriorityFile, FileCheck]:
        """The child's checks (waited for)."""
        if self.checks is None:
            self.checks = dict(zip(self.texts, self.child.result(), strict=True))
        return self.checks

    def cancel(self) -> None:
        """Stop the child if none of its checks was wanted (all cached)."""
        if self.checks is None:
            self.child.cancel()


def _checks(work: list[tuple[PriorityFile, str]]) -> list[FileCheck]:
    from .engine import check_file

    return [check_file(file, text) for file, text in work]
