"""``{% live_reload deck %}``: the live reload script and its starting state.

Renders nothing unless the page context says ``live_reload`` (set by
:func:`deck.pages.page_context` from :func:`deck.live.watcher.enabled`: DEBUG,
under runserver's autoreloader). The page is cached without the request, so
this must not depend on one; the flag is part of the page's cache key, and an
export renders with it off.
"""

from __future__ import annotations

from typing import Any

from django import template

from deck.live.state import page_state

register = template.Library()


@register.inclusion_tag("deck/live_reload.html", takes_context=True)
def live_reload(context: template.Context, deck) -> dict[str, Any]:
    if deck is None or not context.get("live_reload"):
        return {"live": None}
    return {"live": page_state(deck)}
