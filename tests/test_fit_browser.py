"""Slides that fit, looked at in Chromium the way the room sees them.

For every slide of the fixture decks and of the lesson, at a laptop's
1280x720 and a projector's 1024x768: every word's box lies inside the
visible slide, nothing on a slide scrolls, and no word is drawn smaller
than the floor. Only the fixture slide made to be too long for the floor
runs past the edge, and it is the one reported.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from tests.conftest import FIXTURES, ROOT, DeckServer, open_speaker_view

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1024, 768)]
FIT = FIXTURES / "fit"
CANNOT_FIT_LINE = 115  # "Cannot fit at the floor" in fixtures.md
SHORT_LINE = 1

# Every word of the current slide: where it is drawn and how big, and every
# element that would scroll. Sizes are in slide pixels (reveal's canvas).
INSPECT_SLIDE = """
() => {
  const slide = Reveal.getCurrentSlide();
  const canvas = document.querySelector(".reveal .slides").getBoundingClientRect();
  const area = {
    left: Math.max(canvas.left, 0), top: Math.max(canvas.top, 0),
    right: Math.min(canvas.right, innerWidth), bottom: Math.min(canvas.bottom, innerHeight),
  };
  const scale = Reveal.getScale();
  const words = [], outside = [], small = [], scrollers = [];
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("aside.notes, script, style")) continue;
    const font = parseFloat(getComputedStyle(parent).fontSize) * parent.currentCSSZoom;
    // A word: a run of visible characters (zero-width spaces are not words).
    for (const match of node.data.matchAll(/[^\\s\\u200b-\\u200d\\u2060]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      words.push(match[0]);
      if (!rects.length) outside.push([match[0], "not drawn"]);
      for (const r of rects) {
        if (r.left < area.left - 1 || r.right > area.right + 1 ||
            r.top < area.top - 1 || r.bottom > area.bottom + 1) {
          outside.push([match[0], Math.round(r.left), Math.round(r.top),
                        Math.round(r.right), Math.round(r.bottom)]);
        }
        // The drawn box of a word is at least one em tall.
        if (r.height / scale < window.deckFit.config.minFontPx - 0.05) {
          small.push([match[0], "box", r.height / scale]);
        }
      }
      if (font < window.deckFit.config.minFontPx - 0.05) small.push([match[0], "font", font]);
    }
  }
  for (const el of [slide, ...slide.querySelectorAll("*")]) {
    if (el.closest("aside.notes")) continue;
    const style = getComputedStyle(el);
    // A box that would scroll or clip must hold all it has. One that lets
    // content show past it may only do so by its glyphs' ascent and descent
    // (a heading's line-height is less than its font's height).
    const clips = style.overflowX !== "visible" || style.overflowY !== "visible";
    const slack = clips ? 1 : Math.max(2, 0.25 * parseFloat(style.fontSize));
    if ((el.clientHeight > 0 && el.scrollHeight > el.clientHeight + slack) ||
        (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + slack)) {
      scrollers.push([el.tagName, el.className, style.overflowX, style.overflowY,
                      el.scrollWidth, el.clientWidth, el.scrollHeight, el.clientHeight]);
    }
  }
  return {
    line: parseInt(slide.getAttribute("data-line"), 10),
    words: words.length, outside, small, scrollers,
    fit: window.deckFit.result(slide),
  };
}
"""

SHOW_ALL_FRAGMENTS = "() => { let n = 0; while (Reveal.nextFragment() && n < 200) n++; return n; }"


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    server = DeckServer(FIT).start(tmp_path_factory.mktemp("log") / "fit.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    server = DeckServer(ROOT / "slides").start(tmp_path_factory.mktemp("log") / "lesson.log")
    yield server
    server.stop()


@contextmanager
def open_deck(browser, url: str, size: tuple[int, int]):
    """A page showing the deck once fitting has settled; ``page.errors``."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(url)
        page.wait_for_function("window.deckFit && window.Reveal && Reveal.isReady()")
        page.evaluate("deckFit.whenSettled()")
        page.errors = errors
        yield page
    finally:
        context.close()


def slide_indices(page) -> list[dict]:
    return page.evaluate("() => Reveal.getSlides().map((s) => Reveal.getIndices(s))")


