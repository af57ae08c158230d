"""``{% live_reload deck %}``: the live reload script and its starting state.

Renders nothing unless live reload is on (DEBUG, under runserver's
autoreloader) and the page is being served to a browser (a request in the
context): an exported static deck, rendered without a request, never
carries it.
"""

from __future__ import annotations

from typing import Any

from django import template

from deck import live

register = template.Library()


@register.inclusion_tag("deck/live_reload.html", takes_context=True)
def live_reload(context: template.Context, deck) -> dict[str, Any]:
    request = context.get("request")
    if deck is None or request is None or not live.enabled():
        return {"live": None}
    from deck.live_views import page_state

    return {"live": page_state(request, deck)}
