from django.conf import settings
from django.urls import include, path, re_path

from deck import views

urlpatterns = [
    path("", views.index, name="index"),
    path("_deck/pygments/<slug:style>.css", views.pygments_css, name="pygments-css"),
    re_path(r"^(?P<slug>[A-Za-z0-9][A-Za-z0-9_.-]*)/$", views.present, name="present"),
    # Follow mode: /<slug>/follow/, /<slug>/present/ and their endpoints.
    re_path(r"^(?P<slug>[A-Za-z0-9][A-Za-z0-9_.-]*)/", include("deck.follow.urls")),
]

if settings.DEBUG:
    # Live reload is for writing a deck with runserver; with DEBUG off its
    # URLs do not exist at all.
    from deck.live_views import urlpatterns as live_urlpatterns

    urlpatterns += live_urlpatterns

handler404 = "deck.views.not_found"
