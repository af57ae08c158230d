"""Skipping inline patterns that cannot match changes no HTML: the slides'
renderer against the same renderer with Python-Markdown's own inline loop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from deck.core.splitter import split
from deck.render.extensions import inline_triggers
from deck.render.extensions.inline_triggers import TriggeredInlineProcessor, first_characters
from deck.render.slides import build_markdown

ROOT = Path(__file__).resolve().parent.parent


def stock_and_triggered():
    stock = build_markdown()
    stock.treeprocessors.register(InlineProcessor(stock), "inline", 20)
    triggered = build_markdown()
    assert type(triggered.treeprocessors["inline"]) is TriggeredInlineProcessor
    return stock, triggered


STOCK, TRIGGERED = stock_and_triggered()


def both(text: str) -> tuple[str, str]:
    STOCK.reset()
    TRIGGERED.reset()
    return STOCK.convert(text), TRIGGERED.convert(text)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<!\!)\[", {"["}),
        (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", {"\\", "`"}),
        (r"\*|_", {"*", "_"}),
        (r"(&(?:\#[0-9]+|[a-zA-Z0-9]+);)", {"&"}),
        (r"(?i)<(ht|f)", {"<"}),
        (r"(?i)(?:ht|f)tps?://", {"h", "H", "f", "F"}),
        (r"x?y", None),  # x may be left out: y could start the match
        (r"\w+@", None),  # a category: too many characters to look for
        (r"(?=a)", None),  # matches the empty string
        (r"[^<]", None),
        (r".", None),
    ],
)
def test_first_characters_of_a_pattern(pattern, expected):
    found = first_characters(re.compile(pattern))
    assert (found if found is None else set(found)) == expected


def test_every_pattern_of_the_slides_renderer_is_known_or_always_tried():
    patterns = TRIGGERED.inlinePatterns
    names = {patterns._priority[i].name: patterns[i] for i in range(len(patterns))}
    firsts = {name: first_characters(p.getCompiledRegExp()) for name, p in names.items()}
    assert firsts["link"] == {"["} and firsts["entity"] == {"&"}
    assert firsts["em_strong"] == {"*", "_"} and firsts["backtick"] == {"`", "\\"}


def test_the_lesson_renders_the_same():
    text = (ROOT / "slides" / "lesson-09-advanced-django.md").read_text(encoding="utf-8")
    for slide in split(text).slides:
        stock, triggered = both(slide.body)
        assert triggered == stock


def test_an_older_python_markdown_without_the_loop_gets_its_own(monkeypatch):
    monkeypatch.setattr(
        inline_triggers, "PRIVATE_NAMES", ("_InlineProcessor__somethingElse",), raising=True
    )
    md = build_markdown()
    assert type(md.treeprocessors["inline"]) is InlineProcessor
    assert md.convert("**bold** and `code`") == "<p><strong>bold</strong> and <code>code</code></p>"


INLINE = [
    "**bold** and __strong__",
    "*em* and _em_ and snake_case_name",
    "`code` and ``co`de`` and \\`not code\\`",
    "[a link](https://example.org/a_b) and ![pic](img/a.png 'T')",
    "[ref][one] and [one]\n\n[one]: https://example.org",
    "<https://example.org> and <me@example.org>",
    "www.example.org and https://example.org/x and ftp.example.org",
    "mail me@example.org now",
    "&amp; & &copy; &#169; AT&T",
    "<span class='x'>html</span> <subcommand> <br/>",
    "~~struck~~ and ~one~",
    "line with two spaces  \nnext line",
    "\\*escaped\\* \\_ \\[ \\!",
    "- [ ] task\n- [x] done",
    "| a | b |\n|---|---|\n| `x` | *y* |",
    "> quoted **bold** [l](u)",
]

text_lines = st.one_of(
    st.sampled_from(INLINE),
    st.text(alphabet="abc _*`~[]()!<>&;:/.@\\#\n", max_size=40),
    st.text(max_size=20),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(text_lines, max_size=8).map("\n".join))
@example("plain words only, nothing to match")
@example("**a `b` [c](d) &amp; ~~e~~ www.f.org g@h.org <i>**")
def test_generated_text_renders_the_same(text):
    stock, triggered = both(text)
    assert triggered == stock
