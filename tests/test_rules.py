"""Each rule, called directly (the CLI's view is in test_validate.py)."""

from __future__ import annotations

import pytest

from nova_priorities.hooks import repository_rules, rules
from nova_priorities.hooks.layout import PriorityFile
from nova_priorities.hooks.loader import load_text
from nova_priorities.hooks.model import Origin, Priority
from nova_priorities.hooks.problems import Problem


def priority(path: str, text: str) -> Priority:
    """A priority read from ``text``, positions and all."""
    document = load_text(text, path)
    release, name = path.split("/")[-2:]
    origin = Origin(path, lambda: text, document=document)
    return Priority.from_data(document.data, release, name.split(".")[0], origin)


def messages(found: list[Problem]) -> list[str]:
    return [str(p) for p in found]


def test_file_rules() -> None:
    assert rules.check_in_release_folder(PriorityFile("priorities/x.yaml", None)) != []
    assert rules.check_in_release_folder(PriorityFile("p/kilo/x.yaml", "kilo")) == []
    assert messages(
        rules.check_release_name(PriorityFile("p/Kilo/x.yaml", "Kilo"))
    ) == [
        "p/Kilo/x.yaml:1:1: release folder 'Kilo' is not a release name (lowercase "
        "like 'kilo', or a year and number like '2023.1'; at most 40 characters)"
    ]
    # a name as long as a file name allows is no release, nor a slug
    longest, too_long = "k" * 40, "k" * 41
    assert rules.check_release_name(PriorityFile(f"p/{longest}/x.yaml", longest)) == []
    assert rules.check_release_name(PriorityFile(f"p/{too_long}/x.yaml", too_long))
    assert rules.check_slug(PriorityFile(f"p/kilo/{'s' * 120}.yaml", "kilo")) == []
    assert messages(rules.check_slug(PriorityFile(f"p/kilo/{'s' * 121}.yaml", "kilo")))[
        0
    ].endswith(f"at most 120 characters (e.g. {'s' * 120}.yaml)")
    assert rules.check_release_name(PriorityFile("p/2023.1/x.yaml", "2023.1")) == []
    assert messages(rules.check_suffix(PriorityFile("p/kilo/x.yml", "kilo"))) == [
        "p/kilo/x.yml:1:1: rename x.yml to x.yaml: priority files end in .yaml"
    ]
    assert messages(rules.check_slug(PriorityFile("p/kilo/Cells V2.yaml", "kilo"))) == [
        "p/kilo/Cells V2.yaml:1:1: file name 'Cells V2.yaml': the slug must be "
        "lowercase letters and digits in words joined by hyphens; at most 120 "
        "characters (e.g. cells-v2.yaml)"
    ]


def test_owners_once() -> None:
    twice = priority(
        "p/kilo/a.yaml",
        "title: A\nposition: 1\nowners:\n  - {name: X, launchpad: x}\n"
        "  - {name: X, launchpad: x}\n",
    )
    assert messages(rules.check_owners_once([twice])) == [
        "p/kilo/a.yaml:5:26: owners[1].launchpad: 'x' is listed twice; remove one"
    ]


def test_unique_positions_and_titles() -> None:
    a = priority("p/kilo/a.yaml", "title: Cells\nposition: 1\n")
    b = priority("p/kilo/b.yaml", "title: cells\nposition: 1\n")
    assert messages(rules.check_unique_positions([a, b])) == [
        "p/kilo/a.yaml:2:11: position: 1 is also the position of p/kilo/b.yaml; "
        "give each priority of a release its own position: 2 is free "
        "(`nova-priorities move kilo a --to 2`)",
        "p/kilo/b.yaml:2:11: position: 1 is also the position of p/kilo/a.yaml; "
        "give each priority of a release its own position: 2 is free "
        "(`nova-priorities move kilo b --to 2`)",
    ]
    assert [p.path for p in rules.check_unique_titles([a, b])] == [
        "p/kilo/a.yaml",
        "p/kilo/b.yaml",
    ]
    c = priority("p/kilo/c.yaml", "title: Objects\nposition: 2\n")
    assert rules.check_unique_positions([a, c]) == []
    assert rules.check_unique_titles([a, c]) == []


