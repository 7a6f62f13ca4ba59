"""Parsing a description with plain, restricted docutils.

A description is read as plain docutils reads it, whatever else the process
has registered (a Sphinx build registers its own directives and roles),
with the safe settings of :mod:`.rst_safety`, and with the directives of
:data:`REFUSED_DIRECTIVES` replaced by one that refuses them. The refusal
goes by the directive *class* docutils resolves a name to, so that every
name of a refused directive is refused: docutils' aliases
(``section-numbering`` is ``sectnum``), other spellings (``SECTNUM``) and
the names of every language docutils knows.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
from collections.abc import Iterator
from typing import Any

from .rst_safety import SAFE_SETTINGS

# Directives refused in descriptions, with the reason shown to the author.
# raw, include and csv-table/list-table file access are switched off through
# docutils' own settings (raw_enabled, file_insertion_enabled).
REFUSED_DIRECTIVES = {
    "image": "it shows content from outside the page",
    "figure": "it shows content from outside the page",
    "meta": "it changes the page's HTML head",
    "header": "it changes every page's header",
    "footer": "it changes every page's footer",
    "default-role": "it changes how the rest of the page is read",
    "role": "it changes how the rest of the page is read",
    "title": "it changes the page's title",
    "contents": "it belongs to the page, not to one priority",
    "sectnum": "it belongs to the page, not to one priority",
    "target-notes": "it belongs to the page, not to one priority",
}


def parse(text: str, *, reuse: bool = True) -> tuple[Any, list[Any], list[Any]]:
    """The doctree of ``text``, transforms applied, every message docutils
    reported about it, and the tree's elements in document order (the
    document first; walked once when no transform applies).

    With ``reuse`` (always, but in the tests that prove it changes nothing)
    the parse reuses what docutils would build again for each description:
    see :mod:`.rst_reuse`. Without it, this is docutils' plain parse.
    """
    from docutils import nodes, utils

    from . import rst_reuse

    messages: list[Any] = []
    reader, parser, settings = _components() if reuse else _new_components()
    document = utils.new_document("<description>", settings)
    document.reporter.attach_observer(messages.append)
    reusing = rst_reuse.reusing() if reuse else contextlib.nullcontext()
    with _description_parsing(parser, reuse), reusing:
        parser.parse(text, document)
        elements = list(document.findall(nodes.Element))
        if not reuse or rst_reuse.needs_transforms(elements, messages):
            document.transformer.populate_from_components((reader, parser))
            document.transformer.apply_transforms()
            elements = list(document.findall(nodes.Element))
    return document, messages, elements


@functools.cache
def _components() -> tuple[Any, Any, Any]:
    """A reader, a parser and settings, built once: building them is slow."""
    from .rst_reuse import reused_inliner

    reader, parser, settings = _new_components()
    parser.inliner = reused_inliner()
    return reader, parser, settings


def _new_components() -> tuple[Any, Any, Any]:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.readers.standalone import Reader

    reader: Any = Reader()
    parser: Any = Parser()
    settings = get_default_settings(reader, parser)
    for name, value in SAFE_SETTINGS.items():
        setattr(settings, name, value)
    return reader, parser, settings


@functools.cache
def _refused_classes() -> dict[type, tuple[str, type]]:
    """The class of each refused directive -> (its name, the refusing class)."""
    from docutils.parsers.rst import directives

    registry = directives._directive_registry  # type: ignore[attr-defined]
    found = {}
    for name, reason in REFUSED_DIRECTIVES.items():
        module, class_name = registry[name]
        real = getattr(
            importlib.import_module(f"docutils.parsers.rst.directives.{module}"),
            class_name,
        )
        found[real] = (name, _refusing(name, reason))
    return found


def _refusing(name: str, reason: str) -> type:
    from docutils.parsers.rst import Directive, directives

    class Refused(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = _AnyOption(directives.unchanged)

        def run(self) -> list[Any]:
            written = "" if self.name == name else f" ('{self.name}')"
            raise self.error(
                f"the {name} directive{written} is not allowed in a description: "
                f"{reason}"
            )

    return Refused


class _AnyOption(dict[str, Any]):
    """An option_spec that takes any option, so the directive itself errs."""

    def __init__(self, converter: Any) -> None:
        super().__init__()
        self.converter = converter

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return self.converter


@functools.cache
def docutils_lookups() -> tuple[Any, Any]:
    """docutils' own functions that find a directive and a role by name.

    While Sphinx reads a document it puts lookups of its own in their place
    (its domains' directives and roles, which need its environment); the
    Sphinx extension calls this at set-up, before any document is read.
    """
    from docutils.parsers.rst import directives, roles

    return directives.directive, roles.role


def _guarded_directive(
    name: str, language: Any, document: Any
) -> tuple[Any, list[Any]]:
    """docutils' lookup, with each refused directive swapped for its refusal,
    whatever name found it."""
    lookup, _ = docutils_lookups()
    found, messages = lookup(name, language, document)
    refused = _refused_classes().get(found)
    return (refused[1] if refused else found), messages


@contextlib.contextmanager
def _description_parsing(parser: Any, reuse: bool = True) -> Iterator[None]:
    """Set docutils up for one description parse, then restore it.

    The directive and role tables start empty (the directives come from
    docutils' registry, through :func:`_guarded_directive`), and docutils'
    own role lookup is used. Everything is put back afterwards, the way
    Sphinx itself swaps these tables.

    The parser's state machine from the previous parse is handed back
    instead of a new one: building one compiles every state's transitions,
    half the time of a short description, and each run starts it afresh
    (``StateMachine.runtime_init``). A parse that fails drops it.
    """
    from docutils.parsers.rst import directives, roles, states

    docutils_lookups()  # noted before any is replaced below
    saved = (
        directives._directives,  # type: ignore[attr-defined]
        roles._roles,  # type: ignore[attr-defined]
        directives.directive,
        roles.role,
        states.RSTStateMachine,
    )
    directives._directives = {}  # type: ignore[attr-defined]
    roles._roles = {}  # type: ignore[attr-defined]
    directives.directive = _guarded_directive  # type: ignore[assignment]
    roles.role = docutils_lookups()[1]
    machine = getattr(parser, "statemachine", None) if reuse else None
    if machine is not None:
        states.RSTStateMachine = lambda *args, **kwargs: machine  # type: ignore[assignment,misc]
    try:
        yield
    except BaseException:
        parser.statemachine = None
        raise
    finally:
        (
            directives._directives,  # type: ignore[attr-defined]
            roles._roles,  # type: ignore[attr-defined]
            directives.directive,
            roles.role,
            states.RSTStateMachine,  # type: ignore[misc]
        ) = saved
