"""Validation of one loaded priority file against the JSON Schema.

The schema ships inside the package (``nova_priorities.schema``), beside
this one. Validators are built once per process.

Two libraries share the work. fastjsonschema turns the schema into plain
Python that says yes or no about fifteen times faster than jsonschema, but
stops at the first error and knows no positions; that code ships as a
module, generated from the schema (``priority_validator``). Nearly every
file is valid, so that answer is all it needs; a file it refuses is checked
again by jsonschema, the reference, which finds every error for the messages.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .loader import Document, Path, format_path
from .problems import Problem, did_you_mean, excerpt

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PACKAGE = "nova_priorities.schema"
SCHEMA_FILE = "priority.schema.json"

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
}
# When one value breaks several keywords, report only the most telling one.
_KEYWORD_RANK = {"type": 0, "pattern": 1, "minLength": 2}


def schema_path(name: str = SCHEMA_FILE) -> str:
    """Where a shipped schema file is (for editors and ``nova-priorities
    schema``): in the schema package beside this one, installed or in a
    checkout (found without importlib.resources, slow to import)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = os.path.join(package, "schema", name)
    if os.path.isfile(found):
        return found
    from importlib import resources  # an unusual install: ask the importer

    return str(resources.files(SCHEMA_PACKAGE).joinpath(name))


@functools.cache
def schema_text() -> str:
    with open(schema_path(), encoding="utf-8") as stream:
        return stream.read()


@functools.cache
def load_schema() -> dict[str, Any]:
    """The priority JSON Schema, as shipped in the package."""
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


@functools.cache
def flat_schema() -> dict[str, Any]:
    """The schema with its local ``$ref`` s written out in place.

    Validating against it gives the same results, about twice as fast (no
    reference resolution per value), and its nodes carry everything the
    messages need.
    """
    schema = load_schema()
    definitions = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        found = {k: inline(v) for k, v in node.items() if k not in ("$ref", "$defs")}
        if "$ref" in node:
            target = definitions[node["$ref"].removeprefix("#/$defs/")]
            found = {**inline(target), **found}
        return found

    flat: dict[str, Any] = inline(schema)
    return flat


# Keywords that only document the schema; leaving them out keeps the
# generated code small, so that building it stays cheap.
_ANNOTATIONS = ("title", "description", "examples", "errorMessage", "default")
# fastjsonschema knows drafts up to 7; the keywords the schema uses mean the
# same there (a test checks that both validators agree).
_DRAFT_7 = "http://json-schema.org/draft-07/schema#"


@functools.cache
def _quick_validator() -> Callable[[Any], bool]:
    """Whether a value satisfies the schema: the code fastjsonschema
    generates for the schema, shipped as a module
    (nova_priorities.schema.priority_validator) so that no run generates
    and compiles it; generated here only if the schema changed since."""
    from ..schema import priority_validator

    if _schema_sha256() == priority_validator.SCHEMA_SHA256:
        return priority_validator.is_valid
    namespace: dict[str, Any] = {}
    exec(compile(_generated_code(), "<priority schema>", "exec"), namespace)
    validator: Callable[[Any], bool] = namespace["is_valid"]
    return validator


def _schema_sha256() -> str:
    return hashlib.sha256(schema_text().encode("utf-8")).hexdigest()


def _generated_code() -> str:
    """fastjsonschema's code for the schema, its entry point named validate
    (fastjsonschema.compile() takes several times longer to build it)."""
    import fastjsonschema

    def bare(schema: dict[str, Any]) -> dict[str, Any]:
        found = {k: v for k, v in schema.items() if k not in _ANNOTATIONS}
        if "properties" in found:
            found["properties"] = {k: bare(v) for k, v in found["properties"].items()}
        if "items" in found:
            found["items"] = bare(found["items"])
        return found

    schema = {**bare(flat_schema()), "$schema": _DRAFT_7}
    code = fastjsonschema.compile_to_code(schema, use_default=False, use_formats=False)
    name = re.search(r"^def (validate\w*)\(", code, re.MULTILINE)
    assert name is not None and _IMPORT in code
    # Its exceptions defined here: importing fastjsonschema takes 14 ms, on
    # each run, and only whether a value is valid is asked of this code.
    return code.replace(_IMPORT, _EXCEPTIONS) + _ENTRY_POINTS.format(name.group(1))


_IMPORT = (
    "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException"
)
_EXCEPTIONS = """class JsonSchemaValueException(ValueError):
    def __init__(self, message, value=None, name=None, definition=None, rule=None):
        super().__init__(message)


JsonSchemaValuesException = JsonSchemaValueException"""
_ENTRY_POINTS = """
validate = {0}


def is_valid(data):
    try:
        validate(data)
    except JsonSchemaValueException:
        return False
    return True
"""


