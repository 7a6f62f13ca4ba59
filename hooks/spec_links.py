"""From the free text of a spec's "Project Priority" section to a
``:priority:`` role: what ``link-specs`` proposes, and why. Pure.

A priority is recognised by its title, its slug (its words) or one of its
``aliases``, as whole words, ignoring case and punctuation; the longest
name found wins. A section that says the spec does not fit a priority
("doesn't fit", "not applicable", "not a priority", "none", "no") gets no
proposal, whatever names it mentions; one that names nothing known is
quoted, for a person to link by hand or give the priority an alias.
"""

from __future__ import annotations

import dataclasses
import re

from .model import Priority, by_position
from .specs import Spec

_NEGATIVE = re.compile(
    r"\b(?:\w+'t|not)\s+(?:\w+\s+){0,3}?"  # doesn't, doest't (sic), is not
    r"(?:fit|apply|applicable|a\s+priority|part\s+of|related)"
    r"|\bnot\s+applicable\b|\bn/a\b|^\s*none\b|\bno\s+priority\b"
    r"|^[ \t]*no[ \t]*\.?[ \t]*$",  # a bare "No" on its line
    re.IGNORECASE | re.MULTILINE,
)


@dataclasses.dataclass(frozen=True)
class Proposal:
    spec: Spec
    priority: Priority | None  # None: no role to propose (see declined)
    words: str  # what matched, the negative phrase, or the section's text
    declined: bool = False  # the section says the spec fits no priority


# how much of a section that names nothing known is quoted
_QUOTED = 72


def words_of(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()) + " "


def propose(
    spec: Spec, lines: list[str], priorities: list[Priority]
) -> Proposal | None:
    """What to link the spec to, why not, or None when it has a role or no
    section. A section that names nothing known comes back shortened as
    the proposal's words, with no priority."""
    if spec.roles or spec.section is None:
        return None
    first, end = spec.section
    text = "\n".join(lines[first - 1 : end - 1])
    negative = _NEGATIVE.search(text)
    if negative:
        return Proposal(spec, None, " ".join(negative.group().split()), True)
    found: list[tuple[int, str, Priority]] = []
    haystack = words_of(text)
    for priority in by_position(priorities):
        for name in (
            priority.title,
            priority.slug.replace("-", " "),
            *priority.aliases,
        ):
            needle = words_of(name)
            if needle.strip() and needle in haystack:
                found.append((len(needle), name, priority))
    if not found:
        said = " ".join(text.split())
        if len(said) > _QUOTED:  # cut at a space, if the words have one
            head = said[: _QUOTED + 1]
            said = (head.rsplit(" ", 1)[0] if " " in head else head[:-1]) + " ..."
        return Proposal(spec, None, said)
    _, name, priority = max(found, key=lambda item: item[0])
    return Proposal(spec, priority, name)


def with_role(text: str, spec: Spec, target: str) -> str:
    """``text`` (the spec) with ``:priority:`target``` as a paragraph at the
    end of its "Project Priority" section; every other byte as it was."""
    assert spec.section is not None
    lines = text.splitlines(keepends=True)
    first, end = spec.section
    last = min(end - 1, len(lines))  # index after the section's last line
    while last > first - 1 and not lines[last - 1].strip():
        last -= 1
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    before = lines[:last]
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += newline
    added = [newline, f":priority:`{target}`{newline}"]
    return "".join(before + added + lines[last:])
