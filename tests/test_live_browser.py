"""Live reload in Chromium against ``runserver`` with its autoreloader, as a
teacher uses it: the open deck follows the file, on the right slide.

Every test edits a COPY of the lesson in a temporary folder.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT, open_speaker_view

pytestmark = pytest.mark.browser

LESSON = "lesson-09-advanced-django"
PRESENT = ".reveal .slides section.present"


@pytest.fixture
def lesson_copy(tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    shutil.copy(ROOT / "slides" / f"{LESSON}.md", folder / f"{LESSON}.md")
    return folder


def open_live(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(
        "window.deckLive && window.deckLive.source && window.deckLive.source.readyState === 1"
    )
    # Survives only if the page is never reloaded.
    page.evaluate("window.notReloaded = true")


def present_text(page) -> str:
    """The words of the slide on screen, as typed (before CSS upper-cases titles)."""
    return page.text_content(PRESENT)


def serve_deck(deck_server, tmp_path, name: str, text: str):
    """A slides folder holding one deck, served with live reload: (server, file)."""
    folder = tmp_path / "slides"
    folder.mkdir()
    deck_file = folder / f"{name}.md"
    deck_file.write_text(text)
    return deck_server(folder, reload=True), deck_file


def wait_for_present_text(page, text: str) -> None:
    page.wait_for_function(
        "text => { const s = document.querySelector('.reveal .slides section.present');"
        " return s !== null && s.textContent.includes(text); }",
        arg=text,
        timeout=10_000,
    )


def test_edit_append_break_and_repair_the_lesson(deck_server, lesson_copy, page, tmp_path):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    original = deck_file.read_text()
    open_live(page, f"{server.url}/{LESSON}/#/5")
    assert page.evaluate("Reveal.getIndices().h") == 5
    total = page.evaluate("Reveal.getTotalSlides()")

    # Edit slide 7 while slide 6 is on screen: the browser moves to slide 7.
    deck_file.write_text(
        original.replace(
            "* Automate regular housekeeping tasks",
            "* Automate regular housekeeping tasks, like clearing stale sessions",
        )
    )
    wait_for_present_text(page, "like clearing stale sessions")
    assert page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [6, 0]
    assert page.locator(f"{PRESENT} h2").text_content() == "Writing your own management commands"
    assert page.inner_text(".reveal .slide-number") == "7"
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=tmp_path / "edited.png")

    # Append a slide: the count grows and the new slide is shown.
    appended = deck_file.read_text() + "\n---\n\n## Questions?\n\n* Ask away\n"
    deck_file.write_text(appended)
    wait_for_present_text(page, "Ask away")
    assert page.evaluate("Reveal.getTotalSlides()") == total + 1
    assert page.evaluate("Reveal.getIndices().h") == total

    # Break it: an unclosed fence. The overlay names file and line; the last
    # good slide stays on screen beneath it.
    fence_line = appended.count("\n") + 4
    deck_file.write_text(appended + "\n---\n\n```python\nprint('never closed')\n")
    overlay = page.locator("#deck-live-error")
    overlay.wait_for(state="visible", timeout=10_000)
    assert f"{LESSON}.md, line {fence_line}" in overlay.inner_text()
    assert "never closed" in overlay.inner_text()
    assert "Ask away" in present_text(page)
    assert page.locator(PRESENT).is_visible()
    page.screenshot(path=tmp_path / "broken.png")

    # Repair it: the overlay goes, the repaired slide is shown.
    deck_file.write_text(appended + "\n---\n\n```python\nprint('closed')\n```\n")
    overlay.wait_for(state="hidden", timeout=10_000)
    wait_for_present_text(page, "print('closed')")
    assert page.evaluate("Reveal.getTotalSlides()") == total + 2
    assert page.evaluate("window.notReloaded") is True
    assert page.watch.errors == []
    assert "Traceback" not in server.output()


def test_edit_on_the_current_slide_keeps_it(deck_server, lesson_copy, page):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    open_live(page, f"{server.url}/{LESSON}/#/6")
    deck_file.write_text(
        deck_file.read_text().replace("* Automate regular", "* Automate every regular")
    )
    wait_for_present_text(page, "Automate every regular")
    assert page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [6, 0]
    assert page.evaluate("window.notReloaded") is True


def test_an_edit_that_overflows_the_slide_is_fitted(deck_server, tmp_path, page):
    """The deck-live plugin hands each applied save to deck-fit: the slide on
    screen, edited in place, shrinks to fit at once."""
    server, deck_file = serve_deck(deck_server, tmp_path, "talk", "# One\n\n---\n\n# Two\n")
    open_live(page, f"{server.url}/talk/#/1")
    plugins = page.evaluate("Object.keys(Reveal.getPlugins())")
    assert plugins == [
        "notes",
        "search",
        "zoom",
        "deck-deeplink",
        "deck-access",
        "deck-fit",
        "deck-code",
        "deck-live",
    ]
    scale = "deckFit.result(Reveal.getCurrentSlide()).scale"
    assert page.evaluate(scale) == 1
    points = "".join(f"* point number {n} of many\n" for n in range(40))
    deck_file.write_text(f"# One\n\n---\n\n# Two\n\n{points}")
    wait_for_present_text(page, "point number 39")
    page.evaluate("deckFit.whenSettled()")
    assert page.evaluate(scale) < 1
    assert page.evaluate("Reveal.getIndices().h") == 1
    assert page.evaluate("window.notReloaded") is True
    assert page.watch.errors == []


def test_half_written_save_never_blanks_the_screen(deck_server, lesson_copy, page):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    data = deck_file.read_bytes().replace(b"## WIFI", "## Wi-Fi café".encode())
    open_live(page, f"{server.url}/{LESSON}/#/1")
    before = present_text(page)
    # Caught mid-save: cut inside the two bytes of "é".
    deck_file.write_bytes(data[: data.index("é".encode()) + 1])
    overlay = page.locator("#deck-live-error")
    overlay.wait_for(state="visible", timeout=10_000)
    assert f"{LESSON}.md, line 7" in overlay.inner_text()
    assert present_text(page) == before
    # An editor that truncates first: an empty file is not an empty deck.
    deck_file.write_bytes(b"")
    page.wait_for_function(
        "document.querySelector('#deck-live-error').innerText.includes('the file is empty')"
    )
    assert present_text(page) == before
    deck_file.write_bytes(data)
    overlay.wait_for(state="hidden", timeout=10_000)
    wait_for_present_text(page, "Wi-Fi café")
    assert page.watch.errors == []


def test_deleted_deck_shows_overlay_and_renamed_deck_is_followed(deck_server, lesson_copy, page):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    open_live(page, f"{server.url}/{LESSON}/#/3")
    text = deck_file.read_text()

    deck_file.unlink()
    overlay = page.locator("#deck-live-error")
    overlay.wait_for(state="visible", timeout=10_000)
    assert "no longer in the slides folder" in overlay.inner_text()
    assert page.request.get(f"{server.url}/{LESSON}/").status == 404

    deck_file.write_text(text)
    overlay.wait_for(state="hidden", timeout=10_000)

    deck_file.rename(lesson_copy / "lesson-09-final.md")
    page.wait_for_url(f"{server.url}/lesson-09-final/#/3", timeout=10_000)
    page.wait_for_function("window.deckLive && window.deckLive.source")
    assert page.evaluate("Reveal.getIndices().h") == 3
    assert "lesson-09-final" in page.request.get(f"{server.url}/").text()
    # Leaving the page cuts its event stream: Chromium counts that as a failed request.
    assert [e for e in page.watch.errors if "404" not in e and not e.endswith("/events")] == []


def test_overlay_goes_once_the_file_is_fixed_even_if_no_news_comes(deck_server, lesson_copy, page):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    open_live(page, f"{server.url}/{LESSON}/#/3")
    text = deck_file.read_text()
    deck_file.write_text(text + "\n```python\nnever closed\n")
    overlay = page.locator("#deck-live-error")
    overlay.wait_for(state="visible", timeout=10_000)

    page.evaluate("window.deckLive.source.close()")  # the news of the fix is lost
    deck_file.write_text(text)
    overlay.wait_for(state="hidden", timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("Reveal.getIndices().h") == 3


STACKED = """\
# Title

