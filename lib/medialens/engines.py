"""The engines that extraction maps its chunks over: in this process (`inline`), in a pool of
worker processes on this machine (`process_pool`), or on a Dask cluster (`cluster.py`).

Each is a `Submit`: a chunk of articles in, a `Result` whose `result()` gives the chunk's rows
(`extract.extract_chunk`), so `extract.extract_rows` writes the same tables whatever runs them.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Callable, Protocol

from .article import Article

ENGINES = ("local", "dask")
# A worker process is replaced after this many chunks: spaCy's string store keeps every new
# word it has seen, so a worker that parsed millions of articles would hold them all.
WORKER_CHUNKS = 1000

Rows = dict[str, list[dict]]


class Result(Protocol):
    def result(self) -> list[Rows]: ...


Submit = Callable[[list[Article]], Result]


@dataclass
class _Done:
    """A result computed on the spot (the single-process engine)."""

    rows: list[Rows]

    def result(self) -> list[Rows]:
        return self.rows


def inline(articles: list[Article]) -> Result:
    """Extract a chunk in this process, now."""
    from .extract import extract_chunk

    return _Done(extract_chunk(articles))


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def process_pool(stack: ExitStack, workers: int, work: Callable[[list], list] | None = None) -> Submit:
    """Send chunks to `workers` processes, each running `work` on them (default:
    `extract.extract_chunk`); the processes are replaced every WORKER_CHUNKS chunks each."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    pools: list[ProcessPoolExecutor] = []
    sent = 0

    def submit(articles: list[Article]) -> Result:
        nonlocal sent
        if sent % (WORKER_CHUNKS * workers) == 0:
            if pools:
                pools[-1].shutdown(wait=False)  # it finishes the chunks it was given, then exits
            # `spawn`: a fork of a process holding a loaded pipeline, a tqdm thread or a
            # notebook kernel's threads can deadlock; each worker loads the pipeline once instead.
            # (`max_tasks_per_child` would replace workers too, but can deadlock in Python 3.11-3.13.)
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_worker_start,
                                       initargs=(os.getpid(),))
            # on an interruption, drop the chunks not yet started instead of waiting for them
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)
            pools.append(pool)
        sent += 1
        from .extract import extract_chunk

        return pools[-1].submit(work or extract_chunk, articles)

    return submit


def open_engine(stack: ExitStack, engine: str, workers: int, scheduler: str | None) -> tuple[Submit, int]:
    """`(submit, chunks in flight)` for an engine; resources are released by `stack`."""
    if engine == "dask":
        from .cluster import dask_submitter

        submit, slots = dask_submitter(stack, scheduler)
        return submit, 2 * slots
    check_engine(engine)
    if workers <= 1:
        return inline, 0  # computed when sent: nothing needs to wait in flight
    return process_pool(stack, workers), 2 * workers


def check_engine(engine: str) -> None:
    """Raise ValueError naming the choices for an unknown engine; checked before anything
    starts, since an engine is only opened once an article needs parsing."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


def _worker_start(parent: int) -> None:
    """Start a pool worker of the process `parent`: exit when it dies, then load the pipeline
    (`warm_up`). The parent passes its own id: one killed while this worker was starting would
    otherwise already be gone when the worker first asked who its parent is."""
    # A parent killed outright (SIGKILL, the OOM killer) cannot stop its workers. On Linux the
    # kernel is asked to kill each worker with it; elsewhere (and as a second line) a thread
    # notices that the worker was orphaned and exits, instead of holding its memory for ever.
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="medialens-parent-watch", daemon=True).start()
    from .extract import warm_up

    warm_up()


def _die_with_parent() -> None:
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        pass
