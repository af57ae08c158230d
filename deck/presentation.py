"""Django glue between the files on disk and the pages: which decks exist,
loading one, and everything a deck page needs to be drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from django.conf import settings
from django.template.loader import get_template, render_to_string

from deck import cache, conf, layout, live
from deck.highlight import DEFAULT_STYLE, is_known_style
from deck.library import Deck, DeckError, DeckFile, find_decks, load, parse
from deck.rendering import section, wrap_stack

PAGE_TEMPLATE = "deck/present.html"

BUILTIN_THEMES = frozenset(
    "beige black black-contrast blood dracula league moon night serif simple "
    "sky solarized white white-contrast".split()
)
# Front matter keys that are ours; every other key is a reveal.js option.
DECK_KEYS = frozenset({"title", "theme", "highlight_style", "order", layout.FRONT_MATTER_KEY})
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
    """The deck's slides as HTML; each slide's Markdown is rendered only if not cached."""
    contents = iter(cache.slide_contents(deck.split.slides, highlight_style(deck)))
    return "\n".join(
        wrap_stack([section(slide, next(contents)) for slide in stack])
        for stack in deck.split.stacks
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
    subtitle: str = ""
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
    return DeckSummary(deck.slug, deck.title, len(deck.split.stacks), deck.split.subtitle)


def page_context(deck: Deck, slides_html: str | None = None) -> dict[str, Any]:
    """What ``deck/present.html`` draws; ``slides_html`` if the caller already
    has ``render_slides(deck)`` (the export renders big decks on every core)."""
    return {
        "deck": deck,
        "slides_html": render_slides(deck) if slides_html is None else slides_html,
        "theme_css": f"reveal/dist/theme/{theme_name(deck)}.css",
        "highlight_style": highlight_style(deck),
        "reveal_options": reveal_options(deck),
        "fit_options": layout.fit_options(conf.deck_settings(), deck.front_matter, deck.path.name),
        # Slides that had to shrink are flagged on screen while developing;
        # an export renders with this off.
        "show_layout_badges": settings.DEBUG,
        # The live reload script (runserver, DEBUG on); exports render it off.
        "live_reload": live.enabled(),
    }


def render_page(deck: Deck) -> bytes:
    # Without the request: the cached page is shared by every visitor, so
    # nothing per-request may go into it (see cache.page_key_part).
    return render_to_string(PAGE_TEMPLATE, page_context(deck)).encode()


_template_digests: WeakKeyDictionary[Any, str] = WeakKeyDictionary()


@cache.page_key_part("live_reload")
def _live_reload() -> bool:
    # The same deck with and without the live reload script are two pages.
    return live.enabled()


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
            return render_page(parse(deck_file.slug, deck_file.path, text))

        self.etag, content = cache.page(self.source, conf.get("MAX_BYTES"), build, self.key)
        return content


def deck_page(slug: str) -> DeckPage:
    """The page of the deck called ``slug``; :class:`DeckNotFound` or :class:`DeckError`."""
    # The folder is listed again only when it may have changed: this is on
    # the path of every warm request.
    deck_file = cache.deck_files(conf.get("SLIDES_DIR"), find_decks).get(slug)
    if deck_file is None:
        raise DeckNotFound(slug)
    return DeckPage(cache.read_source(deck_file, conf.get("MAX_BYTES")))
