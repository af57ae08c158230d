"""What the audience sees: a cached deck is the same deck, an edit shows on reload."""

from __future__ import annotations

import pytest

from tests.test_cache import DECK

pytestmark = pytest.mark.browser


def shown_text(page) -> str:
    # As read on screen, less the theme's upper-casing of headings.
    text = page.locator(".reveal .slides section.present").inner_text()
    return " ".join(text.lower().split())


def test_cached_deck_looks_the_same_and_edits_show_on_reload(deck_server, tmp_path, page, browser):
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "talk.md").write_text(DECK, encoding="utf-8")
    server = deck_server(slides)

    first = page.goto(server.url + "/talk/")
    assert first.headers["x-deck-cache"] == "miss"
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert "first slide" in shown_text(page)

    # Another visitor: served from the cache, the same bytes, the same deck.
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    other = context.new_page()
    again = other.goto(server.url + "/talk/#/2")
    assert again.headers["x-deck-cache"] == "hit"
    other.wait_for_function("window.Reveal && Reveal.isReady()")
    assert other.evaluate("Reveal.getTotalSlides()") == 3
    assert shown_text(other).startswith("third slide some text.")
    assert again.body() == first.body()
    context.close()

    # The first visitor reloads: the browser revalidates with its ETag.
    reloaded = page.reload()
    assert reloaded.headers["x-deck-cache"] == "hit"
    assert '"GET /talk/ HTTP/1.1" 304' in server.output()
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert "first slide one two" in shown_text(page)

    (slides / "talk.md").write_text(DECK.replace("Some *text*.", "Some *new* text."), "utf-8")
    page.goto(server.url + "/talk/#/2")
    edited = page.reload()
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert edited.headers["x-deck-cache"] == "partial"
    assert shown_text(page).startswith("third slide some new text.")
    assert page.watch.errors == []
