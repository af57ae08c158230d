"""The app's own signals.

``deck_changed``: a deck's Markdown is not what this process last read.
Sent with ``slug``, ``path``, ``previous`` and ``digest`` (content hashes).
The cache drops the page it built from the old text (see
:func:`deck.caching.page_cache.drop_replaced_page`); live reload or anything else may
connect too.

``deck_rendered``: a deck page was built (not served from the cache). Sent
with ``slug``, ``digest``, ``slides`` (count), ``from_cache`` (slides reused)
and ``seconds`` (time spent rendering).

Both are sent with ``sender=deck.sources.DeckSource``.
"""

from __future__ import annotations

from django.dispatch import Signal

deck_changed = Signal()
deck_rendered = Signal()
