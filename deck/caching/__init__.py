"""Rendered slides and pages in Django's cache framework.

Two levels, both keyed by content so that no edit is ever served stale, with
one process or many sharing a backend:

- a **slide** is keyed by a hash of its Markdown (body and notes), the
  renderer's version and the highlight style: editing one slide of a big deck
  renders that slide only, and slides that merely move are reused
  (:mod:`deck.caching.slide_cache`);
- a **page** is keyed by a hash of the deck's text and of everything else that
  changes the page (:func:`deck.caching.keys.page_key_part` registers more): a
  warm request does no Markdown, Pygments or template work
  (:mod:`deck.caching.page_cache`). Each process also keeps the pages it
  served lately (:mod:`deck.caching.local_pages`), so a warm request does not
  even fetch the page from Redis; a content key needs no invalidation to stay
  correct.

Reading a deck's text to hash it is skipped while a ``stat`` shows the same
file (:mod:`deck.sources`). When the backend fails (Redis stopped), pages are
rendered without it, one warning is logged and the cache is tried again after
``DECK["CACHE_RETRY_SECONDS"]`` (:mod:`deck.caching.backend`). Within one
process, concurrent requests for the same cold page render it once.

The modules:

- :mod:`~deck.caching.usage`: what one request did (read by the middleware);
- :mod:`~deck.caching.backend`: the backend, and skipping it while it is down;
- :mod:`~deck.caching.keys`: slide and page keys, ETags;
- :mod:`~deck.caching.local_pages`: the pages this process served lately;
- :mod:`~deck.caching.slide_cache`: slides from the cache or rendered;
- :mod:`~deck.caching.page_cache`: pages from the cache or built once;
- :mod:`~deck.caching.middleware`: ``X-Deck-Cache`` and ``Server-Timing``;
- :mod:`~deck.caching.url`: ``DECK_CACHE_URL``; :mod:`~deck.caching.file_backend`.
"""
