"""The repository's configuration: where the data is and how pages are named.

Read from ``.nova-priorities.toml`` at the repository root, or else from
the ``[tool.nova-priorities]`` table of ``pyproject.toml`` (as ruff and
towncrier do: a repository that is no Python package, such as nova-specs,
keeps the small file). Every key is optional::

    data-dir = "priorities"                  # relative to the root
    exclude = ["priorities/priority-blueprints-to-review.yaml"]
    page-name = "{release}-priorities.rst"   # in the data folder
    page-label = "{release}-priorities"      # the label of a new page
    page-title = "{Release} Project Priorities"
    schema-comment = "# yaml-language-server: $schema=../../schema/priority.schema.json"
    published-root = "."                     # the folder the docs publish
    published-url = "https://specs.openstack.org/openstack/nova-specs/"
    redirects-file = "redirects"             # lists of moved pages
    release-order = ["austin", "bexar"]      # when names do not sort by time
    specs = "specs/{release}/*/*.rst"        # where specs are; status: their folder

Relative links in the data are written from the release's page; they must
name a file of the published tree (see :mod:`.published`).

An unknown key or a bad value is an error at its line.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import sys
from collections.abc import Callable
from typing import Any

from .naming import is_release_name
from .problems import located

CONFIG_FILE = ".nova-priorities.toml"
PYPROJECT = "pyproject.toml"
# where the settings are, first found first: the root's files
SETTINGS_FILES = (CONFIG_FILE, PYPROJECT)
TABLE = "tool.nova-priorities"
DEFAULT_SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../schema/priority.schema.json"
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclasses.dataclass(frozen=True)
class Config:
    """The settings of one repository; ``root`` holds the data folder."""

    root: str
    data_dir: str = "priorities"
    exclude: tuple[str, ...] = ()
    page_name: str = "{release}-priorities.rst"
    page_label: str = "{release}-priorities"
    page_title: str = "{Release} Project Priorities"
    schema_comment: str = DEFAULT_SCHEMA_COMMENT
    published_root: str = "."
    published_url: str = ""
    redirects_file: str = ""
    release_order: tuple[str, ...] = ()
    specs: str = "specs/{release}/*/*.rst"
    source: str | None = None  # the file it was read from

    @property
    def data_path(self) -> str:
        return os.path.normpath(os.path.join(self.root, self.data_dir))

    def excluded(self, relative: str) -> bool:
        """Whether a repository path (``/``-separated) is left out."""
        return any(fnmatch.fnmatchcase(relative, pattern) for pattern in self.exclude)


def _relative_folder(value: str) -> str | None:
    if (
        not value
        or os.path.isabs(value)
        or ".." in value.split("/")
        or re.search(r"[\x00-\x1f\x7f\\]", value)  # no OS takes a NUL
    ):
        return "a folder below the repository root, such as 'priorities'"
    return None


def _base_url(value: str) -> str | None:
    if value and not re.fullmatch(r"https?://[^\s/?#]+/[^\s?#]*", value):
        return "an http(s) URL of a folder, such as 'https://example.org/docs/'"
    if value and not value.endswith("/"):
        return "a folder URL ending in '/'"
    return None


def _file_name(value: str) -> str | None:
    if value and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
        return "a file name such as 'redirects', or an empty string for none"
    return None


def _pattern(
    *allowed: str, suffix: str = "", chars: str = ""
) -> Callable[[str], str | None]:
    """A check for a pattern with ``{release}`` and the ``allowed`` names."""

    def check(value: str) -> str | None:
        names = _PLACEHOLDER.findall(value)
        wanted = f"a pattern with {{release}}{f' ending in {suffix}' if suffix else ''}"
        if "release" not in {n.lower() for n in names} or not value.endswith(suffix):
            return wanted
        if set(names) - set(allowed) or "{" in _PLACEHOLDER.sub("", value):
            return f"{wanted}; placeholders are {', '.join(allowed)}"
        if len(names) != len(set(names)):  # a page name is matched back
            return f"{wanted}; each placeholder once"
        if chars and not re.fullmatch(chars, _PLACEHOLDER.sub("x", value)):
            return f"{wanted}, of letters, digits, '.', '-' and '_'"
        return None

    return check


_SPECS_PATTERN = _pattern("release", suffix=".rst")
_TITLE_PATTERN = _pattern("release", "Release")


def _specs(value: str) -> str | None:
    """The specs are read from the repository only, as the data is."""
    if os.path.isabs(value) or ".." in re.split(r"[/\\]", value):
        return "a pattern below the repository root, such as 'specs/{release}/*/*.rst'"
    return _SPECS_PATTERN(value)


def _title(value: str) -> str | None:
    if re.search(r"[\x00-\x1f\x7f]", value):
        return "one line with {release} or {Release}"
    return _TITLE_PATTERN(value)


def _release_names(value: Any) -> str | None:
    wanted = "a list of release names, each once"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return wanted
    for index, name in enumerate(value):
        if not is_release_name(name):
            return f"{wanted} ({name!r} is no release name)"
        if name in value[:index]:
            return f"{wanted} ({name!r} is named twice)"
    return None


def _comment(value: str) -> str | None:
    if value and (not value.startswith("#") or "\n" in value or "\r" in value):
        return "one line starting with '#', or an empty string for none"
    return None


# key -> (field, expected type, extra check giving what is wanted, or None;
# for a list, what it should be a list of, or a check of the whole list)
KEYS: dict[str, tuple[str, type, Any]] = {
    "data-dir": ("data_dir", str, _relative_folder),
    "exclude": ("exclude", list, "a list of glob patterns (strings)"),
    "page-name": (
        "page_name",
        str,
        _pattern("release", suffix=".rst", chars=r"[A-Za-z0-9._-]+"),
    ),
    "page-label": ("page_label", str, _pattern("release", chars=r"[A-Za-z0-9._-]+")),
    "page-title": ("page_title", str, _title),
    "schema-comment": ("schema_comment", str, _comment),
    "published-root": ("published_root", str, _relative_folder),
    "published-url": ("published_url", str, _base_url),
    "redirects-file": ("redirects_file", str, _file_name),
    "release-order": ("release_order", list, _release_names),
    "specs": ("specs", str, _specs),
}


def find_config(start: str = ".") -> Config:
    """The configuration of the repository holding ``start``.

    Looks in ``start`` and its parents, up to the top of the git repository,
    for a configuration file; without one, the root is the nearest folder
    that has a ``priorities/`` folder, else the repository's top (or
    ``start`` outside git), with every setting at its default.
    """
    current = os.path.abspath(start)
    with_data: str | None = None
    while True:
        found = _read_at(current)
        if found is not None:
            return found
        data = os.path.join(current, "priorities")
        # a symlink to the data (nova-specs' doc/source/priorities) is no root
        if with_data is None and os.path.isdir(data) and not os.path.islink(data):
            with_data = current
        parent = os.path.dirname(current)
        if os.path.exists(os.path.join(current, ".git")) or parent == current:
            top = current if os.path.exists(os.path.join(current, ".git")) else None
            return Config(root=with_data or top or os.path.abspath(start))
        current = parent


def _read_at(folder: str) -> Config | None:
    for name in SETTINGS_FILES:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return read_config(path, only_if_present=True)
    return None


def read_config(path: str, *, only_if_present: bool = False) -> Config | None:
    """The configuration in ``path``; with ``only_if_present`` (a
    pyproject.toml), None when it has no ``[tool.nova-priorities]`` table."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(1024 * 1024)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise located(
            path, 1, 1, f"cannot read the configuration: {error}", "config"
        ) from None
    return parse_config(path, text, only_if_present=only_if_present)


