"""Sources: a priority file and how to read its text, here from disk.

The engine never opens files itself; it asks a source, so the same checks
run on the working tree, the git index or a commit (:mod:`.gitsource`).
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Sequence

from .files import read_text
from .layout import Layout, PriorityFile
from .problems import located


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    """A priority file and how to read its text."""

    file: PriorityFile
    read: Callable[[], str]


def constant_source(file: PriorityFile, text: str) -> Source:
    """A source whose text is already known (import, authoring commands)."""
    return Source(file, lambda: text)


@dataclasses.dataclass(frozen=True, slots=True)
class _DiskReader:
    """Reads one file (a small object: there may be 10000 of them)."""

    path: str
    root: str

    def __call__(self) -> str:
        if escapes(self.path, self.root):
            raise located(
                self.path,
                1,
                1,
                f"symlink to {os.path.realpath(self.path)}, outside the repository; "
                "a priority file must be a file of the repository",
                "yaml",
            )
        return read_text(self.path)


def disk_source(file: PriorityFile, layout: Layout) -> Source:
    """Read ``file`` from disk, refusing symlinks that leave the repository."""
    return Source(file, _DiskReader(file.path, _real(layout.root)))


@functools.cache
def _real(path: str) -> str:
    return os.path.realpath(path)


def escapes(path: str, root: str) -> bool:
    """True when ``path`` resolves (through symlinks) outside ``root``.

    Only a symlink, the file or its release folder, can lead elsewhere;
    resolving every path would cost more than reading the file.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.islink(path) and not _is_link(folder):
        return False
    real = os.path.realpath(path)
    return os.path.commonpath([real, root]) != root


@functools.cache
def _is_link(folder: str) -> bool:
    return os.path.islink(folder)


def release_sources(layout: Layout, release: str) -> list[Source]:
    """Every data file of one release folder."""
    return [disk_source(file, layout) for file in layout.release_files(release)]


def repository_sources(layout: Layout) -> list[Source]:
    """Every data file below the data folder."""
    return [disk_source(file, layout) for file in layout.walk()]


def sources_for_paths(
    layout: Layout, paths: Sequence[str]
) -> tuple[list[Source], list[Source]]:
    """Targets for the given paths (non-data files skipped) and their context:
    the other files of their releases, for the cross-file rules."""
    files = [f for f in map(layout.classify, paths) if f is not None]
    seen = {os.path.realpath(f.path) for f in files}
    context = []
    for release in sorted({f.release for f in files if f.release}):
        for source in release_sources(layout, release):
            real = os.path.realpath(source.file.path)
            if real not in seen:
                seen.add(real)
                context.append(source)
    return [disk_source(f, layout) for f in files], context
