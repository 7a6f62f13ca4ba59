"""Where a priority goes in its release: ``--position N`` (``--to N`` for
move), ``--after SLUG`` or ``--before SLUG``; shared by new and move."""

from __future__ import annotations

import argparse

from ..problems import UsageError, did_you_mean


def add_placement(
    parser: argparse.ArgumentParser, help_text: str, number: str = "--position"
) -> None:
    group = parser.add_mutually_exclusive_group(required=number == "--to")
    group.add_argument(
        number, dest="position", type=int, metavar="N", help=f"{help_text}: row N"
    )
    group.add_argument("--after", metavar="SLUG", help="right after this priority")
    group.add_argument("--before", metavar="SLUG", help="right before this priority")


def placement_of(args: argparse.Namespace, taken: dict[str, int], default: int) -> int:
    """The position asked for, given the release's ``taken`` positions."""
    for option, neighbour, offset in (
        ("after", args.after, 1),
        ("before", args.before, 0),
    ):
        if neighbour is not None:
            if neighbour not in taken:
                known = ", ".join(sorted(taken)) or "none"
                hint = did_you_mean(neighbour, taken, before="; ")
                raise UsageError(
                    f"--{option} {neighbour}: no such priority ({known}){hint}"
                )
            return taken[neighbour] + offset
    if args.position is None:
        return default
    if not 1 <= args.position <= 1000:
        raise UsageError(f"position {args.position}: positions go from 1 to 1000")
    return int(args.position)
