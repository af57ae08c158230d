"""The project's URL configuration: the deck app's addresses (``deck/urls.py``)
at the root, and the site's own 404 page."""

from django.urls import include, path

urlpatterns = [path("", include("deck.urls"))]

handler404 = "deck.responses.not_found"
