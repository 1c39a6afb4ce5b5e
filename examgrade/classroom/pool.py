"""A process pool for grading a class, where one sheet past its time limit is stopped.

The engine already stops a check that runs past the sheet's time limit (a timer in the
worker's main thread, `examgrade.timebox`), but a computation deep in C code does not
see that timer, and `concurrent.futures` cannot stop a task that never returns: only
killing its process does. So each worker is our own process with a pipe, fed chunks of
jobs (few messages, hence fast) and answering one result per job; the parent knows
which job a worker is on and since when, and kills a worker silent for
`time_limit + grace`: that job is reported as stopped, the rest of its chunk goes to a
fresh worker. A worker that dies (crash, out of memory) costs its current job only.

Workers are forked where fork exists (Linux): they inherit the loaded rubrics and
imports, so starting one costs milliseconds; the parent starts no thread, which keeps
fork safe.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from examgrade.signals import child_defaults

_READY = "__ready__"
_MAX_CHUNK = 32
_MAX_FAILED_STARTS = 3


@dataclass(frozen=True)
class Stopped:
    """The pool's own verdict on a job it had to stop: `reason` is `timeout` or `crash`."""

    reason: str
    seconds: float


def _worker_main(
    conn: Connection, setup: Callable[[Any], Any], setup_arg: Any, task: Callable[[Any, Any], Any]
) -> None:
    """Run in the worker process: set up once, then answer every job of every chunk."""
    child_defaults()  # Ctrl-C and SIGTERM are the parent's to handle (examgrade.signals)
    state = setup(setup_arg)
    conn.send(_READY)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for job in chunk:
            conn.send(task(state, job))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    chunk: deque[tuple[int, Any]] = field(default_factory=deque)
    since: float = 0.0


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def chunk_size(jobs: int, workers: int) -> int:
    """Big enough to keep messages few, small enough that workers finish together."""
    return max(1, min(_MAX_CHUNK, jobs // (workers * 8) or 1))


def run_pool(
    jobs: Sequence[Any],
    task: Callable[[Any, Any], Any],
    setup: Callable[[Any], Any],
    setup_arg: Any,
    workers: int,
    time_limit: float,
    grace: float | None = None,
) -> Iterator[tuple[int, Any]]:
    """Yield `(index, result)` for every job, in completion order.

    `setup(setup_arg)` runs once per worker and its value is passed to every
    `task(state, job)`; a job the pool had to stop (silent past `time_limit + grace`,
    or its worker died) yields a `Stopped`. The iterator
    kills its workers when it is closed early (Ctrl-C, an exception in the caller).
    """
    if not jobs:
        return
    grace = max(1.0, time_limit * 0.5) if grace is None else grace
    ctx = _context()
    todo: deque[tuple[int, Any]] = deque(enumerate(jobs))
    size = chunk_size(len(jobs), workers)
    pool: list[_Worker] = []

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        process = ctx.Process(
            target=_worker_main, args=(child, setup, setup_arg, task), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def feed(worker: _Worker) -> None:
        if not todo:
            return
        batch = [todo.popleft() for _ in range(min(size, len(todo)))]
        worker.chunk.extend(batch)
        worker.since = time.monotonic()
        worker.conn.send([job for _, job in batch])

    def replace(worker: _Worker) -> _Worker:
        _kill(worker)
        todo.extendleft(reversed(worker.chunk))
        fresh = start()
        pool[pool.index(worker)] = fresh
        return fresh

    try:
        pool.extend(start() for _ in range(max(1, min(workers, len(jobs)))))
        remaining, failed_starts = len(jobs), 0
        while remaining:
            waiting = {w.conn: w for w in pool}
            timeout = _next_deadline(pool, time_limit + grace)
            for conn in wait(list(waiting), timeout):
                worker = waiting[conn]  # type: ignore[index]
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    if not worker.ready:
                        failed_starts += 1
                        if failed_starts > _MAX_FAILED_STARTS:
                            raise RuntimeError("grading workers cannot start") from None
                    if worker.chunk:  # the job it was on killed it
                        index, _ = worker.chunk.popleft()
                        remaining -= 1
                        yield index, Stopped("crash", time.monotonic() - worker.since)
                    replace(worker)
                    continue
                if message == _READY:
                    worker.ready = True
                else:
                    index, _ = worker.chunk.popleft()
                    remaining -= 1
                    worker.since = time.monotonic()
                    yield index, message
                if not worker.chunk:
                    feed(worker)
            now = time.monotonic()
            for worker in list(pool):
                if worker.chunk and now - worker.since > time_limit + grace:
                    index, _ = worker.chunk.popleft()
                    remaining -= 1
                    yield index, Stopped("timeout", time_limit)
                    replace(worker)
    finally:
        for worker in pool:
            _stop(worker)


def _next_deadline(pool: list[_Worker], limit: float) -> float:
    busy = [w.since for w in pool if w.chunk]
    if not busy:
        return limit
    return max(0.01, min(busy) + limit - time.monotonic())


def _stop(worker: _Worker) -> None:
    """Ask politely (idle workers exit at once), then kill whatever is left."""
    try:
        if not worker.chunk:
            worker.conn.send(None)
    except (OSError, ValueError):
        pass
    worker.process.join(timeout=0.2 if not worker.chunk else 0)
    _kill(worker)


def _kill(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)
    worker.conn.close()


def default_workers() -> int:
    """All cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


__all__ = ["Stopped", "chunk_size", "default_workers", "run_pool"]