def test_owner_names_on_a_page() -> None:
    a = priority(
        "p/kilo/a.yaml",
        "title: Cells\nposition: 1\nowners:\n  - {name: Objects, launchpad: o}\n",
    )
    b = priority(
        "p/kilo/b.yaml",
        "title: Objects\nposition: 2\nowners:\n  - {name: Sam, launchpad: s1}\n",
    )
    c = priority(
        "p/kilo/c.yaml",
        "title: Bugs\nposition: 3\nowners:\n  - {name: Sam, launchpad: s2}\n",
    )
    assert [(p.path, p.line) for p in rules.check_owner_names_on_page([a, b, c])] == [
        ("p/kilo/a.yaml", 4),
        ("p/kilo/b.yaml", 4),
        ("p/kilo/c.yaml", 4),
    ]


@pytest.mark.parametrize(
    ("twin", "shown", "note"),
    [
        # the accent as a combining mark (NFD)
        ("De\\u0301but", "'De\u0301but'", " (they look the same)"),
        # a zero-width space inside
        ("D\\u00e9\\u200bbut", "'D\u00e9\\u200bbut'", " (they look the same)"),
        # a full-width D
        ("\\uff24\\u00e9but", "'\uff24\u00e9but'", " (they look the same)"),
        # a soft hyphen, invisible unless a line breaks there
        ("\\u00adD\\u00e9but", "'\\xadD\u00e9but'", " (they look the same)"),
        # case, as before
        ("D\\u00c9BUT", "'D\u00c9BUT'", ""),
    ],
)
def test_names_a_reader_cannot_tell_apart_are_one_name(
    twin: str, shown: str, note: str
) -> None:
    """A title, or an owner's name, that differs from another only where no
    reader sees it: two identical rows and sections, or a second "Début"
    whose link goes to another Launchpad account."""
    a = priority("p/kilo/a.yaml", 'title: "D\\u00e9but"\nposition: 1\n')
    b = priority("p/kilo/b.yaml", f'title: "{twin}"\nposition: 2\n')
    found = messages(rules.check_unique_titles([a, b]))
    assert len(found) == 2
    assert found[1] == (
        f"p/kilo/b.yaml:1:8: title: {shown} is also the title of p/kilo/a.yaml"
        f"{note}; titles name the page's sections and must differ"
    )
    owners = priority(
        "p/kilo/c.yaml",
        "title: Bugs\nposition: 3\nowners:\n"
        '  - {name: "D\\u00e9but", launchpad: debut}\n'
        f'  - {{name: "{twin}", launchpad: impostor}}\n',
    )
    assert [p.line for p in rules.check_owner_names_on_page([owners])] == [4, 5]


def test_one_name_per_launchpad_id_across_files() -> None:
    uses = [
        repository_rules.OwnerUse("a.yaml", 0, "Sean Dague", "sdague"),
        repository_rules.OwnerUse("b.yaml", 0, "Sean Dague", "sdague"),
        repository_rules.OwnerUse("c.yaml", 0, "S. Dague", "sdague"),
        repository_rules.OwnerUse("d.yaml", 0, "Dan Smith", "danms"),
    ]
    found = repository_rules.check_one_name_per_launchpad_id(uses)
    assert [(use.path, message) for use, message in found] == [
        (
            "c.yaml",
            "owners[0].name: Launchpad id 'sdague' is named 'S. Dague' and "
            "'Sean Dague' in different files; use one name ('Sean Dague', as most "
            "files do)",
        )
    ]
    tie = repository_rules.check_one_name_per_launchpad_id(uses[1:3])
    assert sorted(use.path for use, _ in tie) == ["b.yaml", "c.yaml"]


def test_labels_name_one_section_of_the_page() -> None:
    a = priority(
        "p/kilo/a.yaml",
        "title: Cells\nposition: 1\nowners:\n  - {name: Dan Smith, launchpad: danms}\n"
        "labels:\n  - kilo-cells\n  - Scheduler\n",
    )
    b = priority(
        "p/kilo/b.yaml",
        "title: Scheduler\nposition: 2\nlabels:\n  - KILO-CELLS\n  - dan  smith\n",
    )
    assert messages(rules.check_labels_on_page([a, b])) == [
        "p/kilo/a.yaml:6:5: labels[0]: 'kilo-cells' is also a label of p/kilo/b.yaml; "
        "rename it",
        "p/kilo/a.yaml:7:5: labels[1]: 'Scheduler' is also the title of "
        "p/kilo/b.yaml; rename it",
        "p/kilo/b.yaml:4:5: labels[0]: 'KILO-CELLS' is also a label of p/kilo/a.yaml; "
        "rename it",
        "p/kilo/b.yaml:5:5: labels[1]: 'dan  smith' is also an owner's name on the "
        "page; rename it",
    ]
    alone = priority("p/kilo/c.yaml", "title: C\nposition: 3\nlabels: [c-label]\n")
    assert rules.check_labels_on_page([alone]) == []


