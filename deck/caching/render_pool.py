"""A cold page's slides rendered on every core, safely inside a threaded server.

The export forks its workers (:mod:`deck.export.parallel_render`): a command
has one thread. A server has many (runserver's and gunicorn's threads,
uvicorn's thread pool), and a fork copies every lock another thread holds at
that instant (the import lock, a cache's lock, a logger's), which the child
can then wait on for ever. So a server's workers come from a **forkserver**:
a process exec'd afresh, single-threaded, with only the pure renderer
imported (:mod:`deck.render.slides`, no Django), which forks each worker
from itself. Its first start costs a fraction of a second; after that a
worker starts in milliseconds. Workers live for one render and exit, so an
idle server holds no more than the forkserver.

Only the slides not in the cache are sent, each once; the workers return their
HTML and this process stores it, so the per-slide cache fills exactly as it
does when one process renders (an edit then renders one slide). One parallel
render at a time per process; a second cold page meanwhile renders in its own
thread, as before (there are no more cores to give it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path

from deck import conf
from deck.core.errors import TooComplex
from deck.core.splitter import Slide
from deck.render.budget import budgeted

logger = logging.getLogger(__name__)

# Below this many slides for one worker, starting it costs more than it saves
# (benchmarks/results/wire.md, cold first request).
MIN_SLIDES_PER_WORKER = 150
PRELOAD = ["deck.render.budget"]  # and deck.render.slides, which it imports

_busy = threading.Lock()
_context_lock = threading.Lock()
_context = None
_allowed: ContextVar[bool] = ContextVar("deck_render_pool_allowed", default=True)
_turned_off = False


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(count: int) -> int:
    """How many processes (this one included) ``count`` uncached slides deserve."""
    threshold = conf.get("RENDER_PROCESSES_MIN_SLIDES")
    if _turned_off or not _allowed.get() or not threshold or count < threshold:
        return 1
    return max(1, min(available_cpus(), count // MIN_SLIDES_PER_WORKER))


@contextlib.contextmanager
def off() -> Iterator[None]:
    """No pool inside the block (the export parallelises on its own)."""
    token = _allowed.set(False)
    try:
        yield
    finally:
        _allowed.reset(token)


def turn_off() -> None:
    """In a process that must never start one (the export's forked workers)."""
    global _turned_off
    _turned_off = True


def _forkserver():
    global _context
    with _context_lock:
        if _context is None:
            import multiprocessing

            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def render_contents(slides: Sequence[Slide], seconds: float | None = None) -> list[str] | None:
    """Each slide's :func:`~deck.render.slides.slide_content`, on every core,
    each process within ``seconds`` of CPU time (:mod:`deck.render.budget`);
    ``None`` when not worth it or not possible (then the caller renders). A
    list shorter than ``slides`` stops where a run ran past its budget: the
    caller renders the rest, and says which slide is too complex."""
    workers = workers_for(len(slides))
    if workers < 2 or not _busy.acquire(blocking=False):
        return None
    try:
        return _render(list(slides), workers, seconds)
    except Exception as error:  # a worker died, no processes allowed: one process
        logger.warning("rendering on %s processes failed (%s); in one process", workers, error)
        return None
    finally:
        _busy.release()


def _render(slides: list[Slide], workers: int, seconds: float | None) -> list[str]:
    from concurrent.futures import ProcessPoolExecutor

    runs = cut(slides, workers)
    logger.debug("rendering %d slides in %d processes", len(slides), len(runs))
    with ProcessPoolExecutor(
        max_workers=len(runs) - 1,
        mp_context=_forkserver(),
        initializer=end_with_server,
        initargs=(os.getpid(),),
    ) as pool:
        futures = [pool.submit(render_run, run, seconds) for run in runs[1:]]
        # This thread renders the first run meanwhile.
        done = [render_run(runs[0], seconds)]
        done += [future.result() for future in futures]
    contents: list[str] = []
    for run, run_contents in zip(runs, done, strict=True):
        contents += run_contents
        if len(run_contents) < len(run):
            break  # past the budget: the caller renders from here, and reports it
    return contents


def end_with_server(server: int) -> None:
    """In a worker: end when the server that asked for it ends, however it ends.

    The worker's parent is the forkserver, which outlives a killed server
    (gunicorn kills a worker past its timeout); the worker would then block for
    ever writing its HTML into a pipe nobody reads, and, holding the
    forkserver's lifeline, keep that alive too. A thread waits on the server.
    """
    try:
        handle = os.pidfd_open(server)
    except (AttributeError, OSError):  # not Linux 5.3+: ask every half second
        handle = None

    def watch() -> None:
        if handle is not None:
            import select

            select.select([handle], [], [])
        else:
            while _running(server):
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="deck-end-with-server").start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def render_run(slides: Sequence[Slide], seconds: float | None = None) -> list[str]:
    """The run's slides' HTML, within ``seconds`` of this process's CPU time;
    it stops at the first slide past it (the caller renders from there)."""
    render = budgeted(Path("<render pool>"), seconds, slides=len(slides))
    contents = []
    for slide in slides:
        try:
            contents.append(render(slide))
        except TooComplex:
            break
    return contents


def cut(slides: list[Slide], parts: int) -> list[list[Slide]]:
    """``parts`` contiguous runs with about the same amount of Markdown."""
    sizes = [len(slide.body) + len(slide.notes) + 1 for slide in slides]
    share = sum(sizes) / parts
    runs: list[list[Slide]] = []
    start = filled = 0
    for index, size in enumerate(sizes):
        filled += size
        if filled >= share * (len(runs) + 1) and len(runs) < parts - 1:
            runs.append(slides[start : index + 1])
            start = index + 1
    runs.append(slides[start:])
    return [run for run in runs if run]
