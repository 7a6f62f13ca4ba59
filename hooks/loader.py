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
import os
import re
import sys
from typing import Any

import yaml

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

Path = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"
# Untagged, the non-specific "!", and the standard string/map/list tags.
_ALLOWED_TAGS = {None, "!", _STR_TAG, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclasses.dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column of a key or value in its file."""

    line: int
    column: int


@dataclasses.dataclass(frozen=True, slots=True)
class Scalar:
    """Where a scalar sits and how it was written (for RST line mapping)."""

    position: Position
    style: str | None  # None: plain; "'" or '"': quoted; "|" or ">": block
    source: str  # the text as written, before any typing


@dataclasses.dataclass(slots=True)
class Located:
    """Where every key and value of a document was written."""

    values: dict[Path, Position] = dataclasses.field(default_factory=dict)
    keys: dict[Path, Position] = dataclasses.field(default_factory=dict)
    scalars: dict[Path, Scalar] = dataclasses.field(default_factory=dict)


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

    def trimmed(self) -> Document:
        """A copy keeping only where the description starts, which the Sphinx
        extension needs to map its lines; the data lives on in the
        :class:`~.model.Priority`, once all checks have run.
        """
        scalars: dict[Path, Scalar] = {}
        description = self.scalars.get(("description",))
        if description is not None:
            # Its text lives on in the priority: not a second copy here.
            scalars[("description",)] = dataclasses.replace(description, source="")
        return Document(path=self.path, data=None, located=Located(scalars=scalars))

    def key_position_of(self, path: Path) -> Position:
        """The position of the key naming ``path``, else of its value."""
        return self.keys.get(path) or self.position_of(path)


class LoadError(Exception):
    """A file could not be read as one priority document."""

    def __init__(self, path: str, position: Position, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.position = position
        self.message = message


def format_path(path: Path) -> str:
    """``("owners", 0, "launchpad")`` -> ``owners[0].launchpad``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def load_file(path: str) -> Document:
    """Read and parse ``path``; raise :class:`LoadError` on any problem."""
    text = read_text(path)
    return load_text(text, path, is_json=path.endswith(".json"))


def read_text(path: str) -> str:
    """Read ``path`` as UTF-8 (a BOM is allowed), refusing huge files."""
    try:
        with open(path, "rb", buffering=0) as stream:  # one read, no buffer
            raw = stream.read(MAX_FILE_BYTES + 1)
            size = len(raw)
            if size > MAX_FILE_BYTES:
                size = os.fstat(stream.fileno()).st_size
    except OSError as error:
        raise LoadError(
            path, Position(1, 1), f"cannot read file: {error.strerror}"
        ) from None
    return decode(raw, path, size)


def decode(raw: bytes, path: str, size: int | None = None) -> str:
    """``raw`` as text: UTF-8 (a BOM is allowed), at most 1 MiB."""
    size = len(raw) if size is None else size
    if size > MAX_FILE_BYTES:
        raise LoadError(
            path,
            Position(1, 1),
            f"file is {size / MAX_FILE_BYTES:.1f} MiB; priority files are "
            "limited to 1 MiB",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(
            path,
            _byte_position(raw, error.start),
            f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; "
            "save the file as UTF-8",
        ) from None


def load_text(text: str, path: str, *, is_json: bool = False) -> Document:
    """Parse ``text`` (the content of ``path``) into a :class:`Document`."""
    bad = _CONTROL_CHARACTER.search(text)
    if bad:
        raise LoadError(
            path,
            _char_position(text, bad.start()),
            f"control character U+{ord(bad.group()):04X} is not allowed "
            "in a priority file",
        )
    json_data = _json_data(text, path) if is_json else None
    try:
        data = _data(yaml.parse(_events_text(text, is_json), Loader=_YAML_LOADER))
    except _Refused:
        locate(text, path, is_json=is_json)  # finds where, and raises why
        raise AssertionError("a refused document passed the detailed check") from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(text, path, error) from None
    if is_json:
        data = json_data  # JSON's own values, typed as JSON types them
    return Document(path=path, data=data, text=text, is_json=is_json)


def locate(text: str, path: str, *, is_json: bool = False) -> Located:
    """Where every key and value of ``text`` is; raise :class:`LoadError`
    for anything :func:`load_text` refuses, at its position."""
    located = Located()
    try:
        _build(
            path, located, yaml.parse(_events_text(text, is_json), Loader=_YAML_LOADER)
        )
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(text, path, error) from None
    return located


def _events_text(text: str, is_json: bool) -> str:
    # libyaml refuses JSON's surrogate-pair escapes (non-BMP characters);
    # an escape of the same length keeps every position where it was.
    return _SURROGATE_ESCAPE.sub(r"\\u0020\\u0020", text) if is_json else text


def _json_data(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise LoadError(
            path, Position(error.lineno, error.colno), f"invalid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise LoadError(
            path, Position(1, 1), f"nested more than {MAX_DEPTH} levels deep"
        ) from None


def _syntax_error(text: str, path: str, error: yaml.MarkedYAMLError) -> LoadError:
    mark = error.problem_mark or error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    problem = error.problem or "cannot parse"
    if _character_at(text, position) == "\t":
        message = "tab character: YAML indents with spaces; replace the tab with spaces"
    elif "maximum nesting depth" in problem:
        message = f"nested more than {MAX_DEPTH} levels deep"
    else:
        context = f" ({error.context})" if error.context else ""
        message = f"YAML syntax error: {problem}{context}"
    return LoadError(path, position, message)


class _Refused(Exception):
    """The quick pass met something :func:`locate` must explain."""


_NODE_STARTS = {yaml.MappingStartEvent: dict, yaml.SequenceStartEvent: list}
_NODE_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _data(events: Any) -> Any:
    """The document's data, built from parser events with no bookkeeping.

    Anything refused raises :class:`_Refused`, without a message: the
    detailed pass (:func:`_build`) finds the same and says where and why.
    """
    stack: list[list[Any]] = []  # [open mapping or list, its pending key]
    data = None
    documents = 0
    for event in events:  # hot: the commonest events first
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = _scalar_value(event)
        elif kind in _NODE_STARTS:
            if len(stack) >= MAX_DEPTH:
                raise _Refused
            value = _NODE_STARTS[kind]()
        elif kind in _NODE_ENDS:
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
        if event.anchor is not None or event.tag not in _ALLOWED_TAGS:
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


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


@dataclasses.dataclass
class _Open:
    """A mapping or sequence being built, with its path and pending key."""

    container: dict[str, Any] | list[Any]
    path: Path
    key: str | None = None


def _build(path: str, located: Located, events: Any) -> None:
    """Record where every value of the document is, without recursion,
    and refuse what :func:`_data` refuses, at its position."""
    stack: list[_Open] = []
    documents = 0
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            _check_node(path, event)
            _add(path, located, stack, _scalar_value(event), event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            _check_node(path, event)
            if len(stack) >= MAX_DEPTH:
                raise LoadError(
                    path, _position(event), f"nested more than {MAX_DEPTH} levels deep"
                )
            container: dict[str, Any] | list[Any] = (
                {} if kind is yaml.MappingStartEvent else []
            )
            stack.append(_Open(container, _add(path, located, stack, container, event)))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise LoadError(
                path,
                _position(event),
                f"alias *{event.anchor} is not allowed; write the value out",
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise LoadError(
                    path,
                    _position(event),
                    "a second YAML document ('---'); a priority file holds exactly one",
                )
    if documents == 0:
        raise LoadError(
            path,
            Position(1, 1),
            "file is empty; a priority file is a mapping with at least "
            "'title' and 'position'",
        )


def _check_node(path: str, event: Any) -> None:
    """Refuse anchors (no alias bombs) and tags beyond the plain ones."""
    if event.anchor is not None:
        raise LoadError(
            path,
            _position(event),
            f"anchor &{event.anchor} is not allowed; write values out in full",
        )
    if event.tag is not None and event.tag not in _ALLOWED_TAGS:
        raise LoadError(path, _position(event), f"tag {event.tag} is not allowed")


def _add(
    path: str, located: Located, stack: list[_Open], value: Any, event: Any
) -> Path:
    """Attach ``value`` to the innermost open container; return its path."""
    position = _position(event)
    if not stack:
        where: Path = ()
    else:
        top = stack[-1]
        if isinstance(top.container, list):
            where = (*top.path, len(top.container))
            top.container.append(value)
        elif top.key is None:
            _take_key(path, located, top, event)
            return top.path
        else:
            where = (*top.path, top.key)
            top.container[top.key] = value
            top.key = None
    located.values[where] = position
    if isinstance(event, yaml.ScalarEvent):
        located.scalars[where] = Scalar(position, event.style or None, event.value)
    return where


def _take_key(path: str, located: Located, top: _Open, event: Any) -> None:
    if not isinstance(event, yaml.ScalarEvent):
        raise LoadError(
            path,
            _position(event),
            "a key must be a plain name, not a list or mapping",
        )
    key = event.value
    assert isinstance(top.container, dict)
    where = (*top.path, key)
    if key in top.container:
        first = located.keys[where]
        raise LoadError(
            path,
            _position(event),
            f"duplicate key '{key}' (first at line {first.line}); keep one",
        )
    top.key = key
    located.keys[where] = _position(event)


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    """Type a scalar strictly: see the module docstring."""
    text = event.value
    if event.style or event.tag in ("!", _STR_TAG):  # libyaml: plain is ""
        return text
    if text in ("true", "false"):
        return text == "true"
    if text in ("", "~", "null"):
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    return text


def _character_at(text: str, position: Position) -> str:
    lines = text.splitlines()
    if position.line > len(lines):
        return ""
    line = lines[position.line - 1]
    return line[position.column - 1 : position.column]


def _char_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _byte_position(raw: bytes, index: int) -> Position:
    line_start = raw.rfind(b"\n", 0, index) + 1
    column = len(raw[line_start:index].decode("utf-8", "replace")) + 1
    return Position(raw.count(b"\n", 0, index) + 1, column)
