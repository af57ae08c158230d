"""Which pages of a deck's print view are printed together, and the outline.

Pure Python (no Django, no browser). Chromium's cost per printed page grows
with the size of the document: on a 2-core machine a 1000-page print view
took 17.4 s in one call and 12.0 s as five calls of 200 pages each. So a big deck is printed a few hundred sheets
at a time (static/deck/pdf-parts.js keeps the other pages aside) and the
parts joined again (:mod:`deck.core.pdf_document`). A page of the print view
(a slide, or one fragment step of it) may take more than one sheet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from deck.core.model import Deck
from deck.core.pdf_document import OutlineEntry

# Sheets printed in one call.
PART_SHEETS = 200


def parts(sheets: Sequence[int], most: int | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of pages, in order, covering them all (at
    least one, even for no pages): as few parts as keep each to about
    ``most`` sheets, of nearly equal sizes (a page is never split, so one
    longer than ``most`` is a part of its own)."""
    most = most or PART_SHEETS
    total = sum(sheets)
    if not sheets:
        return [(0, 0)]  # a print view with no pages is still printed, once
    count = max(math.ceil(total / most), 1)
    share = total / count
    ranges = []
    start = 0
    done = 0
    cut = share
    for index, page_sheets in enumerate(sheets):
        done += page_sheets
        if done >= cut - 0.5 and len(ranges) < count - 1 and index + 1 < len(sheets):
            ranges.append((start, index + 1))
            start = index + 1
            cut = done + share
    ranges.append((start, len(sheets)))
    return ranges


def outline(deck: Deck, pages: Sequence[dict[str, Any]]) -> list[OutlineEntry]:
    """An entry for each slide at its first sheet: its first heading's
    text, or "Slide N" for a slide with none. ``pages`` come from
    ``deckPdf.pages()``: line, title, level and sheets of each page."""
    numbers = {slide.line: slide.number for slide in deck.split.slides}
    entries = []
    sheet = 0
    previous = None
    for page in pages:
        line = page["line"]
        if line != previous:
            title = page["title"] or f"Slide {numbers.get(line, len(entries) + 1)}"
            entries.append(OutlineEntry(title, page["level"], sheet))
            previous = line
        sheet += page["sheets"]
    return entries
