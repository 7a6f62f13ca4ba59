"""The repository layout: where priority files and pages are, and their names.

This is the one place that knows it. Given the :class:`~.config.Config`:

- ``<data-dir>/<release>/<slug>.yaml`` is a priority file; ``<release>`` must
  pass the release-name rule and ``<slug>`` the slug rule (:mod:`.naming`)
  before either is used anywhere (a label, a title, a path);
- ``<data-dir>/<page-name>`` is a release's generated page;
- files matching ``exclude`` are not data.

Paths are handled in two forms: as the user typed or git names them (kept
for messages) and relative to the repository root with ``/`` separators
(for rules and patterns).
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import unicodedata

from .config import SETTINGS_FILES, Config, find_config
from .files import is_generated_page
from .naming import MAX_SLUG, is_release_name
from .problems import Problem, ProblemError, UsageError, excerpt

# Everything below the data folder with one of these endings is meant as data.
DATA_SUFFIXES = (".yaml", ".yml", ".json")


def slugify(text: str) -> str:
    """``Nova-network/Neutron migration`` -> ``nova-network-neutron-migration``.

    Accents are dropped (``Début`` -> ``debut``); a letter with no ASCII
    form ends a word. Empty when nothing is left (a title in Chinese): the
    caller asks for a slug. Cut to the longest slug there may be.
    """
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in plain)
    return "-".join(words.split())[:MAX_SLUG].rstrip("-")


def release_sort_key(name: str, order: tuple[str, ...] = ()) -> tuple[int, str, int]:
    """Releases in time order: those the configuration's ``release-order``
    lists, in its order; then series names, alphabetical as OpenStack gives
    them (austin ... zed); then year-based ones (2023.1, 2023.2, ...)."""
    if name in order:
        return (0, "", order.index(name))
    year = re.fullmatch(r"([0-9]{4})\.([0-9]+)", name)
    if year:
        return (2, year.group(1), int(year.group(2)))
    return (1, name, 0)


def leads_outside(path: str, root: str) -> str | None:
    """Where ``path`` really is, when that is outside ``root`` (through a
    symlink); None when it stays inside."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real if os.path.commonpath([real, top]) != top else None


@dataclasses.dataclass(frozen=True, slots=True)
class PriorityFile:
    """A data file below the data folder, placed right or wrong.

    ``release`` is the folder name when the file sits directly in a folder
    of the data folder (whether or not it is a valid release name: the rules
    say so), else None.
    """

    path: str  # as shown to the user
    release: str | None
    data_dir: str = "priorities"  # the data folder, for messages
    # Worked out once from the path: every check asks for them.
    name: str = dataclasses.field(init=False)  # e.g. cells-v2.yaml
    slug: str = dataclasses.field(init=False)  # cells-v2
    suffix: str = dataclasses.field(init=False)  # .yaml

    def __post_init__(self) -> None:
        name = os.path.basename(self.path)
        slug, suffix = os.path.splitext(name)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "slug", slug)
        object.__setattr__(self, "suffix", suffix)


@dataclasses.dataclass(frozen=True)
class Release:
    """A release: its name, its data folder and its page.

    ``data_dir`` is the data folder as the caller addresses it: a real path
    for files on disk, a repository path when reading from git.
    """

    name: str
    data_dir: str
    config: Config

    @property
    def folder(self) -> str:
        return os.path.normpath(os.path.join(self.data_dir, self.name))

    @property
    def page_path(self) -> str:
        page = self.config.page_name.format(release=self.name)
        return os.path.normpath(os.path.join(self.data_dir, page))

    @property
    def page_label(self) -> str:
        return self.config.page_label.format(release=self.name)

    @property
    def page_title(self) -> str:
        return self.config.page_title.format(
            release=self.name, Release=self.name.capitalize()
        )

    def section_label(self, slug: str) -> str:
        """The label of a priority's section, e.g. ``priority-kilo-cells-v2``:
        the same on generated pages and in the Sphinx directive."""
        return f"priority-{self.name}-{slug}"


