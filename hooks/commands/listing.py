"""``nova-priorities list [RELEASE...] [--owner ID] [--format ...]``: the
data itself, as a table for people or as JSON, YAML or CSV for tools.

The JSON and YAML forms follow ``schema/export.schema.json`` (see
:mod:`..export`). Files with errors are left out, with a note on stderr:
``validate`` says what is wrong with them.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from typing import Any

from ..export import FORMAT, export, priority_json
from ..layout import Layout
from ..model import Priority, by_position
from ..problems import UsageError, did_you_mean
from ..reporters import plural
from ..runner import check_sources
from ..sources import repository_selection

# what each format writes, for the --format help of list and show
FORMATS = {
    "text": "a table sized to the terminal",
    "json": "the shape of schema/export.schema.json (see `nova-priorities "
    "schema --export`)",
    "yaml": "the same as YAML",
    "csv": "one row per priority, a cell that a spreadsheet would take for a "
    "formula starting with '",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "releases", nargs="*", metavar="RELEASE", help="default: every release"
    )
    parser.add_argument(
        "--owner", metavar="ID", help="only the priorities this Launchpad id owns"
    )
    add_format(parser, FORMATS)


def add_format(parser: argparse.ArgumentParser, formats: dict[str, str]) -> None:
    """``--format``, each of ``formats`` with what it writes; text first, the
    default."""
    parser.add_argument(
        "--format",
        choices=tuple(formats),
        default="text",
        help="; ".join(f"{name}: {text}" for name, text in formats.items())
        + " (default: text)",
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    priorities = read_all(layout)
    check_owner(priorities, args.owner)
    known = layout.releases()  # every priority's too: each is in a folder
    unknown = [name for name in args.releases if name not in known]
    if unknown:
        named = [
            name + did_you_mean(name, known, before=" (", after=")") for name in unknown
        ]
        raise UsageError(f"no priorities in {', '.join(named)}")
    chosen = [
        p
        for p in priorities
        if (not args.releases or p.release in args.releases)
        and (args.owner is None or any(o.launchpad == args.owner for o in p.owners))
    ]
    # The releases asked for are shown even when empty; with no release
    # named, every one, unless only an owner's priorities are asked for.
    document = export(chosen, args.releases or (known if not args.owner else ()))
    if args.format == "json":
        print(json.dumps(document, indent=2, ensure_ascii=False))
    elif args.format == "yaml":
        print(as_yaml(document), end="")
    elif args.format == "csv":
        _csv([p for r in document["releases"] for p in r["priorities"]])
    else:
        _table(
            [
                p
                for name in sorted(known)
                for p in by_position(chosen)
                if p.release == name
            ]
        )
    return 0


def read_all(layout: Layout) -> list[Priority]:
    """Every valid priority of the repository; a note for the others."""
    layout.require_releases()
    selection = repository_selection(layout)
    report = check_sources(
        selection.targets,
        release_order=layout.config.release_order,
        every_release=True,
    )
    broken = {p.path for p in report.problems if p.severity == "error"}
    if broken:
        some = plural(len(broken), "file")
        verb = "is" if len(broken) == 1 else "are"
        print(
            f"nova-priorities: {some} with errors {verb} left out "
            "(`nova-priorities validate` shows why)",
            file=sys.stderr,
        )
    return [p for p in report.priorities if p.path not in broken]


def check_owner(priorities: list[Priority], launchpad: str | None) -> None:
    """A :class:`UsageError` for a Launchpad id no priority names (a typo,
    most likely: an empty answer would hide it)."""
    known = {owner.launchpad for p in priorities for owner in p.owners}
    if launchpad is None or launchpad in known:
        return
    hint = did_you_mean(launchpad, known, before="; ")
    raise UsageError(f"no priority is owned by {launchpad}{hint}")


def as_yaml(data: Any) -> str:
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000))


# A spreadsheet opening the CSV takes a cell starting with one of these
# (after blanks and invisible characters, for some) as a formula: a title
# "=HYPERLINK(...)" proposed by anyone would be a link to click, or a
# command to run ("CSV injection").
_FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def spreadsheet_text(value: Any) -> Any:
    """``value`` as a CSV cell: text that would start a formula starts with
    an apostrophe, which spreadsheets read as "this is text"."""
    if isinstance(value, str) and (
        value[:1] in _FORMULA_STARTS or _visible_start(value) in _FORMULA_STARTS
    ):
        return "'" + value
    return value


def _visible_start(text: str) -> str:
    """The first character that is no blank and no invisible format
    character (a byte order mark, a direction mark)."""
    import unicodedata

    for char in text:
        if not char.isspace() and unicodedata.category(char) != "Cf":
            return char
    return ""


def _csv(entries: list[dict[str, Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    # new columns go last: a sheet that reads them by position keeps working
    writer.writerow(
        [
            "release",
            "position",
            "slug",
            "title",
            "owners",
            "launchpad",
            "links",
            "continues",
            "labels",
        ]
    )
    for entry in entries:
        writer.writerow(
            spreadsheet_text(cell)
            for cell in [
                entry["release"],
                entry["position"],
                entry["slug"],
                entry["title"],
                "; ".join(o["name"] for o in entry["owners"]),
                "; ".join(o["launchpad"] for o in entry["owners"]),
                "; ".join(link["url"] for link in entry["links"]),
                entry["continues"],
                "; ".join(entry["labels"]),
            ]
        )


def _table(priorities: list[Priority]) -> None:
    """RELEASE, #, SLUG, TITLE, OWNERS, as wide as the terminal allows:
    titles and owners are shortened (with …) to fit."""
    rows = [
        [
            p.release,
            str(p.position),
            p.slug,
            p.title,
            ", ".join(o.name for o in p.owners),
        ]
        for p in priorities
    ]
    heading = ["RELEASE", "#", "SLUG", "TITLE", "OWNERS"]
    widths = [max(len(row[i]) for row in [heading, *rows]) for i in range(5)]
    room = shutil.get_terminal_size((100, 24)).columns - sum(widths[:3]) - 8
    widths[3] = min(widths[3], max(20, room * 3 // 5))
    widths[4] = min(widths[4], max(10, room - widths[3]))
    for row in [heading, *rows]:
        cells = [_fit(text, width) for text, width in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip())


def _fit(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def show_json(priority: Priority) -> dict[str, Any]:
    """What ``show --format json`` prints: one priority, versioned."""
    return {"format": FORMAT, "priority": priority_json(priority)}


def _names(priority: Priority) -> str:
    return ", ".join(owner.name for owner in priority.owners)
