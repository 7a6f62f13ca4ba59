"""A cache of release results, keyed by what the release's files say.

Checking a release depends only on the paths and contents of its files, on
this code, the schema and the libraries that check them. So the result of
a release whose files did not change is read back instead of computed: one
small file per release state, in ``$XDG_CACHE_HOME/nova-priorities``
(``~/.cache/nova-priorities``). ``NOVA_PRIORITIES_CACHE`` names another
folder, or turns the cache off with ``off``. A cache that cannot be read or
written is simply not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import pickle
from collections.abc import Sequence
from typing import Any

ENVIRONMENT = "NOVA_PRIORITIES_CACHE"
# What results depend on besides the files: our code, schema and libraries.
_DEPENDENCIES = ("yaml", "jsonschema", "fastjsonschema", "docutils")


def folder() -> str | None:
    """Where the cache lives, or None when it is off."""
    setting = os.environ.get(ENVIRONMENT, "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return setting
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return os.path.join(base, "nova-priorities")


@functools.cache
def _salt() -> bytes:
    """A fingerprint of the code that computes results (stat, not content:
    this runs in every hook start-up)."""
    here = os.path.dirname(os.path.abspath(__file__))
    schema = importlib.util.find_spec("nova_priorities.schema")
    paths = [os.path.join(here, name) for name in sorted(os.listdir(here))]
    if schema is not None and schema.origin:
        paths.append(
            os.path.join(os.path.dirname(schema.origin), "priority.schema.json")
        )
    for name in _DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            paths.append(spec.origin)
    digest = hashlib.sha256()
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            digest.update(f"{path}\0{info.st_mtime_ns}\0{info.st_size}\n".encode())
    return digest.digest()


def key(parts: Sequence[str]) -> str:
    """The cache key of a release state described by ``parts``."""
    digest = hashlib.sha256(_salt())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def load(name: str) -> Any | None:
    """The value stored under ``name``, or None."""
    where = folder()
    if where is None:
        return None
    try:
        with open(os.path.join(where, name), "rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, truncated, or from an older Python: recompute
        return None


def store(name: str, value: Any) -> None:
    """Store ``value`` under ``name``, atomically; never fail the run."""
    where = folder()
    if where is None:
        return
    # Unique per process, so that parallel hooks never write the same file.
    temporary = os.path.join(where, f".{name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError, pickle.PicklingError):
        _make_folder(where)
        try:
            with open(temporary, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, os.path.join(where, name))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@functools.cache
def _make_folder(path: str) -> None:
    os.makedirs(path, mode=0o700, exist_ok=True)
