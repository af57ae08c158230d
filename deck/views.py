"""The deck app's routed views: the list of decks, one deck presented, and
Pygments CSS. Follow mode's views are in :mod:`deck.follow.views`, live
reload's in :mod:`deck.live.views`."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from deck import decks, responses
from deck.render.highlight import is_known_style, style_css


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {"decks": decks.summaries(), "show_errors": settings.DEBUG}
    return render(request, "deck/index.html", context)


@require_safe
def present(request: HttpRequest, slug: str) -> HttpResponse:
    return responses.deck_page(request, slug)


@require_safe
@cache_control(max_age=86400, public=True)
def pygments_css(request: HttpRequest, style: str) -> HttpResponse:
    if not is_known_style(style):
        raise Http404("no such Pygments style")
    return HttpResponse(style_css(style), content_type="text/css; charset=utf-8")
