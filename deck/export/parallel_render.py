"""Rendering a big deck's slides on every core, through the one renderer.

A cold export of a deck of thousands of slides is Markdown and Pygments work,
one slide after the other, on one core. Here the deck's stacks are cut into
contiguous runs; each run is a deck of its own, rendered by
:func:`deck.pages.slides_html` in a forked worker (so it goes through
the same renderer and, with a shared cache, the same per-slide cache), and the
runs' HTML is joined the way ``pages.slides_html`` joins stacks. The result is the
very string ``pages.slides_html(deck)`` returns.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys

from deck import pages
from deck.caching import render_pool
from deck.core.model import Deck

logger = logging.getLogger(__name__)

# Below this many slides a worker costs more than it saves.
MIN_SLIDES_PER_WORKER = 150


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def render_in_parallel(deck: Deck, jobs: int | None = None) -> str:
    """``pages.slides_html(deck)``, with up to ``jobs`` processes."""
    # The export chooses its processes itself (--jobs): no server pool under it.
    with render_pool.off():
        return _render_in_parallel(deck, jobs)


def worker_count(deck: Deck, jobs: int | None = None) -> int:
    """The processes :func:`render_in_parallel` renders ``deck`` in (below 2: this one)."""
    count = min(jobs or available_cpus(), len(deck.split.slides) // MIN_SLIDES_PER_WORKER)
    return count if hasattr(os, "fork") else 1


def forks(deck: Deck, jobs: int | None = None) -> bool:
    """Whether :func:`render_in_parallel` forks workers for ``deck`` (a process
    that forks had better have no other threads at work then)."""
    return worker_count(deck, jobs) >= 2


def _render_in_parallel(deck: Deck, jobs: int | None) -> str:
    jobs = worker_count(deck, jobs)
    if jobs < 2:
        return pages.slides_html(deck)
    # Imported here: a small deck (the usual case) does without them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    runs = cut_into_runs(deck, jobs)
    if len(runs) < 2:
        return pages.slides_html(deck)
    logger.debug("rendering %s in %s processes", deck.slug, len(runs))
    # fork: the workers start with Django set up and the renderer imported.
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(
            max_workers=len(runs) - 1,
            mp_context=context,
            initializer=end_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            futures = [pool.submit(pages.slides_html, run) for run in runs[1:]]
            # This process renders the first run meanwhile.
            parts = [pages.slides_html(runs[0])]
            parts.extend(future.result() for future in futures)
    except BrokenProcessPool:
        # A worker died (killed, out of memory): slower, but the export goes on.
        logger.warning("a rendering process of %s died; rendering in one process", deck.slug)
        return pages.slides_html(deck)
    return "\n".join(parts)


# linux/prctl.h: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """In a worker: end when the export that forked it ends, however it ends.

    A worker blocks reading its next task; if the export is killed
    (``kill -9``, out of memory) nothing else would ever wake it, and it
    would stay, holding its memory, for good. Linux sends it SIGKILL when its
    parent dies; elsewhere this does nothing (the pool's own shutdown still
    ends workers whenever the parent lives to run it).
    """
    render_pool.turn_off()
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    # The symbols already loaded, libc's among them (find_library runs ldconfig).
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died between the fork and the prctl.
    if os.getppid() != parent:
        os._exit(1)


def cut_into_runs(deck: Deck, jobs: int) -> list[Deck]:
    """``jobs`` decks of contiguous stacks with about the same amount of Markdown."""
    stacks = deck.split.stacks
    sizes = [sum(len(s.body) + len(s.notes) + 1 for s in stack) for stack in stacks]
    share = sum(sizes) / jobs
    runs: list[Deck] = []
    start = 0
    filled = 0
    for index, size in enumerate(sizes):
        filled += size
        if filled >= share * (len(runs) + 1) and len(runs) < jobs - 1:
            runs.append(_part(deck, start, index + 1))
            start = index + 1
    runs.append(_part(deck, start, len(stacks)))
    return [run for run in runs if run.split.stacks]


def _part(deck: Deck, start: int, stop: int) -> Deck:
    split = dataclasses.replace(deck.split, stacks=deck.split.stacks[start:stop])
    return dataclasses.replace(deck, split=split)
