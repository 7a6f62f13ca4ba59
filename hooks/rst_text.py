"""Writing reStructuredText safely: escaped text and grid tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters that start or end inline markup, references or targets.
_INLINE_SPECIAL = re.compile(r"([\\`*_|<>\[\]:@])")


def escape(text: str) -> str:
    """``text`` as literal RST text: no markup, link or target can come of it.

    A leading character other than a letter is escaped too, so that a title
    like ``- foo``, ``1. bar`` or ``#tag`` cannot start a list or a block.
    """
    # Most names and titles hold no special character: no substitution.
    escaped = (
        _INLINE_SPECIAL.sub(r"\\\1", text) if _INLINE_SPECIAL.search(text) else text
    )
    if escaped and not escaped[0].isalpha() and escaped[0] != "\\":
        escaped = "\\" + escaped
    return escaped


def width(text: str) -> int:
    """Display width as docutils measures it (East Asian wide count 2)."""
    if text.isascii():  # most text, and docutils' count is slow
        return len(text)
    from docutils.utils import column_width

    return int(column_width(text))


def wrap(words: Sequence[str], limit: int) -> list[str]:
    """Join ``words`` into lines of at most ``limit`` display columns.

    A single word wider than ``limit`` gets a line of its own.
    """
    # Widths add up (docutils counts character by character): each word is
    # measured once, with len() when all are ASCII, as most text is.
    measure = len if all(map(str.isascii, words)) else width
    lines: list[str] = []
    used = 0  # the last line's width
    for word in words:
        size = measure(word)
        if lines and used + 1 + size <= limit:
            lines[-1] += " " + word
            used += 1 + size
        else:
            lines.append(word)
            used = size
    return lines or [""]


def grid_table(header: Sequence[str], rows: Sequence[Sequence[list[str]]]) -> str:
    """A grid table; each cell of ``rows`` is given as its lines of text."""
    cells = [[[h] for h in header], *rows]
    widths = [
        max(width(line) for row in cells for line in row[column])
        for column in range(len(header))
    ]
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [border]
    for index, row in enumerate(cells):
        height = max(len(cell) for cell in row)
        for line_no in range(height):
            parts = []
            for cell, cell_width in zip(row, widths, strict=True):
                text = cell[line_no] if line_no < len(cell) else ""
                parts.append(" " + text + " " * (cell_width - width(text)) + " ")
            out.append("|" + "|".join(parts) + "|")
        out.append(border.replace("-", "=") if index == 0 else border)
    return "\n".join(out) + "\n"


def title(text: str, underline: str, overline: bool = False) -> str:
    """A section title with an adornment as wide as the text."""
    rule = underline * max(width(text), 1)
    return f"{rule}\n{text}\n{rule}\n" if overline else f"{text}\n{rule}\n"
