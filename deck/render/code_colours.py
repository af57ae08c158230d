"""The colours of highlighted and dimmed code lines, for each Pygments style.

Pure Python. A highlighted line keeps the style's colours on a band of its
own text colour; the other lines of a block with highlights are dimmed (as
reveal.js does, with opacity). How much is chosen per style from its own
colours, so that a highlighted line stands out by the same clear margin in
every style, light or dark: :func:`figures` measures it (WCAG contrast,
benchmarks/bench_code.py writes it for every style, tests hold a floor).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pygments.styles import get_style_by_name
from pygments.token import Text

# A highlighted line's band: its text colour at this strength over the
# block's background, and a bar of it at the left edge.
BAND_ALPHA = 0.10
BAR_ALPHA = 0.7
# A dimmed line has reveal.js's opacity (0.4), or less where that leaves a
# highlighted line (whose band costs it a little contrast) standing out by
# less than it would in reveal.js, or by less than MARGIN times a dimmed
# line's contrast; but never so little that a dimmed line's contrast falls
# below DIM_FLOOR: it can still be read.
REVEAL_OPACITY = 0.4
MARGIN = 3.0
DIM_FLOOR = 1.6
LOWEST_OPACITY = 0.2

RGB = tuple[float, float, float]


def _rgb(hex_colour: str) -> RGB:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def mix(top: RGB, bottom: RGB, alpha: float) -> RGB:
    """``top`` over ``bottom`` at ``alpha``, as a browser composites (in sRGB)."""
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top, bottom, strict=True))  # type: ignore[return-value]


def luminance(rgb: RGB) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Figures:
    """One style's line colours, and how far a highlighted line stands out."""

    style: str
    background: str
    text: str  # the code's plain text colour
    band: str  # a highlighted line's background
    dim_opacity: float
    highlighted: float  # contrast of a highlighted line's text on its band
    dimmed: float  # contrast of a dimmed line's text on the background
    reveal: float  # the margin reveal.js's own look would give in this style

    @property
    def margin(self) -> float:
        """How many times the contrast of a dimmed line a highlighted one has."""
        return self.highlighted / self.dimmed


def text_colour(style_name: str) -> str:
    """The style's plain text colour; black or white, whichever reads on its
    background, for the styles that leave it to the page (on a dark reveal.js
    theme that was white text on a white block)."""
    style = get_style_by_name(style_name)
    colour = style.style_for_token(Text)["color"]
    if colour:
        return "#" + colour.lower()
    background = _rgb(style.background_color or "#ffffff")
    return "#000000" if luminance(background) > 0.18 else "#ffffff"


def reveal_margin(text: RGB, background: RGB) -> float:
    """The margin reveal.js's own look gives: opacity 0.4 and no band."""
    return contrast(text, background) / contrast(mix(text, background, REVEAL_OPACITY), background)


@lru_cache(maxsize=64)
def figures(style_name: str) -> Figures:
    style = get_style_by_name(style_name)
    background = _rgb(style.background_color or "#ffffff")
    text = _rgb(text_colour(style_name))
    band = mix(text, background, BAND_ALPHA)
    highlighted = contrast(text, band)
    target = max(MARGIN, reveal_margin(text, background))
    opacity = REVEAL_OPACITY
    step = 0.01
    while opacity - step >= LOWEST_OPACITY:
        if highlighted / contrast(mix(text, background, opacity), background) >= target:
            break
        if contrast(mix(text, background, opacity - step), background) < DIM_FLOOR:
            break
        opacity -= step
    opacity = round(opacity, 2)
    dimmed = contrast(mix(text, background, opacity), background)
    return Figures(
        style=style_name,
        background=_hex(background),
        text=_hex(text),
        band=_hex(band),
        dim_opacity=opacity,
        highlighted=highlighted,
        dimmed=dimmed,
        reveal=reveal_margin(text, background),
    )


def line_css(style_name: str, scope: str) -> str:
    """The style's rules for code blocks and their highlighted and dimmed lines."""
    f = figures(style_name)
    bar = _hex(mix(_rgb(f.text), _rgb(f.background), BAR_ALPHA))
    return (
        f"{scope} {{ color: {f.text}; }}\n"
        f"{scope}.has-highlights .line:not(.hll) {{ opacity: {f.dim_opacity}; }}\n"
        f"{scope} .line.hll::before {{ background-color: {f.band}; box-shadow: inset 0.25em 0 0 {bar}; }}\n"
    )
