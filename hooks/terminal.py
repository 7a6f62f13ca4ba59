"""Output that cannot drive the reader's terminal.

The commands print text nobody checked: spec titles and file names, lines
of pages, words of a spec's sections. Anyone can propose those, and a
reviewer lists them on a change they checked out. Every character a
terminal acts on is printed as a ``\\uXXXX`` escape instead: control
characters (an escape sequence can write the clipboard or the window
title; a lone carriage return overwrites the line), and the formatting
marks that reorder or break what is shown. The escape keeps JSON valid and
meaning the same, and priority data never holds such characters (the rules
refuse the same set, :data:`CONTROLS`), so the YAML and CSV exports are
printed as they are.

The CLI puts every command's stdout and stderr behind :class:`TerminalSafe`:
one place, for every print there is and will be.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# What drives a terminal or changes what it shows, as a character class:
# control characters (but tab, LF and CR, taken apart), line and paragraph
# separators, and the bidirectional embeddings, overrides and isolates
# that make text read differently from what it says. The rules refuse
# these in every field of the data (:mod:`.rules`), so the filter never
# changes what the data may hold.
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"

# The colours our reporters print (bold, red, green, yellow, reset) pass.
_OUR_COLOURS = r"\x1b\[(?:0|1|31|32|33)m"
_DRIVES_A_TERMINAL = re.compile(
    rf"(?!{_OUR_COLOURS})[{CONTROLS}]"
    r"|\r(?!\n)"  # a CR that ends a line (CRLF pages) moves nothing
)


def terminal_safe(text: str) -> str:
    """``text`` with each character a terminal acts on escaped."""
    return _DRIVES_A_TERMINAL.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


class TerminalSafe:
    """A text stream that writes :func:`terminal_safe` text to ``stream``;
    everything else (``isatty``, ``fileno``, ``flush``) is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
