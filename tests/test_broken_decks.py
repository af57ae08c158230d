"""Each broken deck next to a good one: a clear page naming file and line
(slide-styled in DEBUG, plain without DEBUG, detail in the log), never a
traceback, and every other deck keeps working."""

from __future__ import annotations

import logging
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, override_settings

from deck.render import slides

CHECKS = Path(__file__).resolve().parent / "fixtures" / "checks"
GOOD = "# A good deck\n\nStill works.\n"

BROKEN = [
    ("not_utf8", "cp1252", "cp1252.md", 3, "byte 0x97 is not UTF-8 text"),
    ("utf16", "utf16", "utf16.md", 1, "saved as UTF-16"),
    ("binary", "picture", "picture.md", 1, "binary file"),
    ("unclosed_fence", "deck", "deck.md", 7, "is never closed"),
    ("front_matter", "deck", "deck.md", 3, "front matter is not valid YAML"),
    ("too_large", "big", "big.md", 1, "over the limit of 200 bytes"),
]


@pytest.fixture
def folder_with(tmp_path):
    def make(fixture: str) -> Path:
        slides = tmp_path / "slides"
        shutil.copytree(CHECKS / fixture, slides)
        (slides / "good.md").write_text(GOOD)
        return slides

    return make


def get(path: str, *, debug: bool):
    with override_settings(DEBUG=debug):
        response = Client(raise_request_exception=False).get(path)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("fixture", "slug", "name", "line", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_deck_in_debug_names_file_and_line(folder_with, fixture, slug, name, line, message):
    with override_settings(DECK={"SLIDES_DIR": folder_with(fixture), "MAX_BYTES": 200}):
        status, body = get(f"/{slug}/", debug=True)
        assert status == 500
        assert f"<code>{name}</code>, line {line}" in body
        assert message in body
        assert 'class="reveal"' in body  # drawn as a slide
        assert "Traceback" not in body
        assert get("/good/", debug=True) == (200, get("/good/", debug=True)[1])
        assert "Still works." in get("/good/", debug=True)[1]
        status, index = get("/", debug=True)
        assert status == 200
        assert "A good deck" in index and f"{name}:{line}" in index


@pytest.mark.parametrize(
    ("fixture", "slug", "name", "line", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_deck_without_debug_shows_no_internals(
    folder_with, caplog, fixture, slug, name, line, message
):
    with override_settings(DECK={"SLIDES_DIR": folder_with(fixture), "MAX_BYTES": 200}):
        with caplog.at_level(logging.ERROR, logger="deck"):
            status, body = get(f"/{slug}/", debug=False)
        assert status == 500
        assert "This deck cannot be shown" in body
        assert name not in body and message not in body and "line" not in body
        assert f"{name}:{line}: " in caplog.text and message in caplog.text
        assert "Still works." in get("/good/", debug=False)[1]
        status, index = get("/", debug=False)
        assert status == 200 and message not in index


def test_the_excerpt_marks_the_bad_line(folder_with):
    with override_settings(DECK={"SLIDES_DIR": folder_with("unclosed_fence")}):
        _, body = get("/deck/", debug=True)
    assert '<span class="bad"><span class="n">7</span>```python</span>' in body
    assert '<span class="n">5</span>## Code' in body


def test_a_renderer_bug_is_logged_and_named_not_a_traceback(tmp_path, monkeypatch, caplog):
    # Fault injection: no known input breaks the renderer (the fuzz tests look
    # for one); this proves the safety net around it.
    (tmp_path / "deck.md").write_text("# One\n\n---\n\n## Two BOOM\n")
    (tmp_path / "good.md").write_text(GOOD)
    real = slides.markdown_to_html

    def explode_on_boom(text: str) -> str:
        if "BOOM" in text:
            raise RuntimeError("renderer bug")
        return real(text)

    monkeypatch.setattr(slides, "markdown_to_html", explode_on_boom)
    with override_settings(DECK={"SLIDES_DIR": tmp_path}):
        with caplog.at_level(logging.ERROR, logger="deck"):
            status, body = get("/deck/", debug=True)
        assert status == 500
        assert "<code>deck.md</code>, line 5" in body and "slide 2 could not be rendered" in body
        assert "RuntimeError: renderer bug" in caplog.text  # the traceback goes to the log
        assert "Traceback" not in body
        status, body = get("/deck/", debug=False)
        assert status == 500 and "deck.md" not in body
        assert get("/good/", debug=False)[0] == 200


def test_broken_deck_on_the_real_server_keeps_the_others_up(folder_with, deck_server):
    server = deck_server(folder_with("unclosed_fence"), env={"DECK_DEBUG": "1"})
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(server.url + "/deck/")
    assert raised.value.code == 500
    assert "deck.md</code>, line 7" in raised.value.read().decode()
    with urllib.request.urlopen(server.url + "/good/") as response:
        assert "Still works." in response.read().decode()
    assert "deck deck cannot be shown: deck.md:7: code block opened" in server.output()
    assert "Traceback" not in server.output()


@pytest.mark.browser
def test_the_debug_error_page_looks_like_a_slide(folder_with, deck_server, page):
    server = deck_server(folder_with("unclosed_fence"), env={"DECK_DEBUG": "1"})
    page.goto(server.url + "/deck/")
    page.wait_for_function("window.deckReady !== undefined")
    slide = page.locator(".reveal .slides section.present")
    assert slide.locator("h2").inner_text().lower() == "this deck cannot be shown"
    assert slide.locator(".where").inner_text() == "deck.md, line 7"
    assert slide.locator(".excerpt .bad").inner_text().strip() == "7```python"
    box = slide.bounding_box()
    assert box["width"] > 600 and box["y"] >= 0
    # Nothing failed but the page's own status 500 (which Chromium logs too).
    assert [e for e in page.watch.errors if "500" not in e] == []
    page.get_by_role("link", name="Every other deck").click()
    page.get_by_role("link", name="A good deck").click()
    page.wait_for_function("window.deckReady !== undefined")
    assert "Still works." in page.locator(".reveal .slides").inner_text()
