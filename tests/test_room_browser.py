"""Serving a room with DEBUG off, in Chromium: the presenter's speaker view
still has the notes (its frames are same-origin: X-Frame-Options
SAMEORIGIN), the audience's pages have none, an HTML iframe background runs
its script but not in the deck's origin, and a move made while Redis is
stopped says on the presenter's screen that it was not shared."""

from __future__ import annotations

import secrets

import pytest

from tests.conftest import open_speaker_view
from tests.follow_server import FollowServer
from tests.test_follow_outage import Redis

pytestmark = pytest.mark.browser

ROOM = """---
title: Room
---

# Question

What is 6 × 7?

Note: the answer is forty-two

---

<!-- .slide: data-background-iframe="demo.html" -->

## A live demo
"""

DEMO = """<!doctype html>
<html><body style="background: #fff; color: #000; font: 40px sans-serif">
<p id="out">script did not run</p>
<script src="demo.js"></script>
</body></html>
"""

# What the iframe's script can reach: its own page, not the deck's.
DEMO_JS = """
var reach = [];
try { reach.push("parent:" + window.parent.document.title); } catch (e) { reach.push("parent blocked"); }
try { reach.push("cookie:" + document.cookie); } catch (e) { reach.push("cookie blocked"); }
document.getElementById("out").textContent = "script ran; " + reach.join("; ");
"""


@pytest.fixture
def room(tmp_path):
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "room.md").write_text(ROOM, encoding="utf-8")
    (slides / "demo.html").write_text(DEMO, encoding="utf-8")
    (slides / "demo.js").write_text(DEMO_JS, encoding="utf-8")
    redis = Redis(tmp_path)
    env = {
        "DECK_SLIDES_DIR": str(slides),
        "DECK_DEBUG": "0",
        "DECK_SECRET_KEY": secrets.token_urlsafe(40),  # made here, never written down
        "DECK_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "tests.shared_cache_settings",
        "DECK_TEST_REDIS_URL": redis.url,
    }
    server = FollowServer("room", tmp_path, env=env).start()
    yield server, redis
    server.stop()
    if redis.process.poll() is None:
        redis.stop()


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.deckReady && Reveal.isReady()")


def test_presenter_speaker_view_has_notes_with_debug_off(page, room, tmp_path):
    server, _ = room
    ready(page, server.presenter_link)
    page.wait_for_url("**/room/present/")
    assert "forty-two" in page.evaluate("Reveal.getSlideNotes()")
    speaker = open_speaker_view(page)
    speaker.wait_for_function(
        "(document.querySelector('.speaker-controls-notes .value') || {}).textContent"
        " && document.querySelector('.speaker-controls-notes .value').textContent"
        ".includes('forty-two')"
    )
    # The speaker view's current and next slides are frames of this origin.
    current = speaker.frame_locator("#current-slide iframe")
    current.locator(".reveal .slides").first.wait_for(state="attached")
    speaker.screenshot(path=str(tmp_path / "speaker-view.png"))
    assert page.watch.errors == []


def test_audience_pages_have_no_notes_and_the_demo_runs_in_its_own_origin(page, room, tmp_path):
    server, _ = room
    ready(page, server.deck_url + "/follow/")
    assert page.evaluate("document.querySelectorAll('aside.notes, [data-notes]').length") == 0
    assert page.evaluate("Reveal.getSlideNotes()") in (None, "")
    ready(page, server.deck_url + "/")
    page.keyboard.press("ArrowRight")  # reveal.js loads a background iframe on arrival
    frame = page.frame_locator(".slide-background.present iframe")
    out = frame.locator("#out")
    frame.locator("text=script ran").wait_for()
    text = out.inner_text()
    assert "parent blocked" in text and "cookie blocked" in text
    page.screenshot(path=str(tmp_path / "iframe-background.png"))
    # The follow page's stream ends when the page is left: not an error.
    assert [e for e in page.watch.errors if not e.endswith("/follow/events")] == []


def test_a_move_while_redis_is_stopped_is_marked_not_shared(page, room, tmp_path):
    server, redis = room
    ready(page, server.presenter_link)
    page.wait_for_url("**/room/present/")
    redis.stop()
    page.keyboard.press("ArrowRight")
    badge = page.locator(".follow-badge")
    # The full sentence (a laptop's width shows it; phones show the short one).
    said = badge.locator(".follow-badge-text").first
    page.wait_for_function(
        "document.querySelector('.follow-badge-text').textContent.startsWith('Not shared')"
    )
    assert said.is_visible()
    assert badge.is_visible()
    assert page.locator(".follow-badge").get_attribute("data-state") == "error"
    page.screenshot(path=str(tmp_path / "not-shared.png"))
    redis.start_again()
    page.wait_for_function(
        "document.querySelector('.follow-badge-text').textContent.startsWith('Shared again')",
        timeout=30000,
    )
