"""Sources: a priority file and how to read its text, here from disk.

The engine never opens files itself; it asks a source, so the same checks
run on the working tree, the git index or a commit (:mod:`.gitsource`).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import stat
import time
from collections.abc import Callable, Sequence

from .files import read_text
from .layout import Layout, PriorityFile, leads_outside, linked_folder, unlistable
from .naming import RELEASE_RULE, is_release_name
from .problems import Problem, ProblemError, located
from .published import RepositoryFiles


@dataclasses.dataclass(frozen=True, slots=True)
class Source:
    """A priority file and how to read its text; ``stamp``, when known, says
    cheaply whether a file on disk changed (size, times, inode)."""

    file: PriorityFile
    read: Callable[[], str]
    stamp: Callable[[], str | None] | None = None
    # A name of the content itself (git's blob id and mode): results are
    # cached under it, so the file is not even read while they hold.
    content_id: Callable[[], str] | None = None


def constant_source(file: PriorityFile, text: str) -> Source:
    """A source whose text is already known (import, authoring commands)."""
    return Source(file, lambda: text)


@dataclasses.dataclass(frozen=True, slots=True)
class _DiskReader:
    """Reads one file (a small object: there may be 10000 of them)."""

    path: str
    root: str

    def __call__(self) -> str:
        folder = os.path.dirname(os.path.abspath(self.path))
        if _is_link(folder):  # no release folder: see linked_folder
            raise ProblemError(linked_folder(os.path.relpath(folder)))
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

    def stamp(self) -> str | None:
        """The stamp of a regular file (:func:`_stamp_of`). None, so that
        it is read, for a symlink or a file in a symlinked folder (where it
        leads may change unseen) and for a file changed just now."""
        if _is_link(os.path.dirname(os.path.abspath(self.path))):
            return None
        try:
            found = os.lstat(self.path)
        except OSError:
            return None
        if not stat.S_ISREG(found.st_mode) or _racy(found):
            return None
        return _stamp_of(found)


def disk_source(file: PriorityFile, layout: Layout) -> Source:
    """Read ``file`` from disk, refusing symlinks that leave the repository."""
    reader = _DiskReader(file.path, _real(layout.root))
    return Source(file, reader, reader.stamp)


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
    return leads_outside(path, root) is not None


@functools.cache
def _is_link(folder: str) -> bool:
    return os.path.islink(folder)


def release_sources(layout: Layout, release: str) -> list[Source]:
    """Every data file of one release folder (:class:`ProblemError` when
    the folder cannot be listed)."""
    return [disk_source(file, layout) for file in layout.release_files(release)]


@dataclasses.dataclass(frozen=True)
class NamesFolder:
    """A release read only for the names the repository-wide rules need.

    ``stamp()`` changes whenever a file of the folder may have changed
    (None: unknown, read it), worked out when first asked for; ``sources``
    lists its files, asked for only when the names are not in the cache
    under that stamp.
    """

    release: str
    path: str
    stamp: Callable[[], str | None]
    sources: Callable[[], list[Source]]
    # where the files are read from ("disk", "index", "commit"): stamps of one
    # kind only are compared, so runs on the working tree and on git do not
    # evict each other's names from the cache
    kind: str = "disk"
    # Given needles and <release>/<slug> keys: the sources of the files that
    # contain a needle on a line (case-insensitively) or a backslash (which
    # every YAML or JSON escape starts with), and of the files of those keys.
    # A superset of the files that can hold the names wanted; None: read all.
    search: Callable[[list[str], set[str]], list[Source]] | None = None


def disk_names_folder(layout: Layout, release: str) -> NamesFolder:
    """A release folder on disk, stamped by its entries (names, sizes,
    times, inodes) and not read further (:class:`ProblemError` when it
    cannot be listed). It is listed now, its entries stamped when asked for:
    a run asks while a child process checks its targets."""
    path = os.path.relpath(os.path.join(layout.data_dir, release))
    entries = folder_entries(path)
    return NamesFolder(
        release,
        path,
        functools.cache(lambda: entries_stamp(entries)),
        lambda: release_sources(layout, release),
    )


# A file changed less than this long ago may change again within the same
# tick of the file system's clock, unseen by its times: not stamped (as git
# treats "racily clean" entries).
_RACY_NS = 2_000_000_000


def _racy(found: os.stat_result, now: int | None = None) -> bool:
    """Whether a file changed too recently (before ``now``, in ns since the
    epoch) to be told apart by its times."""
    recent = (time.time_ns() if now is None else now) - _RACY_NS
    return max(found.st_mtime_ns, found.st_ctime_ns) > recent


def folder_entries(path: str) -> list[os.DirEntry[str]] | None:
    """The entries of folder ``path`` by name (empty when there is no such
    folder), or None when it is a symlink (where it leads may change
    unseen); :class:`ProblemError` when it cannot be listed."""
    if os.path.islink(path):
        return None
    try:
        with os.scandir(path) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise ProblemError(unlistable(path, error)) from None


def entries_stamp(entries: list[os.DirEntry[str]] | None) -> str | None:
    """The stamp of these entries (see :func:`folder_entries`); None when
    one of them changed too recently to be told apart by its times, is a
    symlink or is gone."""
    if entries is None:
        return None
    now = time.time_ns()  # one clock reading for the folder
    parts = []
    for entry in entries:
        try:
            found = entry.stat(follow_symlinks=False)
        except OSError:
            return None
        if stat.S_ISLNK(found.st_mode) or _racy(found, now):
            return None
        parts.append(f"{entry.name}\0{_stamp_of(found)}")
    return "\n".join(parts)


def _stamp_of(found: os.stat_result) -> str:
    """Size, times and inode: what changes when a file is written (the
    change time cannot be set back)."""
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ctime_ns}:{found.st_ino}"


@dataclasses.dataclass
class Selection:
    """What a command checks: targets, the rest of their releases (context),
    and the problems met while finding them (an unreadable folder, a path
    that does not exist)."""

    targets: list[Source] = dataclasses.field(default_factory=list)
    context: list[Source] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    # the other releases, for the repository-wide rules only
    others: list[NamesFolder] = dataclasses.field(default_factory=list)
    # specs to check: (path, release, status)
    specs: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    # how to read a spec's text (ProblemError when it cannot be); None: the disk
    read_spec: Callable[[str], str] | None = None
    # the repository's files, for relative links; None: the disk
    files: RepositoryFiles | None = None
    # the releases other than those named, for the names the specs' roles
    # may use (with the problems of listing them); None: the disk's
    unread_releases: (
        Callable[[set[str]], tuple[list[NamesFolder], list[Problem]]] | None
    ) = None
    # the data files whose links a commit may break by taking files away,
    # checked with that many processes: (those checked, the links broken)
    lost_links: Callable[[int], tuple[list[str], list[Problem]]] | None = None


def unread_disk_releases(
    layout: Layout, read: set[str]
) -> tuple[list[NamesFolder], list[Problem]]:
    """The release folders on disk other than ``read``, for their names,
    and the problems of those that cannot be listed."""
    folders, unlistable = [], []
    for release in layout.release_folders()[0]:
        try:
            if release not in read:
                folders.append(disk_names_folder(layout, release))
        except ProblemError as error:
            unlistable.append(error.problem)
    return folders, unlistable


def repository_selection(layout: Layout) -> Selection:
    """Every data file below the data folder; a folder in it that is no
    release is a problem too, even an empty one."""
    files, problems = layout.walk()
    # a misnamed folder holding data is reported by each of its files
    holding = {os.path.normpath(os.path.dirname(f.path)) for f in files}
    strays = [
        p for p in stray_folders(layout) if os.path.normpath(p.path) not in holding
    ]
    return Selection(
        [disk_source(f, layout) for f in files],
        [],
        problems + strays,
        specs=all_specs(layout),
    )


def stray_folders(layout: Layout) -> list[Problem]:
    """Folders of the data folder that are no releases: their names are not
    release names, or they are symlinks."""
    _, others = layout.release_folders()
    return [_stray(os.path.relpath(folder)) for folder in others]


def _stray(folder: str) -> Problem:
    name = os.path.basename(folder)
    if is_release_name(name) and os.path.islink(folder):
        return linked_folder(folder)
    return Problem(
        folder,
        1,
        1,
        f"folder '{name}' in the data folder is not a release ({RELEASE_RULE}); "
        "rename it, move it out, or list it in the configuration's exclude",
        rule="location",
    )


def named_selection(layout: Layout, paths: Sequence[str]) -> Selection:
    """The data files named (folders: every data file below them) and the
    specs. :func:`add_releases` adds the other files of the repository, for
    the cross-file rules: a hook given the changed files sees what a whole
    run sees."""
    selection = Selection()
    files: list[PriorityFile] = []
    for path in paths:
        if os.path.isdir(path):
            found, problems = layout.walk(path)
            files += found
            selection.problems += problems
        elif not os.path.lexists(path):
            selection.problems.append(
                Problem(path, 1, 1, "no such file or folder", rule="location")
            )
        elif (file := layout.classify(path)) is not None:
            files.append(file)
        elif (spec := _spec(layout, path)) is not None:
            selection.specs.append(spec)
        elif not layout.is_excluded(path):
            selection.problems.append(_not_checked(layout, path))
    selection.targets = [disk_source(f, layout) for f in files]
    return selection


def add_releases(layout: Layout, selection: Selection) -> None:
    """Add the other files of the targets' releases (context), and the
    other releases, for their names."""
    seen = {entry_path(s.file.path) for s in selection.targets}
    named = {s.file.release for s in selection.targets if s.file.release}
    if not named:
        return
    for release in sorted(named):
        try:
            sources = release_sources(layout, release)
        except ProblemError as error:
            selection.problems.append(error.problem)
            continue
        folder = os.path.realpath(os.path.join(layout.data_dir, release))
        for source in sources:
            entry = os.path.join(folder, os.path.basename(source.file.path))
            if entry not in seen:
                seen.add(entry)
                selection.context.append(source)
    others, problems = unread_disk_releases(layout, named)  # their names only
    selection.others += others
    selection.problems += problems


def entry_path(path: str) -> str:
    """The folder entry ``path`` names, however spelled: its folder's real
    path and its name. (Not its target: a symlink to another file of the
    release is a file of its own, as a whole run counts it.)"""
    return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))


def _spec(layout: Layout, path: str) -> tuple[str, str, str] | None:
    relative = layout.relative(path)
    found = layout.spec_of(relative) if relative else None
    return (path, *found) if found else None


def all_specs(layout: Layout) -> list[tuple[str, str, str]]:
    """Every spec of the repository: (path, release, status)."""
    found = []
    for relative in layout.spec_files():
        release, status = layout.spec_of(relative) or ("", "")
        path = os.path.relpath(os.path.join(layout.root, relative))
        found.append((path, release, status))
    return found


def _not_checked(layout: Layout, path: str) -> Problem:
    data = os.path.relpath(layout.data_dir)
    return Problem(
        path,
        1,
        1,
        f"not checked: not a priority file (a .yaml, .yml or .json file in {data}/)",
        severity="warning",
        rule="location",
    )
