"""Slide fitting: its settings, and the report of slides that had to shrink.

Pure Python (no Django): the browser does the fitting (static/deck/fit.js);
this module turns settings and front matter into the options it reads, and
its per-slide results into the lines ``manage.py check_layout`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The floor, in the slide's own pixels (reveal's 960x700 canvas, shown about
# 1:1 in a 1280x720 window and 1.5x on a 1080p projector). 12px is the
# smallest text a laptop user interface uses; projected, it is 1/58 of the
# picture's height (3.4 cm on a 2 m screen), still legible from the back of a
# classroom. It lets a 50-line code block fit on one slide; below it, text
# stops shrinking and the slide is reported as not fitting.
DEFAULT_MIN_FONT_PX = 9
# Comfortable size: about reveal's own code text (23px) with a little room,
# 1/35 of the slide height (~15pt on a 7.5in slide). A slide whose smallest
# text had to go below it is reported, so the author can split it.
DEFAULT_COMFORT_FONT_PX = 20
# Front matter key that turns fitting off for a whole deck: ``fit: false``.
FRONT_MATTER_KEY = "fit"

STATUS_SMALL = "small"
STATUS_CANNOT_FIT = "cannot-fit"
STATUS_OFF_OVERFLOWS = "off-overflows"
REPORTED = frozenset({STATUS_SMALL, STATUS_CANNOT_FIT, STATUS_OFF_OVERFLOWS})
# Words run past the edge of the slide: an error, not a warning.
OVERFLOWING = frozenset({STATUS_CANNOT_FIT, STATUS_OFF_OVERFLOWS})


class LayoutSettingsError(ValueError):
    pass


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in {"0", "false", "no", "off", ""}
    return bool(value)


def fit_options(
    settings: Mapping[str, Any], front_matter: Mapping[str, Any], file_name: str
) -> dict[str, Any]:
    """The options fit.js reads: settings (the ``DECK`` dict) under the deck's front matter."""
    minimum = float(settings.get("FIT_MIN_FONT_PX", DEFAULT_MIN_FONT_PX))
    comfort = float(settings.get("FIT_COMFORT_FONT_PX", DEFAULT_COMFORT_FONT_PX))
    if minimum <= 0 or comfort < minimum:
        raise LayoutSettingsError(
            f"DECK FIT_MIN_FONT_PX={minimum:g} and FIT_COMFORT_FONT_PX={comfort:g}: "
            "both must be positive and the comfortable size at least the floor"
        )
    enabled = _as_bool(settings.get("FIT", True))
    if FRONT_MATTER_KEY in front_matter:
        enabled = enabled and _as_bool(front_matter[FRONT_MATTER_KEY])
    return {
        "enabled": enabled,
        "minFontPx": minimum,
        "comfortFontPx": comfort,
        "file": file_name,
    }


@dataclass(frozen=True)
class SlideLayout:
    """How one slide came out of fit.js (``window.deckFit.report()``)."""

    file: str
    line: int | None
    slide: str
    status: str
    scale: float
    needed: float
    smallest_font_px: float | None
    min_font_px: float

    @classmethod
    def from_report(cls, item: Mapping[str, Any]) -> SlideLayout:
        return cls(
            file=str(item.get("file") or ""),
            line=item.get("line"),
            slide=str(item.get("slide")),
            status=str(item.get("status")),
            scale=float(item.get("scale") or 1),
            needed=float(item.get("needed") or 1),
            smallest_font_px=item.get("smallestFontPx"),
            min_font_px=float(item.get("minFontPx") or DEFAULT_MIN_FONT_PX),
        )

    @property
    def reported(self) -> bool:
        return self.status in REPORTED

    @property
    def overflows(self) -> bool:
        return self.status in OVERFLOWING

    @property
    def shrunk(self) -> bool:
        return self.scale < 1


def format_line(item: SlideLayout) -> str:
    """``file:line: slide N needed scale X`` and why that matters."""
    where = f"{item.file}:{item.line}" if item.line else item.file
    text = f"{where}: slide {item.slide} needed scale {item.needed:.2f}"
    if item.status == STATUS_CANNOT_FIT:
        return (
            f"{text}; cannot fit: text stops shrinking at {item.min_font_px:g}px "
            f"(scale {item.scale:.2f}) and runs past the slide"
        )
    if item.status == STATUS_OFF_OVERFLOWS:
        return f"{text}; fitting is off for it, so it runs past the slide"
    if item.smallest_font_px is not None:
        return f"{text}; smallest text {item.smallest_font_px:g}px"
    return text
