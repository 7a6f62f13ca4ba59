"""The runner checks the markup of the files a command is about, and of the
rest of their release only where it can change a result: the results must
be those of checking every file in full."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nova_priorities.hooks import sources, workers
from nova_priorities.hooks.engine import FileCheck, check_file, check_release
from nova_priorities.hooks.layout import Layout, PriorityFile
from nova_priorities.hooks.model import Origin, Priority
from nova_priorities.hooks.problems import Problem
from nova_priorities.hooks.runner import check_sources
from nova_priorities.hooks.sources import (
    Source,
    constant_source,
    disk_names_folder,
    release_sources,
)

# Pieces of descriptions that define, refer to or merely mention the same
# few names, written the ways RST allows: case, escapes, markup, line breaks.
NAME = st.sampled_from(["Foo Bar", "foo  bar", "FOO\nBAR", "Foo\\ Bar", "Cells v2"])
PIECES = st.one_of(
    NAME.map(lambda n: f"See `{n} <https://example.org/x>`_ now."),
    NAME.map(lambda n: f"\n.. _{n}: https://example.org/y\n"),
    NAME.map(lambda n: f"See `{n}`_ again."),
    NAME.map(lambda n: f"\n{n}\n=========\n\nText."),
    NAME.map(lambda n: f"Mentions *{n}* only."),
    st.just("\n* a list\n* of ``literals``\n"),
    st.just("Plain words."),
)


def priority_text(title: str, position: int, pieces: list[str]) -> str:
    description = "\n".join(pieces) or "Plain."
    indented = "\n".join(
        f"  {line}" if line else "" for line in description.split("\n")
    )
    return (
        f"title: {title}\nposition: {position}\n"
        "owners:\n  - name: Someone\n    launchpad: someone\n"
        f"description: |\n{indented}\n"
    )


def reader(text: str) -> Callable[[], str]:
    return lambda: text


def eager(files: list[PriorityFile], texts: list[str], targets: int) -> list[Problem]:
    """Every file checked in full, then the release's rules: the reference."""
    checks: list[FileCheck] = [
        check_file(f, t) for f, t in zip(files, texts, strict=True)
    ]
    paths = {f.path for f in files[:targets]}
    priorities = [
        Priority.from_data(c.data, "kilo", f.slug, Origin(f.path, reader(t)))
        for f, c, t in zip(files, checks, texts, strict=True)
        if c.data is not None
    ]
    own = [p for c in checks if c.path in paths for p in c.problems]
    return sorted(own + check_release(checks, priorities, paths))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    descriptions=st.lists(st.lists(PIECES, max_size=3), min_size=2, max_size=5),
    targets=st.integers(min_value=1, max_value=2),
)
def test_context_markup_is_checked_where_it_matters(
    descriptions: list[list[str]], targets: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    files = [
        PriorityFile(f"priorities/kilo/p{i}.yaml", "kilo")
        for i in range(len(descriptions))
    ]
    texts = [priority_text(f"P {i}", i + 1, d) for i, d in enumerate(descriptions)]
    sources = [constant_source(f, t) for f, t in zip(files, texts, strict=True)]
    report = check_sources(sources[:targets], sources[targets:])
    assert sorted(report.problems) == eager(files, texts, targets)


def test_a_name_defined_in_the_context_is_still_a_clash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The context file's definition hides behind markup and a line break."""
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    target = PriorityFile("priorities/kilo/a.yaml", "kilo")
    other = PriorityFile("priorities/kilo/b.yaml", "kilo")
    sources = [
        constant_source(target, priority_text("A", 1, ["`Foo <https://a.org>`_"])),
        constant_source(other, priority_text("B", 2, ["\n.. _FOO: https://b.org\n"])),
    ]
    (problem,) = check_sources(sources[:1], sources[1:]).problems
    assert "also defined in priorities/kilo/b.yaml" in problem.message


def test_context_markup_is_left_unparsed_when_no_name_can_clash() -> None:
    other = PriorityFile("priorities/kilo/b.yaml", "kilo")
    text = priority_text("B", 2, ["See `Foo <https://b.org>`_ and *this*."])
    assert check_file(other, text, rst=False).unchecked_description is not None
    assert check_file(other, text).unchecked_description is None


def test_a_file_named_by_its_content_is_not_read_while_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git's blob ids name the content: a cached result needs no read."""
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", str(tmp_path))
    reads: list[str] = []

    def source(slug: str, position: int) -> Source:
        file = PriorityFile(f"priorities/kilo/{slug}.yaml", "kilo")
        text = priority_text(slug.upper(), position, ["See *this*."])

        def read() -> str:
            reads.append(slug)
            return text

        return Source(file, read, content_id=lambda: f"100644:{slug}")

    sources = [source("a", 1), source("b", 2)]
    first = check_sources(sources[:1], sources[1:], keep_priorities=False)
    assert reads == ["a", "b"]
    second = check_sources(sources[:1], sources[1:], keep_priorities=False)
    assert reads == ["a", "b"] and second.problems == first.problems == []


def test_worker_processes_find_what_one_process_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three releases, one of them with clashing titles and broken markup."""
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    sources = []
    for release in ("kilo", "liberty", "mitaka"):
        for index in range(4):
            title = "Same" if release == "liberty" else f"{release} {index}"
            file = PriorityFile(f"priorities/{release}/p{index}.yaml", release)
            text = priority_text(title, index + 1, ["`broken <"] if index else [])
            sources.append(constant_source(file, text))
    alone = check_sources(sources, jobs=1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    forked = check_sources(sources, jobs=2)
    assert forked.problems == alone.problems and len(alone.problems) > 6
    assert sorted(p.path for p in forked.priorities) == sorted(
        p.path for p in alone.priorities
    )
    # sent back without their readers (closures here), given them again
    assert all(p.origin and "title:" in p.origin.text() for p in forked.priorities)
    # one release alone: its files are spread over the workers instead
    liberty = [s for s in sources if s.file.release == "liberty"]
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**6)
    alone = check_sources(liberty, jobs=1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    assert check_sources(liberty, jobs=2).problems == alone.problems != []


def test_the_rest_of_a_release_checked_in_two_processes_finds_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Files read for their data alone are split with a child (check-change
    reads a whole release so): a clash with a file of either half, a broken
    file, and every valid priority come back as from one process."""
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    files = [PriorityFile(f"priorities/kilo/p{i}.yaml", "kilo") for i in range(8)]
    texts = [priority_text(f"Title {i}", i + 1, []) for i in range(8)]
    texts[0] = priority_text("Title 6", 1, ["`broken <"])  # the child's half
    texts[2] = "title: [unclosed\n"  # this process' half
    sources = [constant_source(f, t) for f, t in zip(files, texts, strict=True)]
    alone = check_sources(sources[:1], sources[1:], jobs=1)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    split = check_sources(sources[:1], sources[1:], jobs=2)
    assert split.problems == alone.problems
    assert {p.rule for p in alone.problems} >= {"title", "rst"}
    assert [p.path for p in split.context_priorities] == [
        p.path for p in alone.context_priorities
    ]
    assert len(alone.context_priorities) == 6  # p2 is broken, p0 a target


def test_a_file_whose_stamp_holds_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its size, times and inode say it did not change; a symlink's do not
    (where it leads may change), so it is always read."""
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sources, "_RACY_NS", 0)  # written just now counts
    monkeypatch.chdir(tmp_path)
    kilo = tmp_path / "priorities" / "kilo"
    kilo.mkdir(parents=True)
    for position, slug in enumerate(("a", "b", "linked"), start=1):
        (tmp_path / f"{slug}.yaml").write_text(priority_text(slug, position, []))
    for slug in ("a", "b"):
        (tmp_path / f"{slug}.yaml").rename(kilo / f"{slug}.yaml")
    (kilo / "c.yaml").symlink_to(tmp_path / "linked.yaml")
    layout = Layout.find()
    reads: list[str] = []

    def counted(source: Source) -> Source:
        def read() -> str:
            reads.append(source.file.slug)
            return source.read()

        return dataclasses.replace(source, read=read)

    def run() -> list[Problem]:
        found = [counted(s) for s in release_sources(layout, "kilo")]
        return check_sources(found[:1], found[1:], keep_priorities=False).problems

    assert run() == [] and sorted(reads) == ["a", "b", "c"]
    assert run() == [] and sorted(reads) == ["a", "b", "c", "c"]
    (kilo / "b.yaml").write_text(priority_text("x", 2, []))  # the same size
    assert run() == [] and sorted(reads) == ["a", "b", "b", "c", "c", "c"]


OWNERS = st.lists(
    st.tuples(
        st.sampled_from(["Ann", "ann", "Bob"]), st.sampled_from(["ann-a", "bob-b"])
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda owner: owner[1],
)
LABELS = st.lists(st.sampled_from(["x-label", "X-Label", "y-label"]), unique=True)


def owned_text(position: int, owners: list[tuple[str, str]], labels: list[str]) -> str:
    lines = [f"title: P {position}", f"position: {position}", "owners:"]
    for name, launchpad in owners:
        lines += [f"  - name: {name}", f"    launchpad: {launchpad}"]
    if labels:
        lines += ["labels:", *(f"  - {label}" for label in labels)]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kilo=st.lists(st.tuples(OWNERS, LABELS), min_size=1, max_size=3),
    liberty=st.lists(st.tuples(OWNERS, LABELS), min_size=1, max_size=3),
)
def test_other_releases_give_the_targets_what_reading_everything_gives(
    kilo: list[tuple[list[tuple[str, str]], list[str]]],
    liberty: list[tuple[list[tuple[str, str]], list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the other releases' owners and labels that share a Launchpad id
    or a label with the targets are built (names_index.Wanted)."""
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.chdir(folder)
        for release, priorities in (("kilo", kilo), ("liberty", liberty)):
            Path("priorities", release).mkdir(parents=True)
            for position, (owners, labels) in enumerate(priorities, start=1):
                text = owned_text(position, owners, labels)
                Path("priorities", release, f"p{position}.yaml").write_text(text)
        layout = Layout.find()
        targets = release_sources(layout, "kilo")
        everything = check_sources([*targets, *release_sources(layout, "liberty")])
        expected = [p for p in everything.problems if p.path.startswith("priorities/k")]
        others = [disk_names_folder(layout, "liberty")]
        found = check_sources(targets, names_only=others).problems
        assert found == expected


def test_a_label_of_another_release_in_another_case_is_a_clash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOVA_PRIORITIES_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    for release, label in (("kilo", "x-label"), ("liberty", "X-Label")):
        Path("priorities", release).mkdir(parents=True)
        text = owned_text(1, [("Ann", "ann-a")], [label])
        Path("priorities", release, "p1.yaml").write_text(text)
    layout = Layout.find()
    others = [disk_names_folder(layout, "liberty")]
    (problem,) = check_sources(
        release_sources(layout, "kilo"), names_only=others
    ).problems
    assert "'x-label' is also a label in liberty" in problem.message
