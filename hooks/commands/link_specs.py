"""``nova-priorities link-specs RELEASE [--write] [--verbose]``: propose, for
each spec whose "Project Priority" section has no ``:priority:`` role yet,
the priority its text names, and why; as a diff. ``--write`` adds the
roles. Nothing is linked without a person running ``--write``.

A section that names nothing known is quoted: a person links it by hand,
or gives the priority it means an alias. The sections that say the spec
serves no priority are only counted, unless ``--verbose``: most of a
release's specs say so."""

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
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also list the specs whose section says they serve no priority",
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
    roles = unknown = declined = 0
    for spec, text in specs:
        proposal = propose(spec, text.splitlines(), priorities)
        if proposal is None:
            continue
        if proposal.declined:
            declined += 1
            if args.verbose:
                print(f"{spec.path}: no priority: the section says '{proposal.words}'")
            continue
        if proposal.priority is None:
            unknown += 1
            print(f"{spec.path}: no priority recognised: {proposal.words}")
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
    print(_summary(args, len(specs), roles, unknown, declined))
    return 1 if problems else 0


def _summary(
    args: argparse.Namespace, specs: int, roles: int, unknown: int, declined: int
) -> str:
    """The last line, so that a run with nothing to do says so."""
    if not roles:
        done = "nothing to propose"
    elif args.write:
        done = f"{plural(roles, 'role')} added"
    else:
        done = f"{plural(roles, 'role')} to add (`--write` adds them)"
    parts = [f"{plural(specs, 'spec')} of {args.release} read: {done}"]
    if unknown:
        parts.append(
            f"{plural(unknown, 'section')} naming no known priority"
            " (link by hand, or add an alias)"
        )
    if declined:
        listed = "" if args.verbose else " (`--verbose` lists them)"
        parts.append(f"{plural(declined, 'section')} saying it serves none{listed}")
    return "; ".join(parts)