def inspect_every_slide(page) -> list[dict]:
    # Where a slide ends up does not depend on the transition: skip the wait.
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    seen = []
    for index in slide_indices(page):
        page.evaluate("([h, v]) => Reveal.slide(h, v)", [index["h"], index["v"] or 0])
        page.evaluate(SHOW_ALL_FRAGMENTS)
        page.evaluate("deckFit.whenSettled()")
        seen.append(page.evaluate(INSPECT_SLIDE))
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_word_of_the_fixture_slides_is_on_screen(browser, fixture_server, size):
    with open_deck(browser, f"{fixture_server.url}/fixtures/", size) as page:
        slides = inspect_every_slide(page)
        assert len(slides) == 8
        for slide in slides:
            assert slide["words"] > 0, slide
            assert slide["scrollers"] == [], slide
            assert slide["small"] == [], slide
            if slide["line"] == CANNOT_FIT_LINE:
                # Stays readable at the floor, runs past the edge, and says so.
                assert slide["fit"]["status"] == "cannot-fit"
                assert slide["outside"], "the too-long slide should run past the slide"
            else:
                assert slide["outside"] == [], slide
                assert slide["fit"]["status"] in {"fits", "shrunk", "small"}, slide
        by_line = {slide["line"]: slide for slide in slides}
        # A short slide is not scaled at all.
        assert by_line[SHORT_LINE]["fit"]["scale"] == 1
        assert page.evaluate("document.querySelector('section[data-line=\"1\"] .deck-fit')") is None
        # The long ones were shrunk, the floor kept.
        assert 0.3 < by_line[6]["fit"]["scale"] < 0.5
        assert by_line[41]["fit"]["smallestFontPx"] >= 9
        assert page.errors == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_word_of_every_lesson_slide_is_on_screen(browser, lesson, size):
    with open_deck(browser, f"{lesson.url}/lesson-09-advanced-django/", size) as page:
        slides = inspect_every_slide(page)
        assert len(slides) == 23
        for slide in slides:
            assert slide["outside"] == [], slide
            assert slide["scrollers"] == [], slide
            assert slide["small"] == [], slide
        # "Other Useful Commands" ran off the bottom before fitting.
        assert slides[4]["fit"]["status"] == "shrunk"
        assert page.errors == []


