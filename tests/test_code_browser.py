"""Code blocks in Chromium: highlight steps on the arrow keys (and for a
follower), numbers from any line, tabs as typed, and the copy button served,
exported to file:// and in print."""

from __future__ import annotations

import pytest

from deck.render import code_colours
from deck.render.highlight import DEFAULT_STYLE
from tests.conftest import PageWatch, open_speaker_view
from tests.follow_server import FollowServer
from tests.test_export import run
from tests.test_follow_browser import WAIT_MS, at

pytestmark = pytest.mark.browser

STEPS_CODE = [
    "from django.core.cache import cache",
    'cache.set("answer", 42)',
    'value = cache.get("answer")',
    'cache.delete("answer")',
    "def view(request):",
    '\treturn cache.get_or_set("k", compute)',
    "cache.clear()",
]
MAKEFILE = ["all: hello", "\tcc -o hello hello.c"]
DECK = "\n".join(
    [
        "---",
        "title: Code",
        "transition: none",
        "---",
        "",
        "# Steps",
        "",
        "```python [1-2|3|5-7]",
        *STEPS_CODE,
        "```",
        "",
        "---",
        "",
        "# Numbers",
        "",
        "```js [123:]",
        "x();",
        "y();",
        "```",
        "",
        "---",
        "",
        "# Tabs",
        "",
        "```make",
        *MAKEFILE,
        "```",
        "",
        "---",
        "",
        "# By hand",
        "",
        "```python {1|2}",
        *STEPS_CODE,
        "```",
        "",
    ]
)
CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture
def slides(tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "code.md").write_text(DECK, encoding="utf-8")
    (folder / "nocopy.md").write_text("---\ncopy_button: false\n---\n\n```\nx\n```\n")
    return folder


def open_page(browser, url: str, **context):
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, **context)
    page = ctx.new_page()
    page.watch = PageWatch(page)
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=WAIT_MS)
    return page


def highlighted(page) -> list[str]:
    """The highlighted lines of the code block on the slide shown, as typed."""
    return page.evaluate(
        """[...document.querySelectorAll('.slides section.present .line.hll')].map(line => {
             const copy = line.cloneNode(true);
             copy.querySelectorAll('.linenos').forEach(n => n.remove());
             return copy.textContent.replace(/\\n$/, '');
           })"""
    )


def block_box(page) -> dict:
    return page.evaluate(
        "(() => { const r = document.querySelector('.slides section.present .highlight')"
        ".getBoundingClientRect(); return {w: r.width, h: r.height, x: r.x, y: r.y}; })()"
    )


def test_steps_walk_forward_on_the_arrow_key_and_back(browser, deck_server, slides, tmp_path):
    server = deck_server(slides)
    page = open_page(browser, f"{server.url}/code/")
    steps = [STEPS_CODE[0:2], STEPS_CODE[2:3], STEPS_CODE[4:7]]
    assert highlighted(page) == steps[0]
    box = block_box(page)
    page.screenshot(path=str(tmp_path / "step-0.png"))
    for index in (1, 2):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"Reveal.getIndices().f === {index - 1}")
        assert highlighted(page) == steps[index]
        assert block_box(page) == box  # nothing moves between steps
        page.screenshot(path=str(tmp_path / f"step-{index}.png"))
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    # Back onto the slide: reveal.js shows it at its last step, then steps back.
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("Reveal.getIndices().h === 0")
    assert highlighted(page) == steps[2]
    for index in (1, 0):
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"Reveal.getIndices().f === {index - 1}")
        assert highlighted(page) == steps[index]
    # Only one block on the slide, whatever the steps.
    assert page.locator(".slides section.present pre").count() == 1
    # The colours the contrast figures are computed from are the page's.
    figures = code_colours.figures(DEFAULT_STYLE)
    dimmed, band = page.evaluate(
        """document.getAnimations().forEach(a => a.finish()),  // the 0.2 s fade of a step
           [getComputedStyle(document.querySelector('.present .line:not(.hll)')).opacity,
            getComputedStyle(document.querySelector('.present .line.hll'), '::before').backgroundColor]"""
    )
    assert float(dimmed) == figures.dim_opacity
    assert band == "rgb({}, {}, {})".format(*(int(figures.band[i : i + 2], 16) for i in (1, 3, 5)))
    assert page.watch.errors == []


