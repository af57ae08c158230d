"""Property-based tests: for any text, splitting, rendering and linting never
raise (beyond the one error a deck may have); slides are counted as the
separators say; rendering is repeatable.

Example counts are set explicitly so CI time stays bounded; deadline=None
because the machine is shared and a slow example is not a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deck.checks.analysis import analyse_bytes, finish, lint_text
from deck.checks.problems import ERROR, WARNING
from deck.core.errors import DeckError, DeckSyntaxError
from deck.core.reading import parse
from deck.core.splitter import normalize_newlines, split
from deck.render.slides import render_slide

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Lines that mean something to the splitter, the Markdown extensions or the
# checks; mixed with arbitrary text they reach the corners quickly.
MEANINGFUL_LINES = [
    "---",
    "----",
    "--- ",
    "***",
    "```",
    "````",
    "~~~",
    "```python",
    "```python {2,4-5}",
    "```js [1-2]",
    "``` linenos",
    "```nosuchlang",
    "```x`y",
    "    ```",
    "* ",
    "*",
    "-",
    "1.",
    "* item",
    "  * nested",
    "    * deeper",
    "\t* tabbed",
    "1. one",
    "> quote",
    "# Heading",
    "## Sub",
    "Heading",
    "=====",
    "Note:",
    "notes: inline notes",
    "<!-- .slide: data-background=\"#123\" class='x' hidden -->",
    '<!-- .element: class="fragment" -->',
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<subcommand>",
    "help <subcommand> and <b>bold</b>",
    '<span class="x">',
    "`code` and ``co`de``",
    "`",
    "[link](other.md) ![img](missing.png)",
    "[ref]: nowhere.pdf",
    "| a | b |",
    "|---|---|",
    "- [ ] task",
    "~~strike~~",
    "https://example.com",
    "title: x",
    "â€” mojibake",
    "\u200b",
    "\r",
    "\ufeff",
    "",
]

lines = st.one_of(
    st.sampled_from(MEANINGFUL_LINES),
    st.text(max_size=30),
    st.text(alphabet="`~*-#<>[]()!:|\\ \t\n{}.=", max_size=20),
)
decks = st.lists(lines, max_size=40).map("\n".join)
# Front matter is its own grammar; start with a content line to count slides.
bodies = decks.map(lambda text: "# Start\n" + text)


FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")


def count_separators(text: str) -> int:
    """Separator lines outside fenced code: written from the rules, not from the splitter."""
    count = 0
    fence = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if fence is None:
            match = FENCE.match(line)
            if match and not (match[1][0] == "`" and "`" in match[2]):
                fence = match[1]
            elif re.match(r"^----?[ \t]*$", line):
                count += 1
        elif line.strip() and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
            fence = None
    return count


@FUZZ
@given(decks)
# Found by this test: an element comment with nothing before it on the slide.
@example('<!-- .element: class="fragment" -->')
def test_splitting_and_rendering_never_raise(text):
    try:
        deck = split(text)
    except DeckSyntaxError as error:  # the one way a deck may fail: it names a line
        assert 1 <= error.line <= text.count("\n") + 2
        return
    for slide in deck.slides:
        html = render_slide(slide)
        assert html.startswith("<section") and html.endswith("</section>")


@FUZZ
@given(st.text(max_size=200))
def test_any_unicode_text_splits_and_renders(text):
    try:
        deck = split(text)
    except DeckSyntaxError:
        return
    for slide in deck.slides:
        render_slide(slide)


@FUZZ
@given(bodies)
def test_slide_count_is_separators_outside_fences_plus_one(text):
    try:
        deck = split(text)
    except DeckSyntaxError:
        return
    assert len(deck.slides) == count_separators(text) + 1


@FUZZ
@given(decks, decks)
# Found by test order: a stack overflow in between left the parser mid-list.
@example("para\n\n* a", "* " * 1200 + "x")
def test_rendering_twice_gives_the_same_html(text, other):
    try:
        slides = split(text).slides
        others = split(other).slides
    except DeckSyntaxError:
        return
    first = [render_slide(slide) for slide in slides]
    # Render something else in between: no state may leak from one deck to the next.
    for slide in others:
        render_slide(slide)
    assert [render_slide(slide) for slide in slides] == first


@FUZZ
@given(decks)
@example("\r0\n\r0\n```")  # a lone CR ends a line: the fence opens on line 5
def test_parsing_raises_only_deck_errors_and_lint_never_raises(text):
    path = Path("/nonexistent/fuzz.md")
    try:
        parse("fuzz", path, text)
    except DeckError as error:
        assert error.path == path and error.line >= 1
    # Lines as an editor counts them: CRLF, LF and a lone CR each end one.
    lines = normalize_newlines(text).count("\n") + 1
    for problem in lint_text(text, path):
        assert problem.path == path and 1 <= problem.line <= lines + 1


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_lint_to_problems_not_exceptions(data):
    path = Path("/nonexistent/bytes.md")
    for problem in finish(analyse_bytes(data, path), path, None, None):
        assert problem.level in (ERROR, WARNING)


# -- the bounds on pathological input keep every word (timings: benchmarks/) ----


def test_a_paragraph_too_dense_for_python_markdown_is_shown_as_typed():
    text = "`a` <b>x</b> " * 5000
    html = render_slide(split("# Dense\n\n" + text).slides[0])
    assert '<p class="deck-as-typed">`a` &lt;b&gt;x&lt;/b&gt; `a`' in html
    assert html.count("`a`") == 5000
    assert "<h1>Dense</h1>" in html


def test_unclosable_tags_render_as_text():
    html = render_slide(split("help <a " * 3000 + "\n").slides[0])
    assert html.count("help &lt;a") == 3000


def test_lists_nested_past_the_limit_keep_every_item():
    text = "\n".join("  " * level + f"* item{level}" for level in range(40))
    html = render_slide(split(text).slides[0])
    assert all(f"item{level}<" in html for level in range(40))
    assert html.count("<ul>") == 16


def test_nesting_past_the_stack_is_shown_as_typed():
    html = render_slide(split("* " * 3000 + "deep\n").slides[0])
    assert '<pre class="deck-as-typed">* * *' in html and "deep" in html
    # And the next slide renders as if nothing had happened.
    assert render_slide(split("para\n\n* a").slides[0]) == (
        '<section data-line="1">\n<p>para</p>\n<ul>\n<li>a</li>\n</ul>\n</section>'
    )
