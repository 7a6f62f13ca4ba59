"""``nova-priorities new-release NAME [--from PREVIOUS] [--carry SLUG...]``:
start a release: its data folder and its page, with the regions, the label
and the title the configuration names. With ``--from``, the chosen
priorities of the previous release are carried over (same slug, title,
owners, description and links; positions in their old order), since that
is how cycles go: Cells v2 ran from Kilo to Queens.
"""

from __future__ import annotations

import argparse
import dataclasses
import os

from ..datafile import dump_priority
from ..layout import Layout
from ..model import Priority, by_position
from ..naming import RELEASE_RULE, is_release_name
from ..page import render_page
from ..problems import ProblemError, UsageError
from .editing import (
    check_writes,
    read_release,
    refuse,
    require_generated_page,
    write_all,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the release, e.g. liberty")
    parser.add_argument(
        "--from",
        dest="previous",
        metavar="PREVIOUS",
        help="the release to carry priorities over from (with --carry or --carry-all)",
    )
    carry = parser.add_mutually_exclusive_group()
    carry.add_argument(
        "--carry",
        nargs="+",
        default=[],
        metavar="SLUG",
        help="the priorities of PREVIOUS to carry over",
    )
    carry.add_argument(
        "--carry-all", action="store_true", help="carry every priority of PREVIOUS"
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    if not is_release_name(args.name):
        raise UsageError(f"{args.name!r} is not a release name ({RELEASE_RULE})")
    release = layout.release(args.name)
    folder, page = os.path.relpath(release.folder), os.path.relpath(release.page_path)
    if os.path.isfile(page) and not os.path.lexists(folder):
        require_generated_page(page)  # a hand-written page: import it instead
    for path in (folder, page):
        if os.path.lexists(path):
            raise UsageError(f"{path} exists: the release has been started")
    carried = _carried(layout, args)
    writes = {
        os.path.join(folder, f"{p.slug}.yaml"): dump_priority(
            p, layout.config.schema_comment
        )
        for p in carried
    }
    report = check_writes(layout, writes)
    if report.error_count:
        return refuse(report)
    try:
        text = render_page(page, None, release, carried)
    except ProblemError as error:
        raise UsageError(str(error.problem)) from None
    os.makedirs(folder, exist_ok=True)
    write_all({**writes, page: text})
    print(f"Created {folder}/ and {page}")
    for priority in carried:
        print(f"Carried {priority.slug} from {args.previous}")
    return 0


def _carried(layout: Layout, args: argparse.Namespace) -> list[Priority]:
    if (args.carry or args.carry_all) and not args.previous:
        raise UsageError("--carry and --carry-all need --from PREVIOUS")
    if not args.previous:
        return []
    previous = by_position(read_release(layout, args.previous))
    slugs = [p.slug for p in previous]
    if not (args.carry or args.carry_all):
        raise UsageError(
            f"--from {args.previous} carries nothing by itself: name the "
            f"priorities with --carry SLUG... ({', '.join(slugs) or 'none'}) or "
            "use --carry-all"
        )
    unknown = [slug for slug in args.carry if slug not in slugs]
    if unknown:
        raise UsageError(
            f"no priority {', '.join(unknown)} in {args.previous} ({', '.join(slugs)})"
        )
    chosen = [p for p in previous if args.carry_all or p.slug in args.carry]
    # Extra labels stay with the release that had them: labels are unique.
    return [
        dataclasses.replace(
            p,
            release=args.name,
            position=number,
            continues=f"{p.release}/{p.slug}",
            labels=(),
            origin=None,
        )
        for number, p in enumerate(chosen, start=1)
    ]