def validator_module() -> str:
    """The text of nova_priorities.schema.priority_validator, for the
    schema as it is: ``python -m nova_priorities.hooks.schema_check``
    writes it after a change to the schema (a test checks it is current)."""
    return (
        f'"""Generated from {SCHEMA_FILE} by fastjsonschema: do not edit; run\n'
        'python -m nova_priorities.hooks.schema_check after changing the schema."""\n'
        "# ruff: noqa\n# mypy: ignore-errors\n"
        f'SCHEMA_SHA256 = "{_schema_sha256()}"\n' + _generated_code()
    )


def is_valid(data: Any) -> bool:
    """Whether ``data`` satisfies the schema (for messages, see check_schema)."""
    return _quick_validator()(data)


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(flat_schema())


def check_schema(document: Document) -> list[Problem]:
    """Validate ``document.data`` in place; return its schema problems.

    Plain scalars the loader typed as numbers or booleans are turned back
    into the text as written wherever the schema wants a string, so that a
    title ``2024`` or an owner named ``true`` mean what they say.
    """
    if is_valid(document.data):
        return []  # nothing typed where text is wanted, no error: most files
    document.data = _strings_where_wanted(document, document.data, flat_schema(), ())
    if is_valid(document.data):
        return []
    best: dict[Path, Any] = {}
    problems: list[Problem] = []
    for error in _validator().iter_errors(document.data):
        path: Path = tuple(error.absolute_path)
        if error.validator in ("additionalProperties", "required"):
            problems.extend(_field_problems(document, path, error))
            continue
        current = best.get(path)
        if current is None or _rank(error) < _rank(current):
            best[path] = error
    problems.extend(
        _value_problem(document, path, error) for path, error in best.items()
    )
    # jsonschema gives one "required" error per missing key: say each once
    return list(dict.fromkeys(problems))


def _rank(error: Any) -> int:
    return _KEYWORD_RANK.get(error.validator, len(_KEYWORD_RANK))


def _strings_where_wanted(
    document: Document, value: Any, schema: dict[str, Any], path: Path
) -> Any:
    if schema.get("type") == "string":
        scalar = document.scalars.get(path)
        if isinstance(value, (int, bool)) and scalar is not None:
            return scalar.source
        return value
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                value[key] = _strings_where_wanted(
                    document, item, properties[key], (*path, key)
                )
    elif isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            value[index] = _strings_where_wanted(
                document, item, schema["items"], (*path, index)
            )
    return value


def _prefix(path: Path) -> str:
    return f"{format_path(path)}: " if path else ""


def _field_problems(document: Document, path: Path, error: Any) -> list[Problem]:
    """Unknown fields point at their key; missing ones at the mapping."""
    allowed = list(error.schema.get("properties", {}))
    problems = []
    if error.validator == "additionalProperties":
        for key in error.instance:
            if key in allowed:
                continue
            hint = did_you_mean(key, allowed, quote="'", after=" ")
            position = document.key_position_of((*path, key))
            problems.append(
                _problem(
                    document,
                    position.line,
                    position.column,
                    f"{_prefix(path)}unknown field '{key}'; {hint}"
                    f"allowed fields: {', '.join(allowed)}",
                )
            )
    else:
        position = document.position_of(path)
        for key in error.validator_value:
            if key not in error.instance:
                problems.append(
                    _problem(
                        document,
                        position.line,
                        position.column,
                        f"{_prefix(path)}missing required field '{key}'",
                    )
                )
    return problems


def _value_problem(document: Document, path: Path, error: Any) -> Problem:
    position = document.position_of(path)
    where = format_path(path) or "the file"
    if error.validator == "type":
        wanted = _TYPE_NAMES.get(error.validator_value, error.validator_value)
        message = f"{where}: expected {wanted}, got {_describe(error.instance)}"
    elif error.validator == "pattern" and "errorMessage" in error.schema:
        message = f"{where}: {excerpt(error.instance)} {error.schema['errorMessage']}"
    else:
        message = f"{where}: {_bound_message(error)}"
    return _problem(document, position.line, position.column, message)


def _bound_message(error: Any) -> str:
    """jsonschema's wording, as a person would say it, with a hint."""
    limit, value = error.validator_value, error.instance
    if error.validator == "minimum":
        return f"{value} is too small: the smallest allowed is {limit}"
    if error.validator == "maximum":
        return f"{value} is too large: the largest allowed is {limit}"
    if error.validator == "maxLength":
        return f"{len(value)} characters is too long: at most {limit} are allowed"
    if error.validator == "minLength":
        return "is empty; write some text or leave the field out"
    if error.validator == "maxItems":
        return f"{len(value)} items are too many: at most {limit} are allowed"
    if error.validator == "uniqueItems":
        return "lists the same item twice; keep one"
    message: str = error.message
    return message if len(message) <= 200 else message[:197] + "..."


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value or null)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return excerpt(value)


def _problem(document: Document, line: int, column: int, message: str) -> Problem:
    return Problem(document.path, line, column, message, rule="schema")


if __name__ == "__main__":  # write the shipped validator module
    with open(schema_path("priority_validator.py"), "w", encoding="utf-8") as out:
        out.write(validator_module())
