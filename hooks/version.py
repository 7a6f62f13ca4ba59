"""The installed version of nova-priorities, for ``--version`` and Sphinx."""

from __future__ import annotations


def package_version() -> str:
    """The installed version (slow to look up: only when asked)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nova-priorities")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"
