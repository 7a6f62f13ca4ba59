"""``nova-priorities show RELEASE/SLUG [--format text|json|yaml]``: one
priority, everything its file says."""

from __future__ import annotations

import argparse
import json

from ..history import key_of
from ..layout import Layout
from ..problems import UsageError, did_you_mean
from .listing import FORMATS, add_format, as_yaml, read_all, show_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("priority", metavar="RELEASE/SLUG", help="e.g. kilo/cells-v2")
    add_format(
        parser,
        {
            "text": "the priority as it reads",
            "json": FORMATS["json"],
            "yaml": FORMATS["yaml"],
        },
    )


def run(args: argparse.Namespace) -> int:
    priorities = read_all(Layout.find())
    found = [p for p in priorities if key_of(p) == args.priority]
    if not found:
        hint = did_you_mean(args.priority, map(key_of, priorities), before="; ")
        raise UsageError(
            f"no priority {args.priority} (RELEASE/SLUG, e.g. kilo/bugs){hint}"
        )
    priority = found[0]
    if args.format == "json":
        print(json.dumps(show_json(priority), indent=2, ensure_ascii=False))
    elif args.format == "yaml":
        print(as_yaml(show_json(priority)), end="")
    else:
        print(
            f"{priority.title} ({priority.release}/{priority.slug}, position "
            f"{priority.position}, {priority.path})"
        )
        for owner in priority.owners:
            print(f"  owner: {owner.name} (https://launchpad.net/~{owner.launchpad})")
        for label in priority.labels:
            print(f"  label: {label}")
        for link in priority.links:
            print(f"  link: {link.title} <{link.url}>")
        if priority.description:
            print()
            print(priority.description.rstrip())
    return 0
