"""The staged priority files, read from the git index with git itself.

``validate --staged`` runs on every commit, and importing GitPython alone
takes about 130 ms: more than checking a staged file with a warm cache. So
this path runs the git command directly, three ways: ``diff --cached`` for
the staged names, ``ls-files -s`` of the data folder only, and one
``cat-file --batch`` process for the blobs the checks read (none while their
results are cached: a blob id names its content). git itself honours
``GIT_INDEX_FILE``, which it sets for the hook of ``git commit -a``. Commits
(``check-change``) are read the same way (:mod:`.gitsource`).
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Callable, Collection
from typing import IO

from .files import MAX_FILE_BYTES, decode
from .layout import DATA_SUFFIXES, Layout, PriorityFile
from .naming import is_release_name
from .problems import Problem, UsageError, located
from .sources import NamesFolder, Selection, Source

SYMLINK_MODE = 0o120000
GITLINK_MODE = 0o160000
_NOT_FILES = {SYMLINK_MODE: "a symlink", GITLINK_MODE: "a submodule (gitlink)"}


class Git:
    """The git command in one work tree, and a ``cat-file --batch`` process
    started when the first blob is read."""

    def __init__(self, top: str) -> None:
        self.top = top
        self._batch: subprocess.Popen[bytes] | None = None
        self._batch_pid = 0  # the process that started it: a fork starts its own

    @classmethod
    def find(cls, path: str = ".") -> Git:
        """The repository holding ``path``."""
        try:
            found = _git("rev-parse", "--show-toplevel", cwd=path)
        except (OSError, subprocess.CalledProcessError):
            raise UsageError(
                f"{os.path.abspath(path)} is not inside a git repository"
            ) from None
        return cls(found.decode("utf-8", "surrogateescape").rstrip("\n"))

    def run(self, *args: str) -> bytes:
        try:
            return _git(*args, cwd=self.top)
        except subprocess.CalledProcessError as error:
            message = error.stderr.decode("utf-8", "replace").strip()
            raise UsageError(f"git {args[0]} failed: {message}") from None

    def attempt(self, *args: str) -> bytes | None:
        """The output of git ``args``; None when git says no (a non-zero
        exit: ``grep`` found nothing, a revision is unknown)."""
        try:
            return _git(*args, cwd=self.top)
        except subprocess.CalledProcessError:
            return None

    def blob(self, name: str, limit: int | None = MAX_FILE_BYTES) -> bytes | int | None:
        """The content of blob ``name`` (an id, ``:path`` in the index or
        ``commit:path``); its size alone when over ``limit`` (never held in
        memory); None when there is no such blob."""
        found = self._request(name)
        if found is None:
            return None
        kind, size = found
        assert self._batch is not None and self._batch.stdout is not None
        if kind != b"blob" or (limit is not None and size > limit):
            _skip(self._batch.stdout, size + 1)  # refused: read past it
            return size if kind == b"blob" else None
        return self._batch.stdout.read(size + 1)[:-1]

    def text(self, name: str, limit: int = MAX_FILE_BYTES) -> str | None:
        """:meth:`blob` as UTF-8 text (what is not UTF-8 replaced); None
        when there is no such blob, or it is over ``limit``."""
        found = self.blob(name, limit)
        return found.decode("utf-8", "replace") if isinstance(found, bytes) else None

    def kind(self, name: str) -> str | None:
        """The kind of object ``name`` is (blob, tree, commit), or None."""
        found = self._request(name)
        if found is None:
            return None
        assert self._batch is not None and self._batch.stdout is not None
        _skip(self._batch.stdout, found[1] + 1)
        return found[0].decode("ascii")

    def _request(self, name: str) -> tuple[bytes, int] | None:
        """Ask the ``cat-file --batch`` process for ``name``: the object's
        kind and size, its content left to read; None when it is missing."""
        if "\n" in name or "\0" in name:  # one request per line: never two
            return None
        if self._batch is None or self._batch_pid != os.getpid():
            self._batch_pid = os.getpid()
            self._batch = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        assert self._batch.stdin is not None and self._batch.stdout is not None
        self._batch.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        # Found: "<id> <kind> <size>". Else "<name> missing" (or ambiguous),
        # and a name may hold spaces.
        if len(header) != 3 or not header[2].isdigit():
            return None
        return header[1], int(header[2])

    def display(self, path: str) -> str:
        """A repository path as the user sees it: from the current folder."""
        return display_path(self.top, path)


def _git(*args: str, cwd: str) -> bytes:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, check=True
    ).stdout


def _skip(stream: IO[bytes], size: int) -> None:
    while size > 0:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            return
        size -= len(chunk)


def display_path(top: str, path: str) -> str:
    """Repository path ``path`` of the work tree ``top`` as the user sees
    it: relative to the current folder."""
    seen_from_here = _relative_top(top, os.getcwd())
    if seen_from_here == ".":
        return path
    return os.path.normpath(os.path.join(seen_from_here, path))


@functools.cache
def _relative_top(top: str, current: str) -> str:
    return os.path.relpath(top, current)


def blob_text(path: str, mode: int, read: Callable[[], bytes | int]) -> str:
    """The text of a blob of ``mode`` at ``path``; ``read`` gives its content,
    or its size alone when it is too large to read."""
    kind = _NOT_FILES.get(mode & 0o170000)
    if kind is not None:
        raise located(
            path, 1, 1, f"is {kind}; a priority file must be a regular file", "yaml"
        )
    return decoded(read(), path)


def decoded(found: bytes | int | None, path: str) -> str:
    """The text of a blob as :meth:`Git.blob` gives it: its content, its
    size alone when too large (refused, never read), None for no blob."""
    if isinstance(found, int):
        return decode(b"", path, found)
    return decode(found or b"", path)


def git_source(git: Git, file: PriorityFile, sha: str, mode: int) -> Source:
    """A :class:`Source` reading blob ``sha`` (of ``mode``) through ``git``:
    its blob id names its content, so a cached result needs no read."""

    def content() -> bytes | int:
        found = git.blob(sha)
        return b"" if found is None else found

    identity = f"{mode:o}:{sha}"
    return Source(
        file, lambda: blob_text(file.path, mode, content), content_id=lambda: identity
    )


def index_source(
    git: Git, layout: Layout, name: str, sha: str, mode: int
) -> Source | None:
    """The staged blob ``sha`` at ``name``; None when it is no data file."""
    file = layout.classify(git.display(name), relative=name)
    return None if file is None else git_source(git, file, sha, mode)


def _record_source(git: Git, layout: Layout, record: str) -> Source | None:
    """The data file an ``ls-files -s`` record names; None when it is none."""
    meta, _, name = record.partition("\t")
    mode, sha, _ = meta.split()
    return index_source(git, layout, name, sha, int(mode, 8))


def staged_files(git: Git, *paths: str) -> list[tuple[str, str, str]]:
    """(name, mode, blob id) of the index's files (of ``paths``), no conflict."""
    found = []
    for record in names(git.run("ls-files", "-s", "-z", "--", *paths)):
        meta, _, name = record.partition("\t")
        mode, sha, stage = meta.split()
        if stage == "0":
            found.append((name, mode, sha))
    return found


