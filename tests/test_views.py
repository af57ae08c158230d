"""Pages through Django's test client."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings


@pytest.fixture
def slides_dir(tmp_path, settings):
    settings.DECK = {**settings.DECK, "SLIDES_DIR": tmp_path}
    return tmp_path


def test_index_lists_the_lesson(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "MelbDjango School" in html
    assert "23 slides" in html
    assert "Lesson Nine — Advanced Django Topics" in html
    assert 'href="/lesson-09-advanced-django/"' in html


def test_lesson_page_has_every_slide(client):
    response = client.get("/lesson-09-advanced-django/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>MelbDjango School</title>" in html
    slides = html.split('<div class="slides">')[1]
    assert len(re.findall(r"<section data-line=", slides)) == 23
    assert "help &lt;subcommand&gt;" in html
    assert "Lesson Nine — Advanced Django Topics" in html
    assert "cc&amp;20!4@" in html


def test_unknown_slug_is_a_404_in_the_site_look(client):
    response = client.get("/no-such-deck/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Not found" in html and 'href="/"' in html


def test_front_matter_picks_theme_style_title_and_reveal_options(client, slides_dir):
    (slides_dir / "talk.md").write_text(
        "---\ntitle: My <Talk>\ntheme: white\nhighlight_style: friendly\n"
        "transition: fade\ncontrols: false\n---\n# Hello\n"
    )
    html = client.get("/talk/").content.decode()
    assert "<title>My &lt;Talk&gt;</title>" in html
    assert "reveal/dist/theme/white.css" in html
    assert "/_deck/pygments/friendly.css" in html
    options = re.search(r'<script id="deck-options" type="application/json">(.*?)</script>', html)
    assert '"transition": "fade"' in options.group(1)
    assert '"controls": false' in options.group(1)


def test_unknown_theme_falls_back_to_the_default(client, slides_dir):
    (slides_dir / "talk.md").write_text("---\ntheme: nonsense\n---\n# Hi\n")
    assert "reveal/dist/theme/black.css" in client.get("/talk/").content.decode()


def test_slides_dir_setting_is_where_decks_come_from(client, slides_dir):
    (slides_dir / "one.md").write_text("# One\n---\n# Two\n")
    html = client.get("/").content.decode()
    assert "One" in html and "2 slides" in html and "MelbDjango" not in html


def test_slides_dir_from_the_environment(tmp_path, monkeypatch):
    import subprocess
    import sys

    (tmp_path / "env-deck.md").write_text("# From env\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from deck import conf; print(conf.get('SLIDES_DIR'))",
        ],
        env={
            **__import__("os").environ,
            "DECK_SLIDES_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "deck.project.settings",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(tmp_path)


def test_pygments_css_is_served(client):
    response = client.get("/_deck/pygments/monokai.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert ".reveal .highlight" in response.content.decode()
    assert client.get("/_deck/pygments/no-such-style.css").status_code == 404


@override_settings(DEBUG=False)
def test_static_files_are_served_by_whitenoise(client):
    response = client.get("/static/reveal/dist/reveal.js")
    assert response.status_code == 200
    assert b"reveal.js" in b"".join(response.streaming_content)[:200]


def test_deck_list_is_empty_when_no_decks(client, slides_dir):
    assert "No decks yet" in client.get("/").content.decode()


def test_the_index_parses_a_deck_again_only_when_it_changed(client, slides_dir, monkeypatch):
    from deck import decks

    parsed = []
    parse = decks.parse
    monkeypatch.setattr(
        decks, "parse", lambda slug, *args: parsed.append(slug) or parse(slug, *args)
    )
    deck = slides_dir / "talk.md"
    deck.write_text("# First title\n\n---\n\n# Two\n")
    assert "First title" in client.get("/").content.decode()
    assert "First title" in client.get("/").content.decode()
    assert parsed == ["talk"]
    deck.write_text("# Second title\n")
    page = client.get("/").content.decode()
    assert "Second title" in page and "First title" not in page and "1 slide" in page
    assert parsed == ["talk", "talk"]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Feature probe\n---\n# Feature probe\n\n---\n\n## Two\n",
        "# Feature probe\n\n---\n\n## Two\n",
        "---\ntitle: Feature probe\n---\n#  feature  PROBE\n",
    ],
)
def test_the_index_shows_a_title_only_once(client, slides_dir, text):
    (slides_dir / "probe.md").write_text(text)
    page = client.get("/").content.decode()
    assert page.count("eature probe") + page.count("feature  PROBE") == 1
    assert 'class="deck-subtitle"' not in page


def test_the_index_shows_a_subtitle_that_differs(client, slides_dir):
    (slides_dir / "course.md").write_text("---\ntitle: Course\n---\n# Lesson 2\n")
    page = client.get("/").content.decode()
    assert '<span class="deck-subtitle">Lesson 2</span>' in page
