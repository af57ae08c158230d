"""``{% live_reload deck %}``: the live reload script and its starting state.

Renders nothing unless the page carries the author's aids (a served page:
``author_aids`` in :func:`deck.pages.page_context`) and live reload is on
(:func:`deck.live.watcher.enabled`: DEBUG, under runserver's autoreloader).
The page is cached without the request, so this must not depend on one; the
watcher's state is part of the page's cache key (the ``live_reload`` part),
and exported or laid-out pages never carry the script.
"""

from __future__ import annotations

from typing import Any

from django import template

from deck.live import watcher
from deck.live.state import page_state

register = template.Library()


@register.inclusion_tag("deck/live_reload.html", takes_context=True)
def live_reload(context: template.Context, deck) -> dict[str, Any]:
    if deck is None or not context.get("author_aids") or not watcher.enabled():
        return {"live": None}
    return {"live": page_state(deck)}
