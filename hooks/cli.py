"""The ``nova-priorities`` command: one entry point, a subcommand per job."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

# subcommand -> (module in this package, one-line help). Modules are
# imported only when their subcommand runs, to keep start-up fast.
SUBCOMMANDS = {
    "validate": ("validate", "check priority files against the schema and rules"),
    "render": ("render", "regenerate the priorities/<release>-priorities.rst pages"),
    "import": ("importer", "turn a hand-written priorities page into data and regions"),
    "check-change": ("check_change", "validate the change under review from git (CI)"),
}


def package_version() -> str:
    """The installed version (slow to look up: only when asked)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nova-priorities")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (it is slow)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that subcommand takes arguments
    (the other modules are not imported)."""
    parser = argparse.ArgumentParser(
        prog="nova-priorities",
        description="Nova cycle priorities as data: validate the priority "
        "files, generate the RST pages, check Gerrit changes.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the version and exit"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, summary) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary)
        sub.set_defaults(module=module)
        if command in (None, name):
            _module(module).add_arguments(sub)
    return parser


def _module(name: str) -> Any:
    return importlib.import_module(f"{__package__}.{name}")


def run_subcommand(name: str, argv: Sequence[str] | None) -> int:
    """``nova-priorities NAME ARGV...``: each command module's own ``main``."""
    return main([name, *(sys.argv[1:] if argv is None else argv)])


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The top level has no option taking a value: the first word is the command.
    command = next((word for word in arguments if not word.startswith("-")), None)
    args = build_parser(command).parse_args(arguments)
    code: int = _module(args.module).run(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
