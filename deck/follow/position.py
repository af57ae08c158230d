"""The presenter's position in a deck, held in Django's cache.

A position is ``{h, v, f, version}``: reveal.js's horizontal, vertical and
fragment indices, and a number that changes with every move so a follower
can tell a new move from the same one sent again (after a reconnect).
Kept in the ``default`` cache, it is shared by every worker and machine
that shares that cache (Redis); with ``locmem`` it lives in one process.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.core.cache import caches
from django.core.exceptions import BadRequest

from deck.follow.shared_state import guarded

# Bounds that no real deck reaches; they only keep nonsense out of the cache.
MAX_INDEX = 10_000
# A position outlives a long teaching day with no move at all.
TIMEOUT = 24 * 3600


class InvalidPosition(BadRequest):
    """A position no deck has, sent by a client: a 400, not a person's mistake
    in a file (see :mod:`deck.core.errors`)."""


@dataclass(frozen=True)
class Position:
    h: int
    v: int
    f: int | None
    version: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _index(data: dict[str, Any], name: str, low: int, *, optional: bool = False) -> int | None:
    value = data.get(name)
    if value is None and optional:
        return None
    # bool is an int in Python; true/false is no slide index.
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidPosition(f"{name} must be a whole number")
    if not low <= value < MAX_INDEX:
        raise InvalidPosition(f"{name} must be between {low} and {MAX_INDEX - 1}")
    return value


def parse(data: Any) -> tuple[int, int, int | None]:
    """``(h, v, f)`` from a client's JSON object; :class:`InvalidPosition` if bad."""
    if not isinstance(data, dict):
        raise InvalidPosition("expected a JSON object with h, v and f")
    h = _index(data, "h", 0)
    v = _index(data, "v", 0)
    # reveal.js: no fragments on the slide is undefined (null), none shown is -1.
    f = _index(data, "f", -1, optional=True)
    return h, v, f  # type: ignore[return-value]


def _key(slug: str) -> str:
    return f"follow:position:{slug}"


def _version_key(slug: str) -> str:
    return f"follow:version:{slug}"


def _from_cache(value: Any) -> Position | None:
    if not isinstance(value, dict):
        return None
    try:
        return Position(**value)
    except TypeError:
        return None


def read(slug: str) -> Position | None:
    """Where the presenter of ``slug`` is, or None before the first move;
    :class:`~deck.follow.shared_state.Unavailable` while the cache is down."""
    return _from_cache(guarded(lambda: caches["default"].get(_key(slug))))


# The cache backends are synchronous; thread_sensitive=False runs the call in
# the loop's thread pool rather than pinning it to one request's thread.
aread = sync_to_async(read, thread_sensitive=False)


def _next_version(slug: str) -> int:
    cache = caches["default"]
    key = _version_key(slug)
    # Start from the clock, so versions keep growing even if the cache was
    # emptied (a restart with locmem) and a follower still holds an old one.
    cache.add(key, int(time.time() * 1000), timeout=TIMEOUT)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, int(time.time() * 1000), timeout=TIMEOUT)
        return cache.incr(key)


def publish(slug: str, h: int, v: int, f: int | None) -> Position:
    """Store the presenter's new position; the feed pollers pick it up.
    :class:`~deck.follow.shared_state.Unavailable` while the cache is down."""

    def store() -> Position:
        position = Position(h, v, f, _next_version(slug))
        cache = caches["default"]
        cache.set(_key(slug), position.as_dict(), timeout=TIMEOUT)
        cache.touch(_version_key(slug), timeout=TIMEOUT)
        return position

    return guarded(store)


apublish = sync_to_async(publish, thread_sensitive=False)
