"""Where every key and value of a YAML document is written.

The detailed pass of the loader (:mod:`.loader`): it builds the document
from libyaml's events recording each value's line and column, and refuses
what the loader refuses (anchors, aliases, tags, duplicate keys, a second
document, deep nesting) at its position, with the message a person needs.
It runs only when something asks for a position.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from .problems import ProblemError, located

if TYPE_CHECKING:  # imported where YAML is parsed: a cached run parses none
    import yaml

MAX_DEPTH = 32
# Far above any position, and far below Python's limit for int() (4300).
MAX_INTEGER_DIGITS = 18


Path = tuple[str | int, ...]


_STR_TAG = "tag:yaml.org,2002:str"


# Untagged, the non-specific "!", and the standard string/map/list tags.
ALLOWED_TAGS = {None, "!", _STR_TAG, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _scalar_event() -> type[yaml.ScalarEvent]:
    import yaml

    return yaml.ScalarEvent


def yaml_loader() -> Any:
    """libyaml's C loader when PyYAML was built with it."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def refused(path: str, position: Position, message: str) -> ProblemError:
    """A file that cannot be read as one priority document, at ``position``."""
    return located(path, position.line, position.column, message, "yaml")


def format_path(path: Path) -> str:
    """``("owners", 0, "launchpad")`` -> ``owners[0].launchpad``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def locate(text: str, path: str, *, is_json: bool = False) -> Located:
    """Where every key and value of ``text`` is; raise :class:`ProblemError`
    for anything :func:`load_text` refuses, at its position."""
    import yaml

    located = Located()
    try:
        _build(
            path, located, yaml.parse(events_text(text, is_json), Loader=yaml_loader())
        )
    except yaml.MarkedYAMLError as error:
        raise syntax_error(text, path, error) from None
    return located


def events_text(text: str, is_json: bool) -> str:
    # libyaml refuses JSON's surrogate-pair escapes (non-BMP characters);
    # an escape of the same length keeps every position where it was.
    return _SURROGATE_ESCAPE.sub(r"\\u0020\\u0020", text) if is_json else text


def syntax_error(text: str, path: str, error: yaml.MarkedYAMLError) -> ProblemError:
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
    return refused(path, position, message)


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
    import yaml

    stack: list[_Open] = []
    documents = 0
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            _check_node(path, event)
            _add(path, located, stack, scalar_value(event), event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            _check_node(path, event)
            if len(stack) >= MAX_DEPTH:
                raise refused(
                    path, _position(event), f"nested more than {MAX_DEPTH} levels deep"
                )
            container: dict[str, Any] | list[Any] = (
                {} if kind is yaml.MappingStartEvent else []
            )
            stack.append(_Open(container, _add(path, located, stack, container, event)))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise refused(
                path,
                _position(event),
                f"alias *{event.anchor} is not allowed; write the value out",
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise refused(
                    path,
                    _position(event),
                    "a second YAML document ('---'); a priority file holds exactly one",
                )
    if documents == 0:
        raise refused(
            path,
            Position(1, 1),
            "file is empty; a priority file is a mapping with at least "
            "'title' and 'position'",
        )


def _check_node(path: str, event: Any) -> None:
    """Refuse anchors (no alias bombs) and tags beyond the plain ones."""
    if event.anchor is not None:
        raise refused(
            path,
            _position(event),
            f"anchor &{event.anchor} is not allowed; write values out in full",
        )
    if event.tag is not None and event.tag not in ALLOWED_TAGS:
        raise refused(path, _position(event), f"tag {event.tag} is not allowed")


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
    if isinstance(event, _scalar_event()):
        located.scalars[where] = Scalar(position, event.style or None, event.value)
    return where


def _take_key(path: str, located: Located, top: _Open, event: Any) -> None:
    if not isinstance(event, _scalar_event()):
        raise refused(
            path,
            _position(event),
            "a key must be a plain name, not a list or mapping",
        )
    key = event.value
    assert isinstance(top.container, dict)
    where = (*top.path, key)
    if key in top.container:
        first = located.keys[where]
        raise refused(
            path,
            _position(event),
            f"duplicate key '{key}' (first at line {first.line}); keep one",
        )
    top.key = key
    located.keys[where] = _position(event)


def scalar_value(event: yaml.ScalarEvent) -> Any:
    """Type a scalar strictly: see the module docstring."""
    text = event.value
    if event.style or event.tag in ("!", _STR_TAG):  # libyaml: plain is ""
        return text
    if text in ("true", "false"):
        return text == "true"
    if text in ("", "~", "null"):
        return None
    if _INTEGER.fullmatch(text) and len(text) <= MAX_INTEGER_DIGITS:
        return int(text)
    return text  # a longer number is text: the schema says what it wants


def _character_at(text: str, position: Position) -> str:
    lines = text.splitlines()
    if position.line > len(lines):
        return ""
    line = lines[position.line - 1]
    return line[position.column - 1 : position.column]
