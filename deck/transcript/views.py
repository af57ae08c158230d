"""``/<slug>/transcript/``: the deck's transcript page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from deck import decks, responses
from deck.core.errors import DeckError
from deck.transcript.sections import transcript_context


@require_safe
def transcript(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        deck = decks.get_deck(slug)
    except decks.DeckNotFound:
        return responses.not_found(request)
    except DeckError as error:
        return responses.broken(request, slug, error)
    # The page's own anchors, spelled out: its <base> is the deck's address.
    context = {**transcript_context(deck), "page_url": request.path}
    response = render(request, "deck/transcript.html", context)
    # Revalidate every time, as the deck's page: an edit shows on the next reload.
    response["Cache-Control"] = "no-cache"
    return response
