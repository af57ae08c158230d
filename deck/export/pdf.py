"""Decks as PDF: ``manage.py export_deck SLUG --pdf`` (and ``--handout``).

The deck's own page, drawn as for ``check_layout`` and laid out the same way
(:mod:`deck.layout`), is opened with reveal.js's ``?print-pdf``: its print
view puts every slide (vertical ones in order) on a page of the slide's size,
fitted as on screen (static/deck/fit.js refits the print view), with every
fragment shown, or one page per fragment step (``pdfSeparateFragments``).
Chromium prints it with links kept and tags, a big deck in parts of a few
hundred pages (:mod:`deck.export.pdf_parts`, static/deck/pdf-parts.js);
:mod:`deck.core.pdf_document` joins them and adds the outline (the slides'
titles), the title, author and dates. A handout puts each slide's notes
beneath it (static/deck/handout.js).

Nothing waits on a fixed clock: loading and fitting get a time that grows
with the deck (:func:`deck.layout.serving.time_budget_ms`), and printing,
however long, is not cut short. The file is written beside the target and
renamed over it, so a run that is killed leaves the previous PDF as it was.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

from deck import pages
from deck.core import pdf_document
from deck.core.model import Deck
from deck.core.pdf_document import PdfInfo
from deck.export import parallel_render, pdf_parts, pdf_progress
from deck.layout.opening import open_deck

Say = Callable[[str], None]

# A handout sheet is the slide's page and, beneath it, this much again for notes.
NOTES_SHARE = 0.6
# How often a long print says it is still at work.
HEARTBEAT_S = 5.0

PDF_READY = "window.deckPdfReady === true"
# Set before the page's scripts run, so the event cannot be missed.
LISTEN_FOR_PDF_READY = (
    "document.addEventListener('pdf-ready', () => { window.deckPdfReady = true; }, true);"
)
PICTURES_DONE = (
    "() => Array.from(document.querySelectorAll('.reveal img')).every((i) => i.complete)"
)


@dataclass(frozen=True)
class PdfOptions:
    fragments: bool = False  # one page per fragment step
    handout: bool = False  # the notes beneath each slide


def print_options(deck: Deck, options: PdfOptions) -> dict[str, Any]:
    """The deck's reveal.js options, for its print view."""
    return {
        **pages.reveal_options(deck),
        "pdfSeparateFragments": options.fragments,
        "showNotes": options.handout,
    }


def static_text(name: str) -> str:
    return Path(finders.find(name)).read_text("utf-8")


def pdf_info(deck: Deck) -> PdfInfo:
    front = deck.front_matter
    author = front.get("author") or ""
    if isinstance(author, list | tuple):
        author = ", ".join(str(name) for name in author)
    created = datetime.fromtimestamp(deck.path.stat().st_mtime, UTC)
    subject = front.get("description") or front.get("subtitle") or ""
    return PdfInfo(deck.title, str(author), str(subject), created)


def print_page(deck: Deck, options: PdfOptions) -> str:
    """The deck's page for its print view; a big deck's slides are rendered on
    every core (before any browser starts: the workers are forked)."""
    slides = parallel_render.render_in_parallel(deck)
    reveal = print_options(deck, options)
    return pages.draw(deck, pages.LAID_OUT, slides=slides, reveal_options=reveal)


