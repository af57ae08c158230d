"""A reveal-md lesson folder, copied unchanged, in real Chromium."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture
def course_server(deck_server, tmp_path):
    root = tmp_path / "slides"
    shutil.copytree(FIXTURES / "course", root)
    return deck_server(root)


REMOTE = "example.invalid"


def local_errors(page) -> list[str]:
    # The lesson shows one picture from another site (example.invalid); with
    # no network that is a broken picture and nothing else: its failed request
    # and the console line about its unresolved name are expected.
    return [e for e in page.watch.errors if REMOTE not in e and "ERR_NAME_NOT_RESOLVED" not in e]


def test_lesson_folder_presents_with_pictures_theme_and_notes(page, course_server):
    base = course_server.url
    page.goto(base + "/lesson-two/#/1")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    picture = page.locator("section.present img[alt='Django pony']")
    picture.wait_for()
    page.wait_for_function("document.querySelector(\"img[alt='Django pony']\").complete")
    assert picture.evaluate("img => img.naturalWidth") == 64

    # The school's theme (theme/melbdjango.css, named in reveal-md.json):
    heading = page.locator("section.present h2")
    assert heading.evaluate("h => getComputedStyle(h).color") == "rgb(255, 204, 0)"
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.reveal-viewport')).backgroundColor"
    )
    assert background == "rgb(12, 34, 56)"
    # Its @import of the course-wide stylesheet resolved:
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('section.present h2')).textTransform"
        )
        == "none"
    )

    # Notes are in the speaker notes, not on the slide.
    assert "Point at the pony" not in page.locator("section.present").inner_text()
    assert "Point at the pony" in page.evaluate("Reveal.getSlideNotes()")

    # The plain relative path on the next slide loads the same picture.
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 2")
    again = page.locator("section.present img[alt='pony again']")
    page.wait_for_function("document.querySelector(\"img[alt='pony again']\").complete")
    assert again.evaluate("img => img.naturalWidth") == 64
    assert "lower-case notes marker" not in page.locator("section.present").inner_text()

    # css from reveal-md.json comes after the theme.
    page.goto(base + "/lesson-two/#/0")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    h3 = page.locator("section.present h3")
    assert h3.evaluate("h => getComputedStyle(h).color") == "rgb(0, 200, 100)"
    assert local_errors(page) == []


def test_two_decks_in_one_folder_and_the_index(page, course_server):
    page.goto(course_server.url + "/")
    page.get_by_role("link", name="Talk B").click()
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.url.endswith("/talks/b/")
    assert page.evaluate("Reveal.getTotalSlides()") == 2
    assert page.watch.errors == []


def test_exported_lesson_folder_from_file_url(page, tmp_path):
    from tests.test_course import export_course

    out = tmp_path / "site"
    export_course(out)
    page.goto((out / "lesson-two" / "index.html").as_uri() + "#/1")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_function("document.querySelector(\"img[alt='Django pony']\").complete")
    assert page.locator("img[alt='Django pony']").evaluate("img => img.naturalWidth") == 64
    heading = page.locator("section.present h2")
    assert heading.evaluate("h => getComputedStyle(h).color") == "rgb(255, 204, 0)"
    assert "Point at the pony" not in page.locator("section.present").inner_text()
    assert "Point at the pony" in page.evaluate("Reveal.getSlideNotes()")
    assert local_errors(page) == []
    page.goto((out / "talks" / "b" / "index.html").as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getTotalSlides()") == 2
