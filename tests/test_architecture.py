"""The shape of the code: layers that only point down, small modules.

Each module of ``nova_priorities.hooks`` belongs to one layer; a module may
import modules of its own layer or of the layers below it, never above,
and the imports form no cycle. The Sphinx extension sits beside the
commands: it may use the engine and the page builder, never a command or
the CLI. Nothing in ``hooks`` imports Sphinx.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO_ROOT

HOOKS = REPO_ROOT / "hooks"
SPHINXEXT = REPO_ROOT / "sphinxext"

# Bottom first. The README's "Architecture" section draws the same picture.
LAYERS: list[tuple[str, set[str]]] = [
    (
        "base",
        {
            "problems",
            "files",
            "version",
            "rst_text",
            "rst_safety",
            "urls",
            "naming",
            "terminal",
        },
    ),
    (
        "loading and layout",
        {
            "config",
            "layout",
            "positions",
            "loader",
            "model",
            "schema_check",
            "sources",
            "published",
            "gitindex",
            "gitsource",
            "datafile",
            "export",
            "specs",
        },
    ),
    (
        "engine",
        {
            "rules",
            "repository_rules",
            "rst_parse",
            "rst_reuse",
            "rst_tree",
            "rst_check",
            "rst_simple",
            "engine",
            "cache",
            "file_texts",
            "release_result",
            "names_index",
            "spec_check",
            "workers",
            "early",
            "runner",
        },
    ),
    (
        "page builder",
        {
            "regions",
            "table",
            "page",
            "table_reader",
            "section_reader",
            "page_reader",
            "change_check",
            "change_pages",
            "change_links",
            "change_paths",
            "change_specs",
            "history",
            "spec_index",
            "spec_links",
        },
    ),
    ("commands", {"reporters", "commands"}),
    ("cli", {"cli", "__main__"}),
]
SPHINX_MAY_USE = {"base", "loading and layout", "engine", "page builder"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _layer_of(module: str) -> str:
    top = module.split(".", maxsplit=1)[0]
    for name, members in LAYERS:
        if top in members:
            return name
    raise AssertionError(f"hooks/{module} belongs to no layer: add it to LAYERS")


def _rank(layer: str) -> int:
    return [name for name, _ in LAYERS].index(layer)


def _modules(folder: Path) -> dict[str, Path]:
    """Dotted name below ``folder`` -> file, e.g. ``commands.render``."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        parts = list(path.relative_to(folder).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(path: Path, package: str) -> set[tuple[str, str]]:
    """(package, module) pairs imported: package is hooks, sphinxext or an
    outside top-level name; ``package`` is the importing file's package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    folder = HOOKS if package == "hooks" else SPHINXEXT
    here = [package, *path.relative_to(folder).parts[:-1]]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], "") for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.add(((node.module or "").split(".")[0], ""))
                continue
            base = here[: len(here) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            if len(target) == 1:  # from . import x, y
                found |= {(target[0], alias.name) for alias in node.names}
            else:
                found.add((target[0], ".".join(target[1:])))
    return found


def _hooks_graph() -> dict[str, set[str]]:
    modules = _modules(HOOKS)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name == "__init__":
            continue
        graph[name] = {
            target
            for package, target in _imports(path, "hooks")
            if package == "hooks" and target and target != name
        }
    return graph


def test_every_hooks_module_has_a_layer() -> None:
    for name in _hooks_graph():
        _layer_of(name)


def test_hooks_import_only_their_own_layer_or_lower() -> None:
    wrong = [
        f"{name} ({_layer_of(name)}) imports {target} ({_layer_of(target)})"
        for name, targets in _hooks_graph().items()
        for target in targets
        if _rank(_layer_of(target)) > _rank(_layer_of(name))
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = _hooks_graph()

    def top(module: str) -> str:
        # commands.render and commands count as one node: the package
        return module if module in graph else module.rsplit(".", 1)[0]

    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for imported in sorted(graph.get(node, ())):
            target = top(imported)
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join([*trail, node, target]))
            if target not in state:
                visit(target, [*trail, node])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_hooks_never_import_sphinx() -> None:
    for name, path in _modules(HOOKS).items():
        assert ("sphinx", "") not in _imports(path, "hooks"), name


def test_sphinx_extension_uses_only_engine_and_page_builder() -> None:
    for name, path in _modules(SPHINXEXT).items():
        for package, target in _imports(path, "sphinxext"):
            if package == "hooks":
                layer = _layer_of(target)
                assert layer in SPHINX_MAY_USE, f"sphinxext.{name} imports {target}"


@pytest.mark.parametrize("folder", [HOOKS, SPHINXEXT])
def test_modules_and_functions_stay_small(folder: Path) -> None:
    too_long = []
    for name, path in _modules(folder).items():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}.{node.name}: {length} lines")
    assert too_long == []
