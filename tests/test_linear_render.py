"""Rendering time grows linearly for inputs that were quadratic (issue 15, item 3).

The growth tests compare two sizes measured in the same run (best of a few
repeats): a ratio, never a time against a clock. Quadratic growth gives about
4 for twice the input; linear about 2; the bound is 3.
"""

from __future__ import annotations

import random
import time

import pytest

from deck.core.splitter import split
from deck.render import slides
from deck.render.slides import markdown_to_html, render_slide


def growth(make, size: int, rounds: int = 7) -> float:
    """t(2n) / t(n), each the best of ``rounds``, measured in turns so that a
    burst of load on the shared machine slows both alike."""
    small, large = make(size), make(2 * size)
    markdown_to_html(small)  # warm the parser
    best = {small: float("inf"), large: float("inf")}
    for _ in range(rounds):
        for text in (small, large):
            start = time.process_time()
            markdown_to_html(text)
            best[text] = min(best[text], time.process_time() - start)
    return best[large] / best[small]


BRACKET_RUNS = {
    "open brackets": lambda n: "[" * n,
    "open brackets then ](": lambda n: "[" * n + "](" * (n // 10),
    "image openers": lambda n: "![" * (n // 2),
    "link openers": lambda n: "[a](" * (n // 4),
    "links then an open bracket": lambda n: "[a](b) [" * (n // 8),
}


@pytest.mark.parametrize("make", BRACKET_RUNS.values(), ids=BRACKET_RUNS.keys())
def test_twice_the_input_takes_about_twice_the_time(make):
    # 4,000 and 8,000 characters (over 10,000 marks a paragraph is shown as
    # typed without parsing): before, a line of "[" took 4 s, then 16 s.
    # Quadratic growth is about 4 every time; noise only ever adds, so the
    # lowest of three tries is the one to judge.
    assert min(growth(make, 4_000) for _ in range(3)) < 3


def test_a_run_of_brackets_appears_as_typed():
    html = render_slide(split("[" * 8000 + "](" * 800).slides[0])
    assert "[" * 7200 in html and "](" * 799 in html
    html = render_slide(split("![" * 4000).slides[0])
    assert "![" * 4000 in html


def test_links_next_to_unclosed_brackets_still_work():
    html = markdown_to_html("[ [ [a](https://x.test/a) ![b](b.png) [c][r]\n\n[r]: /r")
    assert html == (
        '<p>[ [ <a href="https://x.test/a">a</a> <img alt="b" src="b.png"> <a href="/r">c</a></p>'
    )


def test_a_titled_link_still_has_its_title():
    html = markdown_to_html('[a](/x "the title") and [b](/y)')
    assert html == '<p><a href="/x" title="the title">a</a> and <a href="/y">b</a></p>'


def upstream_markdown():
    """The slide renderer without the linear extensions: Python-Markdown's own scans."""
    md = slides.build_markdown()
    for name in ("reference", "link", "image_link", "image_reference", "short_reference"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.deregister("short_image_ref")
    plain = __import__("markdown").inlinepatterns.build_inlinepatterns(md)
    for name, priority in (
        ("reference", 170),
        ("link", 160),
        ("image_link", 150),
        ("image_reference", 140),
        ("short_reference", 130),
        ("short_image_ref", 125),
    ):
        md.inlinePatterns.register(plain[name], name, priority)
    from markdown.blockprocessors import HashHeaderProcessor
    from markdown.extensions.tables import TableProcessor

    table = md.parser.blockprocessors["table"]
    md.parser.blockprocessors.register(TableProcessor(md.parser, table.config), "table", 75)
    md.parser.blockprocessors.register(HashHeaderProcessor(md.parser), "hashheader", 70)
    return md


PIECES = ["[", "]", "(", ")", "!", '"', "'", "a", " ", "<", ">", "`", "*", "\n", "|", "|-|"]
PIECES += ["# ", "=\n", "[a]: /x\n", "](", "[a]", "\n\n"]


def test_the_html_is_what_python_markdown_gives_byte_for_byte():
    upstream, ours = upstream_markdown(), slides.build_markdown()
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        expected = upstream.convert(text)
        upstream.reset()
        assert ours.convert(text) == expected, text
        ours.reset()


# --- runs of headings in one block --------------------------------------------

HEADING_RUNS = {
    "setext headings": lambda n: "a\n===\n" * (n // 6),
    "headings and text": lambda n: "# a\ntext\n" * (n // 9),
}


@pytest.mark.parametrize("make", HEADING_RUNS.values(), ids=HEADING_RUNS.keys())
def test_a_block_of_headings_takes_twice_the_time_for_twice_the_lines(make):
    # Upstream puts the rest of the block back after each heading: about 4.
    assert min(growth(make, 40_000, rounds=3) for _ in range(3)) < 3


HEADING_LINES = [
    "# h",
    "## two ##",
    "#nospace",
    "text",
    "more text",
    "===",
    "---",
    "-",
    "    code",
    "  two",
    "| a | b |",
    "|---|---|",
    "$$",
    "x^2",
    "\\[",
    "* item",
    "- item",
    "  * sub",
    "> quote",
    "1. one",
    "",
    "#",
    "\\# esc",
    "####### seven",
    "```",
    "<div>",
    "</div>",
    "[r]: /x",
    "***",
    "# a | b",
    "--- | ---",
    "\t tab",
    "#### h ####",
]


def test_a_block_of_heading_lines_is_taken_in_one_pass(monkeypatch):
    # Upstream takes one line per call and puts the rest of the block back
    # (a copy of the rest each time): 1,000 calls here.
    from deck.render.extensions.linear_blocks import LinearHashHeaderProcessor

    calls = []
    real = LinearHashHeaderProcessor.run

    def counted(self, parent, blocks):
        calls.append(len(blocks[0]))
        return real(self, parent, blocks)

    monkeypatch.setattr(LinearHashHeaderProcessor, "run", counted)
    html = slides.build_markdown().convert("# a\n" * 1000)
    assert html.count("<h1>a</h1>") == 1000
    assert len(calls) == 1


def test_headings_in_place_give_upstreams_html():
    from markdown.blockprocessors import HashHeaderProcessor, SetextHeaderProcessor

    upstream = slides.build_markdown()
    upstream.parser.blockprocessors.register(HashHeaderProcessor(upstream.parser), "hashheader", 70)
    upstream.parser.blockprocessors.register(
        SetextHeaderProcessor(upstream.parser), "setextheader", 60
    )
    ours = slides.build_markdown()
    rng = random.Random(15)
    for _ in range(3000):
        text = "\n".join(rng.choice(HEADING_LINES) for _ in range(rng.randint(1, 14)))
        assert ours.reset().convert(text) == upstream.reset().convert(text), text
