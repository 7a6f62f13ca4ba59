"""The specs of a change under review, for check-change: each
``:priority:`` role of a spec the change adds or modifies must name a
priority of its commit, as ``validate`` checks them (:mod:`.spec_check`).

The priorities a role names are looked up by their file, read from the
commit; every release is read only when one is not found, for the "did
you mean" hint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .change_paths import ChangeUnderReview, gone_priorities, valid_data
from .gitindex import SYMLINK_MODE
from .layout import DATA_SUFFIXES
from .naming import is_release_name, is_slug
from .problems import Problem, ProblemError

if TYPE_CHECKING:
    from .gitsource import TreeEntry
    from .sources import NamesFolder
    from .specs import Spec


def spec_problems(
    change: ChangeUnderReview,
    known: set[str],
    others: Callable[[], list[NamesFolder]],
) -> tuple[list[str], list[Problem]]:
    """The specs the change adds or modifies, and the problems of their
    roles; ``known`` are the priorities read already (every one of the
    releases the change touches), ``others`` lists the other releases."""
    from .gitsource import tree_entries
    from .names_index import names_of
    from .spec_check import check_specs

    wanted = _specs_to_check(change)
    specs: list[Spec] = []
    problems: list[Problem] = []
    for entry in tree_entries(change.head, *wanted):
        try:
            spec = _read(change, entry, *wanted[entry.path])
        except ProblemError as error:
            problems.append(error.problem)
            continue
        if spec is not None:
            specs.append(spec)
    named = {role.target for spec in specs for role in spec.roles}
    known = known | _valid(change, named - known)
    if named - known:  # an error: its hint is chosen among all, as validate's
        known |= {key for key, _ in names_of(others())[2]}
    return [spec.path for spec in specs], problems + check_specs(specs, known)


def _specs_to_check(change: ChangeUnderReview) -> dict[str, tuple[str, str]]:
    """The specs the change adds or modifies (every spec of its commit when
    it changes the settings: an exclude may take a priority away), with
    their release and status."""
    from .gitindex import names

    if change.everything:
        head = change.head
        paths = names(head.git.run("ls-tree", "-r", "-z", "--name-only", head.sha))
    else:
        paths = [c.new_path for c in change.files if c.new_path]
        paths += _naming_gone_priorities(change)
    return {path: found for path in paths if (found := change.layout.spec_of(path))}


def _naming_gone_priorities(change: ChangeUnderReview) -> list[str]:
    """The files at the change's commit that mention a priority it deletes
    or renames: the specs among them may name it in a role, which the full
    validate after the merge finds (their roles are read to know)."""
    from .gitsource import grep, listed_paths

    gone = sorted(gone_priorities(change))
    if not gone:
        return []
    needles = [arg for key in gone for arg in ("-e", key)]
    found = grep(change.head, "-l", "-z", "-a", "-F", *needles, paths=["*.rst"])
    return listed_paths(change.head, found)


def _read(
    change: ChangeUnderReview, entry: TreeEntry, release: str, status: str
) -> Spec | None:
    """The spec of a tree entry; None for no file (a link names a path)."""
    from .gitindex import decoded
    from .specs import read_spec

    if entry.kind != "blob" or entry.mode == SYMLINK_MODE:
        return None
    text = decoded(change.head.git.blob(entry.sha), entry.path)
    return read_spec(entry.path, text, release, status)


def _valid(change: ChangeUnderReview, keys: set[str]) -> set[str]:
    """Those of ``keys`` (``<release>/<slug>``) whose file at the change's
    commit is a valid priority."""
    paths = [
        f"{change.layout.data_prefix}{key}{suffix}"
        for key in sorted(keys)
        if is_release_name(key.partition("/")[0]) and is_slug(key.partition("/")[2])
        for suffix in DATA_SUFFIXES
    ]
    found = valid_data(change, paths)
    return {f"{file.release}/{file.slug}" for file, _ in found}
