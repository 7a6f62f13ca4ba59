"""``nova-priorities schema [--print] [--export]``: where the installed
JSON Schema is, so that an editor can point at it."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--print", action="store_true", help="print its text instead")
    parser.add_argument(
        "--export",
        action="store_true",
        help="the schema of `list --format json` instead of a priority file's",
    )


def run(args: argparse.Namespace) -> int:
    from ..schema_check import schema_path

    path = schema_path("export.schema.json" if args.export else "priority.schema.json")
    if args.print:
        with open(path, encoding="utf-8") as stream:
            sys.stdout.write(stream.read())
    else:
        print(path)
    return 0
