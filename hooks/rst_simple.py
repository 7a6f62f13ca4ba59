"""Descriptions docutils would find nothing in, recognized without it.

Many descriptions are paragraphs and one level of bullet list with a little
inline markup: ``literal``, *emphasis*, **strong** and anonymous links to
web pages (```text <https://...>`__``). docutils finds no problem in such a
text, builds no name and links only those URLs, yet parsing it is most of
what checking a file costs. :func:`is_simple` recognizes that subset, and
only it: anything else (a named link, a relative or other URL, a nested
list, an indented line, a markup character that is not part of one of the
constructs above, a ``:`` or ``@`` that could start a role or a bare link)
goes to docutils. The tests compare it with docutils on generated texts,
the hostile corpus and the real pages.
"""

from __future__ import annotations

import re

# A line docutils could read as anything but the text of a paragraph starts
# with something other than a letter, a backquote or "*" before a non-space
# (a list marker, an enumerator, a block, an adornment, an indentation).
_LINE_START = re.compile(r"[^\W\d_]|`|\*(?! )")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# Enumerators docutils reads as a list item: "a.", "iv)", "xviii." (any
# roman numeral), "B)".
ENUMERATOR = r"(?:[^\W\d_]{1,3}|[ivxlcdm]+|[IVXLCDM]+)[.)](?:\s|$)"
_ENUMERATOR = re.compile(ENUMERATOR)
# Line breaks besides \n: docutils splits lines as str.splitlines() does.
OTHER_LINE_BREAKS = "\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
_ODD_SPACE = re.compile(f"[\t{OTHER_LINE_BREAKS}]")  # (tabs: expanded)

_PLAIN = r"[^`*_|\\\[\]<>@:]+|:(?!\S)"  # no markup; ":" only before a space
# The text of each construct starts with neither a space nor ")" (docutils
# reads "(*)" as text) and holds no backquote or backslash.
_LITERAL = r"``[^`\\\s)](?:[^`\\\n]*[^`\\\s])?``"
_INLINE = r"[^*`\\\s)](?:[^*`\\\n]*[^*`\\\s])?"  # emphasis, strong: one line
_LINK = r"`[^`<>\\\s)][^`<>\\]*?[ \n]+<(?P<url>https?://[^\s`<>\\@]*[^\s`<>\\@_])>`__"
_TOKEN = re.compile(
    rf"(?P<plain>{_PLAIN})|{_LITERAL}|\*\*{_INLINE}\*\*|\*{_INLINE}\*|{_LINK}",
    re.IGNORECASE,
)
# Where inline markup may start and end so that docutils reads it as the
# scan does: after a space or "(", before a space or closing punctuation.
_BEFORE = " \n("
_AFTER = " \n.,;:!?)"


def is_simple(text: str) -> bool:
    """Whether ``text`` is within the subset docutils finds nothing in."""
    if _ODD_SPACE.search(text):
        return False
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():  # docutils strips every line's end
        if stripped := line.rstrip():
            blocks[-1].append(stripped)
        elif blocks[-1]:
            blocks.append([])
    return all(_block_is_simple(block) for block in blocks if block)


def _block_is_simple(lines: list[str]) -> bool:
    """A paragraph of lines each starting a text, or a flat bullet list."""
    bullet = lines[0][:2]
    if bullet not in ("* ", "- "):
        return _text_is_simple(lines)
    items: list[list[str]] = []
    for line in lines:
        if line.startswith(bullet):
            items.append([line[2:]])
        elif line.startswith("  ") and items:
            items[-1].append(line[2:])
        else:  # an unindented line ends the list without the blank line
            return False
    return all(_text_is_simple(item) for item in items)


def _text_is_simple(lines: list[str]) -> bool:
    """A paragraph: its first line starts a text; docutils reads the next
    ones as its continuation unless indented (a definition) or of nothing
    but punctuation (a title's underline)."""
    first, *rest = lines
    if not _LINE_START.match(first) or _ENUMERATOR.match(first):
        return False
    if any(line[0].isspace() or not _LETTER_OR_DIGIT.search(line) for line in rest):
        return False
    return _inline_is_simple("\n".join(lines))


def _inline_is_simple(text: str) -> bool:
    """Whether ``text`` is plain text and whole constructs of the subset."""
    position = 0
    while position < len(text):
        token = _TOKEN.match(text, position)
        if token is None:
            return False
        end = token.end()
        if token.lastgroup != "plain":
            before = text[position - 1] if position else " "
            if before not in _BEFORE:
                return False
            if end < len(text) and text[end] not in _AFTER:
                return False
        position = end
    return True
