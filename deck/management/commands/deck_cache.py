"""``manage.py deck_cache warm [SLUG ...] | clear | stats [SLUG ...]``.

Warm renders decks into the cache (so the first visitor of a fresh deploy
gets a hit), clear empties it, stats shows what of each deck is cached. Warm
and clear act on a cache the server shares: ``file://`` or ``redis://``.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandError

from deck import conf, decks, pages
from deck.caching import backend
from deck.caching.keys import slide_key
from deck.caching.usage import track
from deck.core.errors import DeckError
from deck.core.reading import DeckFile
from deck.management.base import DeckCommand

# Backends a command cannot reach the server's entries through.
PER_PROCESS = {
    "LocMemCache": "locmem:// lives inside each server process",
    "DummyCache": "dummy:// stores nothing",
}


class Command(DeckCommand):
    help = "Warm, clear or show the cache of rendered slides and deck pages."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "action",
            choices=["warm", "clear", "stats"],
            help="warm: render decks into the cache; clear: empty the cache "
            "DECK_CACHE_URL names; stats: show what of each deck is cached",
        )
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="decks (default: all)")

    def decks_concerned(self, options: dict[str, Any]) -> list[str] | None:
        if options["action"] == "clear":
            return []
        return options["slugs"] or None

    def handle(self, *args: Any, action: str, slugs: list[str], **options: Any) -> None:
        self.verbosity = options["verbosity"]
        if action == "clear":
            if slugs:
                raise CommandError("clear empties the whole cache: it takes no deck names")
            self.clear()
        elif action == "warm":
            self.warm(self.select(slugs))
        else:
            self.stats(self.select(slugs))

    # --- helpers ------------------------------------------------------------

    def say(self, message: str, level: int = 1, style=None) -> None:
        if self.verbosity >= level:
            self.stdout.write(style(message) if style else message)

    def select(self, slugs: list[str]) -> list[DeckFile]:
        known = decks.all_decks()
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            folder = conf.get("SLIDES_DIR")
            names = ", ".join(known) or "none"
            raise CommandError(f"no deck called {unknown[0]!r} in {folder} (decks: {names})")
        if not known:
            raise CommandError(f"no decks (*.md) in {conf.get('SLIDES_DIR')}")
        return [known[slug] for slug in slugs] if slugs else list(known.values())

    def require_shared_backend(self, action: str) -> None:
        name = backend.describe_backend().split("(", 1)[0]
        if name in PER_PROCESS:
            raise CommandError(
                f"nothing to {action}: {PER_PROCESS[name]}; set DECK_CACHE_URL to "
                "file:///path or redis://host:port/db to share one cache"
            )

    def check_backend(self) -> None:
        if backend.health.down_since is not None:
            raise CommandError(f"the cache backend {backend.describe_backend()} did not answer")

    # --- actions ------------------------------------------------------------

    def warm(self, deck_files: list[DeckFile]) -> None:
        self.require_shared_backend("warm")
        broken = []
        for deck_file in deck_files:
            start = time.perf_counter()
            try:
                with track() as usage:
                    pages.CachedPage(decks.read_source(deck_file, force=True)).content()
            except DeckError as error:
                broken.append(error)
                self.stderr.write(self.style.ERROR(f"{deck_file.slug}: {error}"))
                continue
            self.check_backend()
            seconds = time.perf_counter() - start
            if not usage.built:
                self.say(f"{deck_file.slug}: already warm")
            else:
                rendered = usage.slides - usage.from_cache
                self.say(
                    f"{deck_file.slug}: {usage.slides} slides, {rendered} rendered, "
                    f"{usage.from_cache} from cache ({seconds:.2f} s)",
                    style=self.style.SUCCESS,
                )
        if broken:
            raise CommandError(f"{len(broken)} deck(s) could not be warmed; first: {broken[0]}")

    def clear(self) -> None:
        self.require_shared_backend("clear")
        backend.call(lambda: backend.backend().clear(), None)
        self.check_backend()
        self.say(f"Cleared {backend.describe_backend()}", style=self.style.SUCCESS)

    def stats(self, deck_files: list[DeckFile]) -> None:
        self.say(f"Cache: {backend.describe_backend()}")
        name = backend.describe_backend().split("(", 1)[0]
        if name in PER_PROCESS:
            self.say(f"({PER_PROCESS[name]}: this command sees only its own, empty cache)")
        for deck_file in deck_files:
            self.deck_stats(deck_file)

    def deck_stats(self, deck_file: DeckFile) -> None:
        try:
            deck = decks.load_file(deck_file)
            source = decks.read_source(deck_file)
        except DeckError as error:
            self.say(f"{deck_file.slug}: cannot be read: {error}", style=self.style.ERROR)
            return
        style = pages.highlight_style(deck)
        keys = [slide_key(slide, style) for slide in deck.split.slides]
        page_key = source.page_key()
        found = backend.call(lambda: backend.backend().get_many([*set(keys), page_key]), {})
        self.check_backend()
        page = found.pop(page_key, None)
        cached = sum(1 for key in keys if key in found)
        page_text = f"page cached ({len(page):,} bytes)" if page else "page not cached"
        line = f"{deck_file.slug}: {cached} of {len(keys)} slides cached, {page_text}"
        self.say(line, style=self.style.SUCCESS if page else None)
        self.say(f"  page key {page_key}", level=2)
