"""Slide fitting: its options, and the report of slides that had to shrink.

Pure Python (no Django): the browser does the fitting (static/deck/fit.js);
this module turns the settings (``FIT``, ``FIT_MIN_FONT_PX`` and
``FIT_COMFORT_FONT_PX``: their defaults and why are in :mod:`deck.conf`, which
passes them in) and front matter into the options it reads, and its
per-slide results into the lines ``manage.py check_layout`` prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Front matter key that turns fitting off for a whole deck: ``fit: false``.
FRONT_MATTER_KEY = "fit"

STATUS_SMALL = "small"
STATUS_CANNOT_FIT = "cannot-fit"
STATUS_OFF_OVERFLOWS = "off-overflows"
REPORTED = frozenset({STATUS_SMALL, STATUS_CANNOT_FIT, STATUS_OFF_OVERFLOWS})
# Words run past the edge of the slide: an error, not a warning.
OVERFLOWING = frozenset({STATUS_CANNOT_FIT, STATUS_OFF_OVERFLOWS})


def font_sizes_problem(min_font_px: float, comfort_font_px: float) -> str:
    """Why a floor and a comfortable size make no sense together ('' when they do)."""
    if min_font_px <= 0 or comfort_font_px < min_font_px:
        return "both must be positive and the comfortable size at least the floor"
    return ""


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in {"0", "false", "no", "off", ""}
    return bool(value)


def fit_options(
    front_matter: Mapping[str, Any],
    file_name: str,
    *,
    enabled: bool,
    min_font_px: float,
    comfort_font_px: float,
) -> dict[str, Any]:
    """The options fit.js reads: the settings, and the deck's ``fit:`` front matter."""
    if FRONT_MATTER_KEY in front_matter:
        enabled = enabled and _as_bool(front_matter[FRONT_MATTER_KEY])
    return {
        "enabled": enabled,
        "minFontPx": min_font_px,
        "comfortFontPx": comfort_font_px,
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
    min_font_px: float | None  # the floor fit.js used (it always says)

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
            min_font_px=None if item.get("minFontPx") is None else float(item["minFontPx"]),
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
        floor = "its floor" if item.min_font_px is None else f"{item.min_font_px:g}px"
        return (
            f"{text}; cannot fit: text stops shrinking at {floor} "
            f"(scale {item.scale:.2f}) and runs past the slide"
        )
    if item.status == STATUS_OFF_OVERFLOWS:
        return f"{text}; fitting is off for it, so it runs past the slide"
    if item.smallest_font_px is not None:
        return f"{text}; smallest text {item.smallest_font_px:g}px"
    return text
