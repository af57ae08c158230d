"""Django glue between the files on disk and the pages: which decks exist,
loading one, and everything a deck page needs to be drawn."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from django.conf import settings
from django.http import Http404
from django.template.loader import get_template, render_to_string

from deck import conf
from deck.caching import cache
from deck.core import fit
from deck.core.discovery import natural_key
from deck.core.errors import DeckError
from deck.core.model import Deck
from deck.core.reading import DeckFile, find_decks, load, parse
from deck.core.themes import is_remote, local_file, resolve_theme
from deck.live import changes
from deck.render.highlight import DEFAULT_STYLE, is_known_style
from deck.render.slides import section, wrap_stack

PAGE_TEMPLATE = "deck/present.html"

REVEAL_DEFAULTS: dict[str, Any] = {
    "hash": True,
    "slideNumber": True,
    "history": False,
    "center": True,
}


class DeckNotFound(Http404):
    """No deck has that slug: the site's 404 page (see :mod:`deck.core.errors`)."""


def slides_root() -> Path:
    return conf.get("SLIDES_DIR")


def deck_files() -> dict[str, DeckFile]:
    """Every deck by slug. The tree is walked again only when a stat of its
    folders shows it may have changed: this is on the path of every deck page,
    every file served beside a deck and every follow-mode request."""
    return cache.deck_files(slides_root(), find_decks)


def load_file(deck_file: DeckFile) -> Deck:
    return load(deck_file, conf.get("MAX_BYTES"), slides_root())


def get_deck(slug: str) -> Deck:
    """The deck called ``slug``; :class:`DeckNotFound` or :class:`DeckError`."""
    deck_file = deck_files().get(slug)
    if deck_file is None:
        raise DeckNotFound(slug)
    return load_file(deck_file)


def render_slides(deck: Deck) -> str:
    """The deck's slides as HTML; each slide's Markdown is rendered only if not cached."""
    contents = iter(cache.slide_contents(deck.split.slides, highlight_style(deck)))
    return "\n".join(
        wrap_stack([section(slide, next(contents)) for slide in stack])
        for stack in deck.split.stacks
    )


def highlight_style(deck: Deck) -> str:
    style = deck.options.highlight_style or conf.get("HIGHLIGHT_STYLE")
    return style if is_known_style(style) else DEFAULT_STYLE


def reveal_options(deck: Deck) -> dict[str, Any]:
    return {**REVEAL_DEFAULTS, **deck.options.reveal}


@dataclass(frozen=True)
class PageLink:
    """A stylesheet the page links: ``kind`` is ``static`` (a path in the
    static folders), ``slides`` (a path in the slides folder, served at URLs
    that mirror it, so a compiled theme's relative ``@import`` resolves as on
    disk) or ``remote`` (a URL). ``{% link_url %}`` turns it into a URL for a
    served page or an export."""

    kind: str
    path: str


def slides_link(path: Path) -> PageLink:
    return PageLink("slides", path.relative_to(slides_root().resolve()).as_posix())


def theme_link(deck: Deck) -> PageLink:
    theme = resolve_theme(deck.options.theme, deck.folder, slides_root(), conf.get("THEME"))
    if theme.url:
        return PageLink("remote", theme.url)
    if theme.path:
        return slides_link(theme.path)
    return PageLink("static", f"reveal/dist/theme/{theme.builtin}.css")


def css_links(deck: Deck) -> list[PageLink]:
    """Extra stylesheets (``css`` option), after the theme; missing ones are
    left out here and reported by ``manage.py check``."""
    links = []
    for reference in deck.options.css:
        if is_remote(reference):
            links.append(PageLink("remote", reference))
        elif found := local_file(reference, deck.folder, slides_root()):
            links.append(slides_link(found))
    return links


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
    for deck_file in deck_files().values():
        try:
            out.append(_cached_summary(deck_file))
        except DeckError as error:
            out.append(DeckSummary(deck_file.slug, deck_file.slug, error=error))
    return sorted(out, key=DeckSummary.sort_key)


def _cached_summary(deck_file: DeckFile) -> DeckSummary:
    source = cache.read_source(deck_file, conf.get("MAX_BYTES"), root=slides_root())
    key = "summary:" + source.page_key()
    found = cache.get_instance(key, DeckSummary)
    if found is None:
        source = cache.with_text(source, conf.get("MAX_BYTES"))
        key = "summary:" + source.page_key()
        found = summary(parse(deck_file.slug, deck_file.path, source.text, slides_root()))
        cache.put(key, found)
    return found


def summary(deck: Deck) -> DeckSummary:
    return DeckSummary(
        deck.slug, deck.title, len(deck.split.stacks), deck.split.subtitle, deck.options.order
    )


def page_context(deck: Deck, slides_html: str | None = None) -> dict[str, Any]:
    """What ``deck/present.html`` draws; ``slides_html`` if the caller already
    has ``render_slides(deck)`` (the export renders big decks on every core)."""
    return {
        "deck": deck,
        "slides_html": render_slides(deck) if slides_html is None else slides_html,
        "theme_link": theme_link(deck),
        "css_links": css_links(deck),
        "highlight_style": highlight_style(deck),
        "reveal_options": reveal_options(deck),
        "fit_options": fit.fit_options(
            deck.front_matter,
            deck.path.name,
            enabled=conf.get("FIT"),
            min_font_px=conf.get("FIT_MIN_FONT_PX"),
            comfort_font_px=conf.get("FIT_COMFORT_FONT_PX"),
        ),
        # Slides that had to shrink are flagged on screen while developing;
        # an export renders with this off.
        "show_layout_badges": settings.DEBUG,
        # The live reload script (runserver, DEBUG on); exports render it off.
        "live_reload": changes.enabled(),
    }


def render_page(deck: Deck) -> bytes:
    # Without the request: the cached page is shared by every visitor, so
    # nothing per-request may go into it (see cache.page_key_part).
    return render_to_string(PAGE_TEMPLATE, page_context(deck)).encode()


_template_digests: WeakKeyDictionary[Any, str] = WeakKeyDictionary()


@cache.page_key_part("live_reload")
def _live_reload() -> bool:
    # The same deck with and without the live reload script are two pages.
    return changes.enabled()


@cache.page_key_part("template")
def _page_template() -> object:
    # An edited template (or a new release of it) must not meet old pages.
    # Django's cached loader hands out the same object until the file changes.
    template = get_template(PAGE_TEMPLATE).template
    digest = _template_digests.get(template)
    if digest is None:
        digest = _template_digests[template] = cache.digest(template.source)
    return digest


class DeckPage:
    """A deck's page: its ETag at once, its bytes from the cache or rendered."""

    def __init__(self, source: cache.DeckSource) -> None:
        self.source = source
        self.key = source.page_key()
        # Known before rendering, so a matching If-None-Match renders nothing.
        self.etag = cache.etag(self.key)
        cache.current_usage().used = True

    def content(self) -> bytes:
        """The page; :class:`DeckError` when the deck cannot be parsed."""
        deck_file = self.source.deck_file

        def build(text: str) -> bytes:
            return render_page(parse(deck_file.slug, deck_file.path, text, slides_root()))

        self.etag, content = cache.page(self.source, conf.get("MAX_BYTES"), build, self.key)
        return content


def deck_page(slug: str) -> DeckPage:
    """The page of the deck called ``slug``; :class:`DeckNotFound` or :class:`DeckError`."""
    deck_file = deck_files().get(slug)
    if deck_file is None:
        raise DeckNotFound(slug)
    return DeckPage(cache.read_source(deck_file, conf.get("MAX_BYTES"), root=slides_root()))
