"""The rules a reviewer would otherwise check by hand, beyond the schema.

Each rule is a small function that returns every problem it finds; the
validator runs them all and reports everything at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from .layout import PriorityFile, slugify
from .loader import Document, Path, format_path
from .model import LAUNCHPAD_URL, Owner, Priority, appearance, normalize_name
from .naming import RELEASE_RULE, SLUG_RULE, is_release_name, is_slug
from .problems import Problem, excerpt
from .terminal import CONTROLS

FileRule = Callable[[PriorityFile], list[Problem]]
GroupRule = Callable[[list[Priority]], list[Problem]]


def _at_start(file: PriorityFile, message: str, rule: str) -> list[Problem]:
    # A file name has no line of its own; the file's start stands for it.
    return [Problem(file.path, 1, 1, message, rule=rule)]


def _at(priority: Priority, path: Path, message: str, rule: str) -> Problem:
    position = priority.position_of(path)
    return Problem(priority.path, position.line, position.column, message, rule=rule)


# --- the file's place and name ------------------------------------------


def check_in_release_folder(file: PriorityFile) -> list[Problem]:
    """A priority file sits directly inside ``priorities/<release>/``; a
    file there that is no priority (nova-specs has one) is excluded in the
    settings."""
    if file.release is not None:
        return []
    return _at_start(
        file,
        f"not in a release folder; move it to {file.data_dir}/<release>/"
        f"{file.name} (e.g. {file.data_dir}/kilo/{file.name}), or list it "
        "in the settings' exclude if it is no priority",
        "location",
    )


def check_release_name(file: PriorityFile) -> list[Problem]:
    """Release folders are named like ``kilo`` or ``2023.1``."""
    if file.release is None or is_release_name(file.release):
        return []
    return _at_start(
        file,
        f"release folder '{file.release}' is not a release name ({RELEASE_RULE})",
        "location",
    )


def check_suffix(file: PriorityFile) -> list[Problem]:
    """Data files end in ``.yaml`` (or ``.json``), never ``.yml``."""
    if file.suffix != ".yml":
        return []
    return _at_start(
        file,
        f"rename {file.name} to {file.slug}.yaml: priority files end in .yaml",
        "location",
    )


def check_slug(file: PriorityFile) -> list[Problem]:
    """The file name is the slug: lowercase words joined by hyphens."""
    if is_slug(file.slug):
        return []
    suggestion = slugify(file.slug)
    hint = f" (e.g. {suggestion}.yaml)" if suggestion else ""
    return _at_start(
        file,
        f"file name '{file.name}': the slug must be {SLUG_RULE}{hint}",
        "slug",
    )


# --- the text of the fields, as YAML decoded it ----------------------------


def check_link_texts(document: Document) -> list[Problem]:
    """What the page shows as a link's text does not read as an address on
    another host than the link's: a link's title, and an owner's name (the
    page links it to Launchpad). A reader trusts what a link shows.
    Runs on schema-valid data."""
    from .urls import deceptive_text

    shown = [
        (("links", index, "title"), link["title"], link["url"])
        for index, link in enumerate(document.data.get("links", []))
    ] + [
        (
            ("owners", index, "name"),
            owner["name"],
            LAUNCHPAD_URL.format(id=owner["launchpad"]),
        )
        for index, owner in enumerate(document.data.get("owners", []))
    ]
    return [
        _at_value(document, where, why, "links")
        for where, text, url in shown
        if (why := deceptive_text(text, url)) is not None
    ]


def _at_value(document: Document, where: Path, message: str, rule: str) -> Problem:
    """A problem of the value at ``where``, at its place, named by its path."""
    position = document.position_of(where)
    return Problem(
        document.path,
        position.line,
        position.column,
        f"{format_path(where)}: {message}",
        rule=rule,
    )


# Characters no field may hold, whatever escape wrote them ("\0", "\e",
# "\L", "\P", "\N"): what drives a terminal (the commands' output filter
# escapes the same set), line and paragraph separators (docutils breaks
# lines there), and the bidirectional controls that make text read
# differently from what it says.
_NOT_IN_DESCRIPTION = re.compile(f"[{CONTROLS}\r]")
_NOT_IN_ONE_LINE = re.compile(f"[{CONTROLS}\r\n\t]")


def check_characters(document: Document) -> list[Problem]:
    """Every string value holds printable text; one-line fields one line.

    Runs on schema-valid data, whose URLs already passed the URL rule (the
    schema's pattern says the same as :func:`.urls.url_problem`).
    """
    # ASCII text without a backslash cannot decode to such a character (the
    # loader refuses raw control characters; an escape needs a backslash).
    if document.text.isascii() and "\\" not in document.text:
        return []
    problems = []
    for where, value in _strings(document.data):
        description = where == ("description",)
        if (value.replace("\n", " ") if description else value).isprintable():
            continue  # nearly every value: no control or format character
        pattern = _NOT_IN_DESCRIPTION if description else _NOT_IN_ONE_LINE
        bad = pattern.search(value)
        if bad is not None:
            character = bad.group()
            name = unicodedata.name(character, "a control character")
            problems.append(
                _at_value(
                    document,
                    where,
                    f"U+{ord(character):04X} ({name}) is not allowed here; remove it",
                    "text",
                )
            )
    return problems


def _strings(data: dict[str, Any]) -> list[tuple[Path, str]]:
    """The string values of schema-valid ``data``, with where they are."""
    found: list[tuple[Path, str]] = [
        ((key,), data[key]) for key in ("title", "description") if key in data
    ]
    for field, keys in (("owners", ("name", "launchpad")), ("links", ("title", "url"))):
        for index, item in enumerate(data.get(field, ())):
            found += [((field, index, key), item[key]) for key in keys]
    return found


FILE_RULES: tuple[FileRule, ...] = (
    check_in_release_folder,
    check_release_name,
    check_suffix,
    check_slug,
)


# --- one priority --------------------------------------------------------


def check_owners_once(priorities: list[Priority]) -> list[Problem]:
    """A priority lists each Launchpad id at most once."""
    problems = []
    for priority in priorities:
        seen: set[str] = set()
        for index, owner in enumerate(priority.owners):
            if owner.launchpad in seen:
                problems.append(
                    _at(
                        priority,
                        ("owners", index, "launchpad"),
                        f"owners[{index}].launchpad: '{owner.launchpad}' is "
                        "listed twice; remove one",
                        "owners",
                    )
                )
            seen.add(owner.launchpad)
    return problems


# --- the priorities of one release (one page) ----------------------------


def check_unique_positions(priorities: list[Priority]) -> list[Problem]:
    """Two priorities of a release never share a row of the table."""
    by_position: dict[int, list[Priority]] = defaultdict(list)
    for priority in priorities:
        by_position[priority.position].append(priority)
    free = next(n for n in range(1, len(priorities) + 2) if n not in by_position)
    problems = []
    for position, sharing in by_position.items():
        if len(sharing) < 2:
            continue
        for priority in sharing:
            others = ", ".join(p.path for p in sharing if p is not priority)
            move = (
                f"nova-priorities move {priority.release} {priority.slug} --to {free}"
            )
            problems.append(
                _at(
                    priority,
                    ("position",),
                    f"position: {position} is also the position of {others}; "
                    f"give each priority of a release its own position: {free} is "
                    f"free (`{move}`)",
                    "position",
                )
            )
    return problems


def check_unique_titles(priorities: list[Priority]) -> list[Problem]:
    """Titles of a release differ, as a reader sees them (ignoring case,
    how an accent is encoded, invisible characters): each names a section."""
    by_title: dict[str, list[Priority]] = defaultdict(list)
    for priority in priorities:
        by_title[appearance(priority.title)].append(priority)
    problems = []
    for sharing in by_title.values():
        if len(sharing) < 2:
            continue
        # told apart by no reader, though not equal as text
        alike = len({normalize_name(p.title) for p in sharing}) > 1
        note = " (they look the same)" if alike else ""
        for priority in sharing:
            others = ", ".join(p.path for p in sharing if p is not priority)
            problems.append(
                _at(
                    priority,
                    ("title",),
                    f"title: {excerpt(priority.title)} is also the title of "
                    f"{others}{note}; titles name the page's sections and must "
                    "differ",
                    "title",
                )
            )
    return problems


def check_owner_names_on_page(priorities: list[Priority]) -> list[Problem]:
    """On one page a display name means one person and is no priority title.

    The page links names to Launchpad by name, so two people called the
    same, or a person called like a section, would share one link.
    """
    titles = {appearance(p.title) for p in priorities}
    owners = [(*found, appearance(found[2].name)) for found in _owners(priorities)]
    ids_by_name: dict[str, set[str]] = defaultdict(set)
    for _, _, owner, key in owners:
        ids_by_name[key].add(owner.launchpad)
    problems = []
    for priority, index, owner, key in owners:
        path = ("owners", index, "name")
        if key in titles:
            problems.append(
                _at(
                    priority,
                    path,
                    f"owners[{index}].name: '{owner.name}' is also a priority "
                    "title of this release; the page could not link both",
                    "owners",
                )
            )
        if len(ids_by_name[key]) > 1:
            ids = ", ".join(sorted(ids_by_name[key]))
            problems.append(
                _at(
                    priority,
                    path,
                    f"owners[{index}].name: '{owner.name}' names several Launchpad "
                    f"ids on this page ({ids}); tell them apart in the names",
                    "owners",
                )
            )
    return problems


def check_labels_on_page(priorities: list[Priority]) -> list[Problem]:
    """An extra label names one section of the page: no other file's label,
    no title (its link would move) and no owner's name."""
    if not any(priority.labels for priority in priorities):
        return []  # (most releases: nothing to build the names for)
    taken: dict[str, list[str]] = defaultdict(list)
    for priority in priorities:
        taken[normalize_name(priority.title)].append(f"the title of {priority.path}")
        for owner in priority.owners:
            taken[normalize_name(owner.name)].append("an owner's name on the page")
        for label in priority.labels:
            taken[normalize_name(label)].append(f"a label of {priority.path}")
    problems = []
    for priority in priorities:
        for index, label in enumerate(priority.labels):
            own = f"a label of {priority.path}"
            others = [what for what in taken[normalize_name(label)] if what != own]
            if others:
                message = f"labels[{index}]: '{label}' is also {others[0]}"
                problems.append(
                    _at(priority, ("labels", index), message + "; rename it", "label")
                )
    return problems


def check_one_file_per_slug(priorities: list[Priority]) -> list[Problem]:
    """A slug names one file: ``cells.yaml`` and ``cells.json`` in one
    release would both be the section ``priority-<release>-cells``."""
    by_slug: dict[str, list[Priority]] = defaultdict(list)
    for priority in priorities:
        by_slug[priority.slug].append(priority)
    return [
        _at(
            priority,
            (),
            f"{priority.slug} is also the slug of "
            f"{', '.join(p.path for p in sharing if p is not priority)}; keep one file",
            "slug",
        )
        for sharing in by_slug.values()
        if len(sharing) > 1
        for priority in sharing
    ]


RELEASE_RULES: tuple[GroupRule, ...] = (
    check_one_file_per_slug,
    check_owners_once,
    check_unique_positions,
    check_unique_titles,
    check_owner_names_on_page,
    check_labels_on_page,
)


def _owners(priorities: Iterable[Priority]) -> Iterable[tuple[Priority, int, Owner]]:
    for priority in priorities:
        for index, owner in enumerate(priority.owners):
            yield priority, index, owner
