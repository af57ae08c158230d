"""Slides that fit, looked at in Chromium the way the room sees them.

For every slide of the fixture decks and of the lesson, at a laptop's
1280x720 and a projector's 1024x768: every word's box lies inside the
visible slide, nothing on a slide scrolls, and no word is drawn smaller
than the floor. Only the fixture slide made to be too long for the floor
runs past the edge, and it is the one reported.
"""

from __future__ import annotations

import http.server
import struct
import threading
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

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


# -- media that arrive late: every word stays on the slide ----------------------
#
# A picture's size is known from its first bytes, long before its load event;
# a video has no load event at all. Either makes its slide bigger after it was
# fitted. Here the pictures come from a server that sends their first bytes
# (the size) and the rest only when told, and the videos are held by the page
# until the test lets them through; after each Reveal.slide() the slide's
# words are read at once and compared with the Markdown's.


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x30\x60\x90" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


PICTURE = png(800, 500)
PICTURE_HEAD = 200  # holds the PNG header: the browser knows the size from it

# A few frames of VP8, recorded by the browser itself (no video file in the repository).
RECORD_VIDEO = """async () => {
  const canvas = Object.assign(document.createElement("canvas"), {width: 640, height: 480});
  const draw = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: "video/webm;codecs=vp8"});
  const parts = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  for (let i = 0; i < 6; i++) {
    draw.fillStyle = `hsl(${i * 60}, 80%, 50%)`;
    draw.fillRect(0, 0, 640, 480);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  recorder.stop();
  await stopped;
  return Array.from(new Uint8Array(await new Blob(parts).arrayBuffer()));
}"""


class SlowPictures:
    """Serves ``/pic-N.png``: the first bytes when ``head(N)`` is called, the rest on ``rest(N)``."""

    def __init__(self, count: int) -> None:
        self.heads = [threading.Event() for _ in range(count)]
        self.rests = [threading.Event() for _ in range(count)]
        pictures = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                number = int(self.path.strip("/").removeprefix("pic-").removesuffix(".png"))
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(PICTURE)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                try:
                    pictures.heads[number].wait(120)
                    self.wfile.write(PICTURE[:PICTURE_HEAD])
                    self.wfile.flush()
                    pictures.rests[number].wait(120)
                    self.wfile.write(PICTURE[PICTURE_HEAD:])
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the page was closed first

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        for event in self.heads + self.rests:
            event.set()
        self.server.shutdown()


# Goes to a slide with every fragment shown and reads it as the room sees it,
# right away: every word of the slide that is drawn inside the visible slide,
# in an element that is rendered, not visibility: hidden and not of opacity 0,
# and in the slide's innerText (which the theme may upper-case).
READ_AT_ONCE = """([h, v]) => {
  const target = Reveal.getSlide(h, v);
  Reveal.slide(h, v, target.querySelectorAll(".fragment").length - 1);
  const slide = Reveal.getCurrentSlide();
  const canvas = document.querySelector(".reveal .slides").getBoundingClientRect();
  const area = {
    left: Math.max(canvas.left, 0), top: Math.max(canvas.top, 0),
    right: Math.min(canvas.right, innerWidth), bottom: Math.min(canvas.bottom, innerHeight),
  };
  const text = slide.innerText.toLowerCase();
  const seen = [];
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("aside.notes, script, style")) continue;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      const inside = rects.length > 0 && rects.every((r) =>
        r.left >= area.left - 1 && r.right <= area.right + 1 &&
        r.top >= area.top - 1 && r.bottom <= area.bottom + 1);
      if (inside && text.includes(match[0].toLowerCase())) seen.push(match[0]);
    }
  }
  return {current: slide === target, seen};
}"""

AFTER_TWO_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


class Videos:
    """Requests for the named videos, held by the page until :meth:`let_through`."""

    def __init__(self, page, names: list[str]) -> None:
        self.page = page
        self.body = b""
        self.held: dict[str, list] = {name: [] for name in names}
        self.released: set[str] = set()
        for name in names:
            page.route(f"**/{name}", lambda route, _request, name=name: self.answer(name, route))

    def answer(self, name: str, route) -> None:
        if name in self.released:
            self.send(route)
        else:
            self.held[name].append(route)

    def send(self, route) -> None:
        route.fulfill(status=200, content_type="video/webm", body=self.body)

    def let_through(self, name: str) -> None:
        deadline = time.monotonic() + 60
        while not self.held[name]:
            assert time.monotonic() < deadline, f"the page never asked for {name}"
            self.page.wait_for_timeout(20)  # lets Playwright deliver the request
        self.released.add(name)
        while self.held[name]:
            self.send(self.held[name].pop())


