"""Forked: a function computed in a child process while the caller goes on;
halved_map: half of a map computed so."""

from __future__ import annotations

import os
import time

import pytest

from nova_priorities.hooks.workers import Forked, halved_map


def test_the_function_runs_in_a_child_process() -> None:
    assert Forked(os.getpid).result() != os.getpid()


def test_a_value_larger_than_a_pipe_holds_comes_back_whole() -> None:
    """The child writes while this process reads (no deadlock on a full pipe)."""
    value = {"text": "é" * 1_000_000, "list": list(range(50_000))}
    assert Forked(lambda: value).result() == value


def test_a_child_that_fails_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def only_here() -> str:
        if os.getpid() != parent:
            raise RuntimeError("the child cannot")
        return "computed here"

    assert Forked(only_here).result() == "computed here"


def test_an_error_of_the_function_itself_reaches_the_caller() -> None:
    """Not lost in the child: computed again here, where it raises."""

    def broken() -> None:
        raise ValueError("a real bug")

    with pytest.raises(ValueError, match="a real bug"):
        Forked(broken).result()


def test_cancel_stops_the_child_and_reaps_it() -> None:
    forked = Forked(lambda: time.sleep(60))
    pid = forked.pid
    started = time.monotonic()
    forked.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # gone, and no zombie left
        os.waitpid(pid, os.WNOHANG)
    forked.cancel()  # twice: nothing left to do


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_no_process_to_spare_computes_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """fork failing (EAGAIN), or no fork at all: computed in this process,
    and no pipe left open."""
    before = open_descriptors()

    def refused() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert Forked(os.getpid).result() == os.getpid()
    assert open_descriptors() == before
    monkeypatch.delattr(os, "fork")
    assert Forked(os.getpid).result() == os.getpid()


def test_halved_map_computes_the_second_half_in_a_child_in_order() -> None:
    sent = []

    def send(result: tuple[int, int]) -> list[int]:
        sent.append(result)  # in the child: this process' list stays empty
        return list(result)

    found = halved_map(lambda n: (n * n, os.getpid()), range(7), send, tuple)
    assert [square for square, _ in found] == [n * n for n in range(7)]
    pids = [pid for _, pid in found]
    assert pids[:3] == [os.getpid()] * 3
    assert os.getpid() not in pids[3:] and len(set(pids[3:])) == 1
    assert sent == []


def test_halved_map_with_no_fork_computes_everything_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(os, "fork")
    found = halved_map(lambda n: (n, os.getpid()), range(5), list, tuple)
    assert found == [(n, os.getpid()) for n in range(5)]


def test_halved_map_stops_its_child_when_this_half_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    def slow_or_broken(n: int) -> int:
        if n == 0:
            raise ValueError("broken here")
        time.sleep(60)  # the child's half: would outlive the caller
        return n

    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(ValueError, match="broken here"):
        halved_map(slow_or_broken, [0, 1], int, int)
    assert len(started) == 1
    with pytest.raises(ChildProcessError):  # stopped and reaped
        os.waitpid(started[0], os.WNOHANG)
