"""Writing files so that a failure never leaves a half-written page."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


def write_atomically(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step, keeping its mode.

    The text goes to a temporary file beside ``path``, which is then renamed
    over it: readers see the old page or the new one, never a mix, and a
    full disk or a read-only folder leaves the old page as it was.
    """
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
