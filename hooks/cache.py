"""The result cache: what checking a file found, keyed by what the file says.

Checking a file depends only on its path and text, on this tool's code and
schema, and on the libraries that parse it. So results are stored in
``$XDG_CACHE_HOME/nova-priorities`` (``~/.cache/nova-priorities``) and read
back when nothing of that changed:

- one file ("bundle") per release folder holds the results of its files,
  each under the hash of the file's path and text: editing one file
  re-checks that file only;
- bundle names include a fingerprint of the *content* of this package's
  code and schema (not their dates), of the libraries' versions and of
  Python's;
- a bundle is the :mod:`marshal` form of plain values (what Python's own
  bytecode caches use; a fifth of JSON's cost to read, a sixth to write),
  so that reading a cache never runs code (no pickle), behind a magic line
  and a CRC-32: a torn or foreign file is a miss, never a crash;
- the folder is created with mode 0700 and not used when another user owns
  it or others may write to it.

``NOVA_PRIORITIES_CACHE`` names another folder, or turns the cache off with
``off``. A cache that cannot be read or written is simply not used;
deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import stat
import sys
import zlib
from typing import Any

ENVIRONMENT = "NOVA_PRIORITIES_CACHE"
# Libraries whose version can change a result, by the module holding it.
_LIBRARIES = ("yaml", "docutils", "fastjsonschema", "jsonschema")
SCHEMA_FILE = "priority.schema.json"
# What a bundle starts with, then the CRC-32 of the rest (4 bytes).
MAGIC = b"nova-priorities cache 1\n"


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
def fingerprint() -> bytes:
    """A hash of the content of this package's code and schema, and of the
    libraries' main modules (which state their versions)."""
    import importlib.util

    package = os.path.dirname(os.path.abspath(__file__))
    paths = [os.path.join(package, n) for n in sorted(os.listdir(package))]
    # The schema package sits beside this one, installed or in a checkout.
    paths.append(os.path.join(os.path.dirname(package), "schema", SCHEMA_FILE))
    for name in _LIBRARIES:
        found = importlib.util.find_spec(name)  # finds, does not import
        if found is not None and found.origin:
            paths.append(found.origin)
    digest = hashlib.sha256(sys.version.encode())
    for path in paths:
        if path.endswith((".py", ".json")):
            with contextlib.suppress(OSError), open(path, "rb") as stream:
                digest.update(os.path.basename(path).encode() + b"\0")
                digest.update(hashlib.sha256(stream.read()).digest())
    return digest.digest()


def key(*parts: str) -> str:
    """A hash of ``parts`` (unambiguous: each part's length goes first)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def bundle_name(identity: str) -> str:
    """The file name of the bundle of ``identity`` (a release folder)."""
    return key(fingerprint().hex(), identity) + ".bundle"


def load(name: str) -> dict[str, Any]:
    """The entries of bundle ``name``; empty when missing or unreadable."""
    where = usable_folder()
    if where is None:
        return {}
    try:
        with open(os.path.join(where, name), "rb") as stream:
            return decoded(stream.read())
    except OSError:
        return {}


def decoded(raw: bytes) -> dict[str, Any]:
    """The entries of a bundle's bytes; empty when torn or not ours."""
    body = memoryview(raw)[len(MAGIC) + 4 :]
    crc = raw[len(MAGIC) : len(MAGIC) + 4]
    if not raw.startswith(MAGIC) or crc != zlib.crc32(body).to_bytes(4, "big"):
        return {}
    try:
        entries = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def encoded(entries: dict[str, Any]) -> bytes:
    body = marshal.dumps(entries)
    return MAGIC + zlib.crc32(body).to_bytes(4, "big") + body


def store(name: str, entries: dict[str, Any]) -> None:
    """Replace bundle ``name`` with ``entries``, atomically; never fail."""
    where = usable_folder()
    if where is None:
        return
    # Unique per process, so that parallel hooks never write the same file.
    temporary = os.path.join(where, f".{name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError, ValueError):
        try:
            with open(temporary, "wb") as stream:
                stream.write(encoded(entries))
            os.replace(temporary, os.path.join(where, name))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def usable_folder() -> str | None:
    """The cache folder, created private; None when off or not safe."""
    where = folder()
    return None if where is None else _checked(where)


@functools.cache
def _checked(where: str) -> str | None:
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        info = os.lstat(where)
    except OSError:
        return None
    problem = unsafe(info)
    if problem:
        print(
            f"nova-priorities: not using the cache {where}: {problem}", file=sys.stderr
        )
        return None
    return where


def unsafe(info: os.stat_result) -> str | None:
    """Why a cache folder with this ``lstat`` may not be trusted, if so."""
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return "another user owns it"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others may write to it (chmod go-w)"
    return None
