"""What one request did with the cache, read by :mod:`deck.caching.middleware`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Usage:
    """The cache work of one request."""

    used: bool = False  # a deck page was asked for
    built: bool = False  # ...and this request rendered it
    slides: int = 0
    from_cache: int = 0
    render_seconds: float = 0.0
    cache_seconds: float = 0.0
    wait_seconds: float = 0.0

    @property
    def status(self) -> str:
        """``hit``: nothing rendered; ``partial``: some slides reused; ``miss``: all rendered."""
        if not self.built:
            return "hit"
        return "partial" if self.from_cache else "miss"


_usage: ContextVar[Usage | None] = ContextVar("deck_cache_usage", default=None)


@contextmanager
def track() -> Iterator[Usage]:
    """Record the cache work done inside the block (one request)."""
    usage = Usage()
    token = _usage.set(usage)
    try:
        yield usage
    finally:
        _usage.reset(token)


def current_usage() -> Usage:
    # Outside track() (a management command, the export) nobody reads it.
    return _usage.get() or Usage()
