"""The pages this process served lately, kept as bytes in front of the backend.

A warm request then fetches nothing from the backend (no network round trip
to Redis, no unpickling of a 5 MiB page). Safe without invalidation: a page
key is a hash of everything in the page, so a kept page is never the wrong
one, only perhaps unused. At most ``DECK["CACHE_LOCAL_BYTES"]``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.conf import settings

from deck import conf
from deck.caching.backend import CACHE_ALIAS


class LocalPages:
    """Page bytes by key, least recently used dropped first, at most ``max_bytes``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pages: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: bytes, max_bytes: int) -> None:
        if len(page) > max_bytes:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self.size += len(page)
            while self.size > max_bytes:
                _, old = self._pages.popitem(last=False)
                self.size -= len(old)

    def discard(self, key: str) -> None:
        with self._lock:
            page = self._pages.pop(key, None)
            if page is not None:
                self.size -= len(page)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0


_pages = LocalPages()


def local_bytes() -> int:
    """The local tier's size; 0 for dummy://, which promises to cache nothing."""
    # From the settings: building the backend may fail (a file cache whose
    # folder cannot be made), and that must happen inside backend.call() only.
    if settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "").endswith(".DummyCache"):
        return 0
    return int(conf.get("CACHE_LOCAL_BYTES"))


def get(key: str) -> bytes | None:
    return _pages.get(key) if local_bytes() else None


def put(key: str, page: bytes) -> None:
    _pages.put(key, page, local_bytes())


def discard(key: str) -> None:
    _pages.discard(key)


def clear() -> None:
    """Forget every kept page (as a process that never served them)."""
    _pages.clear()