class StagedChange:
    """What a commit being made stages: its data files (``selection.targets``,
    read first from ``git diff --cached``), then with :meth:`add_releases`
    the rest of their releases, from the index's records of the data folder.
    A staged change to the settings holds for every release: then every data
    file and spec of the index is checked (``everything``)."""

    def __init__(self, git: Git, layout: Layout) -> None:
        self.git, self.layout = git, layout
        self.selection = Selection(files=IndexFiles(git))
        self.changed: set[str] = set()
        self.everything = False
        self.specs: dict[str, str] = {}  # staged spec, as shown -> its blob id
        self.deleted: list[str] = []  # or renamed: the paths that go away
        # --no-renames: a renamed file is an added one, one name per record
        raw = git.run(
            "diff", "--cached", "--raw", "--no-abbrev", "--no-renames",
            "--diff-filter=ACMD", "-z",
        )  # fmt: skip
        records = names(raw)
        for meta, name in zip(records[::2], records[1::2], strict=True):
            _, mode, _, sha, status = meta.split()
            if not is_utf8(name):
                if status != "D" and name.endswith(DATA_SUFFIXES):
                    self.selection.problems.append(not_utf8(git.display(name)))
                continue
            self.everything |= layout.is_settings_file(git.display(name))
            if status == "D":  # a deleted file is no target
                self.deleted.append(name)
            else:
                self.changed.add(name)
                self.add(name, mode, sha)
        self.selection.read_spec = self._read_spec
        self.selection.unread_releases = self.unread_releases

    def add(self, name: str, mode: str, sha: str) -> None:
        """The staged file ``name``, if it is data or a spec, to check."""
        source = index_source(self.git, self.layout, name, sha, int(mode, 8))
        regular = int(mode, 8) & 0o170000 == 0o100000  # a link names a path
        if source is not None:
            self.selection.targets.append(source)
        elif regular and (spec := self.layout.spec_of(name)):
            shown = self.git.display(name)
            self.specs[shown] = sha
            self.selection.specs.append((shown, *spec))

    def _read_spec(self, path: str) -> str:
        """A staged spec's text (:class:`ProblemError` when it is no text)."""
        return decoded(self.git.blob(self.specs[path]), path)

    def add_releases(self) -> None:
        """The other files of the targets' releases (context), and the other
        releases by their records, read only when not cached; with
        ``everything``, every other data file and spec of the index."""
        layout, changed = self.layout, self.changed
        if self.everything:
            for name, mode, sha in staged_files(self.git):
                if is_utf8(name) and name not in changed:
                    self.add(name, mode, sha)
            return
        releases = {r for path in changed if (r := release_folder(layout, path))}
        if not releases:
            return
        for release in sorted(releases):
            for record in self.release_records.get(release, []):
                if record.partition("\t")[2] in changed:
                    continue
                source = _record_source(self.git, layout, record)
                if source is not None:
                    self.selection.context.append(source)
        # the other releases: their names, read only when not cached
        self.selection.others = self.unread_releases(releases, changed)[0]

    def unchanged_sources(self) -> list[Source]:
        """Every data file of the index the commit leaves as it is."""
        found = []
        for records in self.release_records.values():
            for record in records:
                if record.partition("\t")[2] not in self.changed:
                    found.append(_record_source(self.git, self.layout, record))
        return [source for source in found if source is not None]

    def unread_releases(
        self, read: set[str], leave_out: Collection[str] = ()
    ) -> tuple[list[NamesFolder], list[Problem]]:
        """The releases of the index other than ``read``, by their records
        (those of the paths ``leave_out`` left out), for their names."""
        prefix = self.layout.data_prefix
        folders = []
        for release, listed in self.release_records.items():
            if release in read or not is_release_name(release):
                continue
            folder = prefix + release
            records = listed
            if any(path.startswith(f"{folder}/") for path in leave_out):
                records = [r for r in listed if r.partition("\t")[2] not in leave_out]
            folders.append(_names_folder(self.git, self.layout, folder, records))
        return folders, []

    @functools.cached_property
    def release_records(self) -> dict[str, list[str]]:
        """The index's records of the files directly in a folder of the data
        folder (at stage 0, with UTF-8 names), by folder. Only the data
        folder's entries are listed: the rest of the index is never read,
        and a file deeper down is in no release. (Records, not tuples: ten
        thousand tuples cost the garbage collector a full pass.)"""
        listed = self.git.run(
            "ls-files", "-s", "-z", "--", f":(literal){self.layout.data_relative}"
        )
        prefix = self.layout.data_prefix
        found: dict[str, list[str]] = {}
        for record in names(listed):
            meta, _, name = record.partition("\t")
            folder, slash, rest = name.removeprefix(prefix).partition("/")
            if slash and "/" not in rest and meta.split()[2] == "0" and is_utf8(name):
                found.setdefault(folder, []).append(record)
        return found