def test_numbers_from_any_line_and_a_tab_as_typed(browser, deck_server, slides):
    server = deck_server(slides)
    page = open_page(browser, f"{server.url}/code/#/1")
    first = page.locator(".slides section.present .linenos").first.text_content()
    assert first.strip() == "123"
    assert page.locator(".slides section.present .line.hll").count() == 0
    page.goto(f"{server.url}/code/#/2")
    page.wait_for_function("Reveal.getIndices().h === 2")
    text = page.evaluate("document.querySelector('.slides section.present code').textContent")
    assert text == "\n".join(MAKEFILE) + "\n"  # a tab, not spaces
    tab_size = page.evaluate(
        "getComputedStyle(document.querySelector('.slides section.present pre')).tabSize"
    )
    assert tab_size == "4"


def test_selecting_stepped_code_by_hand_gives_it_as_typed(browser, deck_server, slides):
    # The lines of a stepped block are inline runs ending in their newline:
    # a selection of the block is the code, with no line doubled or joined.
    server = deck_server(slides)
    page = open_page(browser, f"{server.url}/code/#/3")
    selected = page.evaluate(
        """(() => { const range = document.createRange();
             range.selectNodeContents(document.querySelector('.slides section.present code'));
             const selection = getSelection(); selection.removeAllRanges();
             selection.addRange(range); return selection.toString(); })()"""
    )
    assert selected.removesuffix("\n") == "\n".join(STEPS_CODE)


def copy_and_read(page, slide: int) -> str:
    page.evaluate(f"Reveal.slide({slide})")
    button = page.locator(".slides section.present .deck-copy")
    assert button.get_attribute("aria-label") == "Copy code"
    button.click()
    page.wait_for_function(
        "document.querySelector('.slides section.present .deck-copy')"
        ".getAttribute('data-state') === 'copied'"
    )
    assert page.locator(".deck-copy-status").text_content() == "Code copied"
    return page.evaluate("navigator.clipboard.readText()")


def test_the_copy_button_copies_the_code_as_typed(browser, deck_server, slides):
    server = deck_server(slides)
    page = open_page(browser, f"{server.url}/code/", permissions=CLIPBOARD)
    # No line numbers, no step markup, the tab kept.
    assert copy_and_read(page, 0) == "\n".join(STEPS_CODE)
    assert copy_and_read(page, 2) == "\n".join(MAKEFILE)
    # Reachable from the keyboard: Tab gets to it, Enter copies.
    page.evaluate("navigator.clipboard.writeText('')")
    page.evaluate("Reveal.slide(1)")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "deck-copy":
            break
    else:
        pytest.fail("Tab never reached the copy button")
    page.keyboard.press("Enter")
    page.wait_for_function("navigator.clipboard.readText().then(t => t === 'x();\\ny();')")
    assert page.watch.errors == []


def test_the_copy_button_works_in_an_export_opened_from_file(browser, slides, tmp_path):
    out = tmp_path / "site"
    run("code", "--output", str(out), slides=slides)
    page = open_page(browser, (out / "code" / "index.html").as_uri(), permissions=CLIPBOARD)
    assert copy_and_read(page, 2) == "\n".join(MAKEFILE)
    assert copy_and_read(page, 0) == "\n".join(STEPS_CODE)
    assert page.watch.errors == []


def test_the_copy_fallback_copies_without_the_clipboard_api(browser, slides, tmp_path):
    # Where the page may not use the Clipboard API, a hidden textarea copies.
    out = tmp_path / "site"
    run("code", "--output", str(out), slides=slides)
    page = open_page(browser, (out / "code" / "index.html").as_uri(), permissions=CLIPBOARD)
    page.evaluate(
        "window.readBack = navigator.clipboard.readText.bind(navigator.clipboard);"
        "Object.defineProperty(navigator, 'clipboard', {value: undefined});"
    )
    page.evaluate("Reveal.slide(2)")
    page.locator(".slides section.present .deck-copy").click()
    page.wait_for_function(
        "document.querySelector('.slides section.present .deck-copy')"
        ".getAttribute('data-state') === 'copied'"
    )
    assert page.evaluate("window.readBack()") == "\n".join(MAKEFILE)


def test_no_copy_button_in_print_or_when_the_deck_says_so(browser, deck_server, slides):
    server = deck_server(slides)
    page = open_page(browser, f"{server.url}/code/?print-pdf")
    page.wait_for_timeout(500)
    assert page.locator(".deck-copy").count() == 0
    served = open_page(browser, f"{server.url}/code/")
    assert served.locator(".deck-copy").count() == 1
    served.emulate_media(media="print")
    assert not served.locator(".deck-copy").is_visible()
    off = open_page(browser, f"{server.url}/nocopy/")
    off.wait_for_timeout(300)
    assert off.locator(".deck-copy").count() == 0


