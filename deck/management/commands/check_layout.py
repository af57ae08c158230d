"""``manage.py check_layout [SLUG ...]``: which slides had to shrink.

Lays every deck out in headless Chromium at its slide size, lets the page's
own fitting (static/deck/fit.js) run, and prints one line per slide whose
text went below the comfortable size or that does not fit at all:

    lesson.md:41: slide 3 needed scale 0.41; smallest text 9.4px

The pages never leave the process: Playwright asks for them and this command
answers from Django (the rendered deck page, static files, the Pygments CSS),
so no server, port or ALLOWED_HOSTS entry is involved.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import CommandError

from deck import conf, decks, pages
from deck.core.drawing import DrawingProblem, format_problem
from deck.core.errors import DeckError
from deck.core.fit import SlideLayout, format_line
from deck.core.model import Deck
from deck.layout import chromium
from deck.layout.opening import open_deck, slide_size
from deck.management.base import DeckCommand

logger = logging.getLogger(__name__)

SETTLE_TIMEOUT_MS = 15_000
# What math.js and diagrams.js could not draw (on pages that load them).
DRAWING_PROBLEMS = (
    "[].concat(window.deckMath ? deckMath.problems() : [],"
    " window.deckDiagrams ? deckDiagrams.problems() : [])"
)


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
        overflowing = 0
        reported = 0
        with chromium.browser("check_layout") as browser:
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
        if self.verbosity >= 1 and not reported:
            self.stdout.write(
                self.style.SUCCESS(f"{len(decks)} deck(s): every slide fits at a comfortable size")
            )
        return overflowing

    def lay_out(self, browser, deck: Deck) -> list[SlideLayout]:
        with open_deck(browser, deck, pages.draw(deck, pages.LAID_OUT)) as opened:
            # Fonts and pictures settle first; a font that never arrives must
            # not hang the command (report() then measures what is there).
            opened.page.evaluate(
                "ms => Promise.race([deckFit.whenSettled(), new Promise(r => setTimeout(r, ms))])",
                SETTLE_TIMEOUT_MS,
            )
            results = opened.page.evaluate("deckFit.report()")
            self.drawing_problems = [
                DrawingProblem.from_page(item) for item in opened.page.evaluate(DRAWING_PROBLEMS)
            ]
            for error in opened.errors + opened.routes.errors:
                self.stderr.write(f"{deck.path.name}: error in the page: {error}")
        if self.verbosity >= 2:
            width, height = slide_size(deck)
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
