"""A deck's slides as the transcript's sections (Django glue over the slide cache).

The slides' HTML is the deck's own (from the slide cache, so the transcript
costs no Markdown work a served deck has done). Its headings move one level
down, under the transcript's one ``<h1>`` (the deck's title): a slide's
``#`` is an ``<h2>``, its ``##`` an ``<h3>``. A slide with no heading gets
one, "Slide N", so every section is in the document's outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from deck import pages
from deck.caching.slide_cache import slide_contents
from deck.core.model import Deck
from deck.core.splitter import Slide

# How slide_content() joins a slide's notes to its body.
NOTES_START = '\n<aside class="notes">'
NOTES_END = "</aside>"
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


@dataclass(frozen=True)
class TranscriptSection:
    slide: Slide
    body: SafeString
    notes: SafeString
    has_heading: bool

    @property
    def anchor(self) -> str:
        return f"slide-{self.slide.h + 1}" + (f"-{self.slide.v + 1}" if self.slide.v else "")

    @property
    def fragment(self) -> str:
        """The slide's address in the deck: reveal.js's ``#/h/v``."""
        return f"#/{self.slide.h}" + (f"/{self.slide.v}" if self.slide.v else "")


def demote_headings(html: str) -> str:
    """Every ``<hN>`` one level down (``<h6>`` stays): code is escaped, so
    only real headings match."""
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)


def split_notes(content: str) -> tuple[str, str]:
    at = content.rfind(NOTES_START)
    if at < 0 or not content.endswith(NOTES_END):
        return content, ""
    return content[:at], content[at + len(NOTES_START) : -len(NOTES_END)]


def sections(deck: Deck) -> list[TranscriptSection]:
    slides = deck.split.slides
    found = []
    for slide, content in zip(
        slides, slide_contents(slides, pages.highlight_style(deck)), strict=True
    ):
        body, notes = split_notes(content)
        body = demote_headings(body)
        # Safe: the slide's own HTML, rendered from its Markdown as on the slide.
        found.append(
            TranscriptSection(
                slide, mark_safe(body), mark_safe(notes), HEADING_TAG.search(body) is not None
            )
        )
    return found


def transcript_context(deck: Deck, *, show_notes: bool = True) -> dict[str, Any]:
    """What ``deck/transcript.html`` draws. ``show_notes`` is the one switch
    for the speaker notes: every page that leaves them out says so here."""
    return {
        "deck": deck,
        "sections": sections(deck),
        "lang": pages.page_language(deck),
        "dir": pages.text_direction(deck),
        "highlight_style": pages.highlight_style(deck),
        "show_notes": show_notes,
        "author": deck.front_matter.get("author") or "",
    }
