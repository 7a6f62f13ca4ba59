"""Worker processes: a function mapped over tasks, forked when it pays
(:func:`forked_map`, or :func:`halved_map` for many small tasks), or one
function computed beside the caller's work (:class:`Forked`).

Forked workers inherit the function and the tasks (nothing is pickled on
the way in); only each result is sent back.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 300
# From this many, one child taking half of them pays (see halved_map): a
# file costs about 0.5 ms to read and check, a child about 5 ms to start.
HALVED_FROM = 64

# what forked workers inherit: the function and its tasks
_work: list[tuple[Callable[[Any], Any], Sequence[Any]]] = []


def forked_map(
    function: Callable[[Task], Result], tasks: Sequence[Task], jobs: int
) -> Iterator[Result]:
    """``map(function, tasks)`` in ``jobs`` forked processes, in order."""
    if jobs < 2 or len(tasks) < 2:
        yield from map(function, tasks)
        return
    import multiprocessing

    _work[:] = [(function, tasks)]
    # Each page a worker writes to, of what it inherits, is copied for it:
    # so the garbage collector leaves inherited objects alone, and docutils
    # is imported by each worker, not before forking.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            chunk = max(1, len(tasks) // (jobs * 8))
            yield from pool.imap(_run_at, range(len(tasks)), chunksize=chunk)
    finally:
        gc.unfreeze()
        _work.clear()


def halved_map(
    function: Callable[[Task], Result],
    tasks: Sequence[Task],
    send: Callable[[Result], Any],
    receive: Callable[[Any], Result],
) -> list[Result]:
    """``map(function, tasks)``, its second half computed meanwhile in one
    forked child: for many small tasks, where a pool's start and a result
    per task sent back would cost what they save. ``send`` makes a result
    cheap to pickle; ``receive`` makes it a result again."""
    half = len(tasks) // 2
    theirs = tasks[half:]
    child = Forked(lambda: [send(result) for result in map(function, theirs)])
    try:
        here = list(map(function, tasks[:half]))
    except BaseException:  # the caller gets the error; no child lives on
        child.cancel()
        raise
    return here + [receive(value) for value in child.result()]


def _run_at(index: int) -> Any:
    function, tasks = _work[0]
    return function(tasks[index])


class Forked(Generic[Result]):
    """``function()`` computed in a forked child process, started now, while
    this process goes on with other work.

    :meth:`result` waits for the child's value (computed here instead when
    the child could not send one: no ``fork`` on this system, or the child
    failed); :meth:`cancel` stops a child whose value is no longer wanted.
    The function must not use what it shares with this process beyond
    memory (an open git process, say): its value comes back pickled.
    """

    def __init__(self, function: Callable[[], Result]) -> None:
        self.function = function
        self.pid = 0
        self.reader = -1
        if not hasattr(os, "fork"):
            return
        reader, writer = os.pipe()
        gc.freeze()  # see forked_map; the child keeps them frozen
        try:
            pid = os.fork()
        except OSError:  # no process to spare: computed here when asked
            pid = -1
        if pid == 0:
            _child(function, reader, writer)
        gc.unfreeze()
        os.close(writer)
        if pid == -1:
            os.close(reader)
            return
        self.pid, self.reader = pid, reader

    def result(self) -> Result:
        """The value (asked once: the child is gone after)."""
        if not self.pid:
            return self.function()
        with os.fdopen(self.reader, "rb") as stream:
            payload = stream.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status != 0 or not payload:  # the child failed: here, it says why
            return self.function()
        import pickle

        value: Result = pickle.loads(payload)
        return value

    def cancel(self) -> None:
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.reader)
            self.pid = 0


def _child(function: Callable[[], Any], reader: int, writer: int) -> None:
    """The forked child: send ``function()``'s pickled value, then exit
    without returning into the parent's code (nor flushing its buffers)."""
    status = 1
    try:
        import pickle

        os.close(reader)
        payload = pickle.dumps(function(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as stream:
            stream.write(payload)
        status = 0
    finally:
        os._exit(status)
