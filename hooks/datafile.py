"""Writing a priority file: the text a careful person would write by hand."""

from __future__ import annotations

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
