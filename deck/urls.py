from django.conf import settings
from django.urls import include, path, re_path

from deck import views
from deck.library import SLUG_PATTERN

urlpatterns = [
    path("", views.index, name="index"),
    path("_deck/pygments/<slug:style>.css", views.pygments_css, name="pygments-css"),
    # The same strict pattern as deck file names: no '..', no NUL.
    re_path(rf"^(?P<slug>{SLUG_PATTERN})/$", views.present, name="present"),
    # Follow mode: /<slug>/follow/, /<slug>/present/ and their endpoints.
    re_path(rf"^(?P<slug>{SLUG_PATTERN})/", include("deck.follow.urls")),
]

if settings.DEBUG:
    # Live reload is for writing a deck with runserver; with DEBUG off its
    # URLs do not exist at all.
    from deck.live_views import urlpatterns as live_urlpatterns

    urlpatterns += live_urlpatterns

handler404 = "deck.views.not_found"
