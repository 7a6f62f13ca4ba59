"""Text from a change reaches the published page only as safe text.

One test per class of hole, each with the variants a hostile reviewer
would try; tests/test_oracle.py then builds pages from whatever passes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO_ROOT, WriteFile, run_cli
from docutils.core import publish_parts
from htmloracle import violations
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nova_priorities.hooks.layout import Layout
from nova_priorities.hooks.page import render_page
from nova_priorities.hooks.runner import check_sources
from nova_priorities.hooks.schema_check import is_valid
from nova_priorities.hooks.sources import repository_selection
from nova_priorities.hooks.urls import url_problem

KILO = REPO_ROOT / "priorities" / "kilo"


UNSAFE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "\tjavascript:alert(1)", "java\nscript:alert(1)", "\x01javascript:x",
    "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd", "//evil.example/x", "\\\\evil.example/x",
    "/\\evil.example/x", "x:y",
]  # fmt: skip


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_urls(url: str) -> None:
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://etherpad.openstack.org/p/x", "HTTPS://EXAMPLE.ORG", "http://x",
        "mailto:nova@example.org", "MailTo:a@b", "approved/cells-v2.html",
        "../../specs/kilo/x.html", "#section", "/absolute/path", "a/b:c",
    ],
)  # fmt: skip
def test_safe_urls(url: str) -> None:
    assert url_problem(url) is None


def priority(title: str, position: int, description: str = "", extra: str = "") -> str:
    block = "".join(f"  {line}\n" if line else "\n" for line in description.split("\n"))
    text = f"title: {title}\nposition: {position}\n{extra}"
    return text + (f"description: |\n{block}" if description else "")


def problems(repo: Path) -> list[str]:
    selection = repository_selection(Layout.find())
    report = check_sources(selection.targets, selection.context)
    return [str(p) for p in report.problems]


@pytest.mark.parametrize(
    "description",
    [
        "See `notes <javascript:alert(1)>`__.",
        "See `notes <JaVaScRiPt:alert(1)>`_.",
        "See `notes`_.\n\n.. _notes: data:text/html;base64,PHNjcmlwdD4=",
        "See |x|.\n\n.. |x| replace:: `y <vbscript:msgbox(1)>`__",
        "See `anonymous`__.\n\n.. __: javascript:alert(1)",
        "Plain javascript:alert(1) in text",
        "A link split over lines: `x <java\nscript:alert(1)>`__",
        "See `x <//evil.example/a>`__.",
    ],
)
def test_unsafe_urls_in_descriptions_are_refused(
    repo: Path, write: WriteFile, description: str
) -> None:
    write("priorities/kilo/a.yaml", priority("A", 1, description))
    found = problems(repo)
    assert any("may be published" in p or "names another host" in p for p in found), (
        found
    )
    assert all(p.startswith("priorities/kilo/a.yaml:") for p in found)


def test_a_link_showing_one_address_and_going_to_another_is_refused(
    repo: Path, write: WriteFile
) -> None:
    """The page shows a link's text, not where it goes: a text that reads as
    the Kilo etherpad must go there. Anywhere the page makes a link: a
    description's reference (embedded or named), a link's title, and an
    owner's name (linked to Launchpad)."""
    write(
        "priorities/kilo/a.yaml",
        "title: A\nposition: 1\n"
        "owners:\n  - name: www.openstack.org\n    launchpad: ptl\n"
        "description: |\n"
        "  See `https://etherpad.openstack.org/p/kilo <https://evil.example/p>`__\n"
        "  and `docs.openstack.org/nova`_, `nova.conf <https://x.example/c>`_.\n"
        "\n"
        "  .. _docs.openstack.org/nova: https://evil.example/docs\n"
        "links:\n"
        "  - title: https://etherpad.openstack.org/p/kilo-nova-cells\n"
        "    url: https://evil.example/cells\n"
        "  - title: the etherpad.openstack.org/p/kilo pad\n"  # words: fine
        "    url: https://evil.example/pad\n"
        "  - title: etherpad.openstack.org/p/kilo\n"
        "    url: https://ETHERPAD.openstack.org./p/kilo\n"
        "  - title: ptl@openstack.org\n"  # a mail address: that address only
        "    url: mailto:someone@evil.example\n"
        "  - title: PTL@openstack.org\n"
        "    url: mailto:ptl@OpenStack.org?subject=Kilo\n",
    )
    warned = "show the address it goes to, or words"
    assert problems(repo) == [
        "priorities/kilo/a.yaml:4:11: owners[0].name: the link text "
        "'www.openstack.org' reads as an address on www.openstack.org, but the "
        f"link goes to launchpad.net; {warned}",
        "priorities/kilo/a.yaml:7:3: description: the link text "
        "'https://etherpad.openstack.org/p/kilo' reads as an address on "
        f"etherpad.openstack.org, but the link goes to evil.example; {warned}",
        "priorities/kilo/a.yaml:8:3: description: the link text "
        "'docs.openstack.org/nova' reads as an address on docs.openstack.org, but "
        f"the link goes to evil.example; {warned}",
        "priorities/kilo/a.yaml:12:12: links[0].title: the link text "
        "'https://etherpad.openstack.org/p/kilo-nova-cells' reads as an address on "
        f"etherpad.openstack.org, but the link goes to evil.example; {warned}",
        "priorities/kilo/a.yaml:18:12: links[3].title: the link text "
        "'ptl@openstack.org' reads as the mail address ptl@openstack.org, but the "
        f"link goes to 'someone@evil.example'; {warned}",
    ]


