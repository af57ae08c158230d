"""One code highlighter for the whole project.

Pure Python over Pygments: it knows nothing of Markdown or Django. The
``{% highlight %}`` template tag and the Markdown code fences both call
:func:`highlight`, so code looks the same wherever it comes from.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, find_lexer_class_by_name, get_lexer_by_name
from pygments.styles import STYLE_MAP, get_all_styles
from pygments.util import ClassNotFound

DEFAULT_STYLE = "monokai"
CSS_CLASS = "highlight"
LINE_SPEC = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")


def line_ranges(spec: str) -> list[tuple[int, int]]:
    """``"2,4-5"`` -> ``[(2, 2), (4, 5)]``: the ranges as written, never
    expanded (``1-999999999`` costs no more than ``1-2``). Anything else is a
    :class:`ValueError`."""
    if not LINE_SPEC.match(spec):
        raise ValueError(f"not a line list: {spec!r} (write it like 2,4-5)")
    ranges = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        # int() refuses numbers of thousands of digits (a ValueError): fine.
        start = int(first)
        stop = int(last) if last.strip() else start
        ranges.append((start, max(start, stop)))
    return ranges


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
) -> str:
    """Highlight ``code`` as HTML: ``<div class="highlight"><pre>...``.

    An unknown or empty language gives the same markup with the code escaped
    and uncoloured, so nothing the author typed is ever lost.
    """
    lexer = (_lexer(language.lower()) if language else None) or TextLexer()
    language_class = f" language-{html.escape(language)}" if language else ""
    formatter = _formatter(f"{CSS_CLASS}{language_class}", tuple(hl_lines), linenos)
    return pygments_highlight(code.rstrip("\n") + "\n", lexer, formatter).rstrip("\n")


@lru_cache(maxsize=256)
def _formatter(cssclass: str, hl_lines: tuple[int, ...], linenos: bool) -> HtmlFormatter:
    # Building a formatter builds its style's whole class map: a quarter of
    # the time of highlighting a 10-line block. A formatter keeps no state
    # between format() calls, so one per set of options serves every block.
    return HtmlFormatter(
        cssclass=cssclass,
        hl_lines=list(hl_lines),
        linenos="inline" if linenos else False,
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
    """CSS for one Pygments style, scoped to the highlight blocks."""
    formatter = HtmlFormatter(style=style if is_known_style(style) else DEFAULT_STYLE)
    return formatter.get_style_defs(f".reveal .{CSS_CLASS}")
