"""``nova-priorities dashboard RELEASE [--gerrit URL] [--project NAME]
[--format url|dash]``: what to review first, as a Gerrit dashboard."""

from __future__ import annotations

import argparse
import re

from ..layout import Layout
from ..problems import UsageError
from ..spec_index import dashboard
from .listing import read_all
from .specs_cmd import known_releases, release_view


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE", help="e.g. kilo")
    parser.add_argument(
        "--gerrit",
        default="https://review.opendev.org",
        help="the Gerrit (default: %(default)s)",
    )
    parser.add_argument(
        "--project",
        default="openstack/nova",
        help="the code project (default: %(default)s)",
    )
    parser.add_argument(
        "--specs-project",
        default="openstack/nova-specs",
        help="where the specs are reviewed (default: %(default)s)",
    )
    parser.add_argument(
        "--format",
        choices=("url", "dash"),
        default="url",
        help="url: a Gerrit custom dashboard link; dash: a gerrit-dash-creator "
        "file (default: url)",
    )


# what the options may hold: they go into a link and into Gerrit queries
_GERRIT = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")
_PROJECT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")


def run(args: argparse.Namespace) -> int:
    for option, value, rule, wanted in [
        ("--gerrit", args.gerrit, _GERRIT, "an http(s) URL"),
        ("--project", args.project, _PROJECT, "a project name"),
        ("--specs-project", args.specs_project, _PROJECT, "a project name"),
    ]:
        if not rule.fullmatch(value):
            raise UsageError(f"{option}: {value!r} is not {wanted}")
    layout = Layout.find()
    priorities = read_all(layout)
    known_releases(layout, priorities, args.release)
    served, _ = release_view(layout, args.release, priorities)
    board = dashboard(args.release, served, args.project, args.specs_project)
    print(
        board.url(args.gerrit) if args.format == "url" else board.dash(),
        end="\n" if args.format == "url" else "",
    )
    return 0
