"""A PTL's cycle, as random sequences of the authoring commands, git and
the render hook: whatever the order, the pages say what the data says and
every commit passes check-change.

The oracle does not ask the code under test: a page shows a priority when
it holds its section label (``.. _priority-<release>-<slug>:``), and the
data is the files on disk.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import git
import pytest
from conftest import identify, run_cli
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

pytestmark = pytest.mark.slow

RELEASES = ("kilo", "liberty", "mitaka")
TITLES = ("Cells v2", "Placement", "Bugs", "Objects", "Cells V2", "Quotas")
# known, new, and a second name for a known id (refused: one name per id)
OWNERS = ("", "danms=Dan Smith", "danms", "melwitt=Melanie Witt", "danms=Dan S.")
LABEL = re.compile(r"^\.\. _priority-(?P<release>[a-z0-9.]+)-(?P<slug>[a-z0-9-]+):$")


class Cycle(RuleBasedStateMachine):
    """The repository, changed by commands a PTL runs; checked at commits."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="cycle-"))
        (self.root / "priorities" / "kilo").mkdir(parents=True)
        (self.root / "priorities" / "kilo" / "bugs.yaml").write_text(
            "title: Bugs\nposition: 1\n"
        )
        self.twins = 0  # priorities merged at a taken position
        self.repo = git.Repo.init(self.root)
        identify(self.repo)
        self.commit()

    def teardown(self) -> None:
        try:  # every sequence ends with a commit, checked
            self.commit()
            self.pages_show_the_data()
        finally:
            shutil.rmtree(self.root)

    def cli(self, *args: str) -> int:
        result = run_cli(*args, cwd=self.root)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert result.returncode in (0, 1, 2), (args, result)
        return result.returncode

    def data(self) -> dict[str, set[str]]:
        """Each release folder's slugs, from the files."""
        folder = self.root / "priorities"
        return {
            release.name: {path.stem for path in release.glob("*.yaml")}
            for release in folder.iterdir()
            if release.is_dir()
        }

    def slugs(self) -> list[tuple[str, str]]:
        """(release, slug) of the priorities a PTL may delete: those no
        other one continues (deleting those is refused, see
        test_check_change)."""
        continued = {
            line.removeprefix("continues: ")
            for path in (self.root / "priorities").glob("*/*.yaml")
            for line in path.read_text().splitlines()
            if line.startswith("continues: ")
        }
        return sorted(
            (r, s)
            for r, slugs in self.data().items()
            for s in slugs
            if f"{r}/{s}" not in continued
        )

    @rule(
        data=st.data(),
        release=st.sampled_from(RELEASES),
        title=st.sampled_from(TITLES),
        owner=st.sampled_from(OWNERS),
        place=st.sampled_from(("", "--after", "--before")),
    )
    def new(
        self, data: st.DataObject, release: str, title: str, owner: str, place: str
    ) -> None:
        options = ["--owner", owner] if owner else []
        there = sorted(self.data().get(release, ()))
        if place and there:
            options += [place, data.draw(st.sampled_from(there))]
        self.cli("new", release, title, *options)

    @rule(data=st.data(), to=st.integers(1, 4), place=st.booleans())
    def move(self, data: st.DataObject, to: int, place: bool) -> None:
        every = sorted((r, s) for r, slugs in self.data().items() for s in slugs)
        if every:
            release, slug = data.draw(st.sampled_from(every))
            where = ["--to", str(to)]
            if place:  # before another of its release, or itself
                other = data.draw(st.sampled_from(sorted(self.data()[release])))
                where = ["--before", other]
            self.cli("move", release, slug, *where)

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        if self.slugs():
            release, slug = data.draw(st.sampled_from(self.slugs()))
            # as `git rm` does: the folder goes with its last file
            path = self.root / "priorities" / release / f"{slug}.yaml"
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()

    @rule(release=st.sampled_from(RELEASES), carry=st.booleans())
    def new_release(self, release: str, carry: bool) -> None:
        previous = [r for r, slugs in self.data().items() if slugs and r != release]
        if carry and previous:
            self.cli("new-release", release, "--from", previous[0], "--carry-all")
        else:
            self.cli("new-release", release)

    @rule(release=st.sampled_from(RELEASES))
    def delete_release(self, release: str) -> None:
        if len([s for r, s in self.slugs() if r == release]) < len(
            self.data().get(release, ())
        ):
            return  # another release continues one of its priorities
        shutil.rmtree(self.root / "priorities" / release, ignore_errors=True)
        (self.root / "priorities" / f"{release}-priorities.rst").unlink(missing_ok=True)

    @rule(data=st.data())
    def merge_a_twin(self, data: st.DataObject) -> None:
        """Two changes each added a priority at the same position, and both
        merged: the release has two at one position, which the next commit
        mends as validate tells (see commit)."""
        every = sorted(self.root.glob("priorities/*/*.yaml"))
        if every:
            other = data.draw(st.sampled_from(every))
            position = other.read_text().split("position: ")[1].split()[0]
            self.twins += 1
            twin = other.parent / f"twin-{self.twins}.yaml"
            twin.write_text(f"title: Twin {self.twins}\nposition: {position}\n")
            self.commit()

    @rule()
    def commit(self) -> None:
        """As the hooks let a commit through: positions mended as validate
        says to, regenerated pages, valid data; then the change passes
        check-change."""
        told = run_cli("validate", cwd=self.root).stdout
        for command in re.findall(r"\(`nova-priorities (move [^`]+)`\)", told):
            self.cli(*command.split())
        assert self.cli("render") in (0, 1)
        assert self.cli("render", "--check") == 0
        assert self.cli("validate") == 0
        self.repo.git.add("-A")
        self.repo.git.commit("-m", "step", "--allow-empty")
        assert self.cli("check-change") == 0

    @invariant()
    def pages_show_the_data(self) -> None:
        """Once rendered (as at each commit), each page holds the section
        labels of its release's files, no others; a release is listed when
        it has a folder or a page."""
        if self.repo.is_dirty(untracked_files=True):
            return  # checked at the next commit
        data = self.data()
        folder = self.root / "priorities"
        shown: dict[str, set[str]] = {}
        for page in folder.glob("*-priorities.rst"):
            release = page.name.removesuffix("-priorities.rst")
            labels = [LABEL.match(line) for line in page.read_text().splitlines()]
            shown[release] = {
                m["slug"] for m in labels if m and m["release"] == release
            }
        for release, slugs in data.items():
            assert shown.get(release) == slugs, (release, shown, data)
        for release in shown.keys() - data.keys():
            assert shown[release] == set(), (release, shown)
        listed = run_cli("list", "--format", "json", cwd=self.root)
        releases = sorted(data.keys() | shown.keys())
        if not releases:  # nothing yet: said so, with how to start
            assert listed.returncode == 2 and "new-release" in listed.stderr
            return
        names = [r["name"] for r in json.loads(listed.stdout)["releases"]]
        assert names == releases, (names, data, shown)


TestCycle = Cycle.TestCase
TestCycle.settings = settings(max_examples=8, stateful_step_count=8, deadline=None)
