"""``nova-priorities history [SLUG | --owner ID] [--format text|json]``:
each priority's path through the releases (what ``continues`` links), with
its title and owners in each; or what one person owned, by release."""

from __future__ import annotations

import argparse
import json

from ..history import Chain, chains, chains_json, key_of, owned_by, owner_json
from ..layout import Layout
from ..problems import UsageError, did_you_mean
from .listing import check_owner, read_all


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "slug",
        nargs="?",
        metavar="SLUG",
        help="only the chains through this priority (SLUG or RELEASE/SLUG)",
    )
    parser.add_argument(
        "--owner", metavar="ID", help="what this Launchpad id owned, by release"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: the shape of schema/history.schema.json (default: text)",
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    order = layout.config.release_order
    priorities = read_all(layout)
    if args.owner is not None:
        if args.slug is not None:
            raise UsageError("give a SLUG or --owner, not both")
        check_owner(priorities, args.owner)
        owned = owned_by(priorities, args.owner, order)
        if args.format == "json":
            print(
                json.dumps(owner_json(args.owner, owned), indent=2, ensure_ascii=False)
            )
        for release, found in owned.items() if args.format == "text" else ():
            print(f"{release}: {', '.join(p.title for p in found)}")
        return 0
    selected: list[Chain] = [
        chain
        for chain in chains(priorities, order)
        if args.slug is None
        or any(args.slug in (p.slug, key_of(p)) for p in chain.priorities)
    ]
    if args.slug is not None and not selected:
        names = {name for p in priorities for name in (p.slug, key_of(p))}
        hint = did_you_mean(args.slug, names, before="; ")
        raise UsageError(f"no priority {args.slug}{hint}")
    if args.format == "json":
        print(json.dumps(chains_json(selected), indent=2, ensure_ascii=False))
        return 0
    for chain in selected:
        print(f"{chain.title}: {', '.join(p.release for p in chain.priorities)}")
        width = max(len(p.release) for p in chain.priorities)
        for p in chain.priorities:
            owners = ", ".join(o.name for o in p.owners) or "no owner"
            print(f"  {p.release.ljust(width)}  {p.title}  ({owners})")
    return 0
