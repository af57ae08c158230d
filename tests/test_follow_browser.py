"""Follow mode in two real Chromium contexts: a presenter and a follower,
served by ``manage.py present --serve`` (uvicorn)."""

from __future__ import annotations

import pytest

from tests.conftest import PageWatch, open_speaker_view
from tests.follow_server import FollowServer, present_link

pytestmark = pytest.mark.browser

TALK = """\
# Title slide

Note: welcome everybody

---

# Second

Note: the second slide's notes

----

# Below the second

---

# Fragments

* first point
<!-- .element: class="fragment" -->
* second point
<!-- .element: class="fragment" -->

---

# Last
"""
# Deadlines against a hang; the benchmark measures how fast it really is.
WAIT_MS = 20_000


@pytest.fixture
def server(tmp_path):
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "talk.md").write_text(TALK, encoding="utf-8")
    server = FollowServer("talk", tmp_path, env={"DECK_SLIDES_DIR": str(slides)}).start()
    yield server
    server.stop()


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.watch = PageWatch(page)
    return page


@pytest.fixture
def presenter(browser, server):
    page = new_page(browser)
    page.moves = []
    page.on(
        "request",
        lambda r: (
            r.method == "POST" and r.url.endswith("/follow/position") and page.moves.append(r)
        ),
    )
    # The printed link: the page hands the key in and lands on the clean URL.
    page.goto(server.presenter_link)
    page.wait_for_url(server.deck_url + "/present/", timeout=WAIT_MS)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    yield page
    page.context.close()


@pytest.fixture
def follower(browser, server):
    page = new_page(browser)
    page.goto(server.deck_url + "/follow/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    yield page
    page.context.close()


def at(page, h: int, v: int = 0, f: int | None = None) -> None:
    """Wait until ``page`` shows slide (h, v) with fragment ``f``."""
    expected = "undefined" if f is None else str(f)
    page.wait_for_function(
        f"(() => {{ const i = Reveal.getIndices(); return i.h === {h} && (i.v || 0) === {v}"
        f" && String(i.f) === '{expected}'; }})()",
        timeout=WAIT_MS,
    )


def badge(page) -> str:
    return page.locator(".follow-badge").inner_text()


def visible_slide_text(page) -> str:
    return page.locator(".slides section.present:not(.stack)").inner_text()


def open_speaker_view_on_notes(page):
    """Press s; the speaker view opens with the first slide's notes."""
    speaker = open_speaker_view(page)
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value')"
        " && document.querySelector('.speaker-controls-notes .value').textContent"
        ".includes('welcome everybody')",
        timeout=WAIT_MS,
    )
    return speaker


def test_follower_follows_three_moves_including_a_fragment(presenter, follower):
    follower.wait_for_function(
        "document.querySelector('.follow-badge').dataset.state === 'waiting'"
    )
    assert "Waiting for the presenter" in badge(follower)
    assert presenter.url.endswith("/talk/present/")  # no key in the address bar
    assert "#key=" not in presenter.evaluate("location.href")

    presenter.keyboard.press("ArrowRight")
    at(follower, 1)
    assert "SECOND" in visible_slide_text(follower).upper()
    assert "Following the presenter" in badge(follower)

    presenter.keyboard.press("ArrowDown")
    at(follower, 1, 1)
    assert "BELOW THE SECOND" in visible_slide_text(follower).upper()

    presenter.keyboard.press("ArrowRight")  # to "Fragments": none shown yet
    at(presenter, 2, 0, -1)
    presenter.keyboard.press("Space")  # the first point appears
    at(presenter, 2, 0, 0)
    at(follower, 2, 0, 0)
    # reveal.js shows a fragment by its class a moment after the index moves.
    follower.get_by_text("first point", exact=True).wait_for(state="visible", timeout=WAIT_MS)
    assert not follower.get_by_text("second point", exact=True).is_visible()

    assert presenter.watch.errors == []
    assert follower.watch.errors == []


