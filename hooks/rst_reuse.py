"""Reusing what docutils would build again for every description.

A large run parses thousands of short descriptions, and for each docutils
builds again what depends only on its settings, or does work the text
cannot need:

- the inline-markup patterns (``Inliner.init_customizations``): built once
  per settings object by :func:`reused_inliner`, whose inliner also skips
  the search for standalone URIs in text without ``:`` after a scheme
  character or ``@``;
- a state machine for every nested list, compiling the transitions of all
  its states (``make_transitions``, about fifteen times per description):
  :func:`reusing` keeps them in a pool, as docutils itself keeps the ones
  of ``nested_parse`` (``nested_sm_cache``), and starts each run afresh
  (``StateMachine.runtime_init``);
- seventeen transforms, which change only trees holding what they act on
  (references by name, footnotes, substitutions, sections, field lists,
  comments, transitions, pending elements): :func:`needs_transforms`.

None of it may change a result: ``tests/test_rst_parse.py`` compares each
parse with docutils' plain one, on the hostile corpus and on generated
descriptions.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from docutils.parsers.rst import states


def reused_inliner() -> Any:
    """An inliner whose patterns are built once per settings object, and
    which looks for standalone URIs only in text that can hold one.

    (Not a subclass: ``init_customizations`` reads the patterns' parts from
    the attributes of the inliner's own class.)
    """
    inliner = states.Inliner()
    build = inliner.init_customizations
    find_implicit = inliner.implicit_inline
    built_for: list[Any] = []

    def init_customizations(settings: Any) -> None:
        if not built_for or built_for[0] is not settings:
            inliner.implicit_dispatch = []  # build appends to it: start empty
            build(settings)
            built_for[:] = [settings]

    def implicit_inline(text: str, lineno: int) -> list[Any]:
        # docutils' URI pattern needs a scheme's last character then ":",
        # or an "@" (an email address); the PEP and RFC patterns are off
        # in descriptions. Text with neither is plain, as docutils finds
        # after trying the pattern at every position.
        only_uris = [p for p, _ in inliner.implicit_dispatch] == [inliner.patterns.uri]
        if text and only_uris and not _MAY_HOLD_URI.search(text):
            return [nodes.Text(text)]
        return find_implicit(text, lineno)

    inliner.init_customizations = init_customizations  # type: ignore[method-assign]
    inliner.implicit_inline = implicit_inline  # type: ignore[method-assign]
    return inliner


_MAY_HOLD_URI = re.compile(r"[a-zA-Z0-9.+-]:|@")


# Idle nested state machines, by (class, state classes, initial state).
_POOL: dict[tuple[Any, ...], list[Any]] = {}
_PLAIN_NESTED_LIST_PARSE = states.RSTState.nested_list_parse


def _pooled_nested_list_parse(  # noqa: PLR0917 (docutils' signature)
    self: Any,
    block: Any,
    input_offset: int,
    node: Any,
    initial_state: str,
    blank_finish: bool,
    blank_finish_state: str | None = None,
    extra_settings: dict[str, Any] | None = None,
    match_titles: bool = False,
    state_machine_class: Any = None,
    state_machine_kwargs: Any = None,
) -> tuple[int, bool]:
    """docutils' ``nested_list_parse``, with the machine from the pool."""
    if state_machine_class is not None or state_machine_kwargs is not None:
        return _PLAIN_NESTED_LIST_PARSE(  # type: ignore[no-any-return]
            self, block, input_offset, node, initial_state, blank_finish,
            blank_finish_state, extra_settings or {}, match_titles,
            state_machine_class, state_machine_kwargs,
        )  # fmt: skip
    classes = self.nested_sm_kwargs["state_classes"]
    pool = _POOL.setdefault((self.nested_sm, id(classes), initial_state), [])
    if pool:
        machine = pool.pop()
        machine.parent_state_machine = self.state_machine
    else:
        kwargs = {**self.nested_sm_kwargs, "initial_state": initial_state}
        machine = self.nested_sm(
            debug=self.debug, parent_state_machine=self.state_machine, **kwargs
        )
    if blank_finish_state is None:
        blank_finish_state = initial_state
    machine.states[blank_finish_state].blank_finish = blank_finish
    for key, value in (extra_settings or {}).items():
        setattr(machine.states[initial_state], key, value)
    machine.run(block, input_offset, memo=self.memo, node=node, match_titles=False)
    blank_finish = machine.states[blank_finish_state].blank_finish
    offset = machine.abs_line_offset()
    pool.append(machine)  # only after a run that ended well
    return offset, blank_finish


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Nested list machines come from the pool while parsing a description;
    docutils is as it was afterwards (a Sphinx build shares the process)."""
    states.RSTState.nested_list_parse = _pooled_nested_list_parse  # type: ignore[method-assign]
    try:
        yield
    finally:
        states.RSTState.nested_list_parse = _PLAIN_NESTED_LIST_PARSE  # type: ignore[method-assign]


# What a tree may hold for every transform to leave it as it is.
_INERT = (
    nodes.document,
    nodes.paragraph,
    nodes.Text,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.block_quote,
    nodes.literal_block,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.definition,
)


def needs_transforms(elements: list[Any], messages: list[Any]) -> bool:
    """Whether a transform could change the doctree of ``elements`` (all of
    them) or report something: anything but plain text, lists and links
    straight to a URL."""
    if messages:
        return True
    for node in elements:
        if isinstance(node, nodes.reference):
            if "refuri" not in node or "refname" in node or node.get("anonymous"):
                return True
        elif isinstance(node, nodes.target):
            if "refuri" not in node:
                return True
        elif not isinstance(node, _INERT):
            return True
    return False
