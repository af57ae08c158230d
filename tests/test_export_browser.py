"""Exported decks in Chromium: from file://, from a sub-path, as one file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.test_export import IMAGE_DECK, LESSON, ROOT, png, run

pytestmark = pytest.mark.browser


def open_deck(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")


def slide_state(page) -> dict:
    return page.evaluate(
        "({total: Reveal.getTotalSlides(), h: Reveal.getIndices().h,"
        " title: document.querySelector('.slides section.present h1, .slides section.present h2')"
        "?.textContent})"
    )


def plugins(page) -> list[str]:
    """The ids of the reveal.js plugins the page registered, in order."""
    return page.evaluate("Object.keys(Reveal.getPlugins())")


def image_widths(page) -> list[int]:
    return page.evaluate(
        """Promise.all([...document.querySelectorAll('.slides img')]
             .filter(img => !img.getAttribute('src').startsWith('http'))
             .map(img => img.decode().then(() => img.naturalWidth, () => 0)))"""
    )


@pytest.fixture
def image_slides(tmp_path) -> Path:
    slides = tmp_path / "slides"
    (slides / "img").mkdir(parents=True)
    (slides / "img" / "red.png").write_bytes(png(30, 20))
    (slides / "handout.txt").write_text("Read this.\n")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "logo.png").write_bytes(png(40, 40, (20, 20, 220)))
    # The remote picture would be a failed request here (no network): left out.
    (slides / "pictures.md").write_text(
        IMAGE_DECK.replace("![remote](https://example.org/picture.png)", "")
    )
    return slides


def test_lesson_from_file_url(tmp_path, page):
    out = tmp_path / "site"
    run(LESSON, "--output", str(out))
    open_deck(page, (out / LESSON / "index.html").as_uri())
    state = slide_state(page)
    assert state["total"] == 23
    assert state["h"] == 0 and state["title"] == "MelbDjango School"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    assert slide_state(page)["title"] == "WIFI"
    # The theme and the code colours arrived: the slide is not unstyled white.
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(25, 25, 25)"
    # No live reload, no follow.
    assert plugins(page) == [
        "notes",
        "search",
        "zoom",
        "deck-deeplink",
        "deck-access",
        "deck-fit",
        "deck-code",
    ]
    assert page.watch.errors == []
    page.screenshot(path=str(tmp_path / "lesson.png"))


def test_index_from_file_url_links_to_the_deck(tmp_path, page):
    out = tmp_path / "site"
    run(LESSON, "--output", str(out))
    page.goto((out / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(25, 25, 25)"
    page.click("a.deck-title")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert slide_state(page)["total"] == 23
    assert page.watch.errors == []


def test_lesson_single_file_copied_alone(tmp_path, page):
    out = tmp_path / "site"
    run(LESSON, "--single-file", "--output", str(out))
    alone = tmp_path / "elsewhere"
    alone.mkdir()
    shutil.copy(out / f"{LESSON}.html", alone / "lesson.html")
    open_deck(page, (alone / "lesson.html").as_uri())
    assert slide_state(page)["total"] == 23
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(25, 25, 25)"
    assert plugins(page) == [
        "notes",
        "search",
        "zoom",
        "deck-deeplink",
        "deck-access",
        "deck-fit",
        "deck-code",
    ]
    assert page.watch.errors == []


def test_images_in_a_copied_export(tmp_path, page, image_slides):
    out = tmp_path / "site"
    run("pictures", "--output", str(out), slides=image_slides)
    moved = tmp_path / "moved"
    shutil.copytree(out, moved)
    shutil.rmtree(image_slides.parent / "shared")  # nothing may come from the sources
    shutil.rmtree(image_slides)
    open_deck(page, (moved / "pictures" / "index.html").as_uri())
    widths = image_widths(page)
    assert widths == [30, 40]
    assert page.evaluate("document.querySelectorAll('aside.notes').length") == 1
    assert page.watch.errors == []


def test_images_in_a_single_file_copied_alone(tmp_path, page, image_slides):
    out = tmp_path / "site"
    run("pictures", "--single-file", "--output", str(out), slides=image_slides)
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(out / "pictures.html", alone / "deck.html")
    open_deck(page, (alone / "deck.html").as_uri())
    assert image_widths(page) == [30, 40]
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    assert page.watch.errors == []
    page.screenshot(path=str(tmp_path / "single.png"))


@pytest.fixture
def static_host(tmp_path):
    """python's http.server on loopback, serving a folder: ``static_host(root)``."""
    processes: list[subprocess.Popen] = []

    def start(root: Path) -> str:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=2).read()
                return url
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("http.server did not start")

    yield start
    for process in processes:
        process.terminate()
        process.wait(10)


