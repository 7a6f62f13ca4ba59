"""The data side of the Sphinx extension: which repository's data the
docs show, a release read and checked for a document, and the record of
which documents show which release folders (for incremental builds)."""

from __future__ import annotations

import dataclasses
import os

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..hooks.config import Config, find_config
from ..hooks.layout import Layout, leads_outside
from ..hooks.layout import Release as ReleaseLayout
from ..hooks.model import Priority
from ..hooks.naming import is_release_name
from ..hooks.problems import Problem, ProblemError
from ..hooks.runner import check_sources
from ..hooks.sources import release_sources

logger = logging.getLogger(__name__)

USAGE = "nova_priorities_usage"  # env attribute: docname -> {release dir: files}


@dataclasses.dataclass(frozen=True)
class Release:
    """A release's data as read for the docs."""

    layout: ReleaseLayout
    files: tuple[str, ...]  # absolute paths
    priorities: tuple[Priority, ...]  # those without errors
    problems: tuple[Problem, ...]

    @property
    def name(self) -> str:
        return self.layout.name


def layout(app: Sphinx) -> Layout | None:
    """The repository's layout, found from conf.py's folder; ``priorities_dir``
    in conf.py (relative to it) names another data folder, anywhere. None
    (with a warning) when the repository's own data folder leads out of it
    (a symlink that a change could have committed)."""
    try:
        config = find_config(str(app.confdir))
    except ProblemError as error:  # a broken configuration file
        logger.warning(f"{error.problem}; using the default configuration")
        config = Config(root=str(app.confdir))
    configured = app.config.priorities_dir
    if configured:  # the docs' own choice: trusted, even in another repository
        folder = os.path.abspath(os.path.join(app.confdir, configured))
        return _layout_of_data(folder)
    found = Layout(config)
    real = leads_outside(found.data_dir, found.root)
    if real is not None:
        logger.warning(
            f"the data folder {found.data_dir} leads to {real}, outside the "
            "repository; it is not read"
        )
        return None
    return found


def _layout_of_data(folder: str) -> Layout:
    """The layout of the repository holding ``folder``, with ``folder`` as
    its data folder (its own configuration, e.g. its exclusions, applies)."""
    try:
        config = find_config(folder)
    except ProblemError as error:
        logger.warning(f"{error.problem}; using the default configuration")
        config = Config(root=os.path.dirname(folder))
    root = config.root
    if os.path.commonpath([folder, root]) != root or folder == root:
        root = os.path.dirname(folder)
    relative = os.path.relpath(folder, root)
    return Layout(dataclasses.replace(config, root=root, data_dir=relative))


def load_release(env: BuildEnvironment, docname: str, name: str) -> Release | None:
    """Read and check a release, recording that ``docname`` shows it.

    The engine's cache keeps this cheap when several documents show it.
    """
    found = layout(env.app)
    if found is None or not is_release_name(name):
        return None
    # a folder (a symlink too: reading it says why it is refused), or a
    # release that is its generated page alone
    if not os.path.isdir(os.path.join(found.data_dir, name)) and (
        name not in found.releases()
    ):
        return None
    try:
        sources = release_sources(found, name)
    except ProblemError as error:  # never an empty table for unreadable data
        logger.warning(str(error.problem), location=(docname, 0))
        return None
    report = check_sources(sources)
    broken = {p.path for p in report.problems if p.severity == "error"}
    release = Release(
        found.release(name),
        tuple(os.path.abspath(s.file.path) for s in sources),
        tuple(p for p in report.priorities if p.path not in broken),
        tuple(report.problems),
    )
    for path in release.files:
        env.note_dependency(path)
    folder = release.layout.folder
    usage(env).setdefault(docname, {})[folder] = listing(found, name)
    return release


SETTINGS = "nova_priorities_settings"  # env attribute: the last build's settings


def settings_changed(env: BuildEnvironment, found: Layout) -> bool:
    """Whether the settings differ from the last build's (these are kept
    for the next): they change what any document showing data shows."""
    current = dataclasses.replace(found.config, source=None)
    before = getattr(env, SETTINGS, None)
    setattr(env, SETTINGS, current)
    return before is not None and before != current


def usage(env: BuildEnvironment) -> dict[str, dict[str, tuple[str, ...]]]:
    if not hasattr(env, USAGE):
        setattr(env, USAGE, {})
    usage: dict[str, dict[str, tuple[str, ...]]] = getattr(env, USAGE)
    return usage


def listing(found: Layout, name: str) -> tuple[str, ...]:
    try:
        return tuple(file.name for file in found.release_files(name))
    except ProblemError:  # unreadable: warned about when read
        return ()


RELEASES = ""  # a usage key: the list of release folders (the history reads it)
SPECS = "specs:"  # a usage key prefix: the specs of a release


def record_releases(env: BuildEnvironment, docname: str, found: Layout) -> list[str]:
    """The releases, recorded so that ``docname`` is read again when one is
    added or removed."""
    names = found.releases()
    usage(env).setdefault(docname, {})[RELEASES] = tuple(names)
    return names


def current_listing(found: Layout, folder: str) -> tuple[str, ...]:
    """What a usage key stands for now: a release's files, or the releases."""
    if folder == RELEASES:
        return tuple(found.releases())
    if folder.startswith(SPECS):
        from ..hooks.sources import all_specs

        release = folder.removeprefix(SPECS)
        return tuple(s[0] for s in all_specs(found) if s[1] == release)
    return listing(found, os.path.basename(folder))


def release_specs(
    env: BuildEnvironment, docname: str, found: Layout, release: str
) -> list[tuple[str, str, str]]:
    """The specs of ``release`` (path, release, status), recorded so that a
    spec added or removed re-reads ``docname``."""
    from ..hooks.sources import all_specs

    specs = [spec for spec in all_specs(found) if spec[1] == release]
    usage(env).setdefault(docname, {})[SPECS + release] = tuple(s[0] for s in specs)
    return specs
