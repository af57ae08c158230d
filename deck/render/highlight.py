"""One code highlighter for the whole project.

Pure Python over Pygments: it knows nothing of Markdown or Django. The
``{% highlight %}`` template tag and the Markdown code fences both call
:func:`highlight`, so code looks the same wherever it comes from.

A block with a line spec (:mod:`deck.render.line_specs`) wraps each line in
``<span class="line">`` (``line hll`` when highlighted) so that lines can be
dimmed and stepped through; a stepped block carries its steps in
``data-steps`` and one empty fragment per step after the first, which
static/deck/code.js turns into the highlighted lines. One block, whatever
the steps: the DOM does not grow with them, and the block's size never
changes between steps.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, find_lexer_class_by_name, get_lexer_by_name
from pygments.styles import STYLE_MAP, get_all_styles
from pygments.token import Whitespace
from pygments.util import ClassNotFound

from deck.render import code_colours
from deck.render.line_specs import LineSpec, Step, lines_in, parse_ranges

DEFAULT_STYLE = "monokai"
CSS_CLASS = "highlight"
# The class of a block that has line highlights (and so line wrappers).
LINES_CLASS = "deck-code"
STEP_MARKER = '<span class="fragment deck-code-step" aria-hidden="true"></span>'


def line_ranges(spec: str) -> list[tuple[int, int]]:
    """``"2,4-5"`` -> ``[(2, 2), (4, 5)]``: the ranges as written, never
    expanded (``1-999999999`` costs no more than ``1-2``). Anything else is a
    :class:`ValueError`."""
    return list(parse_ranges(spec))


def parse_line_spec(spec: str, line_count: int | None = None) -> tuple[int, ...]:
    """``"2,4-5"`` -> ``(2, 4, 5)``; anything else is a :class:`ValueError`.

    With ``line_count`` (the block's own lines) only lines that exist are
    listed, so the cost is bounded by the block, whatever numbers the spec
    holds; lines past the end are the checks' business (``deck.W012``).
    """
    lines: set[int] = set()
    for start, stop in line_ranges(spec):
        if line_count is not None:
            stop = min(stop, line_count)
        lines.update(range(start, stop + 1))
    return tuple(sorted(lines))


@lru_cache(maxsize=256)
def _lexer(language: str):
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=256)
def is_known_language(language: str) -> bool:
    # The class only: making a lexer compiles all its patterns (a twentieth of
    # a second for Python's), which the checks do not need.
    if not language:
        return True
    try:
        find_lexer_class_by_name(language.lower())
    except ClassNotFound:
        return False
    return True


def highlight(
    code: str,
    language: str = "",
    *,
    hl_lines: tuple[int, ...] = (),
    linenos: bool = False,
    spec: LineSpec | None = None,
) -> str:
    """Highlight ``code`` as HTML: ``<div class="highlight"><pre>...``.

    ``spec`` (a fence's ``[123: 1-2|3]``) gives the highlight steps and the
    first line number; ``hl_lines`` is one step of line numbers. An unknown or
    empty language gives the same markup with the code escaped and
    uncoloured, so nothing the author typed is ever lost.
    """
    if spec is None and hl_lines:
        spec = LineSpec((tuple((n, n) for n in hl_lines),))
    code = code.rstrip("\n") + "\n"
    lexer = (_lexer(language.lower()) if language else None) or TextLexer()
    classes = CSS_CLASS + (f" language-{html.escape(language)}" if language else "")
    start = spec.start if spec is not None and spec.start is not None else 1
    numbered = linenos or (spec is not None and spec.start is not None)
    formatter = _formatter(classes, numbered, start)
    lined = numbered or (spec is not None and (spec.stepped or spec.highlights))
    if lined:
        formatter = copy.copy(formatter)  # shallow: shares the style's class map
        formatter.first_step = spec.steps[0] if spec is not None and spec.steps else ()
    out = formatter.format_text(lexer.get_tokens(code))
    if not lined:
        return out.rstrip("\n")
    digits = len(str(code.count("\n") + start - 1)) if numbered else 0
    return _with_lines(out.rstrip("\n"), classes, spec, digits)


def _with_lines(out: str, classes: str, spec: LineSpec | None, digits: int) -> str:
    """The block's classes and steps, on a block whose lines are wrapped.

    Line numbers sit in the line's padding (static/deck/code.css), out of the
    text's way, so that a tab reaches the same column on every line:
    ``--deck-ln-digits`` is how wide they are.
    """
    opening = f'<div class="{classes}">'
    steps = spec.steps if spec is not None else ()
    extra = f" {LINES_CLASS}" + (" has-highlights" if steps and steps[0] else "")
    attrs = f' data-steps="{html.escape(spec.serialize())}"' if spec and spec.stepped else ""
    if digits:
        extra += " numbered"
        attrs += f' style="--deck-ln-digits: {digits}"'
    markers = STEP_MARKER * (len(steps) - 1)
    body = out[len(opening) : -len("</div>")]
    return f'<div class="{classes}{extra}"{attrs}>{body}{markers}</div>'


class _DeckFormatter(HtmlFormatter):
    """Pygments' formatter, each line wrapped when the block has a line spec."""

    first_step: Step | None = None

    def __init__(self, **options) -> None:
        super().__init__(**options)
        # Whitespace has no glyph, and no Pygments style gives it a background
        # or a line: as plain text it looks the same, without a
        # <span class="w"> for every indent and gap (benchmarks/results/code.md
        # counts them). Pygments keeps each token type's opening tag here, so
        # this costs nothing per token.
        self.span_element_openers[Whitespace] = ""

    def format_text(self, tokens: Iterable[tuple]) -> str:
        parts: list[str] = []
        self.format_unencoded(tokens, _Collect(parts))
        return "".join(parts)

    def wrap(self, source):
        if self.first_step is not None:
            source = self._wrap_each_line(list(source))
        return super().wrap(source)

    def _wrap_each_line(self, lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        count = sum(1 for kind, _ in lines if kind == 1)
        inside = iter(lines_in(self.first_step, count))
        for kind, text in lines:
            if kind == 1:
                css = "line hll" if next(inside) else "line"
                text = f'<span class="{css}">{text}</span>'
            yield kind, text


class _Collect:
    """The file-like object format_unencoded writes to, as a list of parts."""

    def __init__(self, parts: list[str]) -> None:
        self.write = parts.append


@lru_cache(maxsize=256)
def _formatter(cssclass: str, linenos: bool, start: int) -> _DeckFormatter:
    # Building a formatter builds its style's whole class map: a quarter of
    # the time of highlighting a 10-line block. A formatter keeps no state
    # between format() calls, so one per set of options serves every block.
    return _DeckFormatter(
        cssclass=cssclass,
        linenos="inline" if linenos else False,
        linenostart=start,
        wrapcode=True,
    )


def is_known_style(name: str) -> bool:
    # Pygments' own styles first: listing them all also asks every installed
    # package for plugin styles (importlib.metadata, a tenth of a second).
    return name in STYLE_MAP or name in _plugin_styles()


@lru_cache(maxsize=1)
def _plugin_styles() -> frozenset[str]:
    return frozenset(get_all_styles())


@lru_cache(maxsize=32)
def style_css(style: str = DEFAULT_STYLE) -> str:
    """CSS for one Pygments style, scoped to the highlight blocks, with the
    line highlights chosen for it (:mod:`deck.render.code_colours`)."""
    style = style if is_known_style(style) else DEFAULT_STYLE
    formatter = HtmlFormatter(style=style)
    scope = f".reveal .{CSS_CLASS}"
    return formatter.get_style_defs(scope) + "\n" + code_colours.line_css(style, scope)
