"""From the free text of a spec's "Project Priority" section to a
``:priority:`` role: what ``link-specs`` proposes, and why. Pure.

A priority is recognised by its title, its slug (its words) or one of its
``aliases``, as whole words, ignoring case and punctuation; the longest
name found wins. A section that says the spec does not fit a priority
("doesn't fit", "not applicable", "not a priority", "none") gets no
proposal, whatever names it mentions.
"""

from __future__ import annotations

import dataclasses
import re

from .model import Priority, by_position
from .specs import Spec

_NEGATIVE = re.compile(
    r"\b(?:\w+'t|not)\s+(?:\w+\s+){0,3}?"  # doesn't, doest't (sic), is not
    r"(?:fit|apply|applicable|a\s+priority|part\s+of|related)"
    r"|\bnot\s+applicable\b|\bn/a\b|^\s*none\b|\bno\s+priority\b",
    re.IGNORECASE | re.MULTILINE,
)


@dataclasses.dataclass(frozen=True)
class Proposal:
    spec: Spec
    priority: Priority | None  # None: the section says it fits no priority
    words: str  # what matched, or the negative phrase


def words_of(text: str) -> str:
    return " " + " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()) + " "


def propose(
    spec: Spec, lines: list[str], priorities: list[Priority]
) -> Proposal | None:
    """What to link the spec to, or None when nothing is recognised (or it
    has a role, or no section)."""
    if spec.roles or spec.section is None:
        return None
    first, end = spec.section
    text = "\n".join(lines[first - 1 : end - 1])
    negative = _NEGATIVE.search(text)
    if negative:
        return Proposal(spec, None, " ".join(negative.group().split()))
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
        return None
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
