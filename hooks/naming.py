"""The naming rules: what a release name and a slug may be.

Every name read from a path, a key, a role or the configuration passes
these before it is used anywhere (a label, a title, a path);
:mod:`.layout` applies them to the repository, :mod:`.config` to
``release-order``.
"""

from __future__ import annotations

import re

RELEASE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[0-9]{4}\.[0-9]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_release_name(name: str) -> bool:
    """``kilo``, ``2023.1``: lowercase words, or a year and a number."""
    return RELEASE.fullmatch(name) is not None


def is_slug(name: str) -> bool:
    return SLUG.fullmatch(name) is not None
