"""Priority files read from git with GitPython: the index or a commit.

Imported only by the commands that read git, so the plain hook path does
not pay for GitPython.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import git

from . import discovery
from .loader import LoadError, Position, decode
from .validate import Source

SYMLINK_MODE = 0o120000


class GitError(Exception):
    """The repository or a revision cannot be used; a usage problem."""


def open_repository(path: str = ".") -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{os.path.abspath(path)} is not inside a git repository"
        ) from None


def _display(repo: git.Repo, path: str) -> str:
    assert repo.working_tree_dir is not None
    return discovery.display_path(os.path.join(repo.working_tree_dir, path))


def blob_source(repo: git.Repo, path: str, binsha: bytes, mode: int) -> Source | None:
    """A :class:`Source` reading a blob; None when ``path`` is no data file."""
    file = discovery.classify(_display(repo, path))
    if file is None:
        return None

    def read() -> str:
        if mode & 0o170000 == SYMLINK_MODE:
            raise LoadError(
                file.path,
                Position(1, 1),
                "is a symlink; a priority file must be a regular file",
            )
        info = repo.odb.info(binsha)
        if info.size > 2 * 1024 * 1024:  # do not even read a huge blob
            return decode(b"", file.path, info.size)
        return decode(repo.odb.stream(binsha).read(), file.path)

    return Source(file, read)


def release_folders(paths: Iterable[str]) -> set[str]:
    """``priorities/<release>/`` prefixes of the priority files in ``paths``."""
    found = set()
    for path in paths:
        parts = path.split("/")
        if len(parts) >= 3 and parts[-3] == discovery.PRIORITIES_DIR:
            found.add("/".join(parts[:-1]) + "/")
    return found


def staged_sources(repo: git.Repo) -> tuple[list[Source], list[Source]]:
    """The staged priority files (as staged) and the rest of their releases."""
    output = repo.git.diff("--cached", "--name-only", "--diff-filter=ACMR", "-z")
    changed = {path for path in output.split("\0") if path}
    folders = release_folders(changed)
    targets: list[Source] = []
    context: list[Source] = []
    for (path, stage), entry in sorted(repo.index.entries.items()):
        name = str(path)
        if stage != 0 or name.rsplit("/", 1)[0] + "/" not in folders:
            continue
        source = blob_source(repo, name, entry.binsha, entry.mode)
        if source is not None:
            (targets if name in changed else context).append(source)
    return targets, context
