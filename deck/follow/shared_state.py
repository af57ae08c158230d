"""Follow mode's state in the shared cache (the position, the one-time
secret), while that cache may be down.

Redis stopped mid-lesson must not turn into 500s: every read and write of
follow mode's state goes through :func:`guarded`, which turns the backend's
errors into :class:`Unavailable` (the views answer 503, or keep the last
position), and shares the page cache's :class:`~deck.caching.backend.Health`:
after one failure the backend is left alone for
``DECK["CACHE_RETRY_SECONDS"]``, so no request waits on a dead connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from deck.caching.backend import backend_errors, health

T = TypeVar("T")


class Unavailable(Exception):
    """The cache that holds follow mode's state cannot be reached now."""


def guarded(operation: Callable[[], T]) -> T:
    """``operation()`` on the cache; :class:`Unavailable` if it is down."""
    if not health.available():
        raise Unavailable("the cache is down; retrying soon")
    try:
        result = operation()
    except Exception as error:
        if not isinstance(error, backend_errors()):
            raise
        health.failed(error)
        raise Unavailable(f"{type(error).__name__}: {error}") from error
    health.succeeded()
    return result
