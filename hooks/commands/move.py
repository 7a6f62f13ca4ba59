"""``nova-priorities move RELEASE SLUG --to N|--after S|--before S``:
reorder a release.

Only the ``position:`` lines of the files whose position changes are
rewritten; every other byte of each file stays. The release keeps its set
of positions: dense stays dense, and gaps a release chose stay.
"""

from __future__ import annotations

import argparse

from ..datafile import positions_for_order
from ..layout import Layout
from ..model import by_position
from ..problems import UsageError, did_you_mean
from .editing import check_writes, read_release, refuse, write_all
from .new import moved_text, render_or_suggest
from .placement import add_placement


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE", help="the release, e.g. kilo")
    parser.add_argument("slug", metavar="SLUG", help="the priority to move")
    add_placement(parser, "where it goes", number="--to")
    parser.add_argument(
        "--render", action="store_true", help="regenerate the release's page too"
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    # validate says to move a priority sharing its position: move mends that
    existing = by_position(
        read_release(layout, args.release, mends=frozenset({"position"}))
    )
    order = [p.slug for p in existing]
    if args.slug not in order:
        raise UsageError(
            f"no priority {args.slug} in {args.release} ({', '.join(order)})"
        )
    if args.slug in (args.after, args.before):
        raise UsageError(f"{args.slug} cannot go next to itself")
    taken = {p.slug: p.position for p in existing}
    moved = _new_positions(args, taken, order)
    writes = {p.path: moved_text(p, moved[p.slug]) for p in existing if p.slug in moved}
    if not writes:
        print(f"{args.slug} is already there; nothing was written")
        return 0
    report = check_writes(layout, writes)
    if report.error_count:
        return refuse(report)
    write_all(writes)
    for path in writes:
        print(f"Moved {path}")
    return render_or_suggest(args.release, render=args.render)


def _new_positions(
    args: argparse.Namespace, taken: dict[str, int], order: list[str]
) -> dict[str, int]:
    """The changed positions. ``--to N``: a free N is taken as it is; a
    taken one means that row, the release keeping its positions."""
    if args.position is not None:
        if not 1 <= args.position <= 1000:
            raise UsageError(f"--to {args.position}: positions go from 1 to 1000")
        if args.position not in taken.values():
            return {args.slug: args.position}
    rows = sorted(taken.values())
    order.remove(args.slug)
    for neighbour in (args.after, args.before):
        if neighbour is not None and neighbour not in order:
            hint = did_you_mean(neighbour, order, before="; ")
            raise UsageError(f"no priority {neighbour} in {args.release}{hint}")
    if args.after is not None:
        index = order.index(args.after) + 1
    elif args.before is not None:
        index = order.index(args.before)
    else:
        index = rows.index(args.position)
    order.insert(index, args.slug)
    return positions_for_order(taken, order)
