"""Threads for the sync parts of requests under ASGI, kept from one request to the next.

Django runs each ASGI request in a ``ThreadSensitiveContext``: its sync code
(the deck views, the cache) runs on one thread of the request's own, so what
one request keeps per thread never meets another's. Left to itself, asgiref
starts that thread for the request and joins it at the end: a thread started
and stopped for every warm page, which under uvicorn cost more than serving
the page (BENCHMARKS.md, warm throughput). Here each request still gets a
thread of its own for as long as it runs, as under gunicorn's threaded
workers, but from a pool of single-thread executors that outlive it
(asgiref's ``ThreadSensitiveContext(executor=...)``, whose executor is the
caller's to reuse).
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext

# Idle threads kept for the next requests; a burst beyond them gets threads
# that end with it.
KEEP_IDLE = 16


class RequestThreads:
    def __init__(self, keep_idle: int = KEEP_IDLE) -> None:
        self.keep_idle = keep_idle
        self._idle: list[ThreadPoolExecutor] = []
        self._lock = threading.Lock()

    def take(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="deck-request")

    def give_back(self, executor: ThreadPoolExecutor) -> None:
        with self._lock:
            if len(self._idle) < self.keep_idle:
                self._idle.append(executor)
                return
        executor.shutdown(wait=False)

    @property
    def idle(self) -> int:
        return len(self._idle)

    async def run(self, handle: Callable[[], Awaitable[Any]]) -> Any:
        """``await handle()`` with its thread-sensitive sync code on a thread of its own."""
        executor = self.take()
        try:
            async with ThreadSensitiveContext(executor=executor):
                return await handle()
        finally:
            self.give_back(executor)
