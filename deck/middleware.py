"""``X-Deck-Cache`` and ``Server-Timing`` on deck pages.

``X-Deck-Cache: hit`` when nothing was rendered (the page came from the cache,
or the browser's copy was still good), ``partial`` when the page was built
with some slides from the cache, ``miss`` when every slide was rendered.
``Server-Timing`` gives the render, cache and wait times in milliseconds
(browsers show it in their network panel). Responses that are not deck pages,
and streaming responses, are left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from deck import cache


class DeckCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with cache.track() as usage:
            response = self.get_response(request)
        if usage.used and not response.streaming:
            response["X-Deck-Cache"] = usage.status
            response["Server-Timing"] = server_timing(usage)
        return response


def server_timing(usage: cache.Usage) -> str:
    metrics = [("render", usage.render_seconds), ("cache", usage.cache_seconds)]
    if usage.wait_seconds:
        metrics.append(("wait", usage.wait_seconds))
    return ", ".join(f"{name};dur={seconds * 1000:.2f}" for name, seconds in metrics)
