"""``nova-priorities link-specs RELEASE [--write]``: propose, for each spec
whose "Project Priority" section has no ``:priority:`` role yet, the
priority its text names, and why; as a diff. ``--write`` adds the roles.
Nothing is linked without a person running ``--write``."""

from __future__ import annotations

import argparse
import difflib
import sys

from ..files import write_atomically
from ..layout import Layout
from ..reporters import plural
from ..sources import all_specs
from ..spec_check import read_specs
from ..spec_links import propose, with_role
from .listing import read_all
from .specs_cmd import known_releases


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("release", metavar="RELEASE", help="e.g. kilo")
    parser.add_argument(
        "--write", action="store_true", help="add the proposed roles to the specs"
    )


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    every = read_all(layout)
    known_releases(layout, every, args.release)
    priorities = [p for p in every if p.release == args.release]
    specs, problems = read_specs(
        [s for s in all_specs(layout) if s[1] == args.release], layout.root
    )
    for problem in problems:
        print(problem)
    roles = 0
    for spec, text in specs:
        proposal = propose(spec, text.splitlines(), priorities)
        if proposal is None:
            continue
        if proposal.priority is None:
            print(f"{spec.path}: no priority: the section says '{proposal.words}'")
            continue
        target = f"{args.release}/{proposal.priority.slug}"
        print(f"{spec.path}: {target} (the words '{proposal.words}')")
        roles += 1
        changed = with_role(text, spec, target)
        if args.write:
            write_atomically(spec.path, changed)
            continue
        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                changed.splitlines(keepends=True),
                fromfile=f"a/{spec.path}",
                tofile=f"b/{spec.path}",
            )
        )
    # a last line, so that a run with nothing to do says so
    found = f"{plural(len(specs), 'spec')} of {args.release} read"
    if not roles:
        print(f"{found}: nothing to propose")
    elif args.write:
        print(f"{found}: {plural(roles, 'role')} added")
    else:
        print(f"{found}: {plural(roles, 'role')} to add (`--write` adds them)")
    return 1 if problems else 0
