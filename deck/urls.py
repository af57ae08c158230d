"""Every address the app answers, in one place.

A slug is one or more strict segments (``lesson-two``, ``talks/a``): no
``..``, no empty or hidden segment, no NUL. Slugs may hold slashes, so the
per-deck addresses are whole patterns rather than includes under a prefix.
Addresses the app draws itself start with ``_deck/``, which no deck's slug
can (a segment starts with a letter or digit).

The prefixes other modules need (the export writes the same paths; the ASGI
entry point recognises follow mode's streams) are the constants below.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import path, re_path

from deck import slide_files, views
from deck.core.reading import SLUG_PATTERN
from deck.follow import views as follow_views
from deck.transcript import views as transcript_views

PYGMENTS_CSS = "_deck/pygments/{style}.css"
# Files of the slides folder the page itself links (a course-wide theme).
SLIDES_FILES = "_deck/files/"
FOLLOW_EVENTS = "follow/events"
LIVE = "_deck/live/"

DECK = rf"^(?P<slug>{SLUG_PATTERN})"

urlpatterns = [
    path("", views.index, name="index"),
    path(PYGMENTS_CSS.format(style="<slug:style>"), views.pygments_css, name="pygments-css"),
    path(f"{SLIDES_FILES}<path:path>", slide_files.slides_file, name="slides-file"),
    # Follow mode, before the deck itself, whose slug pattern would take
    # 'x/follow' too.
    re_path(rf"{DECK}/follow/$", follow_views.follow_page, name="follow"),
    re_path(rf"{DECK}/follow/position$", follow_views.position, name="follow-position"),
    re_path(rf"{DECK}/{FOLLOW_EVENTS}$", follow_views.events, name="follow-events"),
    re_path(rf"{DECK}/present/$", follow_views.presenter_page, name="presenter"),
    re_path(rf"{DECK}/transcript/$", transcript_views.transcript, name="transcript"),
    re_path(rf"{DECK}/$", views.present, name="present"),
]

if settings.DEBUG:
    # Live reload is for writing a deck with runserver; with DEBUG off its
    # addresses do not exist at all.
    from deck.live import views as live_views

    LIVE_DECK = rf"^{LIVE}(?P<slug>{SLUG_PATTERN})"
    urlpatterns += [
        re_path(rf"{LIVE_DECK}/events$", live_views.events, name="live-events"),
        re_path(rf"{LIVE_DECK}/state\.json$", live_views.state, name="live-state"),
    ]

# Last: anything else below a deck's address is a file beside its Markdown.
urlpatterns.append(
    re_path(r"^(?P<path>[^_].*[^/])$", slide_files.file_beside_deck, name="deck-file")
)
