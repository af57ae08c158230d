"""The answers several views give: a deck's page, the page of a deck that
cannot be shown, and the site's 404. Not routed themselves; the deck views
and follow mode's views both answer with them."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response

from deck import conf, decks, pages, speaker_notes
from deck.core.errors import DeckError
from deck.core.model import Deck
from deck.core.reading import source_excerpt
from deck.render.slides import render_slide

logger = logging.getLogger(__name__)

# The request headers get_conditional_response() looks at: without any of
# them (most requests) there is nothing to ask it.
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def deck_page(
    request: HttpRequest, slug: str, *, notes: bool | None = None, **extra: Any
) -> HttpResponse:
    """The deck ``slug`` as a reveal.js page, or the page that says why it
    cannot be shown.

    A plain page comes from the page cache (one page for visitors without
    presenter rights, one with the speaker notes). A page with ``extra``
    context (follow mode: per-browser rights and a CSRF token) is drawn for
    this request; its slides still come from the slide cache. ``notes``:
    whether the page carries the speaker notes; None: as
    :func:`deck.speaker_notes.may_see_notes` says for this request.
    """
    if notes is None:
        notes = speaker_notes.may_see_notes(request, slug)
    try:
        if extra:
            deck = decks.get_deck(slug)
            return HttpResponse(pages.draw(deck, request=request, notes=notes, **extra))
        page = pages.cached_page(slug, notes)
        # A matching If-None-Match is answered before any rendering.
        response = None
        if any(header in request.META for header in CONDITIONAL_HEADERS):
            response = get_conditional_response(request, etag=page.etag)
        if response is None:
            response = HttpResponse(page.content())
    except decks.DeckNotFound:
        return not_found(request)
    except DeckError as error:
        return broken(request, slug, error)
    except Exception:
        # A renderer bug must never put a traceback in front of a class, nor
        # take the site down: log it in full, name the slide, keep serving.
        logger.exception("deck %s failed to render", slug)
        return broken(request, slug, render_failure(decks.get_deck(slug)))
    response["ETag"] = page.etag
    # Revalidate every time: an edited deck must show on the next reload.
    response["Cache-Control"] = "no-cache"
    return response


def render_failure(deck: Deck) -> DeckError:
    """The error to show when rendering failed: at the first slide that fails."""
    for slide in deck.split.slides:
        try:
            render_slide(slide)
        except Exception:  # the slide that broke the page; logged by the caller
            blank_lines = len(slide.body) - len(slide.body.lstrip("\n"))
            return DeckError(
                deck.path,
                slide.line + blank_lines,
                f"slide {slide.number} could not be rendered (an internal error, logged)",
                "change this slide's Markdown until it renders, and report it as a bug",
            )
    return DeckError(deck.path, 1, "the deck could not be rendered (an internal error, logged)")


def broken(request: HttpRequest, slug: str, error: DeckError) -> HttpResponse:
    """A deck that cannot be shown: the details in DEBUG, else only in the log."""
    logger.error("deck %s cannot be shown: %s", slug, error)
    if not settings.DEBUG:
        return render(request, "deck/broken.html", {"slug": slug}, status=500)
    context = {
        "slug": slug,
        "error": error,
        "excerpt": source_excerpt(error.path, error.line, conf.get("MAX_BYTES")),
    }
    return render(request, "deck/broken_slide.html", context, status=500)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the site's look, also with DEBUG on for a wrong slug."""
    return render(request, "404.html", {"path": request.path}, status=404)
