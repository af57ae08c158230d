"""Text that looks like a tag but is no HTML element stays text.

Lessons say things like ``help <subcommand>``. Python-Markdown passes any
``<word>`` through as raw HTML, and the browser then swallows it. This
replaces the inline ``html`` processor with one that lets real elements
(``<br>``, ``<img>``, ``<span class>``, comments) through and hands
everything else back as literal text, to be escaped like any other text.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.preprocessors import Preprocessor

# '<' before a letter or '/': where no '>' follows, it can never open a tag.
UNCLOSABLE_TAG = re.compile(r"<(?=[A-Za-z/])")
# What may start a formula (deck.render.extensions.math).
MATH_MARK = re.compile(r"\$|\\[(\[]|\\begin\{")
TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")

# The elements of the HTML living standard, plus the SVG and MathML roots.
HTML_ELEMENTS = frozenset(
    """
    a abbr address area article aside audio b base bdi bdo blockquote body br
    button canvas caption cite code col colgroup data datalist dd del details
    dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2
    h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label
    legend li link main map mark menu meta meter nav noscript object ol
    optgroup option output p param picture pre progress q rp rt ruby s samp
    script search section select slot small source span strong style sub
    summary sup table tbody td template textarea tfoot th thead time title tr
    track u ul var video wbr svg math center font big tt strike
    """.split()
)
# MathML's elements, as hand-written MathML in real decks uses them inside
# <math>. (Its <none> is left out: "returns <none>" is text far more often.)
MATHML_ELEMENTS = frozenset(
    """
    annotation annotation-xml maction menclose merror mfenced mfrac mi
    mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms
    mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder
    munderover semantics
    """.split()
)


def is_html_element(raw: str) -> bool:
    """True for ``<span class="x">``, ``</b>``, ``<br/>`` and comments."""
    if raw.startswith(("<!--", "<?", "<![CDATA[")):
        return True
    match = TAG_NAME.match(raw)
    return bool(match) and (
        match[1].lower() in HTML_ELEMENTS or match[1].lower() in MATHML_ELEMENTS
    )


class LiteralUnknownTagsProcessor(HtmlInlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        if is_html_element(m.group(1)):
            return super().handleMatch(m, data)
        # Returning the text leaves it to be escaped like the rest of the line.
        return m.group(1), m.start(0), m.end(0)


class UnclosableTagsPreprocessor(Preprocessor):
    """Write ``<`` as ``&lt;`` where no ``>`` follows it in the slide.

    Such a ``<`` is text whatever happens, and the HTML then reads the same;
    but Python's ``html.parser`` (before 3.13.4) rescans to the end of the
    text for each one, so a long run of them (``<a <a <a ...``, minified
    code pasted in) took quadratic time. Lines that may be code (indented,
    or with backticks, where ``&lt;`` would show as typed) are left alone.
    Runs after fenced code is stashed, before raw HTML blocks are found.
    """

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        tail_start = text.rfind(">") + 1
        if "<" not in text[tail_start:]:
            return lines
        lines = text[tail_start:].split("\n")
        tail = [
            line
            if line.startswith(("    ", "\t")) or "`" in line or in_math
            else UNCLOSABLE_TAG.sub("&lt;", line)
            for line, in_math in zip(lines, math_paragraphs(lines), strict=True)
        ]
        return (text[:tail_start] + "\n".join(tail)).split("\n")


def math_paragraphs(lines: list[str]) -> list[bool]:
    """For each line, whether its paragraph may hold a formula: there
    a ``<`` is TeX's (``$a<b$``), and ``&lt;`` would reach the formula as typed."""
    flags = [False] * len(lines)
    start = 0
    for index in range(len(lines) + 1):
        if index == len(lines) or not lines[index].strip():
            if any(MATH_MARK.search(line) for line in lines[start:index]):
                flags[start:index] = [True] * (index - start)
            start = index + 1
    return flags


class LiteralTagsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(UnclosableTagsPreprocessor(md), "deck_unclosable_tags", 21)
        md.inlinePatterns.register(LiteralUnknownTagsProcessor(HTML_RE, md), "html", 90)
