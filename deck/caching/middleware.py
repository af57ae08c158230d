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

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase

from deck.caching.usage import Usage, track


class DeckCacheMiddleware:
    # Both: under uvicorn a sync-only middleware would move every request,
    # follow-mode streams included, onto a thread of its own.
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        with track() as usage:
            response = self.get_response(request)
        return label(response, usage)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        with track() as usage:
            response = await self.get_response(request)
        return label(response, usage)


def label(response: HttpResponseBase, usage: Usage) -> HttpResponseBase:
    if usage.used and not response.streaming:
        response["X-Deck-Cache"] = usage.status
        response["Server-Timing"] = server_timing(usage)
    return response


def server_timing(usage: Usage) -> str:
    metrics = [("render", usage.render_seconds), ("cache", usage.cache_seconds)]
    if usage.wait_seconds:
        metrics.append(("wait", usage.wait_seconds))
    return ", ".join(f"{name};dur={seconds * 1000:.2f}" for name, seconds in metrics)
