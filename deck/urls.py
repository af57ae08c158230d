from django.urls import path, re_path

from deck import views

urlpatterns = [
    path("", views.index, name="index"),
    path("_deck/pygments/<slug:style>.css", views.pygments_css, name="pygments-css"),
    re_path(r"^(?P<slug>[A-Za-z0-9][A-Za-z0-9_.-]*)/$", views.present, name="present"),
]

handler404 = "deck.views.not_found"
