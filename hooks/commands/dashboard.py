"""``nova-priorities dashboard RELEASE [--gerrit URL] [--project NAME]
[--format url|dash]``: what to review first, as a Gerrit dashboard."""

from __future__ import annotations

import argparse

from ..layout import Layout
from ..problems import UsageError
from ..spec_index import dashboard, setting_problems
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


def run(args: argparse.Namespace) -> int:
    problems = setting_problems(
        [
            ("--gerrit", args.gerrit, "gerrit"),
            ("--project", args.project, "project"),
            ("--specs-project", args.specs_project, "project"),
        ]
    )
    if problems:
        raise UsageError(problems[0])
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
