"""TeX formulas, found as reveal-md and reveal.js users write them.

- inline ``$…$`` and ``\\(…\\)``; display ``$$…$$`` and ``\\[…\\]``, on lines of
  their own or inside a sentence; ```` ```math ```` fences (see :data:`MATH_FENCE`).

The finding is pymdownx.arithmatex's, in its generic mode with the "smart
dollar" rule: a ``$`` opens a formula only when no space follows it and
closes one only when no space precedes it, so prices (``$5 and $10``) and
shell prompts (``$ ls``) stay text, an escaped ``\\$`` is a dollar sign, and
code spans and code blocks are never looked into (they are stashed first).
Its output is the TeX, escaped, in ``<span class="arithmatex">\\(…\\)</span>``
or ``<div class="arithmatex">\\[…\\]</div>``; static/deck/math.js typesets it
with the vendored KaTeX before the slide is shown.

arithmatex reads ``$$…$$`` and ``\\[…\\]`` as display math only as a block of
their own; inside a sentence (``so $$x^2$$ holds``) it would read ``$$`` as
two empty dollars. :class:`InlineDisplayProcessor` takes them first there.

Processor priorities: inline display 189.95, arithmatex inline 189.9 (both
below code spans, 190, so ```$x$``` stays code); arithmatex block 79.9.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from pymdownx.arithmatex import ArithmatexExtension, _escape

# The class math.js looks for; deck/pages.py loads KaTeX for pages that have it.
MATH_CLASS = "arithmatex"
# ``$$…$$`` or ``\[…\]`` inside a paragraph; an escaped ``\$$`` is text.
INLINE_DISPLAY = (
    r"(?<!\\)(?:\$\$(?P<dollar>(?:\\.|[^\\$])+?)\$\$"
    r"|\\\[(?P<bracket>(?:\\[^\]]|[^\\])+?)\\\])"
)


class InlineDisplayProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        math = m.group("dollar") if m.group("dollar") is not None else m.group("bracket")
        element = etree.Element("span", {"class": f"{MATH_CLASS} deck-math-display"})
        # Atomic: no Markdown inside a formula (its _ and * are TeX's).
        element.text = util.AtomicString("\\[" + _escape(math) + "\\]")
        return element, m.start(0), m.end(0)


def format_math_fence(src, language, class_name, options, md, **kwargs) -> str:
    """A ```` ```math ```` block: one display formula, as arithmatex writes it."""
    return f'<div class="{MATH_CLASS}">\\[\n{_escape(src)}\n\\]</div>'


# For FencesExtension's superfences: ```math blocks are formulas, not code.
MATH_FENCE = {"name": "math", "class": MATH_CLASS, "format": format_math_fence}


class MathExtension(Extension):
    def extendMarkdown(self, md) -> None:
        ArithmatexExtension(generic=True, smart_dollar=True).extendMarkdown(md)
        md.inlinePatterns.register(
            InlineDisplayProcessor(INLINE_DISPLAY, md), "deck_inline_display_math", 189.95
        )
