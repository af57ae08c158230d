"""A bound on Python-Markdown's work, so no input can stall a page.

Python-Markdown rebuilds a paragraph's text once per inline match (code
span, emphasis, entity, tag), so a paragraph with N of them costs N² time:
20,000 code spans on one line take seconds, a 5 MB line of them hours. A
real slide has a few dozen. A paragraph with more than
:data:`MAX_INLINE_MARKS` mark-up characters is shown as typed instead, as
escaped text: every word stays on the slide, the time stays linear.

Quotes nested deeper than :data:`MAX_QUOTE_DEPTH` are shown as typed too:
each level is parsed again from the start.

Runs after fenced code is stashed (code is never inline-processed) and
before raw HTML blocks are found (html.parser is slow on such text too).
"""

from __future__ import annotations

import html
import itertools
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from deck.render.extensions.lists import MARKER

MAX_INLINE_MARKS = 10_000
# Python-Markdown re-parses a quote once per level, each time the whole text.
MAX_QUOTE_DEPTH = 32
DEEP_QUOTE = re.compile(rf"^(?:[ \t]*>){{{MAX_QUOTE_DEPTH + 1}}}")
# Characters that may start an inline match, and bare URLs (magiclink).
INLINE_MARK = re.compile(r"[`*_<&\[!\\~]|://")
# Lines that start a block of their own: each is inline-processed separately.
BLOCK_START = re.compile(r"^ {0,3}(?:#|>|\|)")


def paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of lines inline-processed as one text."""
    runs = []
    start = None
    for index, line in enumerate(lines):
        if not line.strip():
            if start is not None:
                runs.append((start, index))
            start = None
        elif start is None or MARKER.match(line) or BLOCK_START.match(line):
            if start is not None:
                runs.append((start, index))
            start = index
    if start is not None:
        runs.append((start, len(lines)))
    return runs


def too_costly(text: str) -> bool:
    if DEEP_QUOTE.match(text):
        return True
    if len(text) <= MAX_INLINE_MARKS:
        return False
    # Count no further than the limit: a 5 MB line stops at the first 10,001.
    marks = itertools.islice(INLINE_MARK.finditer(text), MAX_INLINE_MARKS + 1)
    return sum(1 for _ in marks) > MAX_INLINE_MARKS


class InlineBudgetPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        position = 0
        for start, end in paragraphs(lines):
            text = "\n".join(lines[start:end])
            if not too_costly(text):
                continue
            # Safe: the author's text, escaped; a stashed block is not parsed again.
            placeholder = self.md.htmlStash.store(
                f'<p class="deck-as-typed">{html.escape(text)}</p>'
            )
            out.extend(lines[position:start])
            out.extend(["", placeholder, ""])
            position = end
        if not position:
            return lines
        out.extend(lines[position:])
        return out


class InlineBudgetExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(InlineBudgetPreprocessor(md), "deck_inline_budget", 22)
