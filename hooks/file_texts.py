"""The files of one release folder as the runner needs them: each text read
when first needed, and each file's cache key, found without reading the
file whenever that is safe."""

from __future__ import annotations

from typing import TypeGuard

from . import cache
from .problems import ProblemError
from .sources import Source


class FileTexts:
    """The texts of a task's files, each read when first needed, and their
    cache keys. A file whose source names its content (a git blob id) is
    keyed by that name; a file whose stamp (size, times, inode) is the one
    it had when its key was last worked out keeps that key. Neither is read
    while its result is cached.

    ``stamps`` are the last run's: path -> [stamp, key]; :attr:`stamps`
    those of this run.
    """

    def __init__(self, sources: list[Source], stamps: object) -> None:
        self.sources = sources
        self.read: dict[int, str | ProblemError] = {}
        self.known = stamps if isinstance(stamps, dict) else {}
        self.stamps: dict[str, list[str]] = {}

    def __getitem__(self, index: int) -> str | ProblemError:
        if index not in self.read:
            try:
                self.read[index] = self.sources[index].read()
            except ProblemError as error:
                self.read[index] = error
        return self.read[index]

    def key(self, index: int) -> str:
        source = self.sources[index]
        path = source.file.path
        if source.content_id is not None:
            return cache.key(path, "id", source.content_id())
        stamp = source.stamp() if source.stamp is not None else None
        known = self.known.get(path)
        if stamp is not None and _is_pair(known) and known[0] == stamp:
            self.stamps[path] = known
            return str(known[1])
        text = self[index]
        shown = text if isinstance(text, str) else f"\0{text.problem}"
        key = cache.key(path, "text", shown)
        if stamp is not None:
            self.stamps[path] = [stamp, key]
        return key


def _is_pair(value: object) -> TypeGuard[list[str]]:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(part, str) for part in value)
    )
