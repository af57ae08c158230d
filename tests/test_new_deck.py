"""manage.py new_deck: a starter deck that presents at once, never an overwrite."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deck.core.reading import DeckFile, load
from deck.pages import slides_html


@pytest.fixture
def slides(settings, tmp_path):
    folder = tmp_path / "slides"
    settings.DECK = {"SLIDES_DIR": folder}
    return folder


def new_deck(*args, **options) -> str:
    out = StringIO()
    call_command("new_deck", *args, stdout=out, **options)
    return out.getvalue()


def test_creates_a_deck_with_title_bullets_and_code_with_notes(slides):
    output = new_deck("lesson-10", title="Lesson Ten: Forms")
    path = slides / "lesson-10.md"
    assert f"Created {path}" in output
    deck = load(DeckFile("lesson-10", path))
    assert deck.title == "Lesson Ten: Forms"
    first, bullets, code = deck.split.slides
    assert "# Lesson Ten: Forms" in first.body
    assert "* The first idea" in bullets.body and "  * a detail under it" in bullets.body
    assert "```python" in code.body and code.notes.startswith("Speaker notes go after")
    html = slides_html(deck)
    assert html.count("<section") == 3
    assert '<aside class="notes">' in html and 'class="highlight language-python"' in html


def test_title_defaults_to_the_name(slides):
    new_deck("course_intro")
    deck = load(DeckFile("course_intro", slides / "course_intro.md"))
    assert deck.title == "Course intro"


def test_title_with_yaml_and_markdown_characters_survives(slides):
    title = "Forms: #1 & 'quotes' — <ok>"
    new_deck("forms", title=title)
    assert load(DeckFile("forms", slides / "forms.md")).title == title


def test_refuses_to_overwrite(slides):
    slides.mkdir()
    path = slides / "mine.md"
    path.write_text("# My own words\n")
    with pytest.raises(CommandError, match="already exists"):
        new_deck("mine")
    assert path.read_text() == "# My own words\n"


def test_dot_md_suffix_is_accepted(slides):
    new_deck("talk.md")
    assert (slides / "talk.md").is_file()
    assert not (slides / "talk.md.md").exists()


@pytest.mark.parametrize("name", ["../escape", "sub/deck", ".hidden", "", "a b"])
def test_refuses_names_that_are_not_deck_names(slides, name):
    with pytest.raises(CommandError, match="cannot be a deck name"):
        new_deck(name)
    assert not slides.exists() or list(slides.iterdir()) == []


def test_quiet_with_verbosity_zero(slides):
    assert new_deck("quiet", verbosity=0) == ""
    assert (slides / "quiet.md").is_file()
