"""Follow mode's URLs, each with its deck's slug (which may hold slashes:
``talks/a/follow/``), so they are whole patterns rather than an include under
a slug prefix that could not give back what it matched."""

from django.urls import re_path

from deck.core.reading import SLUG_PATTERN
from deck.follow import views

DECK = rf"^(?P<slug>{SLUG_PATTERN})"

urlpatterns = [
    re_path(rf"{DECK}/follow/$", views.follow_page, name="follow"),
    re_path(rf"{DECK}/follow/position$", views.position, name="follow-position"),
    re_path(rf"{DECK}/follow/events$", views.events, name="follow-events"),
    re_path(rf"{DECK}/present/$", views.presenter_page, name="presenter"),
]
