"""Relative links: which file of the repository a link in the data names.

A relative link in a description or in ``links`` is written from the
release's page, as nova-specs writes them: from
``priorities/pike-priorities.rst`` (published as
``priorities/pike-priorities.html``), ``../specs/pike/approved/x.html``
names the spec whose source is ``specs/pike/approved/x.rst``. The
published tree mirrors the folder ``published-root`` of the repository
(nova-specs: the repository itself, through doc/source's symlinks).

``validate`` reports a link whose file is not in the repository, or that
leads out of the published tree. A page that moved may be listed in a
redirects file (``redirects-file``, nova-specs' ``redirects``: lines
``old.rst new.rst``, relative to the file's folder), as nova-specs' docs
job turns those into redirecting pages. The Sphinx extension uses
:meth:`Published.source_of` to rebase the link for the page showing it.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Callable
from typing import Protocol

from .config import Config
from .files import read_text
from .layout import Release
from .problems import Problem, ProblemError

MAX_REDIRECTS = 5  # hops; a loop or a chain longer than this names nothing


class RepositoryFiles(Protocol):
    """The files of the repository (paths ``/``-separated, from its root),
    on disk or in a git tree."""

    def exists(self, path: str) -> bool: ...

    def read(self, path: str) -> str | None: ...


@dataclasses.dataclass(frozen=True)
class DiskFiles:
    root: str

    def exists(self, path: str) -> bool:
        return os.path.exists(os.path.join(self.root, path))

    def read(self, path: str) -> str | None:
        try:
            return read_text(os.path.join(self.root, path))
        except (OSError, ProblemError):
            return None


@dataclasses.dataclass
class Published:
    """The published tree of one repository, for its relative links."""

    config: Config
    files: RepositoryFiles
    _redirects: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)

    def page_of(self, release: str) -> str:
        """The repository path of ``release``'s page."""
        return Release(release, self.config.data_dir, self.config).page_path

    def target_of(self, url: str, release: str) -> str | None:
        """The repository path ``url`` names from the release's page (None:
        not a relative link to a file); ``..`` when it leads out of the
        published tree."""
        from .urls import relative_path  # not on a warm hook run's path

        path = relative_path(url)
        if path is None:
            return None
        folder = posixpath.dirname(self.page_of(release))
        target = posixpath.normpath(posixpath.join(folder, path))
        if path.endswith("/"):
            target += "/"
        root = posixpath.normpath(self.config.published_root)
        if root != "." and not (target + "/").startswith(root + "/"):
            return ".."
        return ".." if _leads_out(target) else target

    def source_of(self, url: str, release: str) -> str | None:
        """The repository file a relative link names, after redirects: the
        ``.rst`` source of an ``.html`` page, a folder's ``index.rst``."""
        return self.path_of(url, release)[1]

    def path_of(self, url: str, release: str) -> tuple[list[str], str | None]:
        """The paths a relative link goes through (the file it names, then
        each file a redirect names, the one found last) and the one found
        (:meth:`source_of`, None when none is)."""
        target = self.target_of(url, release)
        if target is None or target == "..":
            return [], None
        path: list[str] = []
        for _ in range(MAX_REDIRECTS):
            candidates = _candidates(target)
            for candidate in candidates:
                if self.files.exists(candidate):
                    return [*path, candidate], candidate
            path.append(candidates[-1])
            moved = self._redirected(candidates[-1])
            if moved is None:
                return path, None
            target = moved
        return path, None

    def broken_links(
        self,
        links: list[tuple[str, Problem]],
        release_of: Callable[[str], str | None],
    ) -> list[Problem]:
        """The ``links`` (url, where it is) that name nothing; ``release_of``
        gives a file's release."""
        found = []
        for url, where in links:
            release = release_of(where.path)
            why = self.link_problem(url, release) if release else None
            if why is not None:
                message = where.message + why.removeprefix(f"the link {url!r}")
                found.append(dataclasses.replace(where, message=message, rule="links"))
        return found

    def link_problem(self, url: str, release: str) -> str | None:
        """Why the relative link ``url`` names nothing, or None."""
        target = self.target_of(url, release)
        if target is None:
            return None
        if target == "..":
            tree = self.config.published_root
            where = "the repository" if tree == "." else f"the published tree {tree}/"
            return (
                f"the link {url!r} leads out of {where}; link a file inside it, or "
                "write the full https:// URL"
            )
        if self.source_of(url, release) is not None:
            return None
        named = _candidates(target)[-1]
        return (
            f"the link {url!r} names {named}, which is not in the repository "
            "(links are relative to the release's page, "
            f"{self.page_of(release)}); fix the link"
        )

    def _redirected(self, path: str) -> str | None:
        """Where a redirects file above ``path`` says it moved, or None."""
        name = self.config.redirects_file
        if not name:
            return None
        folder = posixpath.dirname(path)
        while True:
            moves = self._moves(posixpath.join(folder, name) if folder else name)
            if path in moves:
                return moves[path]
            if not folder:
                return None
            folder = posixpath.dirname(folder)

    def _moves(self, redirects: str) -> dict[str, str]:
        if redirects not in self._redirects:
            text = self.files.read(redirects) or ""
            self._redirects[redirects] = redirect_moves(redirects, text)
        return self._redirects[redirects]


def redirect_moves(redirects: str, text: str) -> dict[str, str]:
    """The lines of the redirects file ``redirects`` (its ``text``) as
    repository paths: old -> new. A line that leads out of the repository
    moves nothing (a link through it would name a file outside)."""
    moves: dict[str, str] = {}
    folder = posixpath.dirname(redirects)
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            old = posixpath.normpath(posixpath.join(folder, parts[0]))
            new = posixpath.normpath(posixpath.join(posixpath.dirname(old), parts[1]))
            if not any(_leads_out(path) for path in (old, new)):
                moves[old] = new
    return moves


def _leads_out(path: str) -> bool:
    """Whether a normalized repository path leads out of the repository."""
    return path == ".." or path.startswith("../") or path.startswith("/")


def _candidates(target: str) -> list[str]:
    """The files a link names, the likeliest source last: ``x.html`` is
    built from ``x.rst``; a folder shows its ``index``."""
    if target.endswith("/"):
        return [target + "index.html", target + "index.rst"]
    if target.endswith(".html"):
        return [target, target[: -len(".html")] + ".rst"]
    return [target]
