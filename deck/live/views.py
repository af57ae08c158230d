"""Live reload, the push channel: a server-sent events stream per deck and the
JSON a page fetches to bring its slides up to date.

Routed only with DEBUG on (see ``deck/project/urls.py``); each view answers 404
unless live reload is on (runserver's autoreloader running, see ``deck.live.changes``).

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

With runserver each open stream holds one request thread. The stream sends
a comment every few seconds, so a page that went away is noticed at the next
write and its thread ends; a stream also ends after ``STREAM_SECONDS`` (the
browser reconnects at once) and when the hub closes. The threads are daemon
threads, so the autoreloader's restart never waits for them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import re_path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from deck import pages
from deck.core import reading
from deck.core.errors import DeckError
from deck.core.model import Deck
from deck.core.slidediff import Position, Shape, landing, stacks_to_send
from deck.core.splitter import Slide, SplitDeck
from deck.live import changes

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
STREAM_SECONDS = 300.0
RETRY_MS = 500


def _live_only() -> None:
    if not changes.enabled():
        raise Http404("live reload is on only under runserver, with DEBUG on")


@require_safe
@never_cache
def events(request: HttpRequest, slug: str) -> HttpResponse:
    """``text/event-stream``: an event named ``deck`` each time the file changes."""
    _live_only()
    changes.start_watching()
    response = StreamingHttpResponse(
        _stream(slug, changes.hub.serial), content_type="text/event-stream; charset=utf-8"
    )
    response["X-Accel-Buffering"] = "no"
    return response


def _stream(slug: str, serial: int) -> Iterator[str]:
    # The first bytes go out at once, so the browser's "open" fires and the
    # page checks whether it missed a save while it was connecting.
    yield f"retry: {RETRY_MS}\n: connected\n\n"
    end = time.monotonic() + STREAM_SECONDS
    try:
        while time.monotonic() < end:
            found, serial = changes.hub.wait(slug, serial, HEARTBEAT_SECONDS)
            if changes.hub.closed:
                return
            if not found:
                yield ": still here\n\n"  # a write that fails ends the stream
                continue
            last = found[-1]
            data = {"kind": last.kind, "moved_to": _deck_url(last.moved_to)}
            yield f"event: deck\ndata: {json.dumps(data)}\n\n"
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
    changes.hub.page_reads(slug)
    try:
        deck = pages.get_deck(slug)
    except pages.DeckNotFound:
        return JsonResponse(
            {
                "status": "gone",
                "file": f"{slug}.md",
                "moved_to": _deck_url(changes.hub.moved_to(slug)),
            }
        )
    except DeckError as error:
        return JsonResponse(_broken(error))
    if not deck.text.strip():
        # An editor that truncates before writing can be caught in between:
        # an empty deck would blank the screen, so treat it as a broken save.
        return JsonResponse(_broken(DeckError(deck.path, 1, "the file is empty")))
    version = changes.version_of(deck)
    since = request.GET.get("since", "")
    if since == version:
        return JsonResponse({"status": "ok", "version": version, "unchanged": True})
    new = changes.shape_of(deck)
    changes.hub.remember(slug, version, new)
    old = changes.hub.recall(slug, since) if since else None
    body = _slides(deck, old, new, _position(request))
    body.update(status="ok", version=version, page=page_key(deck), title=deck.title)
    logger.debug(
        "live state for %s: %d of %d stacks sent in %.1f ms",
        slug,
        sum("html" in s for s in body["stacks"]),
        len(body["stacks"]),
        (time.perf_counter() - started) * 1000,
    )
    return JsonResponse(body)


def _slides(deck: Deck, old: Shape | None, new: Shape, current: Position) -> dict[str, Any]:
    stacks = []
    keys = new.stack_keys()
    for stack, key, send in zip(deck.split.stacks, keys, stacks_to_send(old, new), strict=True):
        item: dict[str, Any] = {
            "key": key,
            "lines": [slide.line for slide in stack],
            "plain": is_plain(stack),
        }
        if send:
            # Through the one entry point that makes slide HTML, one stack at
            # a time, so only the stacks the page lacks are rendered.
            one = replace(deck, split=SplitDeck(deck.split.front_matter, (stack,)))
            item["html"] = pages.render_slides(one)
        stacks.append(item)
    go = landing(old, new, current) if old is not None else None
    return {
        "stacks": stacks,
        "goto": None if go is None else {"h": go.h, "v": go.v, "f": go.f},
    }


def is_plain(stack: tuple[Slide, ...]) -> bool:
    """No slide of the stack has attributes of its own (``<!-- .slide: -->``).

    The page may then edit such a slide in place: reveal.js owns every
    attribute of its element.
    """
    return not any(slide.attrs for slide in stack)


def _position(request: HttpRequest) -> Position:
    def number(name: str, default: int) -> int:
        try:
            return int(request.GET.get(name, default))
        except ValueError:
            return default

    return Position(number("h", 0), number("v", 0), number("f", -1))


def _broken(error: DeckError) -> dict[str, Any]:
    return {
        "status": "broken",
        "error": {
            "file": error.path.name,
            "path": str(error.path),
            "line": error.line,
            "message": error.message,
        },
    }


def page_key(deck: Deck) -> str:
    """Changes when the theme, the highlight style or a reveal.js option changes.

    Those are set up when the page loads, so the page reloads to apply them.
    (The title is not among them: the page sets it.)
    """
    page = {
        "theme": str(pages.theme_link(deck)),
        "css": [str(link) for link in pages.css_links(deck)],
        "highlight": pages.highlight_style(deck),
        "options": pages.reveal_options(deck),
    }
    encoded = json.dumps(page, sort_keys=True, default=str).encode()
    return hashlib.blake2b(encoded, digest_size=8).hexdigest()


def page_state(deck: Deck) -> dict[str, Any]:
    """What ``live.js`` starts from: the version on screen and its stacks' keys."""
    version = changes.version_of(deck)
    shape = changes.shape_of(deck)
    changes.hub.remember(deck.slug, version, shape)
    return {
        "version": version,
        "page": page_key(deck),
        "keys": shape.stack_keys(),
        "plain": [is_plain(stack) for stack in deck.split.stacks],
        "events": reverse("live-events", args=[deck.slug]),
        "state": reverse("live-state", args=[deck.slug]),
    }


SLUG_PATTERN = rf"(?P<slug>{reading.SLUG_PATTERN})"

urlpatterns = [
    re_path(rf"^_deck/live/{SLUG_PATTERN}/events$", events, name="live-events"),
    re_path(rf"^_deck/live/{SLUG_PATTERN}/state\.json$", state, name="live-state"),
]
