"""The audience never reads the speaker notes: not on the follow page, not on
any deck page served with DEBUG off, in no form (``aside.notes``,
``data-notes``). The presenter gets them (the speaker view needs them), the
teacher's laptop (DEBUG) too, and the static export keeps them."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from deck import export, speaker_notes
from deck.caching.url import parse
from deck.core.notes_html import without_notes
from deck.follow import secret

DECK = """---
title: Notes test
---

# Quiz

What is 6 × 7?

Note: the answer is forty-two

---

<!-- .slide: data-notes="whisper the attribute answer" -->

## Second

<aside class="notes">a hand-written aside answer</aside>

Shown to everyone.
"""

SECRETS = ("the answer is forty-two", "whisper the attribute answer", "a hand-written aside")


@pytest.fixture
def slides_dir(tmp_path, settings):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "quiz.md").write_text(DECK, encoding="utf-8")
    settings.DECK = {"SLIDES_DIR": folder}
    settings.CACHES = {"default": {**parse("locmem://"), "LOCATION": f"test-{uuid.uuid4()}"}}
    return folder


def notes_in(page: bytes | str) -> list[str]:
    text = page.decode() if isinstance(page, bytes) else page
    return [phrase for phrase in SECRETS if phrase in text]


def presenter_client() -> Client:
    client = Client()
    page = client.get("/quiz/present/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        "/quiz/present/", {"csrfmiddlewaretoken": token, "secret": secret.issue("quiz")}
    )
    assert response.status_code == 303
    return client


# --- taking notes out of HTML ------------------------------------------------


def test_notes_asides_and_attributes_are_removed_and_nothing_else():
    html = (
        '<section data-line="3" data-notes="secret" id="s">\n<p>keep</p>\n'
        '<aside class="notes"><p>a <aside>nested</aside> secret</p></aside>\n'
        "<aside>an aside that is no notes</aside>\n</section>"
    )
    assert without_notes(html) == (
        '<section data-line="3" id="s">\n<p>keep</p>\n\n'
        "<aside>an aside that is no notes</aside>\n</section>"
    )


def test_notes_markup_shown_as_code_or_in_comments_stays():
    html = '<pre><code>&lt;aside class="notes"&gt;</code></pre><!-- <aside class="notes"> -->'
    assert without_notes(html) == html


def test_an_aside_left_open_hides_the_rest_as_a_browser_would():
    assert without_notes('<p>x</p><ASIDE class="big notes"><p>open') == "<p>x</p>"


# --- who gets them --------------------------------------------------------------


def test_deck_page_with_debug_off_has_no_notes(slides_dir, settings):
    settings.DEBUG = False
    page = Client().get("/quiz/").content
    assert b"Shown to everyone." in page
    assert notes_in(page) == []
    assert b'class="notes"' not in page and b"data-notes" not in page


def test_follow_page_has_no_notes_even_with_debug_on(slides_dir, settings):
    settings.DEBUG = True
    page = Client().get("/quiz/follow/").content
    assert b"Shown to everyone." in page and b'"mode": "follower"' in page
    assert notes_in(page) == []


def test_debug_on_the_teachers_laptop_shows_notes(slides_dir, settings):
    settings.DEBUG = True
    assert notes_in(Client().get("/quiz/").content) == list(SECRETS)


def test_presenter_gets_notes_with_debug_off(slides_dir, settings):
    settings.DEBUG = False
    presenter = presenter_client()
    assert notes_in(presenter.get("/quiz/present/").content) == list(SECRETS)
    assert notes_in(presenter.get("/quiz/").content) == list(SECRETS)
    # Rights for one deck are not rights for another's notes.
    assert speaker_notes.may_see_notes(presenter.get("/quiz/").wsgi_request, "other") is False


def test_pages_with_and_without_notes_are_different_cache_entries(slides_dir, settings):
    settings.DEBUG = False
    presenter = presenter_client()
    first = presenter.get("/quiz/")
    assert first["X-Deck-Cache"] == "miss" and notes_in(first.content)
    # The room's request after the presenter's: not the presenter's page.
    room = Client().get("/quiz/")
    assert room["X-Deck-Cache"] != "hit" and notes_in(room.content) == []
    assert room["ETag"] != first["ETag"]
    again = Client().get("/quiz/")
    assert again["X-Deck-Cache"] == "hit" and notes_in(again.content) == []
    assert presenter.get("/quiz/")["X-Deck-Cache"] == "hit"
    # A room member replaying the presenter's ETag gets the page, not a 304.
    replay = Client().get("/quiz/", headers={"If-None-Match": first["ETag"]})
    assert replay.status_code == 200 and notes_in(replay.content) == []


def test_the_export_keeps_the_notes(slides_dir, settings, tmp_path):
    settings.DEBUG = False
    out = tmp_path / "site"
    export.export(["quiz"], out)
    assert notes_in((out / "quiz" / "index.html").read_text()) == list(SECRETS)