def test_labels_are_unique_across_releases() -> None:
    uses = [
        repository_rules.LabelUse("k/a.yaml", 0, "cells", "kilo"),
        repository_rules.LabelUse("l/a.yaml", 1, "Cells", "liberty"),
        repository_rules.LabelUse("l/b.yaml", 0, "other", "liberty"),
    ]
    found = repository_rules.check_labels_across_releases(uses)
    assert [(use.path, use.where, message) for use, message in found] == [
        (
            "k/a.yaml",
            ("labels", 0),
            "labels[0]: 'cells' is also a label in liberty; labels are unique "
            "across releases",
        ),
        (
            "l/a.yaml",
            ("labels", 1),
            "labels[1]: 'Cells' is also a label in kilo; labels are unique across "
            "releases",
        ),
    ]


def test_release_order() -> None:
    from nova_priorities.hooks.layout import release_sort_key

    names = ["2023.2", "zed", "kilo", "2024.1", "austin", "2023.1", "liberty"]
    assert sorted(names, key=release_sort_key) == [
        "austin", "kilo", "liberty", "zed", "2023.1", "2023.2", "2024.1",
    ]  # fmt: skip
    order = ("liberty", "kilo")
    ordered = sorted(
        ["kilo", "liberty", "mitaka"], key=lambda n: release_sort_key(n, order)
    )
    assert ordered == ["liberty", "kilo", "mitaka"]


def test_continues_chains() -> None:
    use = repository_rules.ContinuesUse
    known = {"kilo/cells", "liberty/cells", "mitaka/cells", "mitaka/other"}
    read = {"kilo", "liberty", "mitaka"}
    uses = [
        use("l/cells.yaml", "liberty", "cells", "kilo/cells"),  # fine
        use("m/cells.yaml", "mitaka", "cells", "liberty/cells"),  # fine
        use("m/other.yaml", "mitaka", "other", "liberty/cells"),  # a fork
        use("k/cells.yaml", "kilo", "cells", "mitaka/cells"),  # later: a loop
        use("l/x.yaml", "liberty", "x", "kilo/cels"),  # missing
        use("l/y.yaml", "liberty", "y", "icehouse/z"),  # not read: not looked for
    ]
    found = repository_rules.check_continues(uses, known, read)
    assert [(u.path, message) for u, message in found] == [
        (
            "m/cells.yaml",
            "continues: liberty/cells is also continued by m/other.yaml; one "
            "priority of a release carries another over",
        ),
        (
            "m/other.yaml",
            "continues: liberty/cells is also continued by m/cells.yaml; one "
            "priority of a release carries another over",
        ),
        (
            "k/cells.yaml",
            "continues: mitaka/cells is not from a release before kilo; a priority "
            "carries over one of an earlier release (set release-order in the "
            "configuration if the names do not sort by time)",
        ),
        (
            "l/x.yaml",
            "continues: kilo/cels is no priority of this repository; did you mean "
            "kilo/cells?",
        ),
    ]


def test_continues_into_a_release_of_none_is_wrong_when_all_were_read() -> None:
    """A run that read every release (read=None) knows a release it did not
    read is no release: a typo in the release name is an error, not
    something to look for elsewhere."""
    use = repository_rules.ContinuesUse
    uses = [use("l/x.yaml", "liberty", "x", "kil/cells")]
    found = repository_rules.check_continues(uses, {"kilo/cells"}, None)
    assert [message for _, message in found] == [
        "continues: kil/cells is no priority of this repository; did you mean "
        "kilo/cells?"
    ]
    # a run that read some releases only does not know
    assert repository_rules.check_continues(uses, {"kilo/cells"}, {"liberty"}) == []


def test_continues_hint_names_an_earlier_release_only() -> None:
    """Deleting pike/placement left queens/placement continuing it; the
    closest name is queens/placement itself, which it cannot continue."""
    use = repository_rules.ContinuesUse
    known = {"queens/placement", "pike/cells", "liberty/placement-api"}
    read = {"liberty", "pike", "queens"}
    uses = [use("q/placement.yaml", "queens", "placement", "pike/placement")]
    found = repository_rules.check_continues(uses, known, read)
    assert [message for _, message in found] == [
        "continues: pike/placement is no priority of this repository; did you "
        "mean liberty/placement-api?"
    ]
    # with nothing earlier close enough, no hint
    found = repository_rules.check_continues(uses, {"queens/placement"}, read)
    assert [message for _, message in found] == [
        "continues: pike/placement is no priority of this repository"
    ]
