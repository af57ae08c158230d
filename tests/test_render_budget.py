"""A render still too slow is bounded (issue 15, items 3 and 9).

A deck's slides share DECK["RENDER_SECONDS"] of CPU time; past it the page is
the broken-deck page naming the slide's file and line ("too complex"), never a
worker timeout, and every other deck keeps serving. The budget is set tiny
here so that a slide of ordinary cost runs past it: no clock is asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.test import Client, override_settings

from deck.core.errors import BadFrontMatter, TooComplex
from deck.core.reading import parse
from deck.core.splitter import split
from deck.render import budget
from deck.render.budget import budgeted
from deck.render.slides import markdown_to_html, render_slide

# Heading lines in one block: linear now (extensions/linear_blocks.py), but
# still a costly slide per byte: a tiny budget stops it.
HEAVY = "# Heavy\n\nfine\n\n---\n\n" + "# a\n" * 20_000


@pytest.fixture(autouse=True)
def forget_complex_slides():
    budget._too_complex.clear()
    yield
    budget._too_complex.clear()


def test_past_the_budget_is_too_complex_at_the_slides_line():
    markdown_to_html("warm")  # a parser built, as in a server that has served before
    render = budgeted(Path("deck.md"), 0.2)
    first, heavy = split(HEAVY).slides
    render(first)
    with pytest.raises(TooComplex) as caught:
        render(heavy)
    assert str(caught.value).startswith("deck.md:7: slide 2 is too complex to render within")
    # The parser it stopped is replaced: the next slide renders as ever.
    assert markdown_to_html("para") == "<p>para</p>"


def test_a_slide_too_complex_alone_is_answered_at_once_next_time(monkeypatch):
    first, heavy = split(HEAVY).slides
    with pytest.raises(TooComplex):
        budgeted(Path("deck.md"), 0.01)(heavy)

    def must_not_render(slide):
        raise AssertionError("rendered again")

    with pytest.raises(TooComplex):
        budgeted(Path("deck.md"), 0.01, must_not_render)(heavy)


def test_a_big_deck_of_ordinary_slides_gets_time_for_each_and_a_hanging_slide_still_stops():
    markdown_to_html("warm")
    ordinary = split(
        "\n\n---\n\n".join(f"## Slide {n}\n\n* a point, `code` {n}" for n in range(300))
    )
    slides = ordinary.slides
    # 50 ms for the deck alone is not enough for 300 slides ...
    render = budgeted(Path("deck.md"), 0.05)
    with pytest.raises(TooComplex) as caught:
        for slide in slides:
            render(slide)
    assert "the deck's slides took over 0.05 s to render" in str(caught.value)
    # ... but each slide adds its share (budget.PER_SLIDE_S) to the deck's.
    render = budgeted(Path("deck.md"), 0.05, slides=len(slides))
    assert all(render(slide).startswith("<h2>Slide") for slide in slides)
    # A slide that would take long is still stopped at the time one slide may take.
    first, heavy = split(HEAVY).slides
    render = budgeted(Path("deck.md"), 0.2, slides=100_000)
    render(first)
    with pytest.raises(TooComplex) as caught:
        render(heavy)
    assert "slide 2 is too complex to render within 0.2 s" in str(caught.value)


def test_without_a_budget_the_slide_renders_in_full():
    heavy = split(HEAVY).slides[1]
    assert render_slide(heavy).count("<h1>a</h1>") == 20_000


def test_the_page_says_too_complex_and_names_file_and_line(tmp_path):
    (tmp_path / "heavy.md").write_text(HEAVY)
    (tmp_path / "good.md").write_text("# Good\n\nStill works.\n")
    deck = {"SLIDES_DIR": tmp_path, "RENDER_SECONDS": 0.2}
    with override_settings(DECK=deck, DEBUG=True):
        client = Client(raise_request_exception=False)
        page = client.get("/heavy/")
        assert page.status_code == 500
        assert b"<code>heavy.md</code>, line 7" in page.content
        assert b"slide 2 is too complex to render" in page.content
        assert b"Still works." in client.get("/good/").content
        assert client.get("/").status_code == 200


def test_a_huge_front_matter_is_refused_before_yaml_reads_it(monkeypatch):
    text = "---\n" + "".join(f"key{i}: value{i}\n" for i in range(200_000)) + "---\n# x\n"

    def no_yaml(*args, **kwargs):
        raise AssertionError("YAML was asked to read 3 MB of front matter")

    monkeypatch.setattr(yaml, "safe_load", no_yaml)
    with pytest.raises(BadFrontMatter) as caught:
        parse("big", Path("big.md"), text)
    assert str(caught.value).startswith("big.md:1: front matter is 4,275 KB, over 64 KB")
