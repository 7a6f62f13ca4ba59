"""``nova-priorities new RELEASE TITLE``: write a new priority file.

Like ``reno new`` or ``towncrier create``: the file is written as a person
would write it (the schema comment, the fields in the documented order), at
the next free position unless told. Inserting moves the priorities after
it down one (only their ``position:`` lines change). Everything is checked
with the release before a byte is written.
"""

from __future__ import annotations

import argparse
import os

from ..datafile import dump_priority, positions_for_insert, with_position
from ..layout import Layout, slugify
from ..model import Link, Owner, Priority
from ..naming import SLUG_RULE, is_slug
from ..problems import UsageError, did_you_mean
from .editing import check_writes, known_names, read_release, refuse, write_all
from .placement import add_placement, placement_of


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE", help="the release, e.g. kilo")
    parser.add_argument("title", metavar="TITLE", help="the priority's title")
    parser.add_argument(
        "--slug", help="the file name without .yaml (default: from the title)"
    )
    parser.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar="ID[=NAME]",
        help="an owner's Launchpad id, with the display name unless the data "
        "already names that id (repeat for several owners)",
    )
    parser.add_argument(
        "--link",
        action="append",
        default=[],
        metavar="TITLE=URL",
        help="a link shown after the description (repeat for several)",
    )
    add_placement(parser, "where it goes (default: after the last priority)")
    parser.add_argument(
        "--render", action="store_true", help="regenerate the release's page too"
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    existing = read_release(layout, args.release)
    # slugify cuts a title too long for a slug: the checks say it is too long
    slug = args.slug or slugify(args.title)
    if not is_slug(slug):
        raise UsageError(f"{slug!r} is not a slug ({SLUG_RULE}); give one with --slug")
    folder = os.path.join(os.path.relpath(layout.data_dir), args.release)
    path = os.path.join(folder, f"{slug}.yaml")
    if any(p.slug == slug for p in existing) or os.path.lexists(path):
        raise UsageError(f"{path} exists; choose another --slug")
    taken = {p.slug: p.position for p in existing}
    position = placement_of(args, taken, default=max(taken.values(), default=0) + 1)
    priority = Priority(
        release=args.release,
        slug=slug,
        title=args.title,
        position=position,
        owners=tuple(_owners(layout, args.owner)),
        links=tuple(_link(text) for text in args.link),
    )
    writes = {path: dump_priority(priority, layout.config.schema_comment)}
    for other in existing:
        moved = positions_for_insert(taken, position).get(other.slug)
        if moved is not None:
            writes[other.path] = moved_text(other, moved)
    report = check_writes(layout, writes)
    if report.error_count:
        return refuse(report)
    write_all(writes)
    print(f"Wrote {path}")
    for other_path in list(writes)[1:]:
        print(f"Moved {other_path} down one")
    return render_or_suggest(args.release, render=args.render)


def _is_launchpad_id(text: str) -> bool:
    """Whether ``text`` is a Launchpad id, by the schema's own rule."""
    import re

    from ..schema_check import load_schema

    rule = load_schema()["$defs"]["owner"]["properties"]["launchpad"]["pattern"]
    return re.search(rule, text) is not None


def _owners(layout: Layout, specs: list[str]) -> list[Owner]:
    names = known_names(layout) if any("=" not in spec for spec in specs) else {}
    owners = []
    for spec in specs:
        launchpad, _, name = spec.partition("=")
        name = name.strip() or names.get(launchpad.strip(), "")
        if not name and not _is_launchpad_id(launchpad.strip()):
            name = launchpad  # the checks say what is wrong with the id, where
        if not name:
            close = did_you_mean(
                launchpad.strip(), names, quote="'", before=" (", after=")"
            )
            raise UsageError(
                f"no priority names the Launchpad id {launchpad!r} yet{close}: give "
                f"the display name, --owner '{launchpad}=Full Name'"
            )
        owners.append(Owner(name, launchpad.strip()))
    return owners


def _link(spec: str) -> Link:
    title, separator, url = spec.rpartition("=")
    if not separator or not title.strip() or not url.strip():
        raise UsageError(f"--link {spec!r}: write it as TITLE=URL")
    return Link(title.strip(), url.strip())


def moved_text(priority: Priority, position: int) -> str:
    """The file of ``priority`` with only its position changed."""
    assert priority.origin is not None
    text = priority.origin.text()
    changed = with_position(text, position, is_json=priority.path.endswith(".json"))
    if changed is None:
        raise UsageError(
            f"{priority.path}: its position is not one 'position: N' line; move "
            "it by hand"
        )
    return changed


def render_or_suggest(release: str, *, render: bool) -> int:
    """With ``render``, regenerate the release's page; else say to."""
    if not render:
        print(f"Run `nova-priorities render {release}` to regenerate its page.")
        return 0
    from .pages import render_releases

    return render_releases(Layout.find(), [release])
