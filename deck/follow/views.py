"""Follow mode's pages and endpoints.

- ``/<slug>/follow/``: the deck for the audience; it follows the presenter.
- ``/<slug>/present/``: the deck for the presenter, once this browser has
  presenter rights; before that, the page that redeems a one-time secret.
- ``/<slug>/follow/position``: GET the presenter's position; POST moves the
  audience (presenter rights and a CSRF token required).
- ``/<slug>/follow/events``: the server-sent-events stream of positions.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.core.handlers.wsgi import WSGIRequest
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from deck import decks, event_stream
from deck.follow import hub, join, rights, secret
from deck.follow import position as store
from deck.follow.shared_state import Unavailable
from deck.responses import deck_page, not_found

logger = logging.getLogger(__name__)


def deck_exists(slug: str) -> bool:
    return slug in decks.all_decks()


# The slides folder is read in the thread pool, never on the event loop that
# serves every follower of this process.
adeck_exists = sync_to_async(deck_exists, thread_sensitive=False)


def follow_config(request: HttpRequest, slug: str, mode: str) -> dict[str, Any]:
    """What follow.js needs, embedded in the page with ``json_script``."""
    config = {
        "mode": mode,
        "slug": slug,
        "position": reverse("follow-position", args=[slug]),
        "events": reverse("follow-events", args=[slug]),
    }
    if mode == "presenter":
        # In the page rather than read from the cookie, so it keeps working
        # whatever CSRF_COOKIE_HTTPONLY or CSRF_USE_SESSIONS say.
        config["csrf_token"] = get_token(request)
        # The join code (key Q): the audience link this browser would give out.
        url = join.audience_url(request, slug)
        config["join"] = {"url": url, "svg": join.svg(url)}
    return config


@require_safe
def follow_page(request: HttpRequest, slug: str) -> HttpResponse:
    # The audience's page: never the speaker notes, whoever asks.
    return deck_page(request, slug, notes=False, follow=follow_config(request, slug, "follower"))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def presenter_page(request: HttpRequest, slug: str) -> HttpResponse:
    if not deck_exists(slug):
        return not_found(request)
    if request.method == "POST":
        return claim(request, slug)
    if rights.is_presenter(request, slug):
        # The speaker view (s) reads the notes from this page.
        return deck_page(
            request, slug, notes=True, follow=follow_config(request, slug, "presenter")
        )
    return claim_page(request, slug)


def claim_page(
    request: HttpRequest, slug: str, *, refused: bool = False, unavailable: bool = False
) -> HttpResponse:
    context = {
        "slug": slug,
        "refused": refused,
        "unavailable": unavailable,
        "follow_url": reverse("follow", args=[slug]),
    }
    status = 503 if unavailable else 403 if refused else 200
    return render(request, "deck/claim.html", context, status=status)


def claim(request: HttpRequest, slug: str) -> HttpResponse:
    """Redeem a one-time secret (CSRF-checked by the middleware)."""
    try:
        redeemed = secret.redeem(slug, request.POST.get("secret", "").strip())
    except Unavailable as error:
        # The link is still good: nothing was used up. Say so, not 500.
        logger.warning("presenter link for %s not checked: cache down (%s)", slug, error)
        return claim_page(request, slug, unavailable=True)
    if redeemed:
        rights.grant(request, slug)
        logger.info("presenter rights for %s granted", slug)
        # 303 (see other) to the clean URL: a reload does not post again.
        response = HttpResponseRedirect(reverse("presenter", args=[slug]))
        response.status_code = 303
        return response
    # Never log what was typed: it may be a mistyped real secret.
    logger.warning("presenter link for %s refused (used, expired or wrong)", slug)
    return claim_page(request, slug, refused=True)


def forbidden(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=403)


def unavailable(message: str) -> JsonResponse:
    """503: the cache holding the position is down; ask again in a second."""
    response = JsonResponse({"error": message}, status=503)
    response["Retry-After"] = "1"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
async def position(request: HttpRequest, slug: str) -> HttpResponseBase:
    if not await adeck_exists(slug):
        return JsonResponse({"error": "no such deck"}, status=404)
    if request.method != "POST":
        try:
            current = await store.aread(slug)
        except Unavailable:
            return unavailable("the presenter's position cannot be read right now")
        return JsonResponse(current.as_dict() if current else None, safe=False)
    if not rights.is_presenter(request, slug):
        return forbidden("only the presenter moves the audience")
    try:
        h, v, f = store.parse(json.loads(request.body or b"null"))
    except (ValueError, store.InvalidPosition) as error:
        return JsonResponse({"error": str(error)}, status=400)
    except RecursionError:  # json.loads recurses once per nested [ or {
        return JsonResponse({"error": "a position is three numbers, not nested data"}, status=400)
    try:
        moved = await store.apublish(slug, h, v, f)
    except Unavailable as error:  # the cache backend is down: the presenter retries
        logger.warning("follow %s: cannot store the position: %s", slug, error)
        return unavailable("your move could not be shared: the server's cache is down")
    hub.poke(slug)
    logger.debug("follow %s: presenter at %s", slug, moved)
    return JsonResponse(moved.as_dict())


def _position_event(current: store.Position | None) -> bytes:
    return event_stream.event("position", current.as_dict() if current else None)


async def _stream(slug: str) -> AsyncIterator[bytes]:
    yield event_stream.opening()
    async for item in hub.follow(slug):
        if item is hub.HEARTBEAT:
            yield event_stream.heartbeat()
        else:
            yield _position_event(item)


@never_cache
@require_safe
async def events(request: HttpRequest, slug: str) -> HttpResponseBase:
    if not await adeck_exists(slug):
        return JsonResponse({"error": "no such deck"}, status=404)
    if isinstance(request, WSGIRequest):
        # Under WSGI (runserver, gunicorn's sync workers) an open stream would
        # hold a thread or a whole worker per follower. Answer with the
        # current position and end: the browser asks again after
        # event_stream.RETRY_MS, which is polling. ASGI (deck/project/asgi.py)
        # streams instead.
        try:
            current = await store.aread(slug)
        except Unavailable:
            # The cache is down: no position, only a ping. The follower keeps
            # the slide it shows and asks again after RETRY_MS.
            return event_stream.finished_response(event_stream.heartbeat())
        return event_stream.finished_response(_position_event(current))
    return event_stream.streaming_response(_stream(slug))
