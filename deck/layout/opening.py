"""Opening a deck's page in Chromium, ready for measuring or printing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import CommandError

from deck.core.model import Deck
from deck.layout.serving import DeckRoutes, stall_message, time_budget_ms

DEFAULT_SIZE = (960, 700)
READY = "window.deckFit && window.Reveal && Reveal.isReady()"


def slide_size(deck: Deck) -> tuple[int, int]:
    """The deck's reveal.js width and height, when given in pixels."""
    size = []
    reveal = {**deck.options.reveal, **deck.front_matter}
    for key, default in zip(("width", "height"), DEFAULT_SIZE, strict=True):
        value = reveal.get(key, default)
        size.append(value if isinstance(value, int) and value > 0 else default)
    return size[0], size[1]


@dataclass
class OpenDeck:
    deck: Deck
    page: Any
    routes: DeckRoutes
    errors: list[str] = field(default_factory=list)

    def wait_for(self, expression: str, what: str, *, slide: str = "", arg: Any = None) -> None:
        """Wait until ``expression`` holds, for as long as the deck's size
        warrants; a :class:`CommandError` naming where the page stopped."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        budget = time_budget_ms(self.deck)
        try:
            self.page.wait_for_function(expression, arg=arg, timeout=budget)
        except PlaywrightTimeout:
            where = slide
            if not where and not self.routes.in_flight:
                where = self.where_stopped()
            raise CommandError(
                stall_message(self.deck, what, budget / 1000, self.routes, where)
            ) from None

    def where_stopped(self) -> str:
        """The first slide with a picture still loading, if the page can say."""
        try:
            line = self.page.evaluate(
                "() => { const img = Array.from(document.querySelectorAll('.slides img'))"
                ".find((i) => !i.complete); const s = img && img.closest('section[data-line]');"
                " return s ? parseInt(s.dataset.line, 10) : 0; }"
            )
        except Exception:  # noqa: BLE001 - a page that hung may not answer at all
            return ""
        for slide in self.deck.split.slides:
            if slide.line == line:
                return f"{self.deck.path.name}:{line}: slide {slide.number} is still loading"
        return ""


@contextmanager
def open_deck(
    browser, deck: Deck, html: str, query: str = "", *, init_script: str = ""
) -> Iterator[OpenDeck]:
    """The deck's page (``html``) in a new browser context at the slide size,
    with reveal.js and the fitting ready; ``init_script`` runs before the page's own."""
    width, height = slide_size(deck)
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        if init_script:
            page.add_init_script(init_script)
        routes = DeckRoutes(deck, html)
        routes.attach(page)
        opened = OpenDeck(deck, page, routes)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.goto(routes.page_url + query, wait_until="commit", timeout=time_budget_ms(deck))
        opened.wait_for(READY, "loading the page")
        yield opened
    finally:
        context.close()