def test_served_from_a_sub_path(tmp_path, page, static_host, image_slides):
    shutil.copy(ROOT / "slides" / f"{LESSON}.md", image_slides)
    host_root = tmp_path / "host"
    out = host_root / "teacher" / "lessons"
    out.parent.mkdir(parents=True)
    run("--all", "--output", str(out), slides=image_slides)
    url = static_host(host_root)
    page.goto(f"{url}/teacher/lessons/")
    assert page.locator("a.deck-title").count() == 2
    page.click(f"a.deck-title[href='{LESSON}/index.html']")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert slide_state(page)["total"] == 23
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    # A folder URL, as a static host gives it, works too.
    open_deck(page, f"{url}/teacher/lessons/pictures/")
    assert image_widths(page) == [30, 40]
    assert page.watch.errors == []


@pytest.mark.parametrize("viewport", [(1280, 720), (1024, 768)])
def test_export_looks_like_the_served_deck(tmp_path, browser, deck_server, viewport):
    """Pixel for pixel: the same template, slides, theme and scripts.

    Against the server as deployed (DEBUG off): what an author sees only while
    developing is no part of a published deck.
    """
    server = deck_server(
        ROOT / "slides",
        env={
            "DECK_DEBUG": "0",
            "DECK_SECRET_KEY": "export-test-key-export-test-key-export-test-key",
            "DECK_ALLOWED_HOSTS": "127.0.0.1",
        },
    )
    out = tmp_path / "site"
    run(LESSON, "--output", str(out))
    run(LESSON, "--single-file", "--output", str(tmp_path / "single"))
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        shots = {}
        for name, url in {
            "served": f"{server.url}/{LESSON}/",
            "exported": (out / LESSON / "index.html").as_uri(),
            "single": (tmp_path / "single" / f"{LESSON}.html").as_uri(),
        }.items():
            for slide in (0, 3, 19):
                page = context.new_page()
                open_deck(page, f"{url}#/{slide}")
                page.evaluate("document.fonts.ready")
                path = tmp_path / f"{name}-{slide}-{width}.png"
                page.screenshot(path=str(path), animations="disabled")
                shots[name, slide] = path.read_bytes()
                page.close()
        for slide in (0, 3, 19):
            assert shots["exported", slide] == shots["served", slide], slide
            assert shots["single", slide] == shots["served", slide], slide
    finally:
        context.close()


def test_speaker_notes_and_search_in_a_single_file(tmp_path, page, image_slides):
    out = tmp_path / "site"
    run("pictures", "--single-file", "--output", str(out), slides=image_slides)
    open_deck(page, (out / "pictures.html").as_uri())
    # The speaker view (notes plugin) opens from file:// with the slide's notes.
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_selector(".speaker-controls-notes")
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes').textContent.includes('the speaker sees this.')"
    )
    speaker.close()
    # Search finds a word on a later slide and goes there.
    page.evaluate("Reveal.getPlugin('search').open()")
    page.locator(".searchinput").press_sequentially("handout")  # it searches on keyup
    page.keyboard.press("Enter")
    page.wait_for_function("Reveal.getIndices().h === 1 && Reveal.getIndices().v === 1")
    assert page.watch.errors == []