def test_short_slide_keeps_the_theme_sizes(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/fixtures/#/0", (1280, 720)) as page:
        sizes = page.evaluate(
            """() => {
              const h2 = Reveal.getCurrentSlide().querySelector("h2");
              const p = Reveal.getCurrentSlide().querySelector("p");
              return [parseFloat(getComputedStyle(h2).fontSize) * h2.currentCSSZoom,
                      parseFloat(getComputedStyle(p).fontSize) * p.currentCSSZoom,
                      parseFloat(getComputedStyle(document.querySelector(".reveal")).fontSize)];
            }"""
        )
        assert sizes[0] == pytest.approx(1.6 * sizes[2])  # the theme's h2
        assert sizes[1] == pytest.approx(sizes[2])


def test_fragments_do_not_move_as_they_appear(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/fixtures/#/6/1", (1280, 720)) as page:
        where = "() => Array.from(Reveal.getCurrentSlide().querySelectorAll('li, h2'), (e) => e.getBoundingClientRect().toJSON())"
        before = page.evaluate(where)
        assert page.evaluate(SHOW_ALL_FRAGMENTS) == 12
        page.evaluate("deckFit.whenSettled()")
        assert page.evaluate(where) == before
        assert page.evaluate(INSPECT_SLIDE)["outside"] == []


def test_refits_when_the_window_changes_size_and_after_a_live_edit(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/fixtures/#/0", (1280, 720)) as page:
        page.set_viewport_size({"width": 1024, "height": 768})
        page.wait_for_timeout(300)  # the resize is handled after it settles
        page.evaluate("deckFit.whenSettled()")
        assert page.evaluate(INSPECT_SLIDE)["outside"] == []
        # What the live-reload helper does: replace the slide's HTML, refit.
        page.evaluate(
            """() => {
              const items = Array.from({length: 25}, (_, i) => `<li>Edited line ${i + 1} of the slide</li>`);
              Reveal.getCurrentSlide().innerHTML = `<h2>Edited</h2><ul>${items.join("")}</ul>`;
              deckFit.refit();
            }"""
        )
        page.evaluate("deckFit.whenSettled()")
        slide = page.evaluate(INSPECT_SLIDE)
        assert slide["words"] > 100
        assert slide["outside"] == [] and slide["small"] == []
        assert slide["fit"]["scale"] < 1


def test_opting_out_per_slide_and_per_deck(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/opt-out-slide/", (1280, 720)) as page:
        assert page.evaluate(INSPECT_SLIDE)["fit"]["scale"] < 1
        page.evaluate("Reveal.slide(1)")
        page.evaluate("deckFit.whenSettled()")
        slide = page.evaluate(INSPECT_SLIDE)
        assert slide["fit"]["status"] == "off-overflows"
        assert slide["fit"]["scale"] == 1
        assert slide["outside"], "an opted-out long slide runs past the edge"
    with open_deck(browser, f"{fixture_server.url}/opt-out-deck/", (1280, 720)) as page:
        assert page.evaluate("deckFit.config.enabled") is False
        assert page.evaluate(INSPECT_SLIDE)["fit"]["scale"] == 1
        # ``fit`` is ours: it is not handed to reveal.js as an option.
        assert page.evaluate("'fit' in Reveal.getConfig()") is False


def test_debug_badge_names_file_and_line(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/fixtures/#/1", (1280, 720)) as page:
        badge = page.locator(".reveal > .deck-fit-badge")
        assert badge.is_visible()
        assert badge.inner_text().startswith("fixtures.md:6 ")
        page.evaluate("Reveal.slide(0)")
        assert badge.count() == 0  # the short slide has nothing to say
        page.evaluate("Reveal.slide(5)")
        page.evaluate("deckFit.whenSettled()")
        assert "does not fit" in page.locator(".reveal > .deck-fit-badge").inner_text()
        # The overview outlines the slides that were reported.
        page.keyboard.press("Escape")
        page.wait_for_function("Reveal.isOverview()")
        page.evaluate("deckFit.whenSettled()")
        assert page.locator("section[data-fit-status]").count() >= 4
        assert page.errors == []


def test_no_badge_with_debug_off(browser, deck_server):
    server = deck_server(
        FIT,
        env={"DECK_DEBUG": "0", "DECK_SECRET_KEY": "x" * 50, "DECK_ALLOWED_HOSTS": "127.0.0.1"},
    )
    with open_deck(browser, f"{server.url}/fixtures/#/1", (1280, 720)) as page:
        assert page.evaluate(INSPECT_SLIDE)["fit"]["scale"] < 1  # still fitted
        assert page.locator(".deck-fit-badge").count() == 0
        assert page.locator(".reveal[data-layout-badges]").count() == 0


def test_speaker_view_frames_fit_too(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/fixtures/#/1", (1280, 720)) as page:
        speaker = open_speaker_view(page)
        speaker.wait_for_function(
            "document.querySelector('#current-slide iframe') && "
            "document.querySelector('#current-slide iframe').contentWindow.deckFit"
        )
        frame = next(f for f in speaker.frames if f.url and "receiver" in f.url)
        frame.wait_for_function("Reveal.isReady() && Reveal.getIndices().h === 1")
        frame.evaluate("deckFit.whenSettled()")
        slide = frame.evaluate(INSPECT_SLIDE)
        assert slide["line"] == 6
        assert slide["outside"] == [] and slide["scrollers"] == []


def test_print_view_fits_each_page(browser, fixture_server):
    with open_deck(browser, f"{fixture_server.url}/fixtures/?print-pdf", (1280, 720)) as page:
        page.wait_for_function("document.querySelectorAll('.pdf-page').length >= 8")
        page.evaluate("deckFit.whenSettled()")
        outside = page.evaluate(
            """() => {
              const bad = [];
              for (const pdfPage of document.querySelectorAll(".pdf-page")) {
                const section = pdfPage.querySelector("section");
                if (!section || section.getAttribute("data-line") === "115") continue;
                const box = pdfPage.getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(section.querySelector(".deck-fit") || section);
                for (const r of range.getClientRects()) {
                  if (r.width && (r.bottom > box.bottom + 1 || r.right > box.right + 1 ||
                                  r.top < box.top - 1 || r.left < box.left - 1)) {
                    bad.push([section.getAttribute("data-line"), r.top, r.bottom, box.bottom]);
                  }
                }
              }
              return bad;
            }"""
        )
        assert outside == []
        assert len(page.pdf(width="1280px", height="720px")) > 10_000
