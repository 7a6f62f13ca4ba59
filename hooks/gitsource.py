"""Priority files read from commits: what a change under review holds
(``check-change``).

Like :mod:`.gitindex`, this runs the git command itself: importing GitPython
alone took longer (65 to 130 ms) than CI spends checking a change's own file,
and each of its commands added a few milliseconds more. Blobs come through
the one ``cat-file --batch`` process of :class:`.gitindex.Git`, trees
through ``git ls-tree``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import subprocess
from collections.abc import Callable

from .files import MAX_PAGE_BYTES
from .gitindex import Git, git_source, names
from .layout import Layout
from .problems import UsageError, located
from .sources import Source


@dataclasses.dataclass(frozen=True)
class Commit:
    """A commit of the repository ``git``, by its full id."""

    git: Git
    sha: str

    def parents(self) -> list[str]:
        """The parents the commit object records (a shallow clone's
        boundary hides them from ``rev-parse``, not from the object)."""
        header = self.git.run("cat-file", "commit", self.sha).split(b"\n\n", 1)[0]
        return [
            line.split()[1].decode("ascii")
            for line in header.splitlines()
            if line.startswith(b"parent ")
        ]


def head_commit(git: Git) -> Commit:
    """HEAD's commit; a usage error when the repository has none yet."""
    sha = git.attempt("rev-parse", "--verify", "-q", "HEAD^{commit}")
    if not sha:
        raise UsageError("HEAD has no commit yet: there is no change to check")
    return Commit(git, sha.decode("ascii").strip())


@dataclasses.dataclass(frozen=True)
class CommitFiles:
    """The files of a commit, for the relative links of a change."""

    commit: Commit

    def exists(self, path: str) -> bool:
        name = f"{self.commit.sha}:{path.rstrip('/')}"
        return self.commit.git.kind(name) is not None

    def read(self, path: str) -> str | None:
        return read_blob(self.commit, path)


@dataclasses.dataclass(frozen=True)
class Change:
    """One file of a change: status A, M, D or R (renamed), and its paths."""

    status: str
    old_path: str | None
    new_path: str | None


def resolve_base(git: Git, head: Commit, base: str | None) -> Commit | None:
    """The commit the change is compared with; None for a first commit.

    By default the first parent of HEAD (what Zuul prepares: the change, or
    the merge of it onto the branch). With ``base``, where HEAD's history
    left it (the merge base).
    """
    if base is None:
        parents = head.parents()
        return Commit(git, parents[0]) if parents else None
    # A revision is never taken for an option of git's.
    found = None if base.startswith("-") else _commit_id(git, base)
    if found is None:
        raise UsageError(f"cannot find the base revision {base!r}{_shallow_hint(git)}")
    merge_base = git.attempt("merge-base", found, head.sha)
    if not merge_base:
        raise UsageError(f"{base!r} and HEAD share no history{_shallow_hint(git)}")
    return Commit(git, merge_base.decode("ascii").split()[0])


def _commit_id(git: Git, revision: str) -> str | None:
    found = git.attempt("rev-parse", "--verify", "-q", f"{revision}^{{commit}}")
    return found.decode("ascii").strip() if found else None


def _shallow_hint(git: Git) -> str:
    """Why a revision may be missing, when it may be."""
    shallow = git.run("rev-parse", "--is-shallow-repository").strip()
    if shallow == b"true":
        return " (this is a shallow clone: fetch more history)"
    return ""


def changes(git: Git, base: Commit | None, head: Commit) -> list[Change]:
    """The files that differ between ``base`` and ``head``, renames found."""
    old = base.sha if base is not None else _empty_tree(git)
    output = git.attempt(
        "diff", "--name-status", "-z", "-M", "--no-color", old, head.sha
    )
    if output is None:
        raise UsageError(
            f"cannot read the base commit {old[:12]}{_shallow_hint(git)}"
        ) from None
    fields = output.decode("utf-8", "surrogateescape").split("\0")
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


def _empty_tree(git: Git) -> str:
    return git.run("hash-object", "-t", "tree", os.devnull).decode("ascii").strip()


@dataclasses.dataclass(frozen=True)
class TreeEntry:
    """An entry of a commit's tree: its repository path, kind (blob, tree,
    commit), object id and mode."""

    path: str
    kind: str
    sha: str
    mode: int


def tree_entries(commit: Commit, *paths: str) -> list[TreeEntry]:
    """The entries directly in each folder of ``paths`` at ``commit`` (a
    path ending with ``/``) and the entries of the other paths themselves;
    sorted by path. One ``git ls-tree`` for all."""
    return tree_entries_started(commit, *paths)()