def test_a_reference_that_is_not_a_link_is_refused(
    repo: Path, write: WriteFile
) -> None:
    # a space after "<": not an embedded URL, so an anonymous reference to
    # nothing, which docutils refuses
    write("priorities/kilo/a.yaml", priority("A", 1, "See `x < javascript:a>`__ too."))
    assert problems(repo) == [
        "priorities/kilo/a.yaml:4:3: description: Anonymous hyperlink mismatch: 1 "
        'references but 0 targets. See "backrefs" attribute for IDs.'
    ]


def test_safe_links_in_descriptions_pass(repo: Path, write: WriteFile) -> None:
    write(
        "priorities/kilo/a.yaml",
        priority(
            "A",
            1,
            "See `the spec <approved/a.html>`__, `pad <HTTPS://x.example>`__, "
            "https://example.org, nova@example.org and `B`_.",
        ),
    )
    write("priorities/kilo/b.yaml", priority("B", 2))
    assert problems(repo) == []


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        (".. _B: https://elsewhere.example\n\nSee `B`_.",
         "defines the name 'b', which is the title of priorities/kilo/b.yaml"),
        (".. _Sean Dague: https://elsewhere.example\n\nHi.",
         "defines the name 'sean dague', which is an owner's name on the page"),
        (".. _priority-kilo-b:\n\nHi.", "the name 'priority-kilo-b' is reserved"),
        (".. _kilo-priorities:\n\nHi.", "the name 'kilo-priorities' is reserved"),
        (".. _notes: https://x.example\n\n`notes`_",
         "defines the name 'notes', also defined in priorities/kilo/b.yaml"),
        (".. role:: priority(literal)\n\nHi.",
         "the role directive is not allowed in a description"),
        (".. section-numbering::\n\nHi.",
         "the sectnum directive ('section-numbering') is not allowed"),
        (".. SECTNUM::\n\nHi.", "the sectnum directive ('SECTNUM') is not allowed"),
        (".. Image:: x.png", "the image directive ('Image') is not allowed"),
        (".. RAW:: html\n\n   <b>", "the raw directive is not allowed"),
        ("Hi.\n\n.. nova-priorities:end:sections\n\nMore.",
         "would be read as a region marker of the page"),
    ],
)  # fmt: skip
def test_a_description_cannot_change_the_rest_of_the_page(
    repo: Path, write: WriteFile, description: str, expected: str
) -> None:
    write("priorities/kilo/a.yaml", priority("A", 1, description))
    write(
        "priorities/kilo/b.yaml",
        priority(
            "B",
            2,
            ".. _notes: https://y.example\n\n`notes`_",
            "owners:\n  - {name: Sean Dague, launchpad: sdague}\n",
        ),
    )
    found = [p for p in problems(repo) if p.startswith("priorities/kilo/a.yaml")]
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", '"A\\Lraw"'), ("title", '"A\\Nb"'), ("title", '"A\\Pb"'),
        ("title", '"A\\0b"'), ("title", '"A\\eb"'), ("title", '"A\\u202eb"'),
        ("description", '"x\\ry"'), ("description", '"x\\Ly"'),
    ],
)  # fmt: skip
def test_characters_yaml_escapes_make_are_refused(
    repo: Path, write: WriteFile, field: str, value: str
) -> None:
    text = f"title: A\nposition: 1\n{field}: {value}\n".replace(
        "title: A\nposition: 1\ntitle:", "position: 1\ntitle:"
    )
    write("priorities/kilo/a.yaml", text)
    found = problems(repo)
    assert any("is not allowed here" in p or "not one line" in p for p in found), found