def parse_config(
    path: str, text: str, *, only_if_present: bool = False
) -> Config | None:
    """:func:`read_config` of ``text``, the content of ``path``."""
    data = _parse_toml(path, text)
    in_pyproject = os.path.basename(path) == PYPROJECT
    if in_pyproject:
        data = data.get("tool", {}).get("nova-priorities")
        if data is None:
            return None if only_if_present else Config(root=os.path.dirname(path))
    return _config_from(path, text, data, in_pyproject)


def settings_in(read: Callable[[str], str | None]) -> Config:
    """The settings the repository's root files hold, each read with
    ``read`` (a path, its text or None): the small file, else the table in
    pyproject.toml, else the defaults. Where they were read from is left
    out, so two configurations are equal when their settings are."""
    for path in SETTINGS_FILES:
        text = read(path)
        found = None if text is None else parse_config(path, text, only_if_present=True)
        if found is not None:
            return dataclasses.replace(found, root="", source=None)
    return Config(root="")


def _parse_toml(path: str, text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(where[1]), int(where[2])) if where else (1, 1)
        message = re.sub(r"\s*\(at line.*\)", "", str(error))
        raise located(
            path, line, column, f"invalid TOML: {message}", "config"
        ) from None


def _config_from(path: str, text: str, data: Any, in_pyproject: bool) -> Config:
    table = TABLE if in_pyproject else None
    if not isinstance(data, dict):
        raise located(
            path, _line_of(text, table, None), 1, f"{TABLE} must be a table", "config"
        )
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = _line_of(text, table, key)
        if key not in KEYS:
            raise located(
                path,
                line,
                1,
                f"unknown key '{key}'; keys are {', '.join(KEYS)}",
                "config",
            )
        field, kind, check = KEYS[key]
        wanted = _wrong_value(value, kind, check)
        if wanted:
            raise located(path, line, 1, f"{key}: {value!r} is not {wanted}", "config")
        values[field] = tuple(value) if kind is list else value
    return Config(root=os.path.dirname(os.path.abspath(path)), source=path, **values)


def _wrong_value(value: Any, kind: type, check: Any) -> str | None:
    if kind is list and callable(check):  # it checks the whole list
        wrong: str | None = check(value)
        return wrong
    if kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return check or "a list of strings"
        return None
    if not isinstance(value, str):
        return "a string"
    return check(value) if check else None


def _line_of(text: str, table: str | None, key: str | None) -> int:
    """The line of ``key`` in ``table`` (None: the top level), else of the
    table's header, else 1. TOML parsers give no positions, so look."""
    lines = text.splitlines()
    start = 0
    if table is not None:
        header = re.compile(
            r"\s*\[\s*"
            + r"\s*\.\s*".join(
                '"?' + re.escape(part) + '"?' for part in table.split(".")
            )
            + r"\s*\]"
        )
        start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
        if key is None:
            return start + 1
    if key is None:
        return 1
    pattern = re.compile(r"\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index + 1
    return start + 1
