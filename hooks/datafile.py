"""Writing a priority file: the text a careful person would write by hand."""

from __future__ import annotations

import re
from typing import Any

from .model import Priority


def dump_priority(priority: Priority, schema_comment: str) -> str:
    """A priority file's text: the schema comment, then the fields in the
    documented order, multi-line text as a literal block."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            # Indent list items under their key, as the shipped files do.
            super().increase_indent(flow, False)

    def text(dumper: Any, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    body = yaml.dump(
        priority.to_data(),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        indent=2,
    )
    return (schema_comment + "\n" if schema_comment else "") + body


_YAML_POSITION = re.compile(r"^position:[ \t]*(\d+)[ \t]*(?:#.*)?$", re.MULTILINE)
_JSON_POSITION = re.compile(r'"position"\s*:\s*(\d+)')


def with_position(text: str, position: int, *, is_json: bool = False) -> str | None:
    """``text`` with its top-level ``position`` set to ``position``, every
    other byte kept (comments, order, quoting); None when the file does not
    state its position as one plain ``position: N`` line to edit safely."""
    pattern = _JSON_POSITION if is_json else _YAML_POSITION
    found = list(pattern.finditer(text))
    if len(found) != 1:
        return None
    start, end = found[0].span(1)
    return text[:start] + str(position) + text[end:]


def positions_for_insert(taken: dict[str, int], position: int) -> dict[str, int]:
    """The new positions of the priorities ``taken`` (slug -> position) when
    a new one goes at ``position``: those from there on move down one, up
    to the first gap, which absorbs the shift. Only the changed ones."""
    by_position = {number: slug for slug, number in taken.items()}
    moved: dict[str, int] = {}
    current = position
    while current in by_position:
        moved[by_position[current]] = current + 1
        current += 1
    return moved


def positions_for_order(taken: dict[str, int], order: list[str]) -> dict[str, int]:
    """The positions of the slugs in ``order`` when the release keeps its
    set of positions (dense stays dense, gaps stay) in that new order, a
    position two share made two (3, 3 -> 3, 4). Only the changed ones."""
    numbers: list[int] = []
    for number in sorted(taken.values()):
        numbers.append(max(number, numbers[-1] + 1) if numbers else number)
    return {
        slug: number
        for slug, number in zip(order, numbers, strict=True)
        if taken[slug] != number
    }