def tree_entries_started(commit: Commit, *paths: str) -> Callable[[], list[TreeEntry]]:
    """:func:`tree_entries`, started now: the entries when called (git
    lists them meanwhile)."""
    records = tree_records_started(commit, *paths)

    @functools.cache
    def entries() -> list[TreeEntry]:
        found = [entry_of(path, meta) for path, meta in records().items()]
        return sorted(found, key=lambda entry: entry.path)

    return entries


def tree_records_started(commit: Commit, *paths: str) -> Callable[[], dict[str, str]]:
    """:func:`tree_entries_started`, each entry left as git wrote it, by path
    ("<mode> <kind> <id>", see :func:`entry_of`): for a long listing of
    which few entries are read."""
    if not paths:
        return dict
    specs = [f":(literal){path}" for path in paths]
    listed = _started(commit.git, "ls-tree", "-z", commit.sha, "--", *specs)

    @functools.cache
    def records() -> dict[str, str]:
        found = {}
        for record in names(listed()):
            meta, _, path = record.partition("\t")
            found[path] = meta
        return found

    return records


def entry_of(path: str, meta: str) -> TreeEntry:
    """The entry of ``path`` from its record (see :func:`tree_records_started`)."""
    mode, kind, sha = meta.split()
    return TreeEntry(path, kind, sha, int(mode, 8))


def blob_source(
    commit: Commit, layout: Layout, entry: TreeEntry, *, shown_as: str | None = None
) -> Source | None:
    """A :class:`Source` reading a blob of ``commit``; None when the
    entry is no data file.

    Messages show ``shown_as``, by default the path relative to the
    current directory.
    """
    git = commit.git
    file = layout.classify(shown_as or git.display(entry.path), relative=entry.path)
    if file is None:
        return None
    return git_source(git, file, entry.sha, entry.mode)


def folder_sources(commit: Commit, layout: Layout, folder: str) -> list[Source]:
    """The data files directly in ``folder`` at ``commit``."""
    listed = tree_entries(commit, f"{folder}/")
    return listed_sources(commit, layout, folder, listed)


def listed_sources(
    commit: Commit, layout: Layout, folder: str, listed: list[TreeEntry]
) -> list[Source]:
    """The data files of the entries ``listed`` directly in ``folder``."""
    found = []
    for entry in listed:
        if entry.kind != "blob" or os.path.dirname(entry.path) != folder:
            continue
        source = blob_source(commit, layout, entry, shown_as=entry.path)
        if source is not None:
            found.append(source)
    return found


def read_blob(commit: Commit, path: str) -> str | None:
    """The text of ``path`` at ``commit``, or None when it is not there (or
    larger than a page may be: never read whole)."""
    return commit.git.text(f"{commit.sha}:{path}", MAX_PAGE_BYTES)


def read_page_blob(commit: Commit, path: str) -> str | None:
    """:func:`read_blob` for a page: a located error when it is too large."""
    data = commit.git.blob(f"{commit.sha}:{path}", limit=MAX_PAGE_BYTES)
    if isinstance(data, int):
        raise located(path, 1, 1, f"the page is {data} bytes; that is too big", "page")
    return None if data is None else data.decode("utf-8", "replace")


def grep(commit: Commit, *args: str, paths: list[str]) -> str:
    """``git grep`` on ``commit``'s files in ``paths``; its output
    (nothing when nothing matches)."""
    return grep_started(commit, *args, paths=paths)()


def grep_started(commit: Commit, *args: str, paths: list[str]) -> Callable[[], str]:
    """:func:`grep`, started now: its output when called (git searches
    meanwhile)."""
    found = _started(commit.git, "grep", *args, commit.sha, "--", *paths, nothing=1)

    @functools.cache
    def output() -> str:
        return found().decode("utf-8", "surrogateescape")

    return output


def listed_paths(commit: Commit, output: str) -> list[str]:
    """The repository paths that ``git grep -l -z`` on ``commit`` printed."""
    prefix = f"{commit.sha}:"
    return [name.removeprefix(prefix) for name in output.split("\0") if name]


def _started(git: Git, *args: str, nothing: int | None = None) -> Callable[[], bytes]:
    """git ``args``, started now: its output when called; empty when git
    exits with ``nothing`` (1 for grep: nothing matches)."""
    process = subprocess.Popen(
        ["git", *args], cwd=git.top, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )

    @functools.cache
    def output() -> bytes:
        found, error = process.communicate()
        if process.returncode == nothing:
            return b""
        if process.returncode != 0:
            message = error.decode("utf-8", "replace").strip()
            raise UsageError(f"git {args[0]} failed: {message}")
        return found

    return output
