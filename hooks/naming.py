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
# Longer than any real one, short enough for a file name (255 bytes) with
# what is added to it: a release is a folder and a page name, a slug a
# file name; 120 is the longest title, so a slug made from one fits.
MAX_RELEASE = 40
MAX_SLUG = 120

# what the rules say, in every message about a name
RELEASE_RULE = (
    "lowercase like 'kilo', or a year and number like '2023.1'; at most "
    f"{MAX_RELEASE} characters"
)
SLUG_RULE = (
    "lowercase letters and digits in words joined by hyphens; at most "
    f"{MAX_SLUG} characters"
)


def is_release_name(name: str) -> bool:
    """``kilo``, ``2023.1``: lowercase words, or a year and a number."""
    return len(name) <= MAX_RELEASE and RELEASE.fullmatch(name) is not None


def is_slug(name: str) -> bool:
    return len(name) <= MAX_SLUG and SLUG.fullmatch(name) is not None