def test_follow_pages_register_the_follow_plugin_last(presenter, follower):
    for page in (presenter, follower):
        assert page.evaluate("Object.keys(Reveal.getPlugins())")[-2:] == [
            "deck-code",
            "deck-follow",
        ]
        assert page.evaluate("Reveal.getPlugin('deck-follow') === window.deckFollow")


def test_a_follower_cannot_move_the_audience(presenter, follower, server):
    presenter.keyboard.press("ArrowRight")
    at(follower, 1)
    # Even with a valid CSRF token of its own, the follower gets 403.
    follower.goto(server.deck_url + "/present/")
    token = follower.input_value("input[name=csrfmiddlewaretoken]")
    status, body = follower.evaluate(
        """async ([url, token]) => {
            const r = await fetch(url, {method: 'POST', headers: {'X-CSRFToken': token,
                'Content-Type': 'application/json'}, body: JSON.stringify({h: 4, v: 0})});
            return [r.status, await r.json()];
        }""",
        [server.deck_url + "/follow/position", token],
    )
    assert status == 403
    assert body == {"error": "only the presenter moves the audience"}
    assert presenter.evaluate("Reveal.getIndices().h") == 1
    check = new_page(presenter.context.browser)
    check.goto(server.deck_url + "/follow/")
    check.wait_for_function("window.Reveal && Reveal.isReady()")
    at(check, 1)
    check.context.close()


def test_follower_looks_back_and_returns_with_r_or_the_button(presenter, follower):
    presenter.keyboard.press("ArrowRight")
    presenter.keyboard.press("ArrowRight")
    at(follower, 2, 0, -1)
    follower.keyboard.press("ArrowLeft")
    at(follower, 1)
    follower.wait_for_function(
        "document.querySelector('.follow-badge').dataset.state === 'detached'"
    )
    button = follower.get_by_role("button", name="Back to the presenter (R)")
    assert button.is_visible()
    # The presenter moves on (two fragments, then the next slide); the
    # follower stays where they are looking.
    for _ in range(3):
        presenter.keyboard.press("ArrowRight")
    at(presenter, 3)
    follower.wait_for_timeout(500)  # give a wrong jump the chance to happen
    at(follower, 1)
    follower.keyboard.press("r")
    at(follower, 3)
    assert "Following the presenter" in badge(follower)
    # Once more, with the button.
    follower.keyboard.press("ArrowLeft")
    follower.get_by_role("button", name="Back to the presenter (R)").click()
    at(follower, 3)
    assert follower.watch.errors == []


def test_follower_recovers_after_the_server_restarts(presenter, follower, server):
    presenter.keyboard.press("ArrowRight")
    at(follower, 1)
    server.restart()
    follower.wait_for_function(
        "document.querySelector('.follow-badge').dataset.state !== 'offline'", timeout=WAIT_MS
    )
    # Presenter rights live in the signed session cookie: still the presenter.
    presenter.keyboard.press("ArrowRight")
    at(presenter, 2, 0, -1)
    at(follower, 2, 0, -1)
    presenter.keyboard.press("ArrowRight")  # the first point appears
    at(follower, 2, 0, 0)
    assert "Following the presenter" in badge(follower)


def test_speaker_view_on_the_presenter_page_drives_the_audience(presenter, follower):
    speaker = open_speaker_view_on_notes(presenter)
    # The clock and the elapsed-time timer are there.
    assert speaker.locator(".speaker-controls-time .clock-value").count() == 1
    assert speaker.locator(".speaker-controls-time .timer").count() == 1
    # Current and upcoming slides are the deck in frames; they must not post.
    frames = [f for f in speaker.frames if "receiver" in f.url]
    assert len(frames) == 2
    assert all("/talk/present/?receiver" in f.url for f in frames)
    speaker.wait_for_timeout(500)
    assert presenter.moves == []
    # Moving from the speaker view moves the presenter's deck, and the room.
    speaker.keyboard.press("ArrowRight")
    at(presenter, 1)
    at(follower, 1)
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value')"
        '.textContent.includes("the second slide\'s notes")',
        timeout=WAIT_MS,
    )
    assert len(presenter.moves) == 1
    assert presenter.watch.errors == []


