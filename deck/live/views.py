"""Live reload, the push channel: a server-sent events stream per deck and the
JSON a page fetches to bring its slides up to date.

Routed only with DEBUG on (``deck/urls.py``); each view answers 404
unless live reload is on (runserver's autoreloader running, see
:func:`deck.live.watcher.enabled`).

Why server-sent events of our own rather than django-browser-reload: that
package reloads the whole page when a template or static file changes. A
deck needs more than a reload: reveal.js would start over (a flash, the
speaker view reconnecting, fragments hidden again), a broken save would
replace the last good slides with an error page, and it would not land on
the slide that changed. It also learns of changes from the autoreloader, at
StatReloader's one-second pace. What a deck needs is small: one event
stream (EventSource reconnects by itself) and one JSON answer with only the
slides the page does not have yet, so a save in a 1000-slide deck renders
and sends one slide, not a thousand.

With runserver each open stream holds one request thread. The stream pings
every few seconds (:data:`deck.event_stream.HEARTBEAT_SECONDS`), so a page
that went away is noticed at a write and its thread ends; a stream also ends
after ``STREAM_SECONDS`` (the browser reconnects on its own) and when the hub
closes. The threads are daemon threads, so the autoreloader's restart never
waits for them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from deck import decks, event_stream
from deck.core.errors import DeckError
from deck.core.slidediff import Indices
from deck.live import state as live_state
from deck.live import watcher
from deck.live.hub import live_hub

logger = logging.getLogger(__name__)

# The longest one stream holds a runserver thread; the browser then opens a
# new one. Bounds what a stream lost track of (a hung tab) can cost.
STREAM_SECONDS = 300.0


def _live_only() -> None:
    if not watcher.enabled():
        raise Http404("live reload is on only under runserver, with DEBUG on")


@require_safe
@never_cache
def events(request: HttpRequest, slug: str) -> HttpResponse:
    """``text/event-stream``: an event named ``deck`` each time the file changes."""
    _live_only()
    watcher.start_watching()
    # The serial now, not when the stream starts: a save in between is sent.
    return event_stream.streaming_response(_stream(slug, live_hub.serial))


def _stream(slug: str, serial: int) -> Iterator[bytes]:
    yield event_stream.opening()
    end = time.monotonic() + STREAM_SECONDS
    try:
        while time.monotonic() < end:
            found, serial = live_hub.wait(slug, serial, event_stream.HEARTBEAT_SECONDS)
            if live_hub.closed:
                return
            if not found:
                yield event_stream.heartbeat()
                continue
            last = found[-1]
            yield event_stream.event(
                "deck", {"kind": last.kind, "moved_to": _deck_url(last.moved_to)}
            )
    finally:
        logger.debug("live stream for %s closed", slug)


def _deck_url(slug: str | None) -> str | None:
    return reverse("present", args=[slug]) if slug else None


@require_safe
@never_cache
def state(request: HttpRequest, slug: str) -> JsonResponse:
    """The deck as it is on disk, for a page that shows version ``since``.

    ``{"status": "ok", ...}`` with every stack's key and line numbers and the
    HTML of only the stacks the page lacks, plus where the page should go;
    ``"broken"`` with file, line and message; ``"gone"`` with where it moved.
    """
    _live_only()
    started = time.perf_counter()
    live_hub.page_reads(slug)
    try:
        deck = decks.get_deck(slug)
    except decks.DeckNotFound:
        return JsonResponse(_gone(slug))
    except DeckError as error:
        return JsonResponse(_broken(error))
    if not deck.text.strip():
        # An editor that truncates before writing can be caught in between:
        # an empty deck would blank the screen, so treat it as a broken save.
        return JsonResponse(_broken(DeckError(deck.path, 1, "the file is empty")))
    version = live_state.version_of(deck)
    since = request.GET.get("since", "")
    if since == version:
        return JsonResponse({"status": "ok", "version": version, "unchanged": True})
    new = live_state.shape_of(deck)
    live_hub.remember(slug, version, new)
    old = live_hub.recall(slug, since) if since else None
    body = live_state.catch_up(deck, old, new, _indices(request))
    body.update(
        status="ok", version=version, page=live_state.page_setup_key(deck), title=deck.title
    )
    logger.debug(
        "live state for %s: %d of %d stacks sent in %.1f ms",
        slug,
        sum("html" in s for s in body["stacks"]),
        len(body["stacks"]),
        (time.perf_counter() - started) * 1000,
    )
    return JsonResponse(body)


def _indices(request: HttpRequest) -> Indices:
    """Where the page is (``h``, ``v``, ``f`` in the query), as reveal.js counts."""

    def number(name: str, default: int) -> int:
        try:
            return int(request.GET.get(name, default))
        except ValueError:
            return default

    return Indices(number("h", 0), number("v", 0), number("f", -1))


def _gone(slug: str) -> dict[str, Any]:
    last = live_hub.last_file(slug)
    return {
        "status": "gone",
        # The file the author deleted or renamed; the slug if the hub never
        # saw it (created and deleted with no report in between).
        "file": live_state.file_label(last) if last else slug,
        "moved_to": _deck_url(live_hub.moved_to(slug)),
    }


def _broken(error: DeckError) -> dict[str, Any]:
    return {
        "status": "broken",
        "error": {
            "file": live_state.file_label(error.path),
            "path": str(error.path),
            "line": error.line,
            "message": error.message,
        },
    }
