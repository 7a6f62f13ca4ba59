"""What a change does to paths, for check-change: priorities deleted or
renamed (a warning, with the pages still linking to them; an error for the
data files that continue them), release folders made symlinks (refused,
see :func:`.layout.linked_folder`), changes to closed releases (a release
is closed by a ``<data-dir>/<release>/CLOSED`` file, whose text says why)
and settings changed."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from .gitindex import GITLINK_MODE, SYMLINK_MODE
from .layout import Layout, PriorityFile, Release, linked_folder
from .naming import is_release_name
from .problems import Problem, ProblemError

if TYPE_CHECKING:
    from .gitsource import Change, Commit, TreeEntry


class ChangeUnderReview(Protocol):
    """What these checks read of check-change's change."""

    files: list[Change]
    paths: set[str]  # of its files, before and after
    layout: Layout
    base: Commit | None
    head: Commit
    releases: list[Release]  # those it touches
    everything: bool  # the settings changed: every file holds

    @property
    def data_entries(self) -> list[TreeEntry]: ...

    @property
    def release_trees(self) -> list[TreeEntry]: ...

    def release_of(self, path: str | None) -> Release | None: ...

    def is_data(self, path: str | None) -> bool: ...


CLOSED_MARKER = "CLOSED"


def closed_releases(change: ChangeUnderReview) -> list[Problem]:
    """The changes to closed releases' data (see :func:`_closed_release`)."""
    releases = [change.release_of(c.new_path or c.old_path) for c in change.files]
    found = {release.name: release for release in releases if release is not None}
    return [
        problem
        for name in sorted(found)
        for problem in _closed_release(change, found[name])
    ]


def _closed_release(change: ChangeUnderReview, release: Release) -> list[Problem]:
    """A closed release's data does not change.

    A release is closed when ``<release>/CLOSED`` exists before and after
    the change; its text says why.
    """
    from .gitsource import read_blob

    marker = f"{release.folder}/{CLOSED_MARKER}"
    if change.base is None or read_blob(change.base, marker) is None:
        return []
    reason = read_blob(change.head, marker)
    if reason is None:
        message = (
            f"this change reopens release {release.name} (it deletes {marker}) and "
            "changes its priorities; reopen it in a change of its own, so that "
            "reviewers see the decision apart from the data"
        )
    else:
        why = " ".join(reason.split()) or "no reason given"
        message = (
            f"release {release.name} is closed ({marker}: {why}); its priorities "
            "cannot change. Propose the change for an open release, or delete "
            f"{marker} in a change of its own to reopen it"
        )
    return [
        Problem(path, 1, 1, message, rule="closed")
        for c in change.files
        if (path := c.new_path or c.old_path)
        and change.is_data(path)
        and change.release_of(path) == release
    ]


def settings_changed(base: Commit | None, head: Commit) -> bool:
    """Whether ``head`` holds other settings than ``base`` (a settings file
    that does not parse counts as changed)."""
    from .config import settings_in
    from .gitsource import read_blob

    if base is None:
        return True
    found = []
    for commit in (base, head):
        try:
            found.append(settings_in(functools.partial(read_blob, commit)))
        except ProblemError:
            return True
    return found[0] != found[1]


# a line git grep -n -z prints: path (no NUL in it), line number, text
_GREP_LINE = re.compile(r"([^\0]*)\0([0-9]+)\0[^\n]*\n")


def linked_releases(change: ChangeUnderReview) -> list[Problem]:
    """A release folder the change makes a symlink or a submodule."""
    from .gitsource import read_blob, tree_entries

    paths = release_paths(change.layout, (c.new_path for c in change.files))
    problems = []
    for entry in tree_entries(change.head, *paths):
        target = functools.partial(read_blob, change.head, entry.path)
        problem = linked_release(entry.path, entry.mode, target)
        problems += [problem] if problem else []
    return problems


def release_paths(layout: Layout, paths: Iterable[str | None]) -> list[str]:
    """Those of ``paths`` that name a release folder itself: a file there is
    a symlink or a submodule (git lists no folders)."""
    prefix = layout.data_prefix
    return [
        path
        for path in paths
        if path and path.startswith(prefix) and is_release_name(path[len(prefix) :])
    ]


def linked_release(
    path: str, mode: int, target: Callable[[], str | None]
) -> Problem | None:
    """The problem of a release folder git records as a symlink (to
    ``target()``: refused, as on disk) or a submodule (another repository's
    files, which Zuul does not check out); None for a folder."""
    if mode == SYMLINK_MODE:
        return linked_folder(path, target() or "?")
    if mode == GITLINK_MODE:
        message = (
            "the release folder is a submodule; a release's files sit in a "
            "folder of its own: replace the submodule with the folder"
        )
        return Problem(path, 1, 1, message, rule="location")
    return None


