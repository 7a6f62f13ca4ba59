"""The oracle test: whatever validate accepts publishes as safe HTML.

Hypothesis composes hostile priorities from RST constructs (targets,
substitutions, roles, directives and their aliases, anonymous, embedded
and standalone links, field lists, comments, region markers) and hostile
titles, names, URLs and folder names. Whatever the checks accept is
rendered and published, and the HTML read back: every ``href``/``src`` is
http(s), mailto, relative or a fragment, and nothing runs script
(:mod:`htmloracle`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import SCRIPT
from docutils.core import publish_parts
from htmloracle import baseline_elements, violations
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nova_priorities.hooks.config import Config
from nova_priorities.hooks.layout import PriorityFile, Release
from nova_priorities.hooks.page import render_page
from nova_priorities.hooks.runner import check_sources
from nova_priorities.hooks.sources import constant_source

pytestmark = pytest.mark.slow

URLS = st.sampled_from(
    [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=", "//evil.example/x",
        "\\\\evil.example/x", "file:///etc/passwd", "java%0ascript:x",
        "https://ok.example/x", "HTTPS://OK.EXAMPLE", "mailto:a@b.example",
        "approved/x.html", "../x.html", "#top", "https://ok.example/x_",
        "https://ok.example/a(b)c", "https://ok.example/\u200bx",
        "https://evil.example/y", "https://www.ok.example/z",
    ]
)  # fmt: skip
# link texts a reader takes for an address (or not: a file name)
ADDRESSES = st.sampled_from(
    [
        "https://ok.example/x", "HTTPS://OK.EXAMPLE.", "www.ok.example",
        "docs.ok.example", "ok.example/x", "ok.example", "nova.conf",
        "http://ok.example:8080/x", "https://evil.example/y", "\u200bok.example/x",
        "a@b.example", "mailto:a@b.example", "ptl@ok.example",
    ]
)  # fmt: skip
DIRECTIVES = st.sampled_from(
    [
        "raw:: html", "RAW:: html", "include:: /etc/passwd", "image::", "Image::",
        "figure::", "meta::", "header::", "footer::", "default-role:: raw",
        "role:: priority(literal)", "role:: x(raw)", "title:: x", "contents::",
        "sectnum::", "section-numbering::", "SECTNUM::", "target-notes::",
        "csv-table:: x\n   :file: /etc/passwd", "csv-table:: x\n   :url: {url}",
        "note::", "code:: html", "class:: x", "unicode:: 0x41", "replace:: {url}",
        "parsed-literal::", "container::", "topic:: T", "sidebar:: S",
    ]
)  # fmt: skip
NAMES = st.sampled_from(
    ["Cells v2", "cells", "priority-kilo-p0", "kilo-priorities", "Sean Dague",
     "notes", "x", "Objects"]
)  # fmt: skip
TEXT = st.sampled_from(
    ["Cells v2", "a@b.example", "https://evil.example/x", "`x <javascript:a>`__",
     "|s|", ".. raw:: html", "- item", "<script>alert(1)</script>", "_`t`",
     ":raw:`<b>`", "Plain words", "Objects", "Sean Dague", "[#]_", "**b**"]
)  # fmt: skip


@st.composite
def fragment(draw: st.DrawFn) -> str:
    """One RST construct, with hostile parts."""
    url, name, address = draw(URLS), draw(NAMES), draw(ADDRESSES)
    directive = draw(DIRECTIVES).replace("{url}", url)
    return draw(
        st.sampled_from(
            [
                f"See `notes <{url}>`__.",
                f"See `notes <{url}>`_.",
                f"Bare {url} here.",
                f".. _{name}: {url}\n\nSee `{name}`_.",
                f".. _{name}:\n\nText.",
                f"See |s|.\n\n.. |s| replace:: `y <{url}>`__",
                f"See `anon`__.\n\n.. __: {url}",
                f".. {directive}\n\n   body",
                f":field: {url}\n:other: `z <{url}>`__",
                f".. comment {url}",
                "A :raw:`<b>` role and :title-reference:`t`.",
                "<script>x</script>",
                f"See `{name}`_ and [#]_.\n\n.. [#] A note.",
                ".. nova-priorities:end:sections",
                f"* `l <{url}>`__\n* two",
                # the usual markup, recognized without docutils (rst_simple)
                f"Text *with* ``code`` and `l <{url}>`__,\nonto `m\n<{url}>`__.",
                f"* `l <{url}>`__ ``c``: x\n* **b** `m <{url}>`__\n  (`n <{url}>`__).",
                f"`l <{url}>`__`m <{url}>`__ and *`e <{url}>`__*",
                f".. [{name}] A citation.",
                f"See `{address} <{url}>`__ and `{address}`_.\n\n.. _{address}: {url}",
            ]
        )
    )


@st.composite
def priority_file(draw: st.DrawFn, position: int) -> str:
    """A priority file of hostile text, as JSON (any string is expressible)."""
    data: dict[str, object] = {
        "title": draw(TEXT) + f" {position}",
        "position": position,
    }
    if draw(st.booleans()):
        data["owners"] = [{"name": draw(TEXT), "launchpad": f"id{position}"}]
    if draw(st.booleans()):
        title = draw(st.one_of(TEXT, ADDRESSES))
        data["links"] = [{"title": title, "url": draw(URLS)}]
    data["description"] = "\n\n".join(
        draw(st.lists(fragment(), min_size=1, max_size=3))
    )
    return json.dumps(data)


def _accepted(texts: list[str]) -> list[object]:
    files = [
        PriorityFile(f"priorities/kilo/p{i}.json", "kilo") for i in range(len(texts))
    ]
    sources = [constant_source(f, t) for f, t in zip(files, texts, strict=True)]
    report = check_sources(sources)
    broken = {p.path for p in report.problems if p.severity == "error"}
    return [p for p in report.priorities if p.path not in broken]


@settings(
    max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.integers(1, 1), min_size=1, max_size=3).flatmap(
    lambda ones: st.tuples(*(priority_file(i + 1) for i in range(len(ones))))
))  # fmt: skip
def test_docutils_publishes_what_validate_accepts_safely(
    texts: tuple[str, ...],
) -> None:
    priorities = _accepted(list(texts))
    event(f"{len(priorities)} of {len(texts)} accepted")
    release = Release("kilo", "priorities", Config(root="."))
    page = render_page("kilo-priorities.rst", None, release, priorities)  # type: ignore[arg-type]
    # As a docs build publishes it: docutils' defaults, raw and files allowed.
    html = publish_parts(page, writer="html5", settings_overrides={"report_level": 5})
    assert violations(html["html_body"]) == [], page


@pytest.fixture(scope="module")
def sphinx_baseline(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """What the theme puts on a page by itself."""
    source = tmp_path_factory.mktemp("baseline")
    (source / "conf.py").write_text("")
    (source / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   a\n   b\n")
    for name in ("a", "b"):  # pages with a previous and a next page
        (source / f"{name}.rst").write_text(f"{name}\n=\n\nText.\n")
    out = source / "_out"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(out)],
        check=True,
        capture_output=True,
    )
    found: set[str] = set()
    for html in out.glob("*.html"):  # the page, search, the index
        found |= baseline_elements(html.read_text())
    return found


FOLDERS = st.sampled_from(
    ["kilo", "kilo`x <javascript:a>`__", "kilo\n.. raw:: html", "Kilo", "2023.1"]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FOLDERS, st.lists(st.integers(1, 1), min_size=4, max_size=10).flatmap(
    lambda ones: st.tuples(*(priority_file(i + 1) for i in range(len(ones))))
))  # fmt: skip
def test_sphinx_publishes_what_validate_accepts_safely(
    sphinx_baseline: set[str], folder: str, texts: tuple[str, ...]
) -> None:
    root = Path(tempfile.mkdtemp(prefix="oracle-"))
    try:
        _build_and_check(root, folder, texts, sphinx_baseline)
    finally:
        shutil.rmtree(root)


def _build_and_check(
    root: Path, folder: str, texts: tuple[str, ...], baseline: set[str]
) -> None:
    (root / ".git").mkdir()
    release = root / "priorities" / folder
    release.mkdir(parents=True)
    for index, text in enumerate(texts):
        (release / f"p{index + 1}.json").write_text(text)
    env = {**os.environ, "NOVA_PRIORITIES_CACHE": "off"}
    # The page of what validate accepts: the refused files go first.
    checked = subprocess.run(
        [SCRIPT, "validate", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    for result in json.loads(checked.stdout)["files"]:
        if not result["ok"] and os.path.isfile(root / result["path"]):
            os.unlink(root / result["path"])
    subprocess.run(
        [SCRIPT, "render"], cwd=root, capture_output=True, env=env, check=False
    )
    event(f"{len(list((root / 'priorities').glob('*.rst')))} generated page(s)")
    source = root / "doc"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["nova_priorities.sphinxext"]\n')
    pages = sorted((root / "priorities").glob("*.rst"))
    for page in pages:
        shutil.copy(page, source / page.name)
    toctree = "".join(f"   {p.stem}\n" for p in pages)
    (source / "index.rst").write_text(
        f"Index\n=====\n\n.. priorities-table:: {folder.splitlines()[0]}\n"
        f"   :sections:\n   :columns: priority, owners, links\n\n"
        f"See :priority:`kilo/p1`.\n\n.. toctree::\n\n{toctree}"
    )
    out = root / "_out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-j",
            "2",
            "-q",
            "-b",
            "html",
            str(source),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert "Traceback" not in result.stderr, result.stderr
    for html in out.glob("*.html"):
        assert violations(html.read_text(), baseline) == [], html.name
