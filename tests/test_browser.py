"""The lesson in real Chromium, as the room sees it."""

from __future__ import annotations

import pytest

from tests.conftest import open_speaker_view

pytestmark = pytest.mark.browser

LESSON = "/lesson-09-advanced-django/"


def open_deck(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")


def test_lesson_has_23_slides_and_arrows_move(page, lesson_server):
    open_deck(page, lesson_server.url + LESSON)
    assert page.evaluate("Reveal.getTotalSlides()") == 23
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    assert "Common Code / cc&20!4@" in page.locator(".slides section.present").inner_text()
    assert page.watch.errors == []


def test_deep_link_opens_the_fourth_slide(page, lesson_server):
    open_deck(page, lesson_server.url + LESSON + "#/3")
    assert page.evaluate("Reveal.getIndices().h") == 3
    slide = page.locator(".slides > section.present")
    assert "help <subcommand>" in slide.inner_text()
    assert page.get_by_text("help <subcommand>", exact=True).is_visible()
    assert page.watch.errors == []


def test_title_slide_shows_the_repaired_em_dash(page, lesson_server):
    open_deck(page, lesson_server.url + LESSON)
    text = page.locator(".slides > section.present").inner_text()
    assert "Lesson Nine — Advanced Django Topics".upper() in text.upper()
    assert "â€" not in text


def test_overview_and_slide_number(page, lesson_server):
    open_deck(page, lesson_server.url + LESSON + "#/2")
    assert page.locator(".slide-number").inner_text().strip() == "3"
    page.keyboard.press("Escape")
    page.wait_for_function("Reveal.isOverview()")
    page.keyboard.press("Escape")
    page.wait_for_function("!Reveal.isOverview()")


def test_notes_are_in_the_speaker_view_never_on_the_slide(page, deck_server, tmp_path):
    (tmp_path / "talk.md").write_text(
        "# Visible title\n\nNote: secret speaker words\n---\n# Second\n", encoding="utf-8"
    )
    server = deck_server(tmp_path)
    open_deck(page, server.url + "/talk/")
    slide = page.locator(".slides > section.present")
    assert "VISIBLE TITLE" in slide.inner_text().upper()
    assert "secret speaker words" not in slide.inner_text()
    assert not page.get_by_text("secret speaker words").is_visible()
    assert page.evaluate("Reveal.getSlideNotes()").strip() == "<p>secret speaker words</p>"
    # The speaker view opens in its own window with the notes in it.
    popup = open_speaker_view(page)
    popup.wait_for_selector(".speaker-controls-notes .value", state="attached")
    popup.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value').textContent.includes('secret')"
    )
    assert page.watch.errors == []


def test_code_slide_is_highlighted(page, deck_server, tmp_path):
    (tmp_path / "code.md").write_text(
        "# Code\n\n```python {2}\ndef f(x):\n    return x < 2 and x & 1\n```\n", encoding="utf-8"
    )
    server = deck_server(tmp_path)
    open_deck(page, server.url + "/code/")
    code = page.locator(".slides section.present .highlight")
    assert code.inner_text().strip() == "def f(x):\n    return x < 2 and x & 1"
    keyword_color = page.evaluate("getComputedStyle(document.querySelector('.highlight .k')).color")
    text_color = page.evaluate("getComputedStyle(document.querySelector('.highlight .n')).color")
    assert keyword_color != text_color
    assert page.locator(".highlight .hll").count() == 1
    assert page.watch.errors == []
