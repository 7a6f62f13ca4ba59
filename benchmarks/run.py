"""Benchmarks: whole processes on synthetic repositories, against check-jsonschema.

Run on demand (not part of the test suite), installed as users install it
(an editable install adds its import hook, about 13 ms, to every start)::

    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install '.[bench]'
    /tmp/bench/bin/python benchmarks/run.py            # N = 1, 100, 1000, 10000
    PER_RELEASE=1000 MIX=markup /tmp/bench/bin/python benchmarks/run.py --runs 3

For each N it builds a git repository of N priority files spread over
releases of ten (``PER_RELEASE=1000`` in the environment: of a thousand),
renders the pages and commits, then times each command over several
runs: median wall time and peak memory (maxrss of the process).
check-jsonschema, the peer pre-commit hook, runs on the same files with
the same schema; ``python -c "import jsonschema, yaml"`` is the floor any
Python hook pays.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOOL = str(BIN / "nova-priorities")
SCHEMA = ROOT / "schema" / "priority.schema.json"
PER_RELEASE = int(os.environ.get("PER_RELEASE", "10"))
# "kilo": one description in five with inline markup, as the Kilo page;
# "markup": every description with a spec link and a bullet list.
MIX = os.environ.get("MIX", "kilo")

WORDS = (
    "cells", "scheduler", "placement", "api", "microversion", "objects",
    "upgrade", "database", "network", "neutron", "quota", "policy", "console",
    "migration", "resize", "compute", "volume", "image", "metadata",
    "notification", "versioned", "flavor", "host", "aggregate", "ironic",
    "libvirt", "hyperv", "vmware", "testing", "functional", "gate", "bugs",
)  # fmt: skip


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def priority_file(rng: random.Random, index: int) -> str:
    """A priority of realistic size: like the Kilo ones, some with markup."""
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
    lines = [
        f"title: {title} {index}",
        f"position: {index % PER_RELEASE + 1}",
        "owners:",
    ]
    for person in rng.sample(range(1, 200), rng.randint(1, 3)):
        lines += [f"  - name: Person {person}", f"    launchpad: person-{person}"]
    lines.append("description: |")
    text = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 5)))
    markup = MIX == "markup" or rng.random() < 0.2  # "kilo": one in five
    if markup:
        text += " See `the spec <https://specs.openstack.org/x.html>`__ and *notes*."
    words = text.split()
    while words:
        line, words = words[:12], words[12:]
        lines.append("  " + " ".join(line))
    if MIX == "markup":  # as nova-specs' later pages: spec links, bullet lists
        lines.append("")
        for item in range(rng.randint(2, 4)):
            lines.append(
                f"  * `spec {item} <https://review.openstack.org/#/c/{index}{item}/>`__"
                f" ``{rng.choice(WORDS)}``: {sentence(rng, rng.randint(4, 8))}"
            )
    lines.append("links:")
    for link in range(rng.randint(1, 2)):
        lines += [
            f"  - title: etherpad {link}",
            f"    url: https://etherpad.openstack.org/p/bench-{index}-{link}",
        ]
    return "\n".join(lines) + "\n"


def make_repository(folder: Path, count: int) -> list[Path]:
    rng = random.Random(count)
    files = []
    for index in range(count):
        release = folder / "priorities" / f"r{index // PER_RELEASE:04d}"
        release.mkdir(parents=True, exist_ok=True)
        path = release / f"priority-{index:05d}.yaml"
        path.write_text(priority_file(rng, index))
        files.append(path)
    run([TOOL, "render"], folder)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "base")
    # The change under review: one file edited, its page regenerated.
    files[0].write_text(files[0].read_text().replace("title: ", "title: Changed ", 1))
    run([TOOL, "render"], folder)
    git(folder, "commit", "-qam", "change")
    # The next commit being made: one more edit, staged with its page (as
    # pre-commit leaves the working tree: the index's content).
    files[0].write_text(files[0].read_text().replace("Changed ", "Edited ", 1))
    run([TOOL, "render"], folder)
    git(folder, "add", "-A")
    return files


def edit(folder: Path, path: Path, count: int) -> None:
    """Give ``path`` a title it never had, and stage it."""
    lines = path.read_text().splitlines(keepends=True)
    lines[0] = f"title: Edited for run {count} of {time.time_ns()}\n"
    path.write_text("".join(lines))
    git(folder, "add", str(path.relative_to(folder)))


def git(folder: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    subprocess.run(["git", *args], cwd=folder, check=True, env=env)


def run(
    command: list[str], folder: Path, cache: str = "off"
) -> tuple[float, float, int]:
    """Wall seconds, peak MiB and exit code of one run of ``command``.

    ``cache`` is nova-priorities' result cache folder, or "off".
    """
    environment = {**os.environ, "NOVA_PRIORITIES_CACHE": cache}
    # As installed for real: bytecode compiled once, then read at start-up.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(
    command: list[str],
    folder: Path,
    runs: int,
    cache: str,
    peer: list[str] | None = None,
    *,
    edited: Path | None = None,
) -> tuple[float, float, int, float | None]:
    """Median time, peak memory, last exit code over ``runs`` runs, and the
    median ratio to ``peer`` (run just before each run: the machine's speed
    drifts from minute to minute, a pair of runs shares it).

    cache "cold": an empty cache each run (what CI sees); "warm": a cache
    filled by one run first (a contributor's second commit); "edited": warm,
    and file ``edited`` edited again and staged before each run (a commit
    of that file: what the hooks see).
    """
    warm = tempfile.mkdtemp(prefix="bench-cache-")
    if cache in ("warm", "edited"):
        run(command, folder, warm)
    results, ratios = [], []
    for count in range(runs):
        if cache == "edited" and edited is not None:
            edit(folder, edited, count)
        before = run(peer, folder)[0] if peer else None
        if cache in ("warm", "edited"):
            results.append(run(command, folder, warm))
        else:
            cold = tempfile.mkdtemp(prefix="bench-cache-")
            results.append(run(command, folder, cold))
            shutil.rmtree(cold)
        if before:
            ratios.append(results[-1][0] / before)
    shutil.rmtree(warm)
    return (
        statistics.median(r[0] for r in results),
        max(r[1] for r in results),
        results[-1][2],
        statistics.median(ratios) if ratios else None,
    )


def commands(files: list[Path], folder: Path) -> dict[str, tuple[list[str], str]]:
    """Name -> (command, cache): see :func:`measure`."""
    one = str(files[0].relative_to(folder))
    every = [str(f.relative_to(folder)) for f in files]
    checker = str(BIN / "check-jsonschema")
    floor = [sys.executable, "-c", "import jsonschema, yaml"]
    return {
        "floor: import jsonschema, yaml": (floor, "off"),
        "check-jsonschema one file": (
            [checker, "--schemafile", str(SCHEMA), one],
            "off",
        ),
        "validate one file": ([TOOL, "validate", one], "cold"),
        # the paths of a commit: the hooks as pre-commit calls them, on a
        # file edited since the last run (the rest of the repository cached)
        "hook: validate the edited file": ([TOOL, "validate", one], "edited"),
        "hook: validate --staged, edited": ([TOOL, "validate", "--staged"], "edited"),
        "hook: render --files edited": ([TOOL, "render", "--files", one], "edited"),
        "validate all files, cold cache": ([TOOL, "validate"], "cold"),
        "validate all files, warm cache": ([TOOL, "validate"], "warm"),
        "check-jsonschema all files": (
            [checker, "--schemafile", str(SCHEMA), *every],
            "off",
        ),
        "render all releases, cold cache": ([TOOL, "render"], "cold"),
        "render all releases, warm cache": ([TOOL, "render"], "warm"),
        "check-change, fresh cache": ([TOOL, "check-change"], "cold"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--only", nargs="+", default=[], help="the commands whose name holds these"
    )
    parser.add_argument("--no-hostile", action="store_true")
    args = parser.parse_args()
    if not shutil.which("check-jsonschema", path=str(BIN)):
        print("install the bench extra: pip install '.[bench]'", file=sys.stderr)
        return 2
    compile_bytecode()
    # first, while this process is small
    hostile = [] if args.no_hostile else hostile_rows(args.runs)
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as temporary:
            folder = Path(temporary)
            files = make_repository(folder, size)
            runs = args.runs if size < 10000 else max(3, args.runs // 2)
            every = commands(files, folder)
            for name, (command, cache) in every.items():
                wanted = not args.only or "check-jsonschema" in name
                if not wanted and not any(part in name for part in args.only):
                    continue
                compared = every[peer(name)][0] if peer(name) else None
                seconds, mib, code, ratio = measure(
                    command, folder, runs, cache, compared, edited=files[0]
                )
                rows.append(
                    {
                        "n": size,
                        "command": name,
                        "seconds": seconds,
                        "peak_mib": mib,
                        "exit": code,
                        "ratio": ratio,
                    }
                )
                print(
                    f"N={size:>5} {name:<34} {seconds:7.3f} s {mib:6.1f} MiB "
                    f"exit {code}",
                    file=sys.stderr,
                )
    print(table(rows))
    print()
    print(hostile_table(hostile))
    print(
        f"\nMachine: {machine()}; Python {platform.python_version()}; median of "
        f"{args.runs} runs ({max(3, args.runs // 2)} at N = 10000); releases of "
        f"{PER_RELEASE}, data mix {MIX!r}."
    )
    if args.json:
        Path(args.json).write_text(json.dumps(rows + hostile, indent=2))
    return 0


# The peak memory the kernel reports for a command includes this process's
# at the command's start; so this process stays small: a child writes the
# corpus, which holds a 10 MB file, and the hostile rows run before the
# large repositories are built.
WRITE_CORPUS = """
import sys
from pathlib import Path
from hostile_corpus import CORPUS
for name, (make, _) in CORPUS.items():
    release = Path(sys.argv[1]) / name / "priorities" / "kilo"
    release.mkdir(parents=True)
    (release / f"{name}.yaml").write_bytes(make())
print("\\n".join(sorted(CORPUS)))
"""


def hostile_rows(runs: int) -> list[dict[str, float | int | str]]:
    """``validate`` of each file of the tests' hostile corpus, alone in its
    repository: each must be refused (exit 1) within a second."""
    rows: list[dict[str, float | int | str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as temporary:
        written = subprocess.run(
            [sys.executable, "-c", WRITE_CORPUS, temporary],
            env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
            capture_output=True,
            text=True,
            check=True,
        )
        for name in written.stdout.split():
            command = [TOOL, "validate", f"priorities/kilo/{name}.yaml"]
            seconds, mib, code, _ = measure(
                command, Path(temporary, name), runs, "cold"
            )
            rows.append(
                {"hostile": name, "seconds": seconds, "peak_mib": mib, "exit": code}
            )
            print(f"hostile {name:<29} {seconds:7.3f} s exit {code}", file=sys.stderr)
    return rows


def hostile_table(rows: list[dict[str, float | int | str]]) -> str:
    lines = [
        "| hostile file | median (s) | peak (MiB) | exit |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {row['hostile']} | {float(row['seconds']):.3f} | "
        f"{float(row['peak_mib']):.1f} | {row['exit']} |"
        for row in rows
    ]
    return "\n".join(lines)


def compile_bytecode() -> None:
    """Write the bytecode pip writes for a wheel (an editable install has
    none until a run writes it), so that no run pays for compiling."""
    import compileall
    import importlib.util

    for package in ("nova_priorities.hooks", "nova_priorities.sphinxext"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)


def peer(command: str) -> str:
    """The check-jsonschema run a command is compared with: the same files."""
    if "all files" in command and command.startswith("validate"):
        return "check-jsonschema all files"
    if command.startswith(("validate", "hook", "check-change")):
        return "check-jsonschema one file"
    return ""  # the peer itself, the floor, render of every release


# Commands that regenerate a page on every run (its file was edited), and
# say so with exit 1.
REGENERATES = {"hook: render --files edited"}


def table(rows: list[dict[str, Any]]) -> str:
    """Times, and each as a multiple of check-jsonschema's on the same files
    run just before it (below 1: faster; the median of the runs' ratios)."""
    lines = [
        "| N | command | median (s) | peak (MiB) | time / check-jsonschema |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
        expected = 1 if row["command"] in REGENERATES else 0
        failed = ""
        if row["exit"] != expected:
            failed = f" (exit {row['exit']}: look into it)"
        lines.append(
            f"| {row['n']} | {row['command']}{failed} | {float(row['seconds']):.3f} | "
            f"{float(row['peak_mib']):.1f} | {ratio} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


if __name__ == "__main__":
    raise SystemExit(main())
