"""Live reload's URLs, included by ``deck/project/urls.py`` only with DEBUG on."""

from django.urls import re_path

from deck.core.reading import SLUG_PATTERN
from deck.live import views

DECK = rf"^_deck/live/(?P<slug>{SLUG_PATTERN})"

urlpatterns = [
    re_path(rf"{DECK}/events$", views.events, name="live-events"),
    re_path(rf"{DECK}/state\.json$", views.state, name="live-state"),
]
