"""Django glue between the files on disk and the pages: which decks exist,
loading one, and everything a deck page needs to be drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deck import conf
from deck.highlight import DEFAULT_STYLE, is_known_style
from deck.library import Deck, DeckError, DeckFile, find_decks, load
from deck.rendering import render_slide, wrap_stack

BUILTIN_THEMES = frozenset(
    "beige black black-contrast blood dracula league moon night serif simple "
    "sky solarized white white-contrast".split()
)
# Front matter keys that are ours; every other key is a reveal.js option.
DECK_KEYS = frozenset({"title", "theme", "highlight_style", "order"})
REVEAL_DEFAULTS: dict[str, Any] = {
    "hash": True,
    "slideNumber": True,
    "history": False,
    "center": True,
}


class DeckNotFound(LookupError):
    pass


def deck_files() -> dict[str, DeckFile]:
    return find_decks(conf.get("SLIDES_DIR"))


def get_deck(slug: str) -> Deck:
    """The deck called ``slug``; :class:`DeckNotFound` or :class:`DeckError`."""
    deck_file = deck_files().get(slug)
    if deck_file is None:
        raise DeckNotFound(slug)
    return load(deck_file, conf.get("MAX_BYTES"))


def render_slides(deck: Deck) -> str:
    return "\n".join(
        wrap_stack([render_slide(slide) for slide in stack]) for stack in deck.split.stacks
    )


def theme_name(deck: Deck) -> str:
    theme = str(deck.front_matter.get("theme") or conf.get("THEME"))
    return theme if theme in BUILTIN_THEMES else conf.get("THEME")


def highlight_style(deck: Deck) -> str:
    style = str(deck.front_matter.get("highlight_style") or conf.get("HIGHLIGHT_STYLE"))
    return style if is_known_style(style) else DEFAULT_STYLE


def reveal_options(deck: Deck) -> dict[str, Any]:
    options = dict(REVEAL_DEFAULTS)
    options.update({k: v for k, v in deck.front_matter.items() if k not in DECK_KEYS})
    return options


@dataclass
class DeckSummary:
    """A line of the index: a deck, or the reason it cannot be shown."""

    slug: str
    title: str
    slide_count: int = 0
    error: DeckError | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def summaries() -> list[DeckSummary]:
    out = []
    for deck_file in deck_files().values():
        try:
            deck = load(deck_file, conf.get("MAX_BYTES"))
        except DeckError as error:
            out.append(DeckSummary(deck_file.slug, deck_file.slug, error=error))
            continue
        out.append(summary(deck))
    return out


def summary(deck: Deck) -> DeckSummary:
    return DeckSummary(deck.slug, deck.title, len(deck.split.stacks))


def page_context(deck: Deck, slides_html: str | None = None) -> dict[str, Any]:
    """What ``deck/present.html`` draws; ``slides_html`` if the caller already
    has ``render_slides(deck)`` (the export renders big decks on every core)."""
    return {
        "deck": deck,
        "slides_html": render_slides(deck) if slides_html is None else slides_html,
        "theme_css": f"reveal/dist/theme/{theme_name(deck)}.css",
        "highlight_style": highlight_style(deck),
        "reveal_options": reveal_options(deck),
    }
