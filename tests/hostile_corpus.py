"""Hostile priority files, each with the message expected at its position.

Built at run time (a 10 MB file has no place in git). The tests check the
messages; ``benchmarks/run.py`` times how long each takes to be refused.
"""

from __future__ import annotations

from collections.abc import Callable

VALID_HEAD = b"title: Hostile\nposition: 1\n"


def billion_laughs() -> bytes:
    lines = [b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(96 + index), chr(97 + index)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]".encode())
    return b"\n".join(lines) + b"\n"


CORPUS: dict[str, tuple[Callable[[], bytes], str]] = {
    "alias-bomb": (
        billion_laughs,
        "1:4: anchor &a is not allowed; write values out in full",
    ),
    "deep-block": (
        lambda: b"".join(b"  " * i + b"a:\n" for i in range(1000)),
        "33:65: nested more than 32 levels deep",
    ),
    "deep-flow": (
        lambda: b"a: " + b"[" * 1000 + b"]" * 1000 + b"\n",
        "1:1003: nested more than 32 levels deep",
    ),
    "ten-megabytes": (
        lambda: VALID_HEAD + b"# " + b"x" * (10 * 1024 * 1024) + b"\n",
        "1:1: file is 10485790 bytes; priority files are limited to 1048576 bytes "
        "(1 MiB)",
    ),
    "binary": (
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "1:1: not UTF-8: byte 0x89 cannot be decoded; save the file as UTF-8",
    ),
    "latin-1": (
        lambda: VALID_HEAD + "description: café\n".encode("latin-1"),
        "3:17: not UTF-8: byte 0xe9 cannot be decoded",
    ),
    "nul-bytes": (
        lambda: VALID_HEAD + b"description: a\x00b\n",
        "3:15: control character U+0000 is not allowed in a priority file",
    ),
    "duplicate-keys": (
        lambda: VALID_HEAD + b"title: Again\n",
        "3:1: duplicate key 'title' (first at line 1); keep one",
    ),
    "tabs": (
        lambda: VALID_HEAD + b"owners:\n\t- name: x\n",
        "4:1: tab character: YAML indents with spaces; replace the tab with spaces",
    ),
    "several-documents": (
        lambda: VALID_HEAD + b"---\n" + VALID_HEAD,
        "3:1: a second YAML document ('---'); a priority file holds exactly one",
    ),
    "empty": (lambda: b"", "1:1: file is empty"),
    "top-level-list": (
        lambda: b"- title: x\n",
        "1:1: the file: expected a mapping, got a list",
    ),
    "top-level-scalar": (
        lambda: b"just a string\n",
        "1:1: the file: expected a mapping, got 'just a string'",
    ),
    "python-tag": (
        lambda: VALID_HEAD + b"description: !!python/object/apply:os.system ['id']\n",
        "3:14: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
    ),
    "raw-script": (
        lambda: (
            VALID_HEAD
            + b"description: |\n  .. raw:: html\n\n     <script>alert(1)</script>\n"
        ),
        "4:3: description: the raw directive is not allowed in a description",
    ),
    "include-passwd": (
        lambda: VALID_HEAD + b"description: |\n  .. include:: /etc/passwd\n",
        "4:3: description: the include directive is not allowed",
    ),
    "script-tag-text": (
        lambda: VALID_HEAD + b"description: |\n  Hi <script>alert(1)</script>\n",
        "4:3: description: '<script>' looks like an HTML tag",
    ),
    "javascript-url": (
        lambda: VALID_HEAD + b"links:\n  - title: x\n    url: javascript:alert(1)\n",
        "5:10: links[0].url: 'javascript:alert(1)' is not an http(s) or mailto URL",
    ),
}
