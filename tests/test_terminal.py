"""What the commands print cannot drive the reader's terminal.

Specs and pages are not priority data: their text is checked by nobody,
and anyone can propose one. A spec title holding an escape sequence (OSC
52 writes the clipboard, OSC 0 the window title, CSI clears the screen), a
lone carriage return that overwrites what was printed, or a bidirectional
control that reorders it, reaches the terminal of the reviewer who lists
the specs of a change they checked out.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import SCRIPT, WriteFile, run_cli
from hypothesis import given
from hypothesis import strategies as st

from nova_priorities.hooks.terminal import terminal_safe

# what a terminal acts on: C0 and C1 controls (but the line ends and tabs
# we print), DEL, line and paragraph separators, and the bidirectional
# embeddings, overrides and isolates (written out here, not imported: the
# test must not take the code's word for it)
DRIVES_A_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069]|\r(?!\n)"
)
HOSTILE = (
    "Clip \x1b]52;c;Y3VybCBldmlsfHNo\x07 clear \x1b[2J\x1b[H c1 \x9b2J "
    "bidi \u202eevil\u202c over\rwritten"
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain, Balázs, 北京\n\tnext", "plain, Balázs, 北京\n\tnext"),
        ("\x1b]0;t\x07", "\\u001b]0;t\\u0007"),
        ("a\rb\r\n", "a\\u000db\r\n"),
        ("\x9b\u202e\u2028", "\\u009b\\u202e\\u2028"),
        # the colours our reporters print pass; any other sequence does not
        ("\x1b[1mx\x1b[0m \x1b[33mw\x1b[0m", "\x1b[1mx\x1b[0m \x1b[33mw\x1b[0m"),
        ("\x1b[1;5m \x1b[8m", "\\u001b[1;5m \\u001b[8m"),
    ],
)
def test_terminal_safe(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown


# text with every character class in it, the dangerous ones often
TEXTS = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from("\x1b\r\n\t\x9b\u202e\u2028[0123m;"),
    )
)


@given(TEXTS)
def test_nothing_that_drives_a_terminal_is_left(text: str) -> None:
    # (our own colours are let through)
    shown = re.sub(r"\x1b\[(?:0|1|31|32|33)m", "", terminal_safe(text))
    assert not DRIVES_A_TERMINAL.search(shown)


@given(
    st.recursive(TEXTS, lambda inner: st.lists(inner) | st.dictionaries(TEXTS, inner))
)
def test_json_stays_json_and_means_the_same(data: object) -> None:
    printed = terminal_safe(json.dumps(data, indent=2, ensure_ascii=False))
    assert json.loads(printed) == data


def hostile_spec(write: WriteFile, name: str = "evil.rst") -> None:
    title = HOSTILE.replace("\r", " ")  # a title is one line
    write(
        f"specs/kilo/approved/{name}",
        f"{title}\n{'=' * (len(title) + 4)}\n\n"
        "https://blueprints.launchpad.net/nova/+spec/evil\n\nBody.\n",
    )


def test_a_hostile_spec_title_is_shown_escaped(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    hostile_spec(write)
    text = run_cli("specs", "kilo")
    assert not DRIVES_A_TERMINAL.search(text.stdout), repr(text.stdout)
    assert "Clip \\u001b]52;c;Y3VybCBldmlsfHNo\\u0007 clear" in text.stdout
    # The JSON stays JSON, and says exactly what the spec says.
    listed = run_cli("specs", "kilo", "--format", "json")
    assert not DRIVES_A_TERMINAL.search(listed.stdout)
    (document,) = json.loads(listed.stdout)
    (spec,) = document["without_priority"]
    assert spec["title"] == HOSTILE.replace("\r", " ")


def test_a_hostile_file_name_is_shown_escaped(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    hostile_spec(write, "x\x1b[2J\u202e.rst")
    listed = run_cli("specs", "kilo").stdout
    assert "specs/kilo/approved/x\\u001b[2J\\u202e.rst" in listed
    for command in (["specs", "kilo"], ["link-specs", "kilo"], ["validate"]):
        result = run_cli(*command)
        output = result.stdout + result.stderr
        assert not DRIVES_A_TERMINAL.search(output), (command, output)


def test_a_hostile_page_diff_is_shown_escaped(repo: Path, write: WriteFile) -> None:
    """render --check prints the lines of a page a change brings; a page
    with Windows line ends keeps them (a CR before LF moves nothing)."""
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: 1\n")
    assert run_cli("render").returncode == 1  # writes the page
    page = repo / "priorities" / "kilo-priorities.rst"
    text = page.read_text().replace("\nCells\n", "\n\x1b]52;c;eA==\x07Cells\n")
    page.write_bytes(text.replace("\n", "\r\n").encode())
    # as bytes: text mode would turn the CRLFs into line ends
    result = subprocess.run(
        [SCRIPT, "render", "--check"], check=False, capture_output=True
    )
    assert result.returncode == 1
    shown = result.stdout.decode()
    assert "-\\u001b]52;c;eA==\\u0007Cells\r\n" in shown
    assert not DRIVES_A_TERMINAL.search(shown)


def test_colours_still_reach_the_terminal(repo: Path, write: WriteFile) -> None:
    write("priorities/kilo/cells.yaml", "title: Cells\nposition: x\n")
    result = run_cli("validate", "--color", "always")
    assert "\x1b[1mpriorities/kilo/cells.yaml:2:11:\x1b[0m" in result.stdout


def test_what_the_data_may_hold_is_exported_as_it_is(
    repo: Path, write: WriteFile
) -> None:
    """The filter escapes only what the rules refuse in data: a title the
    checks accept (here with the left-to-right and Arabic letter marks,
    which set no direction of their own) comes out of the YAML and CSV
    exports unchanged, not as a literal backslash escape."""
    import csv
    import io

    import yaml

    title = "Cells\u200e v2 \u061c\u200f"
    write("priorities/kilo/cells.yaml", f'title: "{title}"\nposition: 1\n')
    assert run_cli("validate").returncode == 0
    exported = yaml.safe_load(run_cli("list", "--format", "yaml").stdout)
    assert exported["releases"][0]["priorities"][0]["title"] == title
    rows = list(csv.DictReader(io.StringIO(run_cli("list", "--format", "csv").stdout)))
    assert rows[0]["title"] == title
