"""Follow mode's URLs, included under ``<slug>/`` by ``deck.urls``."""

from django.urls import path

from deck.follow import views

urlpatterns = [
    path("follow/", views.follow_page, name="follow"),
    path("follow/position", views.position, name="follow-position"),
    path("follow/events", views.events, name="follow-events"),
    path("present/", views.presenter_page, name="presenter"),
]
