"""What the repository-wide rules need from the releases a run does not
check: each valid file's owners and extra labels.

A hook given one changed file must still see a Launchpad id named
otherwise, or a label used, in any other release. Checking every file of
every release for that would make each commit cost what the repository
costs, so this reads only those names, and keeps them in one cache bundle
per data folder under each release's stamp (one listing of the folder with
its files' sizes, times and inodes, or their blob ids from git): a release
whose files did not change is not read, nor even listed as sources, again.
A full ``validate`` still reads and checks everything.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from . import cache
from .loader import load_text
from .model import Priority
from .problems import ProblemError
from .repository_rules import LabelUse, OwnerUse, label_uses, owner_uses
from .schema_check import check_schema
from .sources import NamesFolder, Source

Names = tuple[list[OwnerUse], list[LabelUse], list[tuple[str, str]]]


def names_of(folders: Sequence[NamesFolder]) -> Names:
    """The owner and label uses of the valid files of ``folders``, and
    their ``<release>/<slug>`` with their titles (what ``continues`` may
    name)."""
    if not folders:
        return [], [], []
    identity = os.path.commonpath([os.path.abspath(f.path) for f in folders])
    kinds = sorted({folder.kind for folder in folders})
    bundle = cache.bundle_name(f"names:{':'.join(kinds)}:{identity}")
    cached = cache.load(bundle)
    entries: dict[str, Any] = {}
    owners: list[OwnerUse] = []
    labels: list[LabelUse] = []
    known: list[tuple[str, str]] = []
    for folder in folders:
        stamp = None if folder.stamp is None else cache.key(folder.stamp)
        entry = cached.get(folder.path)
        try:
            if stamp is None or not entry or entry[0] != stamp:
                raise ValueError("read the files")
            found_owners = [OwnerUse(*use) for use in entry[1]]
            found_labels = [LabelUse(*use) for use in entry[2]]
            found_known = [(str(key), str(title)) for key, title in entry[3]]
        except (TypeError, ValueError, IndexError):
            found_owners, found_labels, found_known = _read(folder.sources())
        owners += found_owners
        labels += found_labels
        known += found_known
        if stamp is not None:
            entries[folder.path] = [
                stamp,
                [[u.path, u.index, u.name, u.launchpad] for u in found_owners],
                [[u.path, u.index, u.label, u.release] for u in found_labels],
                [list(pair) for pair in found_known],
            ]
    if entries != cached:
        cache.store(bundle, entries)
    return owners, labels, known


def _read(group: list[Source]) -> Names:
    owners: list[OwnerUse] = []
    labels: list[LabelUse] = []
    known: list[tuple[str, str]] = []
    for source in group:
        file = source.file
        try:
            document = load_text(
                source.read(), file.path, is_json=file.suffix == ".json"
            )
        except ProblemError:
            continue  # a full run reports it
        if file.release is None or check_schema(document):
            continue
        priority = Priority.from_data(document.data, file.release, file.slug)
        known.append((f"{file.release}/{file.slug}", priority.title))
        owners += [
            OwnerUse(file.path, u.index, u.name, u.launchpad)
            for u in owner_uses(priority)
        ]
        labels += [
            LabelUse(file.path, u.index, u.label, u.release)
            for u in label_uses(priority)
        ]
    return owners, labels, known
