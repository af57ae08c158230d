"""Files beside decks with DEBUG off: no Markdown, no options file, nothing a
deck does not refer to unless it is ordinary media; always ``nosniff``, and
a sandboxing Content-Security-Policy on HTML and SVG files."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from deck.caching.url import parse

TALK = """---
title: Files
---

# Files

![a picture](img/pic.png)

[the handout](handout.txt) and [the demo's own page](demo.html)

Note: the [answers](answers.txt) are for the teacher

---

<!-- .slide: data-background-iframe="demo.html" -->

## A live demo
"""

DEMO = """<!doctype html>
<title>demo</title>
<script src="demo.js"></script>
<p id="out">waiting</p>
"""

NEVER_WITHOUT_DEBUG = [
    "/talk.md",
    "/talk.md/",
    "/README.MD",
    "/reveal-md.json",
    "/reveal.json",
    "/lesson-two/CLASS.md",
    "/lesson-two/reveal-md.json",
    "/lesson-two/Reveal.JSON",
    "/notes.txt",  # beside the decks, named by none
    "/answers.txt",  # named only in the notes
    "/lesson-two/secret.html",
    "/_deck/files/talk.md",
    "/_deck/files/lesson-two/CLASS.md",
    "/_deck/files/notes.txt",
]

SERVED_WITHOUT_DEBUG = [
    "/talk/img/pic.png",
    "/img/pic.png",
    "/handout.txt",
    "/talk/handout.txt",
    # The follow and presenter pages resolve the slides' relative links
    # one folder deeper: the same files.
    "/talk/follow/img/pic.png",
    "/talk/present/img/pic.png",
    "/lesson-two/follow/img/x.png",
    "/demo.html",
    "/demo.js",  # what the iframe background itself loads
    "/drawing.svg",
    "/lesson-two/img/x.png",
    "/lesson-two/theme/course.css",
    "/_deck/files/lesson-two/theme/course.css",
    "/slides.pdf",
]


@pytest.fixture
def slides_dir(tmp_path, settings):
    folder = tmp_path / "slides"
    (folder / "img").mkdir(parents=True)
    (folder / "lesson-two" / "img").mkdir(parents=True)
    (folder / "lesson-two" / "theme").mkdir()
    files = {
        "talk.md": TALK,
        "README.MD": "# not a deck, still Markdown",
        "reveal-md.json": '{"theme": "white"}',
        "reveal.json": '{"controls": true}',
        "notes.txt": "private notes",
        "answers.txt": "42",
        "handout.txt": "the handout",
        "demo.html": DEMO,
        "demo.js": "document.getElementById('out').textContent = 'ran';",
        "drawing.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "slides.pdf": "%PDF-1.4",
        "lesson-two/CLASS.md": "# Lesson two\n\n![](img/x.png)\n",
        "lesson-two/reveal-md.json": "{}",
        "lesson-two/Reveal.JSON": "{}",
        "lesson-two/secret.html": "<p>not referred to</p>",
        "lesson-two/theme/course.css": "body { color: red }",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "img" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "lesson-two" / "img" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings.DECK = {"SLIDES_DIR": folder}
    settings.CACHES = {"default": {**parse("locmem://"), "LOCATION": f"test-{uuid.uuid4()}"}}
    return folder


@pytest.mark.parametrize("path", NEVER_WITHOUT_DEBUG)
def test_sources_options_and_unreferred_files_are_404_with_debug_off(slides_dir, settings, path):
    settings.DEBUG = False
    response = Client().get(path)
    assert response.status_code == 404, path


@pytest.mark.parametrize("path", SERVED_WITHOUT_DEBUG)
def test_media_and_referred_files_are_served_with_nosniff(slides_dir, settings, path):
    settings.DEBUG = False
    response = Client().get(path)
    assert response.status_code == 200, path
    assert response["X-Content-Type-Options"] == "nosniff"


def test_html_beside_a_deck_runs_no_script_in_the_decks_origin(slides_dir, settings):
    settings.DEBUG = False
    response = Client().get("/demo.html")
    policy = response["Content-Security-Policy"].split()
    assert policy[0] == "sandbox" and "allow-scripts" in policy
    # An origin of its own: never the decks', where presenter rights live.
    assert "allow-same-origin" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # an iframe background of the deck


def test_svg_beside_a_deck_is_sandboxed_without_script(slides_dir, settings):
    settings.DEBUG = False
    assert Client().get("/drawing.svg")["Content-Security-Policy"] == "sandbox"


def test_a_picture_gets_no_policy_it_does_not_need(slides_dir, settings):
    settings.DEBUG = False
    assert "Content-Security-Policy" not in Client().get("/img/pic.png")


def test_debug_on_serves_the_sources_to_the_author_with_the_same_headers(slides_dir, settings):
    settings.DEBUG = True
    for path in ("/talk.md", "/notes.txt", "/lesson-two/CLASS.md", "/reveal-md.json"):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in Client().get("/lesson-two/secret.html")["Content-Security-Policy"]


def test_a_file_a_deck_starts_referring_to_is_served_after_the_edit(slides_dir, settings):
    settings.DEBUG = False
    assert Client().get("/notes.txt").status_code == 404
    talk = slides_dir / "talk.md"
    talk.write_text(talk.read_text() + "\n---\n\n[my notes](notes.txt)\n", encoding="utf-8")
    assert Client().get("/notes.txt").status_code == 200


def test_a_real_folder_named_like_a_page_keeps_its_own_files(slides_dir, settings):
    settings.DEBUG = False
    (slides_dir / "present").mkdir()
    (slides_dir / "present" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\nreal")
    # /talk/present/pic.png is what the deck's own page makes of present/pic.png.
    assert Client().get("/talk/present/pic.png").getvalue().endswith(b"real")
    assert Client().get("/talk/present/img/pic.png").status_code == 404