def _html(rst: str) -> str:
    """A page as a default docutils build publishes it (raw allowed)."""
    parts = publish_parts(rst, writer="html5", settings_overrides={"report_level": 5})
    return str(parts["html_body"])


@pytest.mark.parametrize(
    "title",
    ["mail me@example.org", "see https://evil.example/x", "`x <javascript:a>`__",
     ".. raw:: html", "|sub|", "_`target`", ":raw:`<b>`"],
)  # fmt: skip
def test_titles_names_and_headings_are_inert_text(title: str) -> None:
    from nova_priorities.hooks.config import Config
    from nova_priorities.hooks.layout import Release
    from nova_priorities.hooks.model import Owner, Priority

    kilo = Release("kilo", "priorities", Config(root="."))
    item = Priority("kilo", "a", title, 1, owners=(Owner(f"{title} owner", "x"),))
    page = render_page("p.rst", None, kilo, [item])
    page = page.replace(
        ".. nova-priorities:begin:table",
        f'.. nova-priorities:begin:table owner-heading="{title}"',
    )
    html = _html(render_page("p.rst", page, kilo, [item]))
    assert violations(html) == []
    hrefs = [h for h in html.split('href="')[1:] if not h.startswith("#")]
    assert {h.split('"')[0] for h in hrefs} == {"https://launchpad.net/~x"}


def test_folders_that_are_not_release_names_never_become_pages(repo: Path) -> None:
    for name in ("kilo`x <javascript:alert(1)>`__", "kilo\n.. raw:: html", "Kilo"):
        folder = repo / "priorities" / name
        folder.mkdir()
        (folder / "a.yaml").write_text("title: A\nposition: 1\n")
    result = run_cli("render")
    assert result.returncode == 1
    assert sorted(os.listdir(repo / "priorities")) == sorted(
        ["kilo`x <javascript:alert(1)>`__", "kilo\n.. raw:: html", "Kilo"]
    )
    assert run_cli("validate").returncode == 1


def test_symlinks_out_of_the_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.rst"
    secret.write_text("Secret\n======\n\nDo not publish.\n")
    shutil.copytree(KILO, repo / "priorities" / "kilo")
    (repo / "priorities" / "kilo-priorities.rst").symlink_to(secret)
    result = run_cli("render")
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"priorities/kilo-priorities.rst:1:1: is a symlink to {secret}, outside the "
        "repository; it is neither read nor replaced"
    )
    assert secret.read_text() == "Secret\n======\n\nDo not publish.\n"
    assert (repo / "priorities" / "kilo-priorities.rst").is_symlink()
    # A data folder leading out of the repository is neither read nor written.
    shutil.rmtree(repo / "priorities")
    (repo / "priorities").symlink_to(outside)
    for command in (["validate"], ["render"]):
        result = run_cli(*command)
        assert result.returncode == 2
        assert "outside the repository" in result.stderr
    assert sorted(os.listdir(outside)) == ["secret.rst"]


URL_PIECES = st.sampled_from(
    ["javascript", "JaVaScRiPt", "https", "HTTPS", "http", "mailto", "data",
     "vbscript", "file", ":", "//", "/", "\\", " ", "\t", "\n", "%0a", "x", "a.b",
     "@", "#", "?q=1", "..", "\x01", "\u2028"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(URL_PIECES, min_size=1, max_size=6).map("".join))
@example("\x01//")  # a browser strips the control character: another host
def test_the_schema_pattern_and_the_url_rule_agree(url: str) -> None:
    """links[].url is checked by the schema's pattern (the URL rule in
    JSON): whatever it accepts, the rule accepts."""
    data = {"title": "A", "position": 1, "links": [{"title": "l", "url": url}]}
    if is_valid(data):
        assert url_problem(url) is None, url


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_the_schema_refuses_every_unsafe_url(url: str) -> None:
    assert not is_valid(
        {"title": "A", "position": 1, "links": [{"title": "l", "url": url}]}
    )


def test_a_clash_with_a_file_read_only_as_context_is_found(
    repo: Path, write: WriteFile
) -> None:
    """The hook and check-change check the changed file with the rest of its
    release as context: a name that file redefines is still a clash."""
    write(
        "priorities/kilo/old.yaml",
        priority("Old", 1, ".. _notes: https://a.example\n\n`notes`_"),
    )
    new = write(
        "priorities/kilo/new.yaml",
        priority("New", 2, ".. _notes: https://b.example\n\n`notes`_"),
    )
    result = run_cli("validate", str(new.relative_to(repo)))
    assert result.returncode == 1
    assert "defines the name 'notes', also defined in priorities/kilo/old.yaml" in (
        result.stdout
    )
