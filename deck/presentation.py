"""Django glue between the files on disk and the pages: which decks exist,
loading one, and everything a deck page needs to be drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.templatetags.static import static
from django.urls import reverse

from deck import conf
from deck.folders import natural_key
from deck.highlight import DEFAULT_STYLE, is_known_style
from deck.library import Deck, DeckError, DeckFile, find_decks, load
from deck.rendering import render_slide, wrap_stack
from deck.themes import is_remote, local_file, resolve_theme

REVEAL_DEFAULTS: dict[str, Any] = {
    "hash": True,
    "slideNumber": True,
    "history": False,
    "center": True,
}


class DeckNotFound(LookupError):
    pass


def slides_root() -> Path:
    return conf.get("SLIDES_DIR")


def deck_files() -> dict[str, DeckFile]:
    return find_decks(slides_root())


def load_file(deck_file: DeckFile) -> Deck:
    return load(deck_file, conf.get("MAX_BYTES"), slides_root())


def get_deck(slug: str) -> Deck:
    """The deck called ``slug``; :class:`DeckNotFound` or :class:`DeckError`."""
    deck_file = deck_files().get(slug)
    if deck_file is None:
        raise DeckNotFound(slug)
    return load_file(deck_file)


def render_slides(deck: Deck) -> str:
    return "\n".join(
        wrap_stack([render_slide(slide) for slide in stack]) for stack in deck.split.stacks
    )


def highlight_style(deck: Deck) -> str:
    style = deck.options.highlight_style or conf.get("HIGHLIGHT_STYLE")
    return style if is_known_style(style) else DEFAULT_STYLE


def reveal_options(deck: Deck) -> dict[str, Any]:
    return {**REVEAL_DEFAULTS, **deck.options.reveal}


def file_url(path: Path) -> str:
    """URL of a file inside the slides folder.

    The URL mirrors the folder, so that what a stylesheet names relatively
    (a compiled theme's ``@import "../fonts.css"``) resolves as on disk.
    """
    relative = path.relative_to(slides_root().resolve()).as_posix()
    return reverse("slides-file", args=[relative])


def theme_url(deck: Deck) -> str:
    theme = resolve_theme(deck.options.theme, deck.folder, slides_root(), conf.get("THEME"))
    if theme.url:
        return theme.url
    if theme.path:
        return file_url(theme.path)
    return static(f"reveal/dist/theme/{theme.builtin}.css")


def css_urls(deck: Deck) -> list[str]:
    """Extra stylesheets (``css`` option), after the theme; missing ones skipped
    here and reported by ``manage.py check``."""
    urls = []
    for reference in deck.options.css:
        if is_remote(reference):
            urls.append(reference)
        elif found := local_file(reference, deck.folder, slides_root()):
            urls.append(file_url(found))
    return urls


@dataclass
class DeckSummary:
    """A line of the index: a deck, or the reason it cannot be shown."""

    slug: str
    title: str
    slide_count: int = 0
    subtitle: str = ""
    order: float | None = None
    error: DeckError | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple:
        # Decks with an ``order`` first, by it; then the rest by slug, naturally.
        return (self.order is None, self.order or 0, natural_key(self.slug))


def summaries() -> list[DeckSummary]:
    out = []
    for deck_file in deck_files().values():
        try:
            deck = load_file(deck_file)
        except DeckError as error:
            out.append(DeckSummary(deck_file.slug, deck_file.slug, error=error))
            continue
        out.append(
            DeckSummary(
                deck.slug,
                deck.title,
                len(deck.split.stacks),
                deck.split.subtitle,
                deck.options.order,
            )
        )
    return sorted(out, key=DeckSummary.sort_key)


def page_context(deck: Deck) -> dict[str, Any]:
    return {
        "deck": deck,
        "slides_html": render_slides(deck),
        "theme_url": theme_url(deck),
        "css_urls": css_urls(deck),
        "highlight_style": highlight_style(deck),
        "reveal_options": reveal_options(deck),
    }