---

## Stack top

----

## Stack below

* one <!-- .element: class="fragment" -->
* two <!-- .element: class="fragment" -->

---

<!-- .slide: data-background-color="#224" -->
## Coloured
"""


def test_vertical_slides_fragments_and_slide_attributes(deck_server, tmp_path, page):
    server, deck_file = serve_deck(deck_server, tmp_path, "stacked", STACKED)
    open_live(page, f"{server.url}/stacked/#/1/1")
    page.evaluate("Reveal.slide(1, 1, 0)")

    # An edit on the slide shown keeps the vertical position and the fragment.
    text = STACKED.replace("* two", "* two, edited")
    deck_file.write_text(text)
    wait_for_present_text(page, "two, edited")
    assert page.evaluate("Reveal.getIndices()") == {"h": 1, "v": 1, "f": 0}
    assert page.locator(f"{PRESENT} li.fragment.visible").count() == 1

    # A slide with attributes of its own is rebuilt, attributes and all.
    page.evaluate("Reveal.slide(0, 0)")
    text = text.replace("## Coloured", "## Coloured, edited").replace("#224", "#422")
    deck_file.write_text(text)
    wait_for_present_text(page, "Coloured, edited")
    assert page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [2, 0]
    background = page.locator(".reveal .backgrounds > .slide-background.present")
    assert "rgb(68, 34, 34)" in background.evaluate("e => getComputedStyle(e).backgroundColor")

    # A new theme in the front matter needs a fresh page: it reloads, in place.
    deck_file.write_text("---\ntheme: white\n---\n" + text)
    page.wait_for_function("window.notReloaded === undefined", timeout=10_000)
    page.wait_for_function("document.querySelector('#theme').href.endsWith('white.css')")
    page.wait_for_function("window.deckLive && window.deckLive.source")
    assert page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [2, 0]
    assert [e for e in page.watch.errors if not e.endswith("/events")] == []


def test_tabs_of_one_deck_share_one_stream(deck_server, lesson_copy, page):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    open_live(page, f"{server.url}/{LESSON}/#/6")
    second = page.context.new_page()
    second.goto(f"{server.url}/{LESSON}/#/6")
    second.wait_for_function("window.deckLive && window.deckLive.updates === 0")
    assert page.evaluate("window.deckLive.leader") is True
    assert second.evaluate("window.deckLive.leader") is False

    text = deck_file.read_text()
    deck_file.write_text(text.replace("* Automate regular", "* Automate first regular"))
    for tab in (page, second):
        wait_for_present_text(tab, "Automate first regular")

    # The leading tab closes: the other one takes the stream over.
    page.close()
    second.wait_for_function(
        "window.deckLive.leader && window.deckLive.source.readyState === 1", timeout=10_000
    )
    deck_file.write_text(text.replace("* Automate regular", "* Automate second regular"))
    wait_for_present_text(second, "Automate second regular")


def test_speaker_view_previews_show_the_edit_where_the_presenter_is(deck_server, lesson_copy, page):
    server = deck_server(lesson_copy, reload=True)
    deck_file = lesson_copy / f"{LESSON}.md"
    open_live(page, f"{server.url}/{LESSON}/#/5")
    speaker = open_speaker_view(page)
    previews = "Array.from(document.querySelectorAll('iframe')).map(f => f.contentWindow)"
    speaker.wait_for_function(
        f"{previews}.length === 2 && {previews}.every(w => w.deckLive && w.Reveal.isReady())"
    )
    deck_file.write_text(
        deck_file.read_text().replace("* Automate regular", "* Automate speaker-view regular")
    )
    wait_for_present_text(page, "speaker-view regular")
    # The current-slide preview shows the edit; the upcoming one the slide after.
    speaker.wait_for_function(
        f"{previews}.map(w => w.Reveal.getIndices().h).join() === '6,7'"
        f" && {previews}[0].document.querySelector('section.present')"
        ".textContent.includes('speaker-view regular')",
        timeout=10_000,
    )


NOTES_DECK = """# One

Note: the first slide's notes

---

# Two

* a point

Note: what to say on slide two
"""


def test_speaker_view_notes_show_an_edit_at_once(deck_server, tmp_path, page):
    """Editing the notes of the slide on screen: the speaker view shows them
    without the presenter moving. This is what live.js's resendSpeakerNotes()
    (the workaround for reveal.js's notes plugin) is for: without it, this fails."""
    server, deck_file = serve_deck(deck_server, tmp_path, "talk", NOTES_DECK)
    open_live(page, f"{server.url}/talk/#/1")
    speaker = open_speaker_view(page)
    notes = "document.querySelector('.speaker-controls-notes .value').textContent"
    speaker.wait_for_function(f"{notes}.includes('what to say on slide two')", timeout=10_000)
    deck_file.write_text(NOTES_DECK.replace("what to say", "what to tell the room"))
    speaker.wait_for_function(f"{notes}.includes('what to tell the room')", timeout=10_000)
    assert page.evaluate("Reveal.getIndices().h") == 1
    assert page.evaluate("window.notReloaded") is True
