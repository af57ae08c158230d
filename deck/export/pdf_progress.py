"""How long a PDF export has left: the lines a long print says every few seconds.

Pure Python (no Django, no browser). Chromium lays a deck out and prints it
in calls that report nothing until they end, so the time left is an
estimate: a cost per slide and per page measured on a 2-core machine
(``benchmarks/bench_pdf.py``), scaled by how fast this run really went so
far. Laying out is estimated from the reference alone; printing from the
reference times how much slower (or faster) than it this run laid out, so a
loaded or quick machine gets estimates to match. An estimate that runs out
says so rather than counting below zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Reference costs, seconds (benchmarks/results/pdf.md, quiet 2-core machine):
# loading, laying out and fitting the print view, per slide ...
LAYOUT_S_PER_SLIDE = 0.02
LAYOUT_S_BASE = 1.0
# ... and printing, per page of one call: Chromium's cost per page grows
# with the document (about 14 ms a page at 100 pages, 30 ms at 1000), which
# is why big decks are printed in parts (deck/export/pdf_parts.py).
PRINT_S_PER_PAGE = 0.012
PRINT_S_PER_PAGE_SQUARED = 0.000018
# How far this run's speed may stray from the reference's, either way.
SPEED_LIMITS = (0.25, 8.0)


def expected_layout_s(slides: int) -> float:
    return LAYOUT_S_BASE + LAYOUT_S_PER_SLIDE * slides


def expected_print_s(pages: int) -> float:
    return pages * (PRINT_S_PER_PAGE + PRINT_S_PER_PAGE_SQUARED * pages)


def speed(measured_s: float, expected_s: float) -> float:
    """This run's time as a multiple of the reference's, within SPEED_LIMITS."""
    low, high = SPEED_LIMITS
    if expected_s <= 0:
        return 1.0
    return min(max(measured_s / expected_s, low), high)


def duration(seconds: float) -> str:
    """``8 s``, ``2 min 05 s``: short enough for a progress line."""
    seconds = max(round(seconds), 0)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


@dataclass(frozen=True)
class Estimate:
    """One phase of the export: what it does and how long it should take."""

    doing: str  # "laying out 1000 slides"
    expected_s: float

    def line(self, elapsed_s: float) -> str:
        left = self.expected_s - elapsed_s
        so_far = f"{self.doing}: {duration(elapsed_s)} so far"
        if left >= 1:
            return f"{so_far}, about {duration(left)} left"
        return f"{so_far}, longer than estimated ({duration(self.expected_s)})"


def layout_estimate(slides: int) -> Estimate:
    return Estimate(f"laying out {slides} slides", expected_layout_s(slides))


def print_estimate(parts: Sequence[int], slides: int, layout_s: float) -> Estimate:
    """Printing parts of these many pages (one call each), after laying
    ``slides`` slides out in ``layout_s``."""
    factor = speed(layout_s, expected_layout_s(slides))
    expected = sum(expected_print_s(pages) for pages in parts)
    return Estimate(f"printing {sum(parts)} pages", factor * expected)
