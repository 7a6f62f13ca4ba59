"""Priority files read from commits with GitPython: what a change under
review holds (``check-change``) and a repository's history.

Imported only by the commands that read commits, so the hooks never pay
for GitPython (``validate --staged`` reads the index with :mod:`.gitindex`).
"""

from __future__ import annotations

import dataclasses
import functools
import os

import git

from .gitindex import Git, display_path, git_source
from .layout import Layout
from .problems import UsageError
from .sources import Source


def open_repository(path: str = ".") -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(
            f"{os.path.abspath(path)} is not inside a git repository"
        ) from None


def _display(repo: git.Repo, path: str) -> str:
    assert repo.working_tree_dir is not None
    return display_path(str(repo.working_tree_dir), path)


def blob_source(
    repo: git.Repo,
    layout: Layout,
    path: str,
    binsha: bytes,
    mode: int,
    *,
    shown_as: str | None = None,
) -> Source | None:
    """A :class:`Source` reading a blob; None when ``path`` is no data file.

    ``path`` is relative to the repository; messages show ``shown_as``,
    by default the path relative to the current directory.
    """
    file = layout.classify(shown_as or _display(repo, path), relative=path)
    if file is None:
        return None

    return git_source(_blobs(str(repo.git_dir)), file, binsha.hex(), mode)


@functools.cache
def _blobs(git_dir: str) -> Git:
    """One ``cat-file --batch`` for every blob a command reads: GitPython's
    object database asks git twice per blob and parses in Python."""
    return Git(git_dir)


@dataclasses.dataclass(frozen=True)
class CommitFiles:
    """The files of a commit, for the relative links of a change."""

    commit: git.Commit

    def exists(self, path: str) -> bool:
        try:
            self.commit.tree / path.rstrip("/")
        except KeyError:
            return False
        return True

    def read(self, path: str) -> str | None:
        return read_blob(self.commit, path)


# --- commits: what a change under review holds ------------------------------


@dataclasses.dataclass(frozen=True)
class Change:
    """One file of a change: status A, M, D or R (renamed), and its paths."""

    status: str
    old_path: str | None
    new_path: str | None


def resolve_base(
    repo: git.Repo, head: git.Commit, base: str | None
) -> git.Commit | None:
    """The commit the change is compared with; None for a first commit.

    By default the first parent of HEAD (what Zuul prepares: the change, or
    the merge of it onto the branch). With ``base``, where HEAD's history
    left it (the merge base).
    """
    if base is None:
        return head.parents[0] if head.parents else None
    try:
        wanted = repo.commit(base)
    except (git.BadName, ValueError, git.GitCommandError):
        raise UsageError(
            f"cannot find the base revision {base!r}{_shallow_hint(repo)}"
        ) from None
    try:
        merge_bases = repo.merge_base(wanted, head)
    except git.GitCommandError:
        merge_bases = []
    if not merge_bases or merge_bases[0] is None:
        raise UsageError(f"{base!r} and HEAD share no history{_shallow_hint(repo)}")
    return repo.commit(merge_bases[0].hexsha)


def _shallow_hint(repo: git.Repo) -> str:
    """Why a revision may be missing, when it may be."""
    if os.path.exists(os.path.join(repo.git_dir, "shallow")):
        return " (this is a shallow clone: fetch more history)"
    return ""


def empty_tree(repo: git.Repo) -> str:
    return str(repo.git.hash_object("-t", "tree", os.devnull))


def changes(repo: git.Repo, base: git.Commit | None, head: git.Commit) -> list[Change]:
    """The files that differ between ``base`` and ``head``, renames found."""
    old = base.hexsha if base is not None else empty_tree(repo)
    try:
        output = repo.git.diff(
            "--name-status",
            "-z",
            "-M",
            "--no-color",
            old,
            head.hexsha,
            stdout_as_string=False,
        ).decode("utf-8", "surrogateescape")
    except git.GitCommandError:
        raise UsageError(
            f"cannot read the base commit {old[:12]}{_shallow_hint(repo)}"
        ) from None
    fields = output.split("\0")
    found, index = [], 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            old, new = fields[index + 1], fields[index + 2]
            found.append(Change("R" if status == "R" else "A", old, new))
            index += 3
            continue
        path = fields[index + 1]
        if status == "D":
            found.append(Change("D", path, None))
        elif status == "A":
            found.append(Change("A", None, path))
        else:  # M, T (type change)
            found.append(Change("M", path, path))
        index += 2
    return found


@dataclasses.dataclass(frozen=True)
class TreeBlob:
    """A file of a commit's tree: its repository path, blob id and mode."""

    path: str
    binsha: bytes
    mode: int


def tree_blobs(commit: git.Commit, folder: str) -> list[TreeBlob]:
    """The files directly in ``folder`` (a repository path) at ``commit``,
    listed by ``git ls-tree`` (GitPython's tree objects validate every
    entry's name in Python: 15 ms per thousand)."""
    folder = folder.rstrip("/")
    try:
        listed = commit.repo.git.ls_tree(
            "-z", commit.hexsha, "--", f":(literal){folder}/", stdout_as_string=False
        )
    except git.GitCommandError:
        return []
    found = []
    for record in listed.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = record.partition("\t")
        if not path or path.rpartition("/")[0] != folder:
            continue
        mode, kind, sha = meta.split()
        if kind == "blob":
            found.append(TreeBlob(path, bytes.fromhex(sha), int(mode, 8)))
    return sorted(found, key=lambda blob: blob.path)


def read_blob(commit: git.Commit, path: str) -> str | None:
    """The text of ``path`` at ``commit``, or None when it is not there."""
    try:
        blob = commit.tree / path
    except KeyError:
        return None
    data: bytes = blob.data_stream.read()
    return data.decode("utf-8", "replace")