def test_speaker_view_works_on_the_follow_page(follower):
    # It opens and shows the slides, but the audience's page carries no notes.
    speaker = open_speaker_view(follower)
    speaker.wait_for_selector(".speaker-controls-notes", state="attached", timeout=WAIT_MS)
    speaker.wait_for_function(
        "document.querySelectorAll('iframe[src*=receiver]').length === 2", timeout=WAIT_MS
    )
    assert "welcome everybody" not in speaker.content()
    # The frames' documents load after their elements appear.
    speaker.wait_for_function(
        "[...document.querySelectorAll('iframe[src*=receiver]')].every("
        "f => f.contentWindow && f.contentWindow.location.href.includes('receiver'))",
        timeout=WAIT_MS,
    )
    frames = [f for f in speaker.frames if "receiver" in f.url]
    assert all("/talk/follow/?receiver" in f.url for f in frames) and len(frames) == 2
    # The frames show no follow badge of their own.
    for frame in frames:
        frame.wait_for_function("window.Reveal && Reveal.isReady()")
        assert frame.locator(".follow-badge").count() == 0
    assert follower.watch.errors == []


def test_a_second_presenter_window_starts_where_the_audience_is(presenter, follower, server):
    presenter.keyboard.press("ArrowRight")
    presenter.keyboard.press("ArrowDown")
    at(follower, 1, 1)
    # Same browser (same session cookie), a new window without a deep link.
    second = presenter.context.new_page()
    second.goto(server.deck_url + "/present/")
    second.wait_for_function("window.Reveal && Reveal.isReady()")
    at(second, 1, 1)
    # Arriving there is no move: nothing was posted for it.
    second.wait_for_timeout(500)
    assert len(presenter.moves) == 2


def test_under_runserver_followers_poll_and_still_follow(browser, deck_server, tmp_path):
    """runserver is WSGI: the stream answers once and the browser asks again."""
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "talk.md").write_text(TALK, encoding="utf-8")
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.shared_cache_settings",
        "DECK_TEST_CACHE_DIR": str(tmp_path / "cache"),
    }
    server = deck_server(slides, env=env)
    link = present_link("talk", server.port, server.env)
    presenter = new_page(browser)
    presenter.goto(link)
    presenter.wait_for_url(server.url + "/talk/present/", timeout=WAIT_MS)
    presenter.wait_for_function("window.Reveal && Reveal.isReady()")
    follower = new_page(browser)
    follower.goto(server.url + "/talk/follow/")
    follower.wait_for_function("window.Reveal && Reveal.isReady()")
    presenter.keyboard.press("ArrowRight")
    at(follower, 1)
    presenter.keyboard.press("ArrowDown")
    at(follower, 1, 1)
    assert "Following the presenter" in badge(follower)
    assert follower.watch.errors == []
    presenter.context.close()
    follower.context.close()


def test_follower_catches_up_after_their_network_drops_and_returns(presenter, follower):
    presenter.keyboard.press("ArrowRight")
    at(follower, 1)
    follower.context.set_offline(True)
    follower.wait_for_function(
        "document.querySelector('.follow-badge').dataset.state === 'offline'", timeout=WAIT_MS
    )
    assert "Connection lost" in badge(follower)
    presenter.keyboard.press("ArrowDown")
    presenter.keyboard.press("ArrowRight")
    at(presenter, 2, 0, -1)
    at(follower, 1)  # offline: still where it was
    follower.context.set_offline(False)
    at(follower, 2, 0, -1)
    follower.wait_for_function(
        "document.querySelector('.follow-badge').dataset.state === 'following'", timeout=WAIT_MS
    )