def render_pdf(browser, deck: Deck, html: str, options: PdfOptions, say: Say) -> bytes:
    """The PDF of ``deck`` from its :func:`print_page`, printed by ``browser``
    (a Playwright Chromium); every few seconds a line with the time left."""
    slides = len(deck.split.slides)
    layout = pdf_progress.layout_estimate(slides)
    started = time.monotonic()
    with ExitStack() as stack:
        laying_out = stack.enter_context(heartbeat(lambda s: say(f"{deck.slug}: {layout.line(s)}")))
        opened = stack.enter_context(
            open_deck(browser, deck, html, "?print-pdf", init_script=LISTEN_FOR_PDF_READY)
        )
        page = opened.page
        opened.wait_for(PDF_READY, "laying the slides out for print")
        opened.wait_for(PICTURES_DONE, "loading the pictures")
        page.evaluate("deckFit.whenSettled()")
        page.evaluate(
            "([lang, dir]) => { document.documentElement.lang = lang;"
            " document.documentElement.dir = dir; }",
            [pages.page_language(deck), pages.text_direction(deck)],
        )
        sheet_height = None
        if options.handout:
            page.add_script_tag(content=static_text("deck/handout.js"))
            sheet_height = page.evaluate("share => deckHandout(share)", NOTES_SHARE)
        page.add_script_tag(content=static_text("deck/pdf-parts.js"))
        pages_info = page.evaluate("height => deckPdf.pages(height)", sheet_height)
        per_page = [info["sheets"] for info in pages_info]
        ranges = pdf_parts.parts(per_page)
        part_sheets = [sum(per_page[start:end]) for start, end in ranges]
        sheets = sum(part_sheets)
        laying_out.stop()
        laid_out = time.monotonic() - started
        printing = pdf_progress.print_estimate(part_sheets, slides, laid_out)
        say(
            f"{deck.slug}: {slides} slides laid out in {pdf_progress.duration(laid_out)}; "
            f"printing {sheets} pages, about {pdf_progress.duration(printing.expected_s)}"
        )
        printed = []
        with heartbeat(lambda s: say(f"{deck.slug}: {printing.line(s)}")):
            for start, end in ranges:
                if len(ranges) > 1:
                    page.evaluate("([start, end]) => deckPdf.only(start, end)", [start, end])
                printed.append(
                    page.pdf(prefer_css_page_size=True, print_background=True, tagged=True)
                )
        for error in opened.errors + opened.routes.errors:
            say(f"{deck.path.name}: error in the page: {error}")
    outline = pdf_parts.outline(deck, pages_info)
    return pdf_document.assemble(printed, outline, pdf_info(deck))


class Heartbeat:
    """Calls ``say(seconds)`` every few seconds from :meth:`start` until
    :meth:`stop` (Chromium's work is long calls, with nothing to report until
    they end)."""

    def __init__(self, say: Callable[[float], None], every: float = HEARTBEAT_S) -> None:
        self.say = say
        self.every = every
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)
        self.started = time.monotonic()

    def _beat(self) -> None:
        while not self.done.wait(self.every):
            self.say(time.monotonic() - self.started)

    def start(self) -> Heartbeat:
        self.started = time.monotonic()
        self.thread.start()
        return self

    def stop(self) -> None:
        if not self.done.is_set():
            self.done.set()
            self.thread.join()


@contextmanager
def heartbeat(say: Callable[[float], None], every: float = HEARTBEAT_S) -> Iterator[Heartbeat]:
    """A :class:`Heartbeat` for the block (which may stop it sooner)."""
    beat = Heartbeat(say, every).start()
    try:
        yield beat
    finally:
        beat.stop()


def write_atomically(target: Path, data: bytes) -> None:
    """``target`` holds ``data`` or what it held before, never half of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_name(slug: str) -> str:
    """``<slug>.pdf``, a slug's slashes as dashes (``talks/a`` is ``talks-a.pdf``)."""
    return slug.replace("/", "-") + ".pdf"


def pdf_name(slug: str, options: PdfOptions) -> str:
    """``<slug>.pdf`` (``<slug>-handout.pdf``); beside ``<slug>/index.html`` in an export."""
    return slug + ("-handout" if options.handout else "") + ".pdf"


def print_decks(jobs: list[tuple[Deck, Path]], options: PdfOptions, say: Say) -> None:
    """Print each deck to its target with one browser; :class:`CommandError`
    naming Playwright and Chromium when either is missing, or naming the
    slide a page stopped at."""
    from deck.layout import chromium

    def draw() -> list[tuple[Deck, Path, str]]:
        return [(deck, target, print_page(deck, options)) for deck, target in jobs]

    def print_drawn(drawn: Callable[[], list[tuple[Deck, Path, str]]]) -> None:
        with chromium.browser("export_deck --pdf") as browser:
            for deck, target, html in drawn():
                write_atomically(target, render_pdf(browser, deck, html, options, say))
                say(f"{deck.slug}: wrote {target}")

    if any(parallel_render.forks(deck) for deck, _ in jobs):
        # A big deck is drawn first, on every core, by forked workers, which
        # had better not start beside another thread at work.
        pages_drawn = draw()
        print_drawn(lambda: pages_drawn)
        return
    # Small decks are drawn while Chromium starts: a second or so saved, as
    # starting it is mostly waiting on another process.
    with ThreadPoolExecutor(1, thread_name_prefix="deck-pdf-draw") as drawing:
        print_drawn(drawing.submit(draw).result)
