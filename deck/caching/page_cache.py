"""Deck pages from the cache, or built once.

A page is keyed by its deck's text and everything else that changes it
(:func:`deck.caching.keys.page_key`): a warm request does no Markdown,
Pygments or template work. The process's own copy
(:mod:`deck.caching.local_pages`) is asked first, then the backend; a cold
page is built once however many requests ask for it at the same time
(:class:`SingleFlight`). When a deck's text changes, the page built from the
old text is dropped (:func:`drop_replaced_page`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from django.dispatch import receiver

from deck.caching import local_pages
from deck.caching.backend import backend, call, get_instance
from deck.caching.keys import etag, page_key
from deck.caching.usage import current_usage
from deck.signals import deck_changed, deck_rendered
from deck.sources import DeckSource, with_text

logger = logging.getLogger(__name__)

T = TypeVar("T")


class SingleFlight:
    """Run one call per key at a time; callers that arrive meanwhile share its result."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, Future] = {}

    def run(self, key: str, function: Callable[[], T]) -> tuple[T, bool]:
        """``(result, True)`` for the caller that ran it, ``(result, False)`` for waiters."""
        with self._lock:
            future = self._calls.get(key)
            leader = future is None
            if leader:
                future = self._calls[key] = Future()
        if not leader:
            return future.result(), False
        try:
            result = function()
        except BaseException as error:
            future.set_exception(error)
            raise
        else:
            future.set_result(result)
            return result, True
        finally:
            with self._lock:
                del self._calls[key]


_flights = SingleFlight()


def page(
    source: DeckSource, max_bytes: int, build: Callable[[str], bytes], key: str | None = None
) -> tuple[str, bytes]:
    """``(etag, page)`` for the deck: from the cache, or ``build(text)`` once.

    ``build`` turns the deck's text into the page's bytes; it may raise
    :class:`deck.core.reading.DeckError`, and then nothing is stored. ``key``:
    :func:`~deck.caching.keys.page_key` for ``source`` if the caller has it already.
    """
    usage = current_usage()
    usage.used = True
    key = key or source.page_key()
    cached = local_pages.get(key)
    if cached is None:
        # A page is bytes: anything else at its key (written by another
        # version, or by hand) is no page, and is rendered again.
        cached = get_instance(key, bytes)
        if cached is not None:
            local_pages.put(key, cached)
    if cached is not None:
        logger.debug("page hit: %s", source.deck_file.slug)
        return etag(key), cached
    if source.text is None:
        source = with_text(source, max_bytes)
        key = source.page_key()
    start = time.perf_counter()
    content, built = _flights.run(key, lambda: _build(key, source, build))
    if not built:
        usage.wait_seconds += time.perf_counter() - start
        logger.debug("page %s: shared a render in progress", source.deck_file.slug)
    return etag(key), content


def _build(key: str, source: DeckSource, build: Callable[[str], bytes]) -> bytes:
    usage = current_usage()
    usage.built = True
    assert source.text is not None
    start, cache_before = time.perf_counter(), usage.cache_seconds
    content = build(source.text)
    seconds = time.perf_counter() - start - (usage.cache_seconds - cache_before)
    usage.render_seconds = seconds
    call(lambda: backend().set(key, content), None)
    local_pages.put(key, content)
    logger.debug(
        "page miss: %s rendered in %.1f ms (%d of %d slides from cache)",
        source.deck_file.slug,
        seconds * 1000,
        usage.from_cache,
        usage.slides,
    )
    deck_rendered.send(
        sender=DeckSource,
        slug=source.deck_file.slug,
        digest=source.digest,
        slides=usage.slides,
        from_cache=usage.from_cache,
        seconds=seconds,
    )
    return content


@receiver(deck_changed, dispatch_uid="deck.caching.page_cache.drop_replaced_page")
def drop_replaced_page(
    sender: Any, slug: str, previous: str, inputs: str = "", **kwargs: Any
) -> None:
    """Free the page built from the old text: it can never be asked for again."""
    key = page_key(slug, f"{previous}:{inputs}")
    local_pages.discard(key)
    call(lambda: backend().delete(key), None, proves_up=False)