class Layout:
    """The layout of one repository, from its configuration."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.root
        self.data_dir = config.data_path
        # the data folder relative to the root, "/"-separated ("priorities")
        self.data_relative = os.path.relpath(self.data_dir, self.root).replace(
            os.sep, "/"
        )
        name = re.escape(config.page_name).replace(r"\{release\}", "(?P<release>.+)")
        self._page_name = re.compile(name)

    @classmethod
    def find(cls, start: str = ".") -> Layout:
        """The layout of the repository holding ``start``; a data folder that
        leads out of the repository (a symlink) is a :class:`UsageError`."""
        layout = cls(find_config(start))
        real = leads_outside(layout.data_dir, layout.root)
        if real is not None:
            raise UsageError(
                f"the data folder {os.path.relpath(layout.data_dir)} leads to {real}, "
                "outside the repository; nothing there is read or written"
            )
        return layout

    def require_data(self, hint: str = "run inside the repository") -> None:
        """A :class:`UsageError` when there is no data folder: a command that
        reads the data says where it looked, not "nothing" with exit 0."""
        if not os.path.isdir(self.data_dir):
            raise UsageError(
                f"no {self.config.data_dir}/ folder in {self.root}: {hint}"
            )

    def require_releases(self) -> None:
        """:meth:`require_data`, and a :class:`UsageError` when the data
        folder has no release folder yet (a repository that keeps its
        pages by hand, as nova-specs did): how to start, not an empty
        answer."""
        self.require_data()
        if not self.releases():
            folder = os.path.relpath(self.data_dir)
            page = self.config.page_name.format(release="<release>")
            raise UsageError(
                f"no release folder in {folder} yet: `nova-priorities import "
                f"{folder}/{page}` turns a hand-written page into data, "
                "`nova-priorities new-release RELEASE` starts a release"
            )

    def no_release_folder(self, names: list[str]) -> UsageError:
        """The error for release folders ``names`` that do not exist."""
        known = self.releases()
        return UsageError(
            f"no release folder {', '.join(names)} in "
            f"{os.path.relpath(self.data_dir)} (there are: "
            f"{', '.join(known) or 'none'}; `new-release` makes one)"
        )

    def release(self, name: str, data_dir: str | None = None) -> Release:
        return Release(
            name, self.data_dir if data_dir is None else data_dir, self.config
        )

    def relative(self, path: str) -> str | None:
        """``path`` (as typed) relative to the root, or None when outside."""
        relative = os.path.relpath(os.path.abspath(path), self.root)
        if relative == ".." or relative.startswith(".." + os.sep):
            return None
        return relative.replace(os.sep, "/")

    def classify(self, path: str, relative: str | None = None) -> PriorityFile | None:
        """The :class:`PriorityFile` for ``path``, or None when it is no data
        file: not below the data folder, not .yaml/.yml/.json, or excluded.

        ``relative`` is the repository path when known (from git); otherwise
        it is worked out from ``path``.
        """
        if not path.endswith(DATA_SUFFIXES):
            return None
        if relative is None:
            relative = self.relative(path)
            if relative is None:
                return None
        inside = self._inside(relative)
        if inside is None or self.config.excluded(relative):
            return None
        release = sys.intern(inside[0]) if len(inside) == 2 else None
        return PriorityFile(path, release, self.data_relative)

    def is_settings_file(self, path: str) -> bool:
        """Whether ``path`` (as typed) is where the settings are, or may be:
        the root's configuration file or pyproject.toml. They hold for
        every release, so a change to them is checked everywhere."""
        return self.relative(path) in SETTINGS_FILES

    def is_excluded(self, path: str) -> bool:
        """Whether ``path`` (as typed) is left out by the configuration."""
        relative = self.relative(path)
        return relative is not None and self.config.excluded(relative)

    def spec_of(self, relative: str) -> tuple[str, str] | None:
        """(release, status) when the repository path ``relative`` is a spec
        by the ``specs`` pattern; the status is the spec's folder."""
        pattern = re.escape(self.config.specs).replace(
            r"\{release\}", "(?P<release>[^/]+)"
        )
        pattern = pattern.replace(r"\*", "[^/]*")
        found = re.fullmatch(pattern, relative)
        if found is None or not is_release_name(found["release"]):
            return None
        return found["release"], relative.split("/")[-2] if "/" in relative else ""

    def spec_files(self) -> list[str]:
        """Every spec of the repository, as repository paths, sorted."""
        import glob

        pattern = self.config.specs.replace("{release}", "*")
        found = glob.glob(pattern, root_dir=self.root)
        return sorted(p for p in found if self.spec_of(p.replace(os.sep, "/")))

    def in_data_folder(self, relative: str) -> bool:
        """Whether the repository path ``relative`` is below the data folder."""
        return self._inside(relative) is not None

    @property
    def data_prefix(self) -> str:
        """What every repository path below the data folder starts with:
        ``priorities/``, or nothing when the data folder is the root."""
        return "" if self.data_relative == "." else self.data_relative + "/"

    def _inside(self, relative: str) -> list[str] | None:
        if not relative.startswith(self.data_prefix):
            return None
        return relative[len(self.data_prefix) :].split("/")

    def release_of_repository_path(self, relative: str) -> str | None:
        """The release a repository path belongs to: a data file directly in
        a release folder, or a page; None otherwise or for a bad name."""
        inside = self._inside(relative)
        if inside is None:
            return None
        if len(inside) == 2:
            return inside[0] if is_release_name(inside[0]) else None
        return self.release_of_page_name(inside[0]) if len(inside) == 1 else None

    def release_of_page_name(self, file_name: str) -> str | None:
        """``kilo`` for ``kilo-priorities.rst`` (by the page-name pattern)."""
        page = self._page_name.fullmatch(file_name)
        return page["release"] if page and is_release_name(page["release"]) else None

    def release_folders(self) -> tuple[list[str], list[str]]:
        """Folders directly in the data folder, sorted: (release names, other
        folder paths). Hidden folders and excluded ones are left out; a
        symlink to a folder is no release (see :func:`linked_folder`)."""
        releases, others, _ = self._scan()
        return releases, others

    def releases(self) -> list[str]:
        """Every release, sorted: each release folder, and each generated
        page without one. git keeps no empty folder, so a release just
        started, or whose last priority went, is its page alone, which
        render must still write; a release deleted whole took its page."""
        folders, _, pages = self._scan()
        alone = [release for release, path in pages if is_generated_page(path)]
        return sorted(folders + alone)

    def _scan(self) -> tuple[list[str], list[str], list[tuple[str, str]]]:
        """One listing of the data folder: :meth:`release_folders`, and the
        (release, path) of each page with nothing at its folder's path (a
        folder made a symlink is refused, not taken for none)."""
        try:
            entries = sorted(os.scandir(self.data_dir), key=lambda e: e.name)
        except OSError:
            return [], [], []
        present = {entry.name for entry in entries}
        releases: list[str] = []
        others: list[str] = []
        pages: list[tuple[str, str]] = []
        for entry in entries:
            relative = f"{self.data_relative}/{entry.name}".removeprefix("./")
            if entry.name.startswith(".") or self.config.excluded(relative):
                continue
            if entry.is_dir():
                release = is_release_name(entry.name) and not entry.is_symlink()
                (releases if release else others).append(
                    entry.name if release else entry.path
                )
            elif (page := self.release_of_page_name(entry.name)) and (
                page not in present
            ):
                pages.append((page, entry.path))
        return releases, others, pages

    def walk(
        self, folder: str | None = None
    ) -> tuple[list[PriorityFile], list[Problem]]:
        """Every data file below ``folder`` (default: the data folder),
        sorted, wherever it sits; and a problem for each folder that could
        not be listed (never "no files")."""
        problems: list[Problem] = []
        if folder is not None and os.path.islink(os.path.normpath(folder)):
            return [], [linked_folder(os.path.normpath(folder))]

        def unreadable(error: OSError) -> None:
            where = os.path.relpath(error.filename or folder or self.data_dir)
            problems.append(unlistable(where, error))

        files = []
        for current, subfolders, names in os.walk(
            folder or self.data_dir, onerror=unreadable
        ):
            subfolders.sort()
            shown = os.path.relpath(current)
            relative = self.relative(current)
            for name in sorted(n for n in names if n.endswith(DATA_SUFFIXES)):
                # the folder is worked out once, not per file
                path = os.path.join(shown, name)
                file = self.classify(path, f"{relative}/{name}".removeprefix("./"))
                if file is not None:
                    files.append(file)
        return files, problems

    def release_files(self, release: str) -> list[PriorityFile]:
        """The data files directly in one release folder, sorted, with paths
        relative to the current folder; :class:`ProblemError` when the
        folder exists but cannot be listed."""
        folder = os.path.relpath(os.path.join(self.data_dir, release))
        if os.path.islink(folder):
            raise ProblemError(linked_folder(folder))
        try:
            names = sorted(os.listdir(folder))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise ProblemError(unlistable(folder, error)) from None
        relative = self.relative(folder)  # worked out once, not per file
        found = (
            self.classify(os.path.join(folder, n), f"{relative}/{n}".removeprefix("./"))
            for n in names
        )
        return [file for file in found if file is not None]


def linked_folder(folder: str, target: str | None = None) -> Problem:
    """A release folder that is a symlink (to ``target``, by default read
    from the disk): another folder's files under a second name, which git
    (and so check-change) sees as a link, not a folder. Refused everywhere,
    never read through."""
    if target is None:
        try:
            target = os.readlink(folder)
        except OSError:  # gone since it was listed
            target = "?"
    return Problem(
        folder,
        1,
        1,
        f"the release folder is a symlink (to {excerpt(target)}); a release's "
        "files sit in a folder of its own: replace the link with the folder",
        rule="location",
    )


def unlistable(folder: str, error: OSError) -> Problem:
    return Problem(
        folder,
        1,
        1,
        f"cannot list the folder: {error.strerror}; its files cannot be checked",
        rule="location",
    )
