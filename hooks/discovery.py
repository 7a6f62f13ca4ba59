"""Finding priority files on disk: ``priorities/<release>/<slug>.yaml``."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Iterable, Iterator

PRIORITIES_DIR = "priorities"
# Everything below priorities/ with one of these endings is meant as data.
DATA_LIKE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclasses.dataclass(frozen=True, slots=True)
class PriorityFile:
    """A data file below ``priorities/``, placed right or wrong.

    ``release`` is None when the file is not directly inside a release
    folder; the naming rules report that.
    """

    path: str  # as shown to the user
    priorities_dir: str  # real path of the priorities/ folder
    release: str | None

    @property
    def name(self) -> str:
        """The file name, e.g. ``cells-v2.yaml``."""
        return os.path.basename(self.path)

    @property
    def slug(self) -> str:
        return os.path.splitext(self.name)[0]

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.name)[1]


def display_path(path: str) -> str:
    """``path`` relative to the current directory, as a user would type it."""
    return os.path.relpath(path)


def classify(path: str) -> PriorityFile | None:
    """The :class:`PriorityFile` for ``path``, or None when it is no data file.

    ``path`` is kept as given for messages; a file is data when it ends in
    .yaml, .yml or .json and lies somewhere below a ``priorities`` folder.
    """
    if not path.endswith(DATA_LIKE_SUFFIXES):
        return None
    absolute = os.path.abspath(path)
    parts = absolute.split(os.sep)
    folders = parts[:-1]
    if PRIORITIES_DIR not in folders:
        return None
    # The innermost priorities/ folder wins: a release may not be called so.
    index = len(folders) - 1 - folders[::-1].index(PRIORITIES_DIR)
    # Shared by every file of a folder: thousands of files, two strings.
    priorities_dir = sys.intern(os.sep.join(parts[: index + 1]) or os.sep)
    inside = parts[index + 1 :]
    release = sys.intern(inside[0]) if len(inside) == 2 else None
    return PriorityFile(path, priorities_dir, release)


def release_folder(path: str) -> str | None:
    """``priorities/<release>/`` of a repository path (``/``-separated) to a
    data file directly in a release folder, else None."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[-3] == PRIORITIES_DIR:
        return "/".join(parts[:-1]) + "/"
    return None


def find_priorities_dir(start: str = ".") -> str | None:
    """The ``priorities/`` folder in ``start`` or the nearest parent.

    The search stops at the top of the git repository holding ``start``.
    """
    current = os.path.abspath(start)
    while True:
        candidate = os.path.join(current, PRIORITIES_DIR)
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(current)
        if parent == current or os.path.exists(os.path.join(current, ".git")):
            return None
        current = parent


def walk(priorities_dir: str) -> Iterator[PriorityFile]:
    """Every data file below ``priorities_dir``, sorted, wherever it sits."""
    for folder, subfolders, files in os.walk(priorities_dir):
        subfolders.sort()
        names = sorted(name for name in files if name.endswith(DATA_LIKE_SUFFIXES))
        if not names:
            continue
        # Where a file belongs depends only on its folder: classify once.
        shown = display_path(folder)
        first = classify(os.path.join(shown, names[0]))
        if first is None:
            continue
        for name in names:
            yield PriorityFile(
                os.path.join(shown, name), first.priorities_dir, first.release
            )


def release_files(release_dir: str) -> list[str]:
    """Paths of the data files directly in one release folder, sorted."""
    try:
        names = sorted(os.listdir(release_dir))
    except OSError:
        return []
    return [
        os.path.join(release_dir, name)
        for name in names
        if name.endswith(DATA_LIKE_SUFFIXES)
    ]


@functools.cache
def repository_root(priorities_dir: str) -> str:
    """The folder holding ``priorities/``: the root for symlink checks."""
    return os.path.dirname(os.path.realpath(priorities_dir))


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


def releases(priorities_dir: str) -> Iterable[str]:
    """The release folder names below ``priorities_dir``, sorted."""
    try:
        entries = sorted(os.scandir(priorities_dir), key=lambda e: e.name)
    except OSError:
        return []
    return [e.name for e in entries if e.is_dir() and not e.name.startswith(".")]
