"""Compressed pages kept beside the page cache's pages.

A page-cache page goes out with the ETag :func:`deck.caching.keys.etag` made
from its key; the compression middleware hands such a response's body here.
The first request in an encoding compresses the page once (concurrent ones
share that work, :class:`~deck.caching.page_cache.SingleFlight`), and the
bytes are kept under ``<page key>:<encoding>`` in the process's tier (in its
size budget, beside the page) and in the backend; every later request in that
encoding is served them as they are. Like the page, a variant is named by the
content that made it, so it is never stale; it is dropped with the page when
the deck's text changes.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.dispatch import receiver

from deck.caching import local_pages
from deck.caching.backend import backend, call, get_instance
from deck.caching.keys import page_key
from deck.caching.page_cache import SingleFlight
from deck.compression import encodings
from deck.signals import deck_changed

logger = logging.getLogger(__name__)

# keys.etag(): the page key's hex digest in quotes.
PAGE_ETAG = re.compile(r'^"([0-9a-f]{40})"$')

_flights = SingleFlight()


def variant_key(key: str, encoding: str) -> str:
    return f"{key}:{encoding}"


def cached_page_key(etag: str | None, body: bytes) -> str | None:
    """The page key whose page ``body`` is, if it came from the page cache."""
    match = PAGE_ETAG.match(etag or "")
    if match is None:
        return None
    key = "page:" + match[1]
    page = local_pages.get(key)
    # The same object when served from the tier; equal bytes otherwise. Anything
    # else with a page-like ETag is not this page, and is compressed as drawn.
    if page is None or (page is not body and page != body):
        return None
    return key


def encoded(key: str, page: bytes, encoding: str) -> bytes:
    """``page`` (the page cache's page at ``key``) in ``encoding``, compressed once."""
    name = variant_key(key, encoding)
    data = local_pages.get(name)
    if data is None:
        data = get_instance(name, bytes)
        if data is not None:
            local_pages.put(name, data)
    if data is None:
        data, _ = _flights.run(name, lambda: _compress(name, page, encoding))
    return data


def _compress(name: str, page: bytes, encoding: str) -> bytes:
    data = encodings.compress(page, encoding, cached=True)
    call(lambda: backend().set(name, data), None)
    local_pages.put(name, data)
    logger.debug("page %s: %d bytes in %s (%d plain)", name, len(data), encoding, len(page))
    return data


@receiver(deck_changed, dispatch_uid="deck.caching.encoded_pages.drop_replaced_variants")
def drop_replaced_variants(
    sender: Any, slug: str, previous: str, inputs: str = "", **kwargs: Any
) -> None:
    """Free the compressed copies of the page built from the old text."""
    key = page_key(slug, f"{previous}:{inputs}")
    names = [variant_key(key, encoding) for encoding in encodings.PREFERRED]
    for name in names:
        local_pages.discard(name)
    call(lambda: backend().delete_many(names), None, proves_up=False)
