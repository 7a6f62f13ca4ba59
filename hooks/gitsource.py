"""Priority files read from git with GitPython: the index or a commit.

Imported only by the commands that read git, so the plain hook path does
not pay for GitPython.
"""

from __future__ import annotations

import dataclasses
import functools
import os

import git

from .files import MAX_FILE_BYTES, decode
from .layout import DATA_SUFFIXES, Layout
from .problems import Problem, UsageError, located
from .sources import NamesFolder, Selection, Source

SYMLINK_MODE = 0o120000
GITLINK_MODE = 0o160000
_NOT_FILES = {SYMLINK_MODE: "a symlink", GITLINK_MODE: "a submodule (gitlink)"}


def open_repository(path: str = ".") -> git.Repo:
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(
            f"{os.path.abspath(path)} is not inside a git repository"
        ) from None


def _display(repo: git.Repo, path: str) -> str:
    """A repository path as the user sees it: relative to the current folder."""
    assert repo.working_tree_dir is not None
    top = _relative_top(str(repo.working_tree_dir), os.getcwd())
    return path if top == "." else os.path.normpath(os.path.join(top, path))


@functools.cache
def _relative_top(top: str, current: str) -> str:
    return os.path.relpath(top, current)


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

    def read() -> str:
        kind = _NOT_FILES.get(mode & 0o170000)
        if kind is not None:
            raise located(
                file.path,
                1,
                1,
                f"is {kind}; a priority file must be a regular file",
                "yaml",
            )
        info = repo.odb.info(binsha)
        if info.size > MAX_FILE_BYTES:  # refused: do not even read it
            return decode(b"", file.path, info.size)
        return decode(repo.odb.stream(binsha).read(), file.path)

    identity = f"{mode:o}:{binsha.hex()}"
    return Source(file, read, lambda: identity, lambda: identity)


def staged_sources(repo: git.Repo, layout: Layout) -> Selection:
    """The staged priority files (as staged) and the rest of their releases.

    The index is the one git uses: ``GIT_INDEX_FILE`` when set (git sets it
    for the hook of ``git commit -a`` and ``git commit PATH``), read by git
    itself, so every index version works.
    """
    selection = Selection()
    selection.files = IndexFiles(repo)
    changed = set()
    for name in _names(
        repo.git.diff(
            "--cached",
            "--name-only",
            "--diff-filter=ACMR",
            "-z",
            stdout_as_string=False,
        )
    ):
        if is_utf8(name):
            changed.add(name)
        elif name.endswith(DATA_SUFFIXES):
            selection.problems.append(not_utf8(_display(repo, name)))
    releases = {_release_folder(layout, path) for path in changed} - {None}
    others: dict[str, list[str]] = {}  # release -> its index records
    prefix = "" if layout.data_relative == "." else layout.data_relative + "/"
    # Only the data folder's entries: the rest of the index is never read.
    listed = repo.git.ls_files(
        "-s", "-z", "--", f":(literal){layout.data_relative}", stdout_as_string=False
    )
    for record in _names(listed):
        meta, _, name = record.partition("\t")
        mode, sha, stage = meta.split()
        if stage != "0" or not is_utf8(name) or (name not in changed and not releases):
            continue
        parts = name.removeprefix(prefix).split("/")
        if name not in changed and len(parts) == 2 and parts[0] not in releases:
            # another release: its names, read only when not cached
            others.setdefault(parts[0], []).append(record)
            continue
        source = blob_source(repo, layout, name, bytes.fromhex(sha), int(mode, 8))
        if source is None:
            continue
        if name in changed:
            selection.targets.append(source)
        elif source.file.release in releases:
            selection.context.append(source)
    selection.others = [
        _names_folder(repo, layout, prefix + release, records)
        for release, records in others.items()
    ]
    return selection


def _names_folder(
    repo: git.Repo, layout: Layout, folder: str, records: list[str]
) -> NamesFolder:
    """A release of the index, stamped by its records (modes, blob ids,
    names), whose sources are made only when asked for."""

    def sources() -> list[Source]:
        found = []
        for record in records:
            meta, _, name = record.partition("\t")
            mode, sha, _ = meta.split()
            source = blob_source(repo, layout, name, bytes.fromhex(sha), int(mode, 8))
            if source is not None:
                found.append(source)
        return found

    release = os.path.basename(folder)
    stamp = "\n".join(records)
    return NamesFolder(release, _display(repo, folder), stamp, sources, kind="index")


class IndexFiles:
    """The files of the git index, for the relative links of staged data."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self._paths: set[str] | None = None

    def exists(self, path: str) -> bool:
        return path.rstrip("/") in self.paths()

    def paths(self) -> set[str]:
        """Every file of the index and its folders: listed once, when the
        first relative link is checked."""
        if self._paths is None:
            self._paths = set()
            for name in _names(self.repo.git.ls_files("-z", stdout_as_string=False)):
                path = name
                while path and path not in self._paths:  # the file, its folders
                    self._paths.add(path)
                    path = os.path.dirname(path)
        return self._paths

    def read(self, path: str) -> str | None:
        try:
            return str(self.repo.git.show(f":{path}"))
        except git.GitCommandError:
            return None


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


def _names(output: bytes) -> list[str]:
    """NUL-separated git output; names that are not UTF-8 keep their bytes
    as surrogates (see :func:`is_utf8`)."""
    return [
        part for part in output.decode("utf-8", "surrogateescape").split("\0") if part
    ]


def is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def not_utf8(path: str) -> Problem:
    """A file whose name is not UTF-8: it cannot be named on a page."""
    shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return Problem(
        shown, 1, 1, "the file name is not UTF-8; rename the file", rule="location"
    )


def _release_folder(layout: Layout, path: str) -> str | None:
    """The release folder of a data file directly in one, else None."""
    file = layout.classify(path, relative=path)
    return file.release if file is not None else None


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


def tree_blobs(commit: git.Commit, folder: str) -> list[git.Blob]:
    """The files directly in ``folder`` (a repository path) at ``commit``."""
    try:
        tree = commit.tree / folder.rstrip("/")
    except KeyError:
        return []
    if not isinstance(tree, git.Tree):
        return []
    return sorted(tree.blobs, key=lambda blob: str(blob.path))


def read_blob(commit: git.Commit, path: str) -> str | None:
    """The text of ``path`` at ``commit``, or None when it is not there."""
    try:
        blob = commit.tree / path
    except KeyError:
        return None
    data: bytes = blob.data_stream.read()
    return data.decode("utf-8", "replace")
