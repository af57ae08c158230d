from django.urls import path, re_path

from deck import files, views

# A slug is one or more path segments: 'lesson-two', 'talks/a'.
SLUG = r"[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*"

urlpatterns = [
    path("", views.index, name="index"),
    path("_deck/pygments/<slug:style>.css", views.pygments_css, name="pygments-css"),
    path("_deck/files/<path:path>", files.slides_file, name="slides-file"),
    re_path(rf"^(?P<slug>{SLUG})/$", views.present, name="present"),
    # Anything else below a deck's address is a file beside its Markdown.
    re_path(r"^(?P<path>[^_].*[^/])$", files.deck_file, name="deck-file"),
]

handler404 = "deck.views.not_found"
