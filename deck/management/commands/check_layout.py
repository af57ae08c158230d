"""``manage.py check_layout [SLUG ...]``: which slides had to shrink.

Lays every deck out in headless Chromium at its slide size, lets the page's
own fitting (static/deck/fit.js) run, and prints one line per slide whose
text went below the comfortable size or that does not fit at all:

    lesson.md:41: slide 3 needed scale 0.41; smallest text 9.4px

and one line per formula or diagram that KaTeX or Mermaid could not parse
(static/deck/math.js, diagrams.js; deck/core/drawing.py finds its line):

    lesson.md:14: slide 3: formula '\\frac{a}{' cannot be drawn: KaTeX parse error: ...

The pages never leave the process: Playwright asks for them and this command
answers from Django (the rendered deck page, static files, the Pygments CSS),
so no server, port or ALLOWED_HOSTS entry is involved.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from deck import conf, decks, pages
from deck.core.drawing import DrawingProblem, format_problem
from deck.core.errors import DeckError
from deck.core.fit import SlideLayout, format_line
from deck.core.model import Deck
from deck.management.base import DeckCommand

logger = logging.getLogger(__name__)

# Never resolved on any network: every request to it is answered here.
BASE_URL = "http://check-layout.invalid"
DEFAULT_SIZE = (960, 700)
PAGE_TIMEOUT_MS = 60_000
SETTLE_TIMEOUT_MS = 15_000
# What math.js and diagrams.js could not draw (on pages that load them).
DRAWING_PROBLEMS = (
    "[].concat(window.deckMath ? deckMath.problems() : [],"
    " window.deckDiagrams ? deckDiagrams.problems() : [])"
)
INSTALL_HINT = (
    "check_layout lays slides out in headless Chromium through Playwright: "
    "install both with `pip install playwright` (or the `layout` extra) and `apt-get install chromium` "
    "(or `python -m playwright install chromium`); "
    "set DECK_CHROMIUM to use a Chromium elsewhere"
)


def chromium_path() -> str | None:
    """DECK_CHROMIUM, else Debian's chromium; None lets Playwright use its own."""
    configured = os.environ.get("DECK_CHROMIUM")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def slide_size(deck: Deck) -> tuple[int, int]:
    """The deck's reveal.js width and height, when given in pixels."""
    size = []
    for key, default in zip(("width", "height"), DEFAULT_SIZE, strict=True):
        value = deck.front_matter.get(key, default)
        size.append(value if isinstance(value, int) and value > 0 else default)
    return size[0], size[1]


class Command(DeckCommand):
    help = (
        "Lay the decks out in headless Chromium and list, with file and line, "
        "the slides that had to shrink below a comfortable size or do not fit."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="decks to check (all)")

    def decks_concerned(self, options: dict[str, Any]) -> list[str] | None:
        return options["slugs"] or None

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        decks = self.load_decks(options["slugs"])
        self.undrawn = 0
        overflowing = self.report(decks)
        if overflowing:
            raise CommandError(f"{overflowing} slide(s) do not fit: their words run past the slide")
        if self.undrawn:
            raise CommandError(
                f"{self.undrawn} formula(s) or diagram(s) cannot be drawn: "
                "each shows its source and the message on its slide"
            )

    def load_decks(self, slugs: list[str]) -> list[Deck]:
        files = decks.all_decks()
        unknown = [slug for slug in slugs if slug not in files]
        if unknown:
            raise CommandError(f"no deck called {', '.join(unknown)} in {conf.get('SLIDES_DIR')}")
        loaded = []
        for slug in slugs or list(files):
            try:
                loaded.append(decks.get_deck(slug))
            except DeckError as error:
                self.stderr.write(f"{error} (not checked)")
        return loaded

    def report(self, decks: list[Deck]) -> int:
        """Print the offending slides of every deck; the number that overflow."""
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise CommandError(INSTALL_HINT) from None
        overflowing = 0
        reported = 0
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(),
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
                )
            except PlaywrightError as error:
                first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
                raise CommandError(f"{INSTALL_HINT} ({first_line})") from None
            try:
                for deck in decks:
                    for item in self.lay_out(browser, deck):
                        if item.reported:
                            reported += 1
                            overflowing += item.overflows
                            style = self.style.ERROR if item.overflows else self.style.WARNING
                            self.stdout.write(style(format_line(item)))
                        elif item.shrunk and self.verbosity >= 2:
                            self.stdout.write(format_line(item))
                    reported += self.report_drawing(deck)
            finally:
                browser.close()
        if self.verbosity >= 1 and not reported:
            self.stdout.write(
                self.style.SUCCESS(f"{len(decks)} deck(s): every slide fits at a comfortable size")
            )
        return overflowing

    def lay_out(self, browser, deck: Deck) -> list[SlideLayout]:
        width, height = slide_size(deck)
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.route(f"{BASE_URL}/**", lambda route, request: self.answer(route, deck))
            page.goto(f"{BASE_URL}/{deck.slug}/", timeout=PAGE_TIMEOUT_MS)
            page.wait_for_function(
                "window.deckFit && window.Reveal && Reveal.isReady()", timeout=PAGE_TIMEOUT_MS
            )
            # Fonts and pictures settle first; a font that never arrives must
            # not hang the command (report() then measures what is there).
            page.evaluate(
                "ms => Promise.race([deckFit.whenSettled(), new Promise(r => setTimeout(r, ms))])",
                SETTLE_TIMEOUT_MS,
            )
            results = page.evaluate("deckFit.report()")
            self.drawing_problems = [
                DrawingProblem.from_page(item) for item in page.evaluate(DRAWING_PROBLEMS)
            ]
            for error in errors:
                self.stderr.write(f"{deck.path.name}: error in the page: {error}")
        finally:
            context.close()
        if self.verbosity >= 2:
            self.stdout.write(
                f"{deck.path.name}: {len(results)} slides laid out at {width}x{height}"
            )
        return [SlideLayout.from_report(item) for item in results]

    def report_drawing(self, deck: Deck) -> int:
        """Print what the deck's page (laid out last) could not draw; how many."""
        problems = getattr(self, "drawing_problems", [])
        self.drawing_problems = []
        lines = deck.text.split("\n")
        for problem in problems:
            self.stdout.write(self.style.ERROR(format_problem(problem, deck.path.name, lines)))
        self.undrawn = getattr(self, "undrawn", 0) + len(problems)
        return len(problems)

    def answer(self, route, deck: Deck) -> None:
        """Serve one request of the page from Django, in this process."""
        path = unquote(urlsplit(route.request.url).path)
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if path == f"/{deck.slug}/":
            html = pages.draw(deck, pages.LAID_OUT)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
            return
        if path.startswith(static_prefix):
            found = finders.find(path[len(static_prefix) :])
            if found:
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                route.fulfill(status=200, content_type=content_type, body=Path(found).read_bytes())
                return
            route.fulfill(status=404, body="")
            return
        try:
            match = resolve(path)
        except Resolver404:
            route.fulfill(status=404, body="")
            return
        response = match.func(RequestFactory().get(path), *match.args, **match.kwargs)
        route.fulfill(
            status=response.status_code,
            content_type=response.get("Content-Type", "application/octet-stream"),
            body=response.content,
        )
