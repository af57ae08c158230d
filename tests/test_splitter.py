"""The splitter, case by case: source in, slides out. No Django needed."""

from __future__ import annotations

import pytest

from deck.core.errors import DeckSyntaxError
from deck.core.splitter import parse_attributes, split


def bodies(text: str) -> list[str]:
    return [slide.body.strip() for slide in split(text).slides]


def test_horizontal_separator_starts_next_slide():
    assert bodies("# One\n---\n# Two\n---\n# Three") == ["# One", "# Two", "# Three"]


def test_separator_must_be_alone_on_its_line():
    assert bodies("a --- b\n--- x\n----- \n") == ["a --- b\n--- x\n-----"]


def test_vertical_separator_stacks_slides_below():
    deck = split("# A\n----\n# A.2\n----\n# A.3\n---\n# B")
    assert [len(stack) for stack in deck.stacks] == [3, 1]
    assert [(s.h, s.v) for s in deck.slides] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    assert deck.slides[2].number == "1.3"


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_separator_inside_fenced_code_is_code(fence):
    text = f"# Code\n{fence}yaml\n---\nkey: value\n----\n{fence}\n---\n# Next"
    slides = split(text).slides
    assert len(slides) == 2
    assert "---\nkey: value\n----" in slides[0].body


def test_unclosed_fence_names_the_line_it_opens_on():
    with pytest.raises(DeckSyntaxError) as raised:
        split("# One\n---\n# Two\n\n```python\nx = 1\n---\n# Three")
    assert raised.value.line == 5
    assert "never closed" in raised.value.message


def test_front_matter_is_read_and_not_a_slide():
    deck = split("---\ntitle: My talk\ntheme: white\ntransition: fade\n---\n# Hello\n---\n# Bye")
    assert deck.front_matter == {"title": "My talk", "theme": "white", "transition": "fade"}
    assert deck.title == "My talk"
    assert [s.body for s in deck.slides] == ["# Hello", "# Bye"]
    assert deck.slides[0].line == 6


def test_empty_file_is_one_empty_slide():
    assert bodies("") == [""]


def test_subtitle_is_the_title_slides_next_heading():
    assert split("# Course\n## Lesson 2\n---\n# B").subtitle == "Lesson 2"
    assert split("---\ntitle: T\n---\n# Course\n---\n# B").subtitle == "Course"
    assert split("# Only").subtitle == ""


def test_title_falls_back_to_the_first_heading():
    deck = split("Some text\n\n## First heading\n\n### Second")
    assert deck.title == "First heading"


def test_leading_separator_without_yaml_is_an_empty_first_slide():
    deck = split("---\n# Second\n---\n# Third")
    assert [s.body for s in deck.slides] == ["", "# Second", "# Third"]


def test_malformed_front_matter_names_the_line():
    with pytest.raises(DeckSyntaxError) as raised:
        split("---\ntitle: ok\ntheme: [unclosed\n---\n# Hi")
    assert raised.value.line >= 3
    assert "front matter" in raised.value.message


def test_notes_on_their_own_line_go_to_the_speaker_notes():
    slide = split("# Title\n\n* point\n\nNote:\nSay hello & smile.\n\nMore notes.").slides[0]
    assert slide.body == "# Title\n\n* point"
    assert slide.notes == "Say hello & smile.\n\nMore notes."
    assert slide.notes_line == 5


@pytest.mark.parametrize("marker", ["Note:", "Notes:", "note:", "NOTES:"])
def test_notes_marker_any_case_and_same_line_text(marker):
    slide = split(f"# Title\n{marker} remember the demo").slides[0]
    assert slide.body == "# Title"
    assert slide.notes == "remember the demo"


def test_notes_marker_inside_code_is_code():
    slide = split("```\nNote: this is code\n```").slides[0]
    assert slide.notes == ""
    assert "Note: this is code" in slide.body


def test_slide_attribute_comment_sets_attributes_and_is_removed():
    slide = split('<!-- .slide: data-background="#123" class="x" -->\n# Hi').slides[0]
    assert slide.attrs == (("data-background", "#123"), ("class", "x"))
    assert ".slide" not in slide.body


def test_attribute_forms():
    assert parse_attributes("a=\"1\" b='2' c=3 data-flag") == (
        ("a", "1"),
        ("b", "2"),
        ("c", "3"),
        ("data-flag", ""),
    )


def test_crlf_and_byte_order_mark_change_nothing():
    plain = "---\ntitle: T\n---\n# One\n* a\n---\n# Two\nNote: n\n"
    windows = "\ufeff" + plain.replace("\n", "\r\n")
    assert split(windows) == split(plain)


def test_line_numbers_point_into_the_file():
    deck = split("# One\n\ntext\n---\n\n# Two\n----\n# Two.2")
    assert [s.line for s in deck.slides] == [1, 5, 8]
    # Body line k is file line slide.line + k.
    assert deck.slides[1].body.split("\n")[1] == "# Two"


def test_lesson_has_23_horizontal_slides(lesson_text):
    deck = split(lesson_text)
    assert len(deck.stacks) == 23
    assert deck.title == "MelbDjango School"
    assert deck.subtitle == "Lesson Nine — Advanced Django Topics"
    assert deck.slides[1].body.strip() == "## WIFI\n\nCommon Code / cc&20!4@"


def test_the_same_text_is_split_once():
    # The checks and the page split the same deck; the second is free.
    text = "# One\n\n---\n\n# Two\n"
    assert split(text) is split(text)
    other = split(text, separator=r"^===$")
    assert other is not split(text)
    assert len(other.stacks) == 1 and len(split(text).stacks) == 2
