"""Strict loading of priority files, keeping the position of every value.

YAML is read event by event with libyaml (PyYAML's C parser) and built into
plain Python values by hand, so that:

- only ``true`` and ``false`` are booleans and only plain decimal integers
  are numbers: ``2024.1``, ``no``, ``on`` and dates stay strings;
- anchors, aliases, custom tags, duplicate keys and a second document are
  refused (no alias bombs, nothing that changes meaning silently);
- every key and value keeps its line and column for error messages.

Positions are only needed for messages, and most files have none: a file
is first built from its events with no bookkeeping (about half the cost of
loading), and read again for positions only when something asks for one.

JSON files are checked with :mod:`json` first, for JSON's own syntax, then
read through the same event builder (JSON is a subset of YAML) for positions.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from typing import Any

from .files import read_text
from .positions import (
    ALLOWED_TAGS,
    MAX_DEPTH,
    Located,
    Path,
    Position,
    Scalar,
    events_text,
    format_path,
    locate,
    refused,
    scalar_value,
    syntax_error,
    yaml_loader,
)

__all__ = ["MAX_DEPTH", "Document", "Path", "Position", "Scalar", "format_path"]


_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclasses.dataclass(slots=True)
class Document:
    """A loaded file: its data, and where every piece of it was written.

    The positions are found from ``text`` the first time they are asked for.
    """

    path: str
    data: Any
    text: str = ""
    is_json: bool = False
    located: Located | None = dataclasses.field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def values(self) -> dict[Path, Position]:
        return self._located().values

    @property
    def keys(self) -> dict[Path, Position]:
        return self._located().keys

    @property
    def scalars(self) -> dict[Path, Scalar]:
        return self._located().scalars

    def _located(self) -> Located:
        if self.located is None:
            self.located = locate(self.text, self.path, is_json=self.is_json)
        return self.located

    def position_of(self, path: Path) -> Position:
        """The position of the value at ``path``, or of its nearest parent."""
        values = self.values
        while path not in values and path:
            path = path[:-1]
        return values.get(path, Position(1, 1))

    def key_position_of(self, path: Path) -> Position:
        """The position of the key naming ``path``, else of its value."""
        return self.keys.get(path) or self.position_of(path)


def load_file(path: str) -> Document:
    """Read and parse ``path``; raise :class:`ProblemError` on any problem."""
    text = read_text(path)
    return load_text(text, path, is_json=path.endswith(".json"))


def load_text(text: str, path: str, *, is_json: bool = False) -> Document:
    """Parse ``text`` (the content of ``path``) into a :class:`Document`."""
    bad = _CONTROL_CHARACTER.search(text)
    if bad:
        raise refused(
            path,
            _char_position(text, bad.start()),
            f"control character U+{ord(bad.group()):04X} is not allowed "
            "in a priority file",
        )
    json_data = _json_data(text, path) if is_json else None
    import yaml  # here: a run whose results are all cached parses no YAML

    try:
        data = _data(yaml.parse(events_text(text, is_json), Loader=yaml_loader()))
    except _Refused:
        locate(text, path, is_json=is_json)  # finds where, and raises why
        raise AssertionError("a refused document passed the detailed check") from None
    except yaml.MarkedYAMLError as error:
        raise syntax_error(text, path, error) from None
    if is_json:
        data = json_data  # JSON's own values, typed as JSON types them
    return Document(path=path, data=data, text=text, is_json=is_json)


def _json_data(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise refused(
            path, Position(error.lineno, error.colno), f"invalid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise refused(
            path, Position(1, 1), f"nested more than {MAX_DEPTH} levels deep"
        ) from None
    except ValueError as error:  # an integer of thousands of digits
        raise refused(path, Position(1, 1), f"invalid JSON: {error}") from None


class _Refused(Exception):
    """The quick pass met something :func:`locate` must explain."""


def _data(events: Any) -> Any:
    """The document's data, built from parser events with no bookkeeping.

    Anything refused raises :class:`_Refused`, without a message: the
    detailed pass (:func:`_build`) finds the same and says where and why.
    """
    import yaml

    node_starts = {yaml.MappingStartEvent: dict, yaml.SequenceStartEvent: list}
    node_ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stack: list[list[Any]] = []  # [open mapping or list, its pending key]
    data = None
    documents = 0
    for event in events:  # hot: the commonest events first
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = scalar_value(event)
        elif kind in node_starts:
            if len(stack) >= MAX_DEPTH:
                raise _Refused
            value = node_starts[kind]()
        elif kind in node_ends:
            stack.pop()
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused
            continue
        elif kind is yaml.AliasEvent:
            raise _Refused
        else:
            continue
        if event.anchor is not None or event.tag not in ALLOWED_TAGS:
            raise _Refused
        if not stack:
            data = value
        else:
            top = stack[-1]
            container = top[0]
            if type(container) is list:
                container.append(value)
            elif top[1] is None:  # a key: a plain name, given once
                if kind is not yaml.ScalarEvent or event.value in container:
                    raise _Refused
                top[1] = sys.intern(event.value)  # shared by all files
                continue
            else:
                container[top[1]] = value
                top[1] = None
        if kind is not yaml.ScalarEvent:
            stack.append([value, None])
    if documents == 0:
        raise _Refused
    return data


def _char_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)
