"""Big decks in Chromium: window.js keeps far slides out of the DOM, and
stepping, deep links, search, the overview, print, follow mode and live
reload still see the whole deck. Small decks are left as they are."""

from __future__ import annotations

import pytest

from tests.conftest import PageWatch
from tests.follow_server import FollowServer

pytestmark = pytest.mark.browser

BIG = 5000
OVER = 400  # over window.js's threshold (300 stacks), quicker to print
WAIT_MS = 30_000
STATE = """() => ({
  mounted: document.querySelectorAll('.reveal .slides > section').length,
  h: Reveal.getIndices().h,
  number: document.querySelector('.slide-number').textContent.trim(),
  title: Reveal.getCurrentSlide().querySelector('h2').textContent,
})"""


def deck(count: int) -> str:
    slides = [
        f"## Slide {n + 1}\n\n* point {n} alpha\n* point {n} beta"
        + ("\n\n```python\nx = 1\n```" if n % 3 == 2 else "")
        for n in range(count)
    ]
    slides[4321 % count] += "\n* zanzibarquux"  # a word on one far slide only
    return "---\ntitle: Big\n---\n\n" + "\n\n---\n\n".join(slides) + "\n"


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    from tests.conftest import DeckServer

    folder = tmp_path_factory.mktemp("slides")
    (folder / "big.md").write_text(deck(BIG), encoding="utf-8")
    (folder / "over.md").write_text(deck(OVER), encoding="utf-8")
    (folder / "small.md").write_text(deck(12), encoding="utf-8")
    server = DeckServer(folder).start(tmp_path_factory.mktemp("log") / "server.log")
    yield server
    server.stop()


def open_deck(page, url: str) -> None:
    page.goto(url, timeout=WAIT_MS)
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=WAIT_MS)


def state(page) -> dict:
    return page.evaluate(STATE)


def test_small_decks_are_untouched(big_server, page):
    open_deck(page, big_server.url + "/small/")
    assert page.evaluate("window.deckWindow === undefined")
    assert state(page)["mounted"] == 12
    assert page.evaluate("Reveal.getTotalSlides()") == 12


def test_stepping_shows_the_right_slide_and_number(big_server, page):
    open_deck(page, big_server.url + "/big/#/100")
    assert state(page) == {"mounted": 61, "h": 100, "number": "101", "title": "Slide 101"}
    for _ in range(25):  # past the window's edge: it re-centres
        page.keyboard.press("ArrowRight")
    now = state(page)
    assert (now["h"], now["number"], now["title"]) == (125, "126", "Slide 126")
    for _ in range(40):
        page.keyboard.press("ArrowLeft")
    now = state(page)
    assert (now["h"], now["number"], now["title"]) == (85, "86", "Slide 86")
    assert now["mounted"] <= 61
    assert page.evaluate("Reveal.getTotalSlides()") == BIG
    page.wait_for_function("location.hash === '#/85'", timeout=WAIT_MS)
    assert not page.watch.errors


def test_a_deep_link_opens_a_far_slide(big_server, page):
    open_deck(page, big_server.url + "/big/#/4000")
    assert state(page) == {"mounted": 61, "h": 4000, "number": "4001", "title": "Slide 4001"}
    assert page.locator(".reveal .slides section.present").inner_text().startswith("SLIDE 4001")
    assert 0.79 < page.evaluate("Reveal.getProgress()") < 0.81


def test_search_finds_a_word_on_a_far_slide(big_server, page):
    open_deck(page, big_server.url + "/big/")
    assert page.evaluate("document.body.textContent.includes('zanzibarquux')") is False
    page.keyboard.press("Control+Shift+F")
    page.keyboard.type("zanzibarquux")
    page.keyboard.press("Enter")
    page.wait_for_function("Reveal.getIndices().h === 4321", timeout=WAIT_MS)
    assert state(page)["title"] == "Slide 4322"
    page.keyboard.press("Control+Shift+F")  # closed: back to a window, same slide
    page.wait_for_function(
        "document.querySelectorAll('.reveal .slides > section').length === 61", timeout=WAIT_MS
    )
    assert state(page)["title"] == "Slide 4322"
    assert page.evaluate("Reveal.getCurrentSlide().querySelectorAll('em[style]').length") == 0


def test_the_overview_lists_every_slide(big_server, page):
    open_deck(page, big_server.url + "/big/#/2000")
    page.keyboard.press("Escape")
    page.wait_for_function("Reveal.isOverview()", timeout=WAIT_MS)
    assert state(page)["mounted"] == BIG
    assert page.locator(".reveal .slides section.present").inner_text().startswith("SLIDE 2001")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    page.wait_for_function(
        "!Reveal.isOverview() && document.querySelectorAll('.reveal .slides > section').length"
        " === 61",
        timeout=WAIT_MS,
    )
    assert state(page)["title"] == "Slide 2002"


def test_print_has_every_slide(big_server, page):
    open_deck(page, big_server.url + "/over/?print-pdf")
    page.wait_for_function(
        f"document.querySelectorAll('.pdf-page').length === {OVER}", timeout=WAIT_MS
    )
    text = page.locator(".reveal .slides").inner_text()
    for n in (1, 200, OVER):
        assert f"point {n - 1} alpha" in text


def test_follow_mode_lands_on_a_far_slide(browser, tmp_path):
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "over.md").write_text(deck(OVER), encoding="utf-8")
    server = FollowServer("over", tmp_path, env={"DECK_SLIDES_DIR": str(slides)}).start()
    pages = []
    try:
        for url in (server.presenter_link, server.deck_url + "/follow/"):
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            page.watch = PageWatch(page)
            pages.append(page)
            open_deck(page, url)
        presenter, follower = pages
        presenter.wait_for_url(server.deck_url + "/present/", timeout=WAIT_MS)
        presenter.wait_for_function("window.Reveal && Reveal.isReady()", timeout=WAIT_MS)
        presenter.evaluate("Reveal.slide(350)")
        follower.wait_for_function("Reveal.getIndices().h === 350", timeout=WAIT_MS)
        assert state(follower)["title"] == "Slide 351"
        assert state(follower)["number"] == "351"
    finally:
        for page in pages:
            page.context.close()
        server.stop()


def test_live_reload_of_a_far_slide_updates_it(deck_server, tmp_path, page):
    folder = tmp_path / "slides"
    folder.mkdir()
    path = folder / "over.md"
    path.write_text(deck(OVER), encoding="utf-8")
    server = deck_server(folder, reload=True)
    page.goto(server.url + "/over/#/10")
    page.wait_for_function(
        "window.deckLive && window.deckLive.source && window.deckLive.source.readyState === 1",
        timeout=WAIT_MS,
    )
    path.write_text(deck(OVER).replace("point 350 beta", "point 350 edited far away"))
    # The edited slide is shown, with its new words and its number.
    page.wait_for_function("Reveal.getIndices().h === 350", timeout=WAIT_MS)
    page.wait_for_function(
        "Reveal.getCurrentSlide().textContent.includes('edited far away')", timeout=WAIT_MS
    )
    assert state(page)["number"] == "351"
    assert state(page)["mounted"] <= 61
    # An edit of a slide out of the DOM while the presenter stays put.
    page.evaluate("Reveal.slide(5)")
    text = deck(OVER).replace("point 350 beta", "point 350 edited far away")
    path.write_text(text.replace("point 390 beta", "point 390 again"))
    page.wait_for_function(
        "Reveal.getSlide(390).textContent.includes('point 390 again')", timeout=WAIT_MS
    )
    page.evaluate("Reveal.slide(390)")
    assert "point 390 again" in page.locator(".reveal .slides section.present").inner_text()