def media_deck(folder: Path, pictures_url: str) -> list[list[str]]:
    """A deck of text, fragments, late pictures and videos; the words of each slide."""
    slides: list[str] = []
    words: list[list[str]] = []
    for number in range(10):
        said = [f"heading{number}", *(f"w{number}x{k}" for k in range(12))]
        lines = [f"## {said[0]}", ""]
        if number in (1, 3, 6, 8):
            lines += [f"![picture]({pictures_url}/pic-{(1, 3, 6, 8).index(number)}.png)", ""]
        if number == 4:
            lines += ['<video src="clip.webm" muted></video>', ""]
        if number == 5:
            lines = ['<!-- .slide: data-background-video="background.webm" -->', "", *lines]
        for k in range(0, 12, 3):
            lines.append("* " + " ".join(said[1 + k : 4 + k]))
            if k in (3, 9):
                lines.append('<!-- .element: class="fragment" -->')
        slides.append("\n".join(lines) + "\n")
        words.append(said)
    # Slides 8 and 9 are a vertical stack.
    markdown = "\n---\n\n".join(slides[:8]) + "\n---\n\n" + "\n----\n\n".join(slides[8:])
    (folder / "media.md").write_text(markdown, encoding="utf-8")
    return words


def test_every_word_is_shown_at_once_while_pictures_and_videos_arrive(
    browser, deck_server, tmp_path
):
    pictures = SlowPictures(4)
    folder = tmp_path / "slides"
    folder.mkdir()
    words = media_deck(folder, pictures.url)
    server = deck_server(folder)
    order = [(h, 0) for h in range(9)] + [(8, 1)]  # slide by slide, as in the Markdown
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        videos = Videos(page, ["clip.webm", "background.webm"])
        # Not until "load": the pictures and videos are held back.
        page.goto(f"{server.url}/media/", wait_until="domcontentloaded")
        page.wait_for_function("window.deckFit && window.Reveal && Reveal.isReady()")
        videos.body = bytes(page.evaluate(RECORD_VIDEO))
        # The slide transition moves the whole slide in for 0.8 s, as the author chose.
        page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")

        def missing_now(index: tuple[int, int]) -> list[str]:
            read = page.evaluate(READ_AT_ONCE, list(index))
            assert read["current"], index
            return [word for word in words[order.index(index)] if word not in read["seen"]]

        def every_slide() -> dict:
            missing = {index: missing_now(index) for index in order}
            return {index: gone for index, gone in missing.items() if gone}

        def arrives(picture: int, part: str = "head") -> None:
            (pictures.heads if part == "head" else pictures.rests)[picture].set()
            known = "naturalWidth > 0" if part == "head" else "complete"
            page.wait_for_function(
                f"document.querySelector('img[src$=\"pic-{picture}.png\"]').{known}"
            )
            # The frame that lays the new size out is painted: the slide is shown.
            page.evaluate(AFTER_TWO_FRAMES)

        # Every read below comes with a slide change (the first slide is shown
        # already): stepping through the fragments of the slide one is on
        # fades them in, as it should.
        missing_now(order[-1])
        assert every_slide() == {}, "before any picture arrived"
        # A picture's size arrives while its slide is shown, and while another is.
        missing_now((1, 0))
        arrives(0)
        assert missing_now((1, 0)) == []
        arrives(1)  # slide 3, not shown
        assert every_slide() == {}, "with the sizes of two pictures known"
        missing_now((4, 0))
        videos.let_through("clip.webm")
        page.wait_for_function("document.querySelector('video[src$=\"clip.webm\"]').videoWidth > 0")
        page.evaluate(AFTER_TWO_FRAMES)
        assert missing_now((4, 0)) == []
        missing_now((5, 0))
        videos.let_through("background.webm")
        missing_now((8, 0))
        arrives(3)
        assert missing_now((8, 0)) == []
        arrives(2)
        assert every_slide() == {}, "with every picture's size known"
        for picture in range(4):
            arrives(picture, "rest")
        for _ in range(2):
            assert every_slide() == {}, "with every picture and video loaded"
        assert errors == []
    finally:
        context.close()
        pictures.close()
