"""The shipped Kilo files state exactly what the original Kilo page states."""

from __future__ import annotations

from conftest import KILO_SEED, REPO_ROOT
from pagefacts import page_facts

from nova_priorities.hooks.loader import load_file
from nova_priorities.hooks.model import Priority
from nova_priorities.hooks.schema_check import check_schema

KILO = REPO_ROOT / "priorities" / "kilo"


def kilo_priorities() -> list[Priority]:
    priorities = []
    for path in sorted(KILO.glob("*.yaml")):
        document = load_file(str(path))
        assert check_schema(document) == []
        priorities.append(Priority.from_data(document.data, "kilo", path.stem))
    return sorted(priorities, key=lambda p: p.position)


def _description_text(rst: str, titles: list[str]) -> str:
    """The words of a description, its links to other sections resolved."""
    from pagefacts import doctree

    targets = "".join(f"\n.. _{title}: #\n" for title in titles)
    return " ".join(doctree(rst + targets).astext().split())


def test_nine_priorities_in_the_seed_order() -> None:
    seed = page_facts(KILO_SEED.read_text())
    rows = seed["table"]["rows"]
    priorities = kilo_priorities()
    assert len(priorities) == len(rows) == 9
    assert [p.title.lower() for p in priorities] == [r["priority"] for r in rows]
    assert [p.position for p in priorities] == list(range(1, 10))


def test_owners_and_launchpad_links_as_in_the_seed() -> None:
    rows = page_facts(KILO_SEED.read_text())["table"]["rows"]
    for priority, row in zip(kilo_priorities(), rows, strict=True):
        assert [(o.name, o.url) for o in priority.owners] == row["owners"]


def test_sections_state_the_same_text_and_links() -> None:
    sections = page_facts(KILO_SEED.read_text())["sections"]
    priorities = kilo_priorities()
    titles = [p.title for p in priorities]
    for priority, section in zip(priorities, sections, strict=True):
        assert priority.title == section["title"]
        expected_text = " ".join(
            [
                _description_text(priority.description, titles),
                *(k.title for k in priority.links),
            ]
        )
        assert expected_text == section["text"]
        external = [(t, u) for t, u in section["links"] if not u.startswith("#")]
        assert [(k.title, k.url) for k in priority.links] == external


def test_the_one_internal_reference_survives() -> None:
    objects = next(p for p in kilo_priorities() if p.slug == "objects")
    assert "`No downtime DB upgrades`_" in objects.description


def test_slugs() -> None:
    assert sorted(p.stem for p in KILO.glob("*.yaml")) == [
        "bugs",
        "cells-v2",
        "ci",
        "functional-testing",
        "no-downtime-db-upgrades",
        "nova-network-neutron-migration",
        "objects",
        "scheduler",
        "v2-1-api",
    ]
