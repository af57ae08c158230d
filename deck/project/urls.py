from django.conf import settings
from django.urls import include, path, re_path

from deck import slide_files, views
from deck.core.reading import SLUG_PATTERN

# A slug is one or more strict segments ('lesson-two', 'talks/a'): no '..',
# no empty or hidden segment, no NUL.
urlpatterns = [
    path("", views.index, name="index"),
    path("_deck/pygments/<slug:style>.css", views.pygments_css, name="pygments-css"),
    path("_deck/files/<path:path>", slide_files.slides_file, name="slides-file"),
    # Follow mode: /<slug>/follow/, /<slug>/present/ and their endpoints;
    # before the deck itself, whose slug pattern would take 'x/follow' too.
    path("", include("deck.follow.urls")),
    re_path(rf"^(?P<slug>{SLUG_PATTERN})/$", views.present, name="present"),
]

if settings.DEBUG:
    # Live reload is for writing a deck with runserver; with DEBUG off its
    # URLs do not exist at all.
    urlpatterns.append(path("", include("deck.live.urls")))

# Last: anything else below a deck's address is a file beside its Markdown.
urlpatterns.append(re_path(r"^(?P<path>[^_].*[^/])$", slide_files.deck_file, name="deck-file"))

handler404 = "deck.responses.not_found"