def _names_folder(
    git: Git, layout: Layout, folder: str, records: list[str]
) -> NamesFolder:
    """A release of the index, stamped by its records (modes, blob ids,
    names), whose sources are made only when asked for."""

    def sources() -> list[Source]:
        found = (_record_source(git, layout, record) for record in records)
        return [source for source in found if source is not None]

    release = os.path.basename(folder)
    stamp = "\n".join(records)
    return NamesFolder(
        release, git.display(folder), lambda: stamp, sources, kind="index"
    )


class IndexFiles:
    """The files of the git index, for the relative links of staged data."""

    def __init__(self, git: Git) -> None:
        self.git = git
        self._paths: set[str] | None = None

    def exists(self, path: str) -> bool:
        return path.rstrip("/") in self.paths()

    def paths(self) -> set[str]:
        """Every file of the index and its folders: listed once, when the
        first relative link is checked."""
        if self._paths is None:
            self._paths = set()
            for name in names(self.git.run("ls-files", "-z")):
                path = name
                while path and path not in self._paths:  # the file, its folders
                    self._paths.add(path)
                    path = os.path.dirname(path)
        return self._paths

    def read(self, path: str) -> str | None:
        return self.git.text(f":{path}")


def names(output: bytes) -> list[str]:
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


def release_folder(layout: Layout, path: str) -> str | None:
    """The release folder of a data file directly in one, else None."""
    file = layout.classify(path, relative=path)
    return file.release if file is not None else None
