"""Reading and writing files safely.

Reading: priority files are UTF-8 (a BOM is allowed) and at most 1 MiB.
Writing: a failure never leaves a half-written page.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from .problems import located

MAX_FILE_BYTES = 1024 * 1024


def read_text(path: str) -> str:
    """Read ``path`` as UTF-8 (a BOM is allowed), refusing huge files."""
    try:
        with open(path, "rb", buffering=0) as stream:  # one read, no buffer
            raw = stream.read(MAX_FILE_BYTES + 1)
            size = len(raw)
            if size > MAX_FILE_BYTES:
                size = os.fstat(stream.fileno()).st_size
    except OSError as error:
        raise located(
            path, 1, 1, f"cannot read file: {error.strerror}", "yaml"
        ) from None
    return decode(raw, path, size)


def decode(raw: bytes, path: str, size: int | None = None) -> str:
    """``raw`` as text: UTF-8 (a BOM is allowed), at most 1 MiB."""
    size = len(raw) if size is None else size
    if size > MAX_FILE_BYTES:
        raise located(
            path,
            1,
            1,
            f"file is {size / MAX_FILE_BYTES:.1f} MiB; priority files are "
            "limited to 1 MiB",
            "yaml",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        raise located(
            path,
            raw.count(b"\n", 0, error.start) + 1,
            column,
            f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; "
            "save the file as UTF-8",
            "yaml",
        ) from None


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