@pytest.fixture
def follow_server(slides, tmp_path):
    server = FollowServer("code", tmp_path, env={"DECK_SLIDES_DIR": str(slides)}).start()
    yield server
    server.stop()


def test_a_follower_sees_the_presenters_step(browser, follow_server):
    presenter = open_page(browser, follow_server.presenter_link)
    presenter.wait_for_url(follow_server.deck_url + "/present/", timeout=WAIT_MS)
    presenter.wait_for_function("window.Reveal && Reveal.isReady()")
    follower = open_page(browser, follow_server.deck_url + "/follow/")
    for key, fragment, lines in [
        ("ArrowRight", 0, STEPS_CODE[2:3]),
        ("ArrowRight", 1, STEPS_CODE[4:7]),
        ("ArrowLeft", 0, STEPS_CODE[2:3]),
    ]:
        presenter.keyboard.press(key)
        at(follower, 0, 0, fragment)
        assert highlighted(presenter) == highlighted(follower) == lines


def test_a_single_file_export_steps_the_same_way(browser, slides, tmp_path):
    out = tmp_path / "handout"
    run("code", "--single-file", "--output", str(out), slides=slides)
    page = open_page(browser, (out / "code.html").as_uri())
    assert highlighted(page) == STEPS_CODE[0:2]
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().f === 0")
    assert highlighted(page) == STEPS_CODE[2:3]
    assert page.locator(".slides section.present .deck-copy").count() == 1
    assert page.watch.errors == []


def test_live_reload_keeps_the_step(browser, deck_server, slides, tmp_path):
    server = deck_server(slides, reload=True)
    page = open_page(browser, f"{server.url}/code/")
    page.wait_for_function("window.deckLive && window.deckLive.source.readyState === 1")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().f === 0")
    deck = slides / "code.md"
    deck.write_text(deck.read_text().replace("# Steps", "# Steps, edited"))
    page.wait_for_function(
        "document.querySelector('.slides section.present h1').textContent.includes('edited')",
        timeout=WAIT_MS,
    )
    page.wait_for_function("Reveal.getIndices().f === 0")
    assert highlighted(page) == STEPS_CODE[2:3]
    # The new slide's block got its button too.
    page.wait_for_function("document.querySelectorAll('.present .deck-copy').length === 1")


def frame_highlighted(speaker, selector: str) -> list[str]:
    frame = speaker.frame_locator(selector)
    return frame.locator("section.present .line.hll").evaluate_all(
        """lines => lines.map(line => {
             const copy = line.cloneNode(true);
             copy.querySelectorAll('.linenos').forEach(n => n.remove());
             return copy.textContent.replace(/\\n$/, '');
           })"""
    )


def test_the_speaker_view_shows_this_step_and_the_next(browser, deck_server, slides):
    server = deck_server(slides)
    page = open_page(browser, f"{server.url}/code/")
    speaker = open_speaker_view(page)
    # Both previews ready before the move: one made while a preview still
    # loads reaches it only with the next move (reveal.js's notes plugin).
    speaker.wait_for_function(
        "[...document.querySelectorAll('#current-slide iframe, #upcoming-slide iframe')]"
        ".filter(f => f.contentWindow && f.contentWindow.Reveal"
        " && f.contentWindow.Reveal.isReady && f.contentWindow.Reveal.isReady()).length === 2",
        timeout=WAIT_MS,
    )
    page.bring_to_front()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().f === 0")
    for selector, fragment in (("#current-slide iframe", 0), ("#upcoming-slide iframe", 1)):
        speaker.wait_for_function(
            "([selector, fragment]) => { const f = document.querySelector(selector);"
            " const r = f && f.contentWindow.Reveal;"
            " return !!r && r.isReady && r.isReady() && r.getIndices().f === fragment; }",
            arg=[selector, fragment],
            timeout=WAIT_MS,
        )
    current = frame_highlighted(speaker, "#current-slide iframe")
    upcoming = frame_highlighted(speaker, "#upcoming-slide iframe")
    assert current == STEPS_CODE[2:3]
    assert upcoming == STEPS_CODE[4:7]
