from django.urls import path, re_path

from deck import views
from deck.library import SLUG_PATTERN

urlpatterns = [
    path("", views.index, name="index"),
    path("_deck/pygments/<slug:style>.css", views.pygments_css, name="pygments-css"),
    # The same strict pattern as deck file names: no '..', no slashes, no NUL.
    re_path(rf"^(?P<slug>{SLUG_PATTERN})/$", views.present, name="present"),
]

handler404 = "deck.views.not_found"
