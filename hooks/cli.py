"""The ``nova-priorities`` command: one entry point, a subcommand per job.

Each subcommand is a module of :mod:`.commands` with ``add_arguments`` and
``run``; only the module of the command that runs is imported, to keep the
hooks' start-up fast. A :class:`~.problems.UsageError` ends the run with
exit 2 and its message; located problems are the commands' to report.
"""

from __future__ import annotations

import argparse
import codecs
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO, cast

from .problems import ProblemError, UsageError
from .terminal import TerminalSafe

# subcommand -> (module in .commands, one-line help)
SUBCOMMANDS = {
    "validate": ("validate", "check priority files against the schema and rules"),
    "render": ("render", "regenerate the <release>-priorities.rst pages"),
    "import": (
        "import_page",
        "turn a hand-written priorities page into data and regions",
    ),
    "check-change": ("check_change", "validate the change under review from git (CI)"),
    "new": ("new", "write a new priority file"),
    "move": ("move", "move a priority to another row of its release"),
    "new-release": ("new_release", "start a release, carrying priorities over"),
    "list": ("listing", "list the priorities (text, json, yaml, csv)"),
    "show": ("show", "show one priority"),
    "history": ("history", "each priority across releases, or a person's"),
    "specs": ("specs_cmd", "the specs that serve each priority"),
    "dashboard": ("dashboard", "a Gerrit dashboard of a release's priorities"),
    "link-specs": ("link_specs", "propose :priority: roles for specs' free text"),
    "schema": ("schema_path", "print where the installed JSON Schema is"),
}
EXIT_CODES = (
    "exit status: 0 no problem, 1 problems found (or pages regenerated), 2 usage error"
)


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Unprintable characters as escapes; the bytes of a file name that is not
    UTF-8 (decoded with surrogateescape) as they are on disk: ``\\xe9``."""
    assert isinstance(error, UnicodeEncodeError)
    escaped = "".join(
        f"\\x{ord(c) - 0xDC00:02x}"
        if 0xDC80 <= ord(c) <= 0xDCFF
        else f"\\u{ord(c):04x}"
        for c in error.object[error.start : error.end]
    )
    return escaped, error.end


_ESCAPE = "nova-priorities-escape"
codecs.register_error(_ESCAPE, _escape)


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (it is slow)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from .version import package_version

        print(f"{parser.prog} {package_version()}")
        parser.exit()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that subcommand takes arguments
    (the other modules are not imported)."""
    parser = argparse.ArgumentParser(
        prog="nova-priorities",
        description="Nova cycle priorities as data: validate the priority "
        "files, generate the RST pages, check Gerrit changes.",
        epilog=EXIT_CODES,
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="show the version and exit"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, summary) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(
            name, help=summary, description=summary, epilog=EXIT_CODES
        )
        sub.set_defaults(module=module)
        if command in (None, name):
            _module(module).add_arguments(sub)
    return parser


def _module(name: str) -> Any:
    return importlib.import_module(f"{__package__}.commands.{name}")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The top level has no option taking a value: the first word is the command.
    command = next((word for word in arguments if not word.startswith("-")), None)
    parser = build_parser(command)
    args = parser.parse_args(arguments)
    empty = _empty_argument(arguments)
    if empty is not None:
        parser.error(empty)
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8, or a terminal that is not: shown
        # escaped, never an encoding error.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=_ESCAPE)
    streams = sys.stdout, sys.stderr
    # What a command prints may come from a change: it cannot drive a terminal.
    sys.stdout, sys.stderr = (cast(TextIO, TerminalSafe(s)) for s in streams)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = streams


def _empty_argument(arguments: list[str]) -> str | None:
    """What to say of an empty word (``--owner ""``, ``--owner=``): no
    argument means nothing empty, and a script whose variable is unset
    would otherwise read 'no release folder  in ...'."""
    for index, word in enumerate(arguments):
        if word == "" and index:
            return (
                f"an empty argument after {arguments[index - 1]} (is a variable unset?)"
            )
        if word == "" or (word.startswith("--") and word.endswith("=")):
            return f"an empty argument: {word!r} (is a variable unset?)"
    return None


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = _module(args.module).run(args)
        sys.stdout.flush()
    except UsageError as error:
        print(f"nova-priorities: {error}", file=sys.stderr)
        return 2
    except ProblemError as error:  # a bad configuration file, found at start
        print(error.problem)
        return 2
    except BrokenPipeError:  # the reader went away (validate | head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
