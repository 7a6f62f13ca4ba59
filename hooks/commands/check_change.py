"""``nova-priorities check-change``: validate a Gerrit change from git, for CI.

See :mod:`..change_check` for what is checked.
"""

from __future__ import annotations

import argparse
import io
import sys

from ..change_check import check_change
from ..files import write_atomically
from ..layout import Layout
from ..problems import UsageError
from ..reporters import (
    TextReporter,
    add_output_options,
    format_help,
    reporter_for,
    use_color,
)

FORMATS = ("text", "json", "zuul", "gerrit")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base",
        metavar="REV",
        help="compare with this revision (with HEAD's merge base with it); "
        "default: HEAD's first parent, as Zuul prepares the change",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=format_help(FORMATS) + " (default: text)",
    )
    parser.add_argument(
        "--output", metavar="FILE", help="write there instead of stdout"
    )
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    from ..gitindex import Git

    git = Git.find()
    report = check_change(git, Layout.find(git.top), args.base)
    stream = io.StringIO()
    reporter_for(args, stream).write(report)
    if args.output:
        try:
            write_atomically(args.output, stream.getvalue())
        except OSError as error:
            raise UsageError(
                f"cannot write --output {args.output}: {error.strerror}"
            ) from None
        if args.format != "text":
            TextReporter(sys.stdout, color=use_color(args.color, sys.stdout)).write(
                report
            )
    else:
        sys.stdout.write(stream.getvalue())
    return report.exit_code
