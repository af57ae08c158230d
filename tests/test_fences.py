"""The one fence rule (deck.core.fences), and the places that follow it agreeing."""

from __future__ import annotations

import pytest

from deck.core import fences
from deck.core.splitter import split
from deck.render.extensions.lists import normalize_lists
from deck.render.slides import markdown_to_html


def kinds(text: str) -> list[str]:
    """'text', 'open', 'code' for each line."""
    out = []
    for index, _, fence in fences.scan(text.split("\n")):
        out.append("text" if fence is None else "open" if fence.index == index else "code")
    return out


@pytest.mark.parametrize("marker", ["```", "~~~", "`````"])
def test_a_fence_runs_to_a_line_of_its_marker(marker):
    assert kinds(f"a\n{marker}py\nx\n{marker}\nb") == ["text", "open", "code", "code", "text"]


def test_a_closing_line_is_at_least_as_long_and_of_the_same_character():
    assert kinds("````\n```\n~~~~\n`````\nb") == ["open", "code", "code", "code", "text"]


def test_a_closing_line_has_nothing_after_its_marker():
    assert kinds("```\n``` py\n```  \nb") == ["open", "code", "code", "text"]


def test_a_backtick_fence_has_no_backtick_in_its_info_string():
    assert fences.opening("```x`y") is None
    assert fences.opening("~~~x`y") is not None


@pytest.mark.parametrize("indent", ["", "   ", "      ", "\t", " \t"])
def test_any_indentation_opens_a_fence(indent):
    # A fence in a list item is indented to the item's text.
    fence = fences.opening(f"{indent}```python {{2,4}}", 7)
    assert fence == fences.Fence(7, "```", "python {2,4}")
    assert (fence.language, fence.options) == ("python", " {2,4}")


def test_tracker_tells_which_fence_is_left_open():
    tracker = fences.FenceTracker()
    for index, line in enumerate(["a", "~~~~", "---", "~~~"]):
        tracker.step(index, line)
    assert tracker.open == fences.Fence(1, "~~~~", "")


def test_text_that_only_looks_like_a_fence_is_text_to_every_reader():
    text = "```x`y\n* a\n  * b\n```\n\n```"
    # The splitter: text, then a fence opened on line 4 and closed on line 6.
    assert len(split(text + "\n---\nnext").slides) == 2
    # The list preprocessor nests the items, as on any slide.
    assert normalize_lists(text.split("\n"))[2] == "    * b"
    # And superfences draws no code block from the first line.
    html = markdown_to_html("```x`y\n\n* a\n  * b\n\n---")
    assert "<pre" not in html and "<code>" not in html.split("<ul>")[1]
    assert "<li>b</li>" in html
