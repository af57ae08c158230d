"""The cache backend, and skipping it while it is down.

Every use of the backend goes through :func:`call`: when the backend fails
(Redis stopped, a file cache's folder gone), the caller gets its fallback,
one warning is logged, and the backend is left alone for
``DECK["CACHE_RETRY_SECONDS"]`` so that no request waits on it.
"""

from __future__ import annotations

import logging
import pickle
import sys
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import BaseCache, caches

from deck import conf
from deck.caching.usage import current_usage

logger = logging.getLogger(__name__)

T = TypeVar("T")

CACHE_ALIAS = "default"


def backend() -> BaseCache:
    return caches[CACHE_ALIAS]


def describe_backend() -> str:
    config = settings.CACHES.get(CACHE_ALIAS, {})
    name = config.get("BACKEND", "?").rsplit(".", 1)[-1]
    location = config.get("LOCATION")
    return f"{name}({location})" if location else name


# What a backend that is down raises. Redis's errors are added once its
# client is imported (by the first call to a redis:// backend): importing
# redis up front would cost every command and worker start-up a twentieth of
# a second, for a backend most never use.
BASE_BACKEND_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    zlib.error,
    pickle.UnpicklingError,
)


def backend_errors() -> tuple[type[BaseException], ...]:
    redis_exceptions = sys.modules.get("redis.exceptions")
    if redis_exceptions is None:
        return BASE_BACKEND_ERRORS
    return (*BASE_BACKEND_ERRORS, redis_exceptions.RedisError)


def retry_seconds() -> float:
    return float(conf.get("CACHE_RETRY_SECONDS"))


class Health:
    """Whether to use the backend: after a failure, skip it for a while.

    One warning when it fails, one info line when it answers again; while it
    is down no request waits on it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0

    def reset(self) -> None:
        """Forget any outage: the next call tries the backend (a new process)."""
        with self._lock:
            self.down_since = None
            self.retry_at = 0.0

    def available(self) -> bool:
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = now
            self.retry_at = now + retry_seconds()
        if first:
            logger.warning(
                "cache backend %s failed (%s: %s); serving decks without the cache, "
                "retrying every %g s",
                describe_backend(),
                type(error).__name__,
                error,
                retry_seconds(),
            )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.info(
                "cache backend %s answers again after %.1f s; caching resumed",
                describe_backend(),
                time.monotonic() - since,
            )


health = Health()


def call(operation: Callable[[], T], fallback: T, *, proves_up: bool = True) -> T:
    """``operation()`` on the backend, or ``fallback`` when it is down.

    ``proves_up=False`` for operations that can succeed without reaching the
    backend (a file cache's delete of a missing file): they do not end an outage.
    """
    if not health.available():
        return fallback
    usage = current_usage()
    start = time.perf_counter()
    try:
        result = operation()
    except Exception as error:
        if not isinstance(error, backend_errors()):
            raise
        health.failed(error)
        return fallback
    finally:
        usage.cache_seconds += time.perf_counter() - start
    if proves_up:
        health.succeeded()
    return result


# Unpickling an entry written by another version of the project (a class
# renamed, moved or changed) raises one of these: the entry is then unusable.
STALE_ENTRY_ERRORS = (AttributeError, ImportError, TypeError, ValueError, IndexError)


def get_instance(key: str, kind: type[T]) -> T | None:
    """The entry at ``key`` if it is a ``kind``; None if missing, unreadable
    or of another kind (an old entry never breaks the caller, it is redone)."""

    def get() -> Any:
        try:
            return backend().get(key)
        except STALE_ENTRY_ERRORS as error:
            logger.debug("cache entry %s unusable (%s): redone", key, error)
            return None

    found = call(get, None)
    return found if isinstance(found, kind) else None


def put(key: str, value: Any) -> None:
    call(lambda: backend().set(key, value), None)
