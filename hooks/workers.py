"""Worker processes: a function mapped over tasks, forked when it pays.

Forked workers inherit the function and the tasks (nothing is pickled on
the way in); only each result is sent back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 300

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


def _run_at(index: int) -> Any:
    function, tasks = _work[0]
    return function(tasks[index])