def removed_priorities(change: ChangeUnderReview) -> list[Problem]:
    """A deleted or renamed priority: a warning, with the pages linking to
    it; an error for each data file that continues it (a full validate
    fails on that file once the change merges)."""
    problems = []
    gone = [(file, found) for file in change.files if (found := _gone(change, file))]
    keys = {f"{release.name}/{slug}" for _, (release, slug) in gone}
    continuers = _continuing(change, keys)
    for file, (release, slug) in gone:
        key = f"{release.name}/{slug}"
        where = file.new_path or file.old_path or ""
        what = "deleted" if file.status == "D" else f"renamed to {file.new_path}"
        problems.append(_links_warning(change, where, release, slug, what))
        problems += [
            Problem(
                where,
                1,
                1,
                f"priority {key} is {what}, but {path} continues it; change its "
                "continues in this change",
                rule="continues",
            )
            for path, continued in continuers
            if continued == key
        ]
    return problems


def gone_priorities(change: ChangeUnderReview) -> set[str]:
    """The ``<release>/<slug>`` of the priorities the change deletes or
    renames."""
    gone = (_gone(change, file) for file in change.files)
    return {f"{found[0].name}/{found[1]}" for found in gone if found}


def _gone(change: ChangeUnderReview, file: Change) -> tuple[Release, str] | None:
    """The release and slug of the priority ``file`` deletes or renames."""
    if file.status not in "DR" or file.old_path is None:
        return None
    old = change.layout.classify(file.old_path, file.old_path)
    release = change.release_of(file.old_path)
    if old is None or release is None:
        return None
    new = (
        change.layout.classify(file.new_path, file.new_path) if file.new_path else None
    )
    if new and new.slug == old.slug and change.release_of(file.new_path) == release:
        return None  # .json to .yaml: same priority
    return release, old.slug


def _links_warning(
    change: ChangeUnderReview, where: str, release: Release, slug: str, what: str
) -> Problem:
    label = release.section_label(slug)
    links = _links_to(
        change,
        # the whole label, and the role's target in `x` and `text <x>` forms
        _literal(label) + "([^A-Za-z0-9_-]|$)",
        "[`<]" + _literal(f"{release.name}/{slug}") + "[`>]",
    )
    still = f"; still linked from {', '.join(links)}" if links else ""
    return Problem(
        where,
        1,
        1,
        f"priority {release.name}/{slug} is {what}: links to it "
        f"(:priority:`{release.name}/{slug}`, label {label}) break{still}",
        severity="warning",
        rule="removed",
    )


def _continuing(change: ChangeUnderReview, keys: set[str]) -> list[tuple[str, str]]:
    """(path, key) of the valid data files at HEAD whose ``continues`` is one
    of ``keys``, but for the files the change holds (checked as its
    targets): those holding a key, or a backslash (any escape), are found by
    ``git grep``, then read."""
    from .gitsource import grep, listed_paths

    if not keys:
        return []
    args = ["-l", "-z", "-a", "-F", "--no-color", "-e", "\\"]
    for key in sorted(keys):
        args += ["-e", key]
    prefix = change.layout.data_prefix
    output = grep(change.head, *args, paths=[f":(literal){prefix}" if prefix else "."])
    changed = {c.new_path for c in change.files}
    found = [path for path in listed_paths(change.head, output) if path not in changed]
    return [
        (file.path, data["continues"])
        for file, data in valid_data(change, found)
        if data.get("continues") in keys
    ]


def valid_data(
    change: ChangeUnderReview, paths: list[str]
) -> list[tuple[PriorityFile, dict[str, Any]]]:
    """The data files at ``paths`` of the change's commit that are valid
    priorities (as a full run says, but for their markup), with their data;
    those it cannot read are none (a full run reports them)."""
    from .engine import check_file
    from .gitsource import blob_source, tree_entries

    found = []
    for entry in tree_entries(change.head, *paths):
        source = blob_source(change.head, change.layout, entry, shown_as=entry.path)
        if source is None or entry.kind != "blob" or source.file.release is None:
            continue
        try:
            data = check_file(source.file, source.read(), rst=False).data
        except ProblemError:
            continue
        if data is not None:
            found.append((source.file, data))
    return found


def _literal(text: str) -> str:
    """``text`` in an extended regular expression (release names, slugs and
    labels hold letters, digits, ``-`` and ``.``)."""
    return text.replace(".", "\\.")


def _links_to(change: ChangeUnderReview, *patterns: str) -> list[str]:
    """``path:line`` of the RST files at HEAD that match one of ``patterns``
    (extended regular expressions), binary or not: -a, for git skips the
    files a .gitattributes calls binary, and the change brings its own."""
    from .gitsource import grep

    args = ["-n", "-z", "-a", "--no-color", "-E"]
    for pattern in patterns:
        args += ["-e", pattern]
    output = grep(change.head, *args, paths=["*.rst"])
    prefix = f"{change.head.sha}:"
    # -z: "<commit>:<path>\0<line>\0<text>\n", whatever the path holds
    return [
        f"{found[1].removeprefix(prefix)}:{found[2]}"
        for found in _GREP_LINE.finditer(output)
    ]
