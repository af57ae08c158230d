"""``DECK_CACHE_URL`` to a Django ``CACHES`` entry.

Pure: no settings are read here, so ``deck/project/settings.py`` can call it while it
is being imported. One URL names the backend:

- ``locmem://`` (the default): in the server process's memory; nothing to run.
- ``file:///absolute/path``: files in that folder; survives restarts, shared by
  the processes of one machine.
- ``redis://host:port/db`` (or ``rediss://`` for TLS): Django's own Redis
  backend; shared by every worker and machine that names it.
- ``dummy://``: caches nothing (every request renders).

Query parameters tune it: ``timeout`` (seconds an entry lives, ``none`` for
ever) and ``max_entries`` (locmem and file), for example
``locmem://?max_entries=50000``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

# An exception class only: nothing from Django's settings machinery.
from django.core.exceptions import ImproperlyConfigured

VARIABLE = "DECK_CACHE_URL"
DEFAULT_URL = "locmem://"

BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    # Django's, culling once per batch of slides (see deck.caching.file_backend).
    "file": "deck.caching.file_backend.FileBasedCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}
# Entries are keyed by content, so an old one is never served, only unused:
# a week is long enough to outlive a course's preparation, short enough that
# abandoned versions go away on their own.
DEFAULT_TIMEOUT = 7 * 24 * 3600
# Django's default of 300 entries would not hold one big deck (one entry per
# slide); culling is by count, so this also bounds memory for locmem.
DEFAULT_MAX_ENTRIES = 20_000
# A Redis that does not answer must not hold a page for long: the deck is
# then rendered without the cache (see deck.caching.backend).
REDIS_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 2.0}
QUERY_KEYS = frozenset({"timeout", "max_entries"})


def parse(url: str, variable: str = VARIABLE) -> dict[str, Any]:
    """The ``CACHES["default"]`` dict for ``url``; :class:`ImproperlyConfigured` if bad."""

    def bad(reason: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(
            f"{variable}={url!r}: {reason} (use locmem://, file:///absolute/path, "
            "redis://host:port/db or dummy://)"
        )

    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError as error:
        raise bad(str(error)) from None
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        raise bad(f"unknown cache backend {parts.scheme or url!r}")
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(query) - QUERY_KEYS)
    if unknown:
        raise bad(f"unknown option {unknown[0]!r}; known: {', '.join(sorted(QUERY_KEYS))}")

    config: dict[str, Any] = {"BACKEND": BACKENDS[scheme], "KEY_PREFIX": "deck"}
    options: dict[str, Any] = {}
    if scheme in {"locmem", "dummy"}:
        if parts.netloc or parts.path.strip("/"):
            raise bad(f"{scheme}:// takes no host or path")
        config["LOCATION"] = "deck"
    elif scheme == "file":
        if parts.netloc:
            raise bad("file:// takes an absolute path and no host: file:///var/cache/deck")
        if not parts.path.startswith("/") or parts.path == "/":
            raise bad("file:// needs an absolute folder path, as in file:///var/cache/deck")
        config["LOCATION"] = parts.path
    else:
        if not parts.hostname:
            raise bad("a Redis URL needs a host, as in redis://127.0.0.1:6379/0")
        db = parts.path.strip("/") or "0"
        if not db.isdigit():
            raise bad(f"the Redis database must be a number, not {db!r}")
        config["LOCATION"] = f"{scheme}://{parts.netloc}/{db}"
        options.update(REDIS_OPTIONS)

    config["TIMEOUT"] = _timeout(query.get("timeout"), bad)
    if "max_entries" in query:
        if scheme not in {"locmem", "file"}:
            raise bad("max_entries applies to locmem:// and file:// only")
        options["MAX_ENTRIES"] = _positive_int(query["max_entries"], "max_entries", bad)
    elif scheme in {"locmem", "file"}:
        options["MAX_ENTRIES"] = DEFAULT_MAX_ENTRIES
    if options:
        config["OPTIONS"] = options
    return config


def _timeout(value: str | None, bad) -> int | None:
    if value is None:
        return DEFAULT_TIMEOUT
    if value.lower() == "none":
        return None
    return _positive_int(value, "timeout", bad)


def _positive_int(value: str, name: str, bad) -> int:
    if not value.isdigit() or int(value) == 0:
        raise bad(f"{name} must be a whole number above 0, not {value!r}")
    return int(value)
