"""Drawing a deck's page: the one place that turns a deck into the HTML of
``deck/present.html``, for every way a page is shown.

- served (``/<slug>/``, from the page cache; follow mode adds its own part),
- exported (``manage.py export_deck``: relative URLs, nothing for the author),
- laid out (``manage.py check_layout``: measured, nothing for the author;
  ``export_deck --pdf`` prints the same page, see :mod:`deck.export.pdf`).

The author's aids (layout badges with DEBUG, the live reload script under
runserver) are part of served pages only; which audience a page is for is
the one argument that decides it (:class:`Audience`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import get_template, render_to_string

from deck import conf, decks, sources, speaker_notes
from deck.caching import keys, page_cache
from deck.caching.slide_cache import slide_contents
from deck.caching.usage import current_usage
from deck.core import code_options, fit, language
from deck.core.model import Deck
from deck.core.notes_html import without_notes
from deck.core.themes import local_file, resolve_theme
from deck.core.urls import is_remote
from deck.render.budget import budgeted
from deck.render.extensions.diagrams import DIAGRAM_CLASS
from deck.render.extensions.math import MATH_CLASS
from deck.render.highlight import DEFAULT_STYLE, is_known_style
from deck.render.slides import section, wrap_stack

PAGE_TEMPLATE = "deck/present.html"

REVEAL_DEFAULTS: dict[str, Any] = {
    "hash": True,
    "slideNumber": True,
    "history": False,
    "center": True,
}


@dataclass(frozen=True)
class Audience:
    """Who a page is drawn for. Only a served page carries the author's aids:
    slide-fitting badges (with DEBUG) and the live reload script (under
    runserver's autoreloader)."""

    name: str
    author_aids: bool


SERVED = Audience("served", author_aids=True)
EXPORTED = Audience("exported", author_aids=False)
LAID_OUT = Audience("laid out", author_aids=False)


def slides_html(deck: Deck, *, notes: bool = True) -> str:
    """The deck's slides as HTML; each slide's Markdown is rendered only if not cached.

    ``notes=False``: without the speaker notes, in any form
    (:mod:`deck.core.notes_html`); see :mod:`deck.speaker_notes` for who gets them.
    """
    # TooComplex past it
    render = budgeted(deck.path, conf.get("RENDER_SECONDS"), slides=len(deck.split.slides))
    contents = iter(slide_contents(deck.split.slides, highlight_style(deck), render))
    shown = (lambda html: html) if notes else without_notes
    return "\n".join(
        wrap_stack([shown(section(slide, next(contents))) for slide in stack])
        for stack in deck.split.stacks
    )


def highlight_style(deck: Deck) -> str:
    style = deck.options.highlight_style or conf.get("HIGHLIGHT_STYLE")
    return style if is_known_style(style) else DEFAULT_STYLE


def reveal_options(deck: Deck) -> dict[str, Any]:
    options = {**REVEAL_DEFAULTS, **deck.options.reveal}
    if text_direction(deck) == "rtl":
        options["rtl"] = True  # `dir: rtl` also reverses reveal.js's slide order and arrows
    return options


def page_language(deck: Deck) -> str:
    return language.language(deck.options.lang, conf.get("LANG"))


def text_direction(deck: Deck) -> str:
    return language.direction(deck.options.dir, deck.options.reveal)


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
    return PageLink("slides", path.relative_to(decks.slides_root().resolve()).as_posix())


def theme_link(deck: Deck) -> PageLink:
    theme = resolve_theme(deck.options.theme, deck.folder, decks.slides_root(), conf.get("THEME"))
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
        elif found := local_file(reference, deck.folder, decks.slides_root()):
            links.append(slides_link(found))
    return links


def page_context(
    deck: Deck, audience: Audience = SERVED, slides: str | None = None, *, notes: bool = True
) -> dict[str, Any]:
    """What ``deck/present.html`` draws; ``slides`` if the caller already has
    :func:`slides_html` (the export renders big decks on every core);
    ``notes``: whether the slides keep their speaker notes."""
    slides = slides_html(deck, notes=notes) if slides is None else slides
    return {
        "deck": deck,
        "slides_html": slides,
        # KaTeX and Mermaid (a few MB) only on pages that have math or a diagram.
        "uses_math": f'class="{MATH_CLASS}' in slides,
        "uses_diagrams": f'class="{DIAGRAM_CLASS}"' in slides,
        "theme_link": theme_link(deck),
        "css_links": css_links(deck),
        "highlight_style": highlight_style(deck),
        # <html lang dir>: also read by every other page drawn for a deck.
        "lang": page_language(deck),
        "dir": text_direction(deck),
        "reveal_options": reveal_options(deck),
        "fit_options": fit.fit_options(
            deck.front_matter,
            deck.path.name,
            enabled=conf.get("FIT"),
            min_font_px=conf.get("FIT_MIN_FONT_PX"),
            comfort_font_px=conf.get("FIT_COMFORT_FONT_PX"),
        ),
        "code_options": code_options.code_options(deck.front_matter),
        "exporting": audience is EXPORTED,
        # check_layout measures every slide: big decks keep them all in the
        # DOM (static/deck/window.js), as in print.
        "every_slide_mounted": audience is LAID_OUT,
        # The live reload tag adds its script to pages with the author's aids
        # while runserver watches files (deck.live.watcher).
        "author_aids": audience.author_aids,
        "show_layout_badges": audience.author_aids and settings.DEBUG,
    }


def draw(
    deck: Deck,
    audience: Audience = SERVED,
    *,
    slides: str | None = None,
    request: HttpRequest | None = None,
    notes: bool = True,
    **extra: Any,
) -> str:
    """The deck's page for ``audience``; ``extra`` is more context (follow
    mode's settings, an export's relative links). A page drawn with a
    ``request`` is for that request only: it never goes into the page cache.
    ``notes=False``: without speaker notes (:mod:`deck.speaker_notes`)."""
    context = {**page_context(deck, audience, slides, notes=notes), **extra}
    return render_to_string(PAGE_TEMPLATE, context, request=request)


_template_digests: WeakKeyDictionary[Any, str] = WeakKeyDictionary()


@keys.page_key_part("template")
def _page_template() -> object:
    # An edited template (or a new release of it) must not meet old pages.
    # Django's cached loader hands out the same object until the file changes.
    template = get_template(PAGE_TEMPLATE).template
    digest = _template_digests.get(template)
    if digest is None:
        digest = _template_digests[template] = keys.digest(template.source)
    return digest


class CachedPage:
    """A served deck page: its ETag at once, its bytes from the page cache or
    drawn. Drawn without the request: the cached page is shared by every
    visitor, so nothing per-request may go into it (see ``page_key_part``)."""

    def __init__(self, source: sources.DeckSource, notes: bool | None = None) -> None:
        self.source = source
        # With or without speaker notes: two pages, two keys (the "notes"
        # page key part); None: as for a visitor without presenter rights.
        self.notes = speaker_notes.notes_in_page() if notes is None else notes
        with speaker_notes.showing(self.notes):
            self.key = source.page_key()
        # Known before rendering, so a matching If-None-Match renders nothing.
        self.etag = keys.etag(self.key)
        current_usage().used = True

    def content(self) -> bytes:
        """The page; :class:`DeckError` when the deck cannot be parsed."""
        deck_file = self.source.deck_file

        def build(text: str) -> bytes:
            return draw(decks.parse_text(deck_file, text), notes=self.notes).encode()

        with speaker_notes.showing(self.notes):
            self.etag, content = page_cache.page(
                self.source, conf.get("MAX_BYTES"), build, self.key
            )
        return content


def cached_page(slug: str, notes: bool | None = None) -> CachedPage:
    """The served page of the deck called ``slug`` (``notes``: with its speaker
    notes; None: as for a visitor without rights); :class:`decks.DeckNotFound`
    or :class:`DeckError`."""
    return CachedPage(decks.read_source(decks.deck_file(slug)), notes)
