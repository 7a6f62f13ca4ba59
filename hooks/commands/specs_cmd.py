"""``nova-priorities specs [RELEASE] [--priority SLUG] [--format text|json]``:
per priority, the specs that name it (title, path, status, blueprint), and
the specs of the release that name none."""

from __future__ import annotations

import argparse
import json

from ..layout import Layout
from ..model import Priority
from ..problems import UsageError
from ..sources import all_specs
from ..spec_check import read_specs
from ..spec_index import Served, serving, specs_json
from ..specs import Spec
from .listing import read_all


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "release", nargs="?", metavar="RELEASE", help="default: every release"
    )
    parser.add_argument("--priority", metavar="SLUG", help="only this priority's specs")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: one document per release, in the shape of schema/specs.schema.json",
    )


def release_view(
    layout: Layout, release: str, priorities: list[Priority]
) -> tuple[list[Served], list[Spec]]:
    """The release's priorities (among ``priorities``) with their specs, and
    its specs with none."""
    specs, _ = read_specs(
        [s for s in all_specs(layout) if s[1] == release], layout.root
    )
    return serving(
        [p for p in priorities if p.release == release], [s for s, _ in specs]
    )


def known_releases(
    layout: Layout, priorities: list[Priority], release: str | None = None
) -> list[str]:
    """The releases with priorities or specs; a :class:`UsageError` when
    ``release`` is none of them."""
    known = sorted({p.release for p in priorities} | {s[1] for s in all_specs(layout)})
    if release is not None and release not in known:
        raise UsageError(f"no priorities or specs in {release}")
    return known


def run(args: argparse.Namespace) -> int:
    layout = Layout.find()
    priorities = read_all(layout)
    known = known_releases(layout, priorities, args.release)
    documents = []
    for release in [args.release] if args.release else known:
        served, alone = release_view(layout, release, priorities)
        if args.priority is not None:
            served = [s for s in served if s.priority.slug == args.priority]
            alone = []
        documents.append(specs_json(release, served, alone))
    if args.format == "json":
        print(json.dumps(documents, indent=2, ensure_ascii=False))
        return 0
    for document in documents:
        for entry in document["priorities"]:
            print(f"{document['release']}/{entry['slug']}: {entry['title']}")
            _print_specs(entry["specs"])
        if document["without_priority"]:
            print(f"{document['release']}: specs that name no priority")
            _print_specs(document["without_priority"])
    return 0


def _print_specs(specs: list[dict[str, str]]) -> None:
    for spec in specs:
        blueprint = f" (bp {spec['blueprint']})" if spec["blueprint"] else ""
        print(f"  {spec['status']:<11} {spec['path']}  {spec['title']}{blueprint}")
    if not specs:
        print("  (no spec)")
