"""Which decks exist, and reading one: the slides folder seen through Django's
settings, and the index's line for each deck.

The pure work (which files are decks, reading and parsing one) is in
:mod:`deck.core`; this module only supplies the settings and the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.http import Http404

from deck import conf, sources
from deck.caching.backend import get_instance, put
from deck.core.discovery import natural_key
from deck.core.errors import DeckError
from deck.core.model import Deck
from deck.core.reading import DeckFile, find_decks, load, parse


class DeckNotFound(Http404):
    """No deck has that slug: the site's 404 page (see :mod:`deck.core.errors`)."""


def slides_root() -> Path:
    return conf.get("SLIDES_DIR")


def all_decks() -> dict[str, DeckFile]:
    """Every deck by slug. The tree is walked again only when a stat of its
    folders shows it may have changed: this is on the path of every deck page,
    every file served beside a deck and every follow-mode request."""
    return sources.listing(slides_root(), find_decks)


def deck_file(slug: str) -> DeckFile:
    """The file of the deck called ``slug``; :class:`DeckNotFound`."""
    found = all_decks().get(slug)
    if found is None:
        raise DeckNotFound(slug)
    return found


def load_file(deck_file: DeckFile) -> Deck:
    return load(deck_file, conf.get("MAX_BYTES"), slides_root())


def get_deck(slug: str) -> Deck:
    """The deck called ``slug``; :class:`DeckNotFound` or :class:`DeckError`."""
    return load_file(deck_file(slug))


def read_source(deck_file: DeckFile, *, force: bool = False) -> sources.DeckSource:
    """The deck's content hash (and its text when it had to be read)."""
    return sources.read_source(deck_file, conf.get("MAX_BYTES"), force=force, root=slides_root())


def parse_text(deck_file: DeckFile, text: str) -> Deck:
    """The deck in ``text`` (read from ``deck_file``); :class:`DeckError`."""
    return parse(deck_file.slug, deck_file.path, text, slides_root())


# --- the index ----------------------------------------------------------------


# Bump the number when summary() gives another line for the same deck.
SUMMARY_KEY = "summary:2:"


@dataclass
class DeckSummary:
    """A line of the index: a deck, or the reason it cannot be shown."""

    slug: str
    title: str
    slide_count: int = 0
    subtitle: str = ""
    order: float | None = None
    error: DeckError | None = None

    def sort_key(self) -> tuple:
        # Decks with an ``order`` first, by it; then the rest by slug, naturally.
        return (self.order is None, self.order or 0, natural_key(self.slug))


def summaries() -> list[DeckSummary]:
    """The index's lines, in order. A deck's line is kept in the cache by its
    page key: an unchanged deck is not read again (a stat tells), nor parsed."""
    out = []
    for deck_file in all_decks().values():
        try:
            out.append(_cached_summary(deck_file))
        except DeckError as error:
            out.append(DeckSummary(deck_file.slug, deck_file.slug, error=error))
    return sorted(out, key=DeckSummary.sort_key)


def _cached_summary(deck_file: DeckFile) -> DeckSummary:
    source = read_source(deck_file)
    key = SUMMARY_KEY + source.page_key()
    found = get_instance(key, DeckSummary)
    if found is None:
        source = sources.with_text(source, conf.get("MAX_BYTES"))
        key = SUMMARY_KEY + source.page_key()
        assert source.text is not None
        found = summary(parse_text(deck_file, source.text))
        put(key, found)
    return found


def summary(deck: Deck) -> DeckSummary:
    subtitle = deck.split.subtitle
    if _same_words(subtitle, deck.title):
        # The deck's only heading is its title: "Feature probe" once, not twice.
        subtitle = ""
    return DeckSummary(deck.slug, deck.title, len(deck.split.stacks), subtitle, deck.options.order)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
