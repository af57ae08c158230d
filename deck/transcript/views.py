"""``/<slug>/transcript/``: the deck's transcript page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from deck import decks, responses, speaker_notes
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
    # The notes only for those who may read them (deck.speaker_notes): the
    # teacher's laptop, or the presenter of a room.
    show_notes = speaker_notes.may_see_notes(request, slug)
    context = {**transcript_context(deck, show_notes=show_notes), "page_url": request.path}
    response = render(request, "deck/transcript.html", context)
    # Revalidate every time, as the deck's page: an edit shows on the next reload.
    response["Cache-Control"] = "no-cache"
    return response
