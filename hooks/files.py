"""Reading and writing files safely.

Reading: priority files are UTF-8 (a BOM is allowed) and at most 1 MiB.
Writing: a failure never leaves a half-written page.
"""

from __future__ import annotations

import contextlib
import os
import stat

from .problems import ProblemError, located

MAX_FILE_BYTES = 1024 * 1024
# How a line of a generated page starts a region's marker (see .regions).
REGION_MARKER = ".. nova-priorities:"


def read_text(path: str, rule: str = "yaml") -> str:
    """Read the priority file (or spec) ``path`` as UTF-8 (a BOM is
    allowed), refusing anything but a regular file and files over 1 MiB."""
    raw, size = read_regular(path, MAX_FILE_BYTES, rule)
    return decode(raw, path, size)


def read_regular(path: str, limit: int, rule: str) -> tuple[bytes, int]:
    """The first ``limit + 1`` bytes of ``path`` and its size.

    Only a regular file is read: a FIFO, a device or a folder is refused
    without blocking (the file is opened non-blocking, then checked).
    """
    try:
        handle = os.open(
            path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        )
    except OSError as error:
        raise located(path, 1, 1, f"cannot read file: {error.strerror}", rule) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise located(
                path, 1, 1, f"is {kind}, not a file; only regular files are read", rule
            )
        raw = os.read(handle, limit + 1)  # one read: files are small
        while len(raw) <= limit and len(raw) < info.st_size:  # a short read
            more = os.read(handle, limit + 1 - len(raw))
            if not more:
                break
            raw += more
    except OSError as error:
        raise located(path, 1, 1, f"cannot read file: {error.strerror}", rule) from None
    finally:
        os.close(handle)
    return raw, max(len(raw), info.st_size)


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def decode(raw: bytes, path: str, size: int | None = None) -> str:
    """``raw`` as text: UTF-8 (a BOM is allowed), at most 1 MiB."""
    size = len(raw) if size is None else size
    if size > MAX_FILE_BYTES:
        raise located(
            path,
            1,
            1,
            f"file is {size} bytes; priority files are limited to "
            f"{MAX_FILE_BYTES} bytes (1 MiB)",
            "yaml",
        )
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_like_utf16(raw):
        raise located(
            path,
            1,
            1,
            "not UTF-8: the file looks like UTF-16; save it as UTF-8",
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


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 text without a BOM: every other byte of ASCII text is NUL."""
    head = raw[:200]
    return len(head) >= 4 and head.count(0) * 3 >= len(head)


MAX_PAGE_BYTES = 16 * MAX_FILE_BYTES


def read_page(path: str, rule: str) -> str:
    """An RST page as text (UTF-8, a BOM allowed, line ends kept), refusing
    anything but a regular file."""
    raw, size = read_regular(path, MAX_PAGE_BYTES, rule)
    if size > MAX_PAGE_BYTES:
        raise located(path, 1, 1, f"the page is {size} bytes; that is too big", rule)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"cannot read the page: not UTF-8 (byte {error.start})"
        raise located(path, 1, 1, message, rule) from None


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
    import tempfile  # only when writing

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


def is_generated_page(page: str) -> bool:
    """Whether the file ``page`` is a page with generated regions."""
    try:
        return has_regions(read_page(page, "page"))
    except ProblemError:  # no page this tool could render
        return False


def has_regions(text: str) -> bool:
    """Whether a page's text has a marker line, even a broken one: render
    says what is wrong with it."""
    return text.startswith(REGION_MARKER) or "\n" + REGION_MARKER in text
