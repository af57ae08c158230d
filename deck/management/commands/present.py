"""``manage.py present SLUG``: a one-time presenter link, and the audience's.

Without ``--serve`` the link is for a server that runs elsewhere and shares
this cache (``DECK_CACHE_URL=redis://...``). With ``--serve`` this command is
the server (uvicorn, ASGI), which is what the embedded in-memory cache needs:
the secret must be in the memory of the process that redeems it.
"""

from __future__ import annotations

import ipaddress
import sys
import threading
import time
import webbrowser
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.base import CommandError, CommandParser
from django.http.request import validate_host
from django.urls import reverse

from deck import conf, decks
from deck.follow import hub, join, secret
from deck.management.base import DeckCommand

# What Django accepts when DEBUG is on and ALLOWED_HOSTS is empty.
DEBUG_HOSTS = [".localhost", "127.0.0.1", "[::1]"]


def reaches_other_machines(bind: str, host: str) -> bool:
    """Whether the server listens to, or is named by, more than this machine:
    ``--bind 0.0.0.0``, a LAN address, or a host name other than localhost."""
    for name in (bind, host):
        name = name.strip("[]").lower()
        if name == "localhost" or name.endswith(".localhost"):
            continue
        try:
            if not ipaddress.ip_address(name).is_loopback:
                return True
        except ValueError:
            return True  # a host name: the room's DNS or hosts file
    return False


class Command(DeckCommand):
    help = (
        "Print a one-time presenter link for a deck (and the audience's link); "
        "with --serve, also serve the decks (uvicorn) from this process."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the deck: its file name without .md")
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="host name or address people use to reach the server (default 127.0.0.1); "
            "with --serve, also the address to listen on",
        )
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument(
            "--bind",
            default=None,
            help="with --serve: the address to listen on, if not --host (0.0.0.0: every one)",
        )
        parser.add_argument("--https", action="store_true", help="links start with https://")
        parser.add_argument(
            "--minutes",
            type=int,
            default=secret.DEFAULT_MINUTES,
            help=f"the link works once within this many minutes (default {secret.DEFAULT_MINUTES})",
        )
        parser.add_argument("--open", action="store_true", help="open the link in a browser")
        parser.add_argument(
            "--serve",
            action="store_true",
            help="serve the decks from this process with uvicorn until Ctrl+C",
        )

    def decks_concerned(self, options) -> list[str]:
        # Its warnings go to stderr, the links to stdout (-v 0: the link alone).
        return [options["slug"]]

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        self.present(
            options["slug"],
            host=options["host"],
            port=options["port"],
            https=options["https"],
            minutes=options["minutes"],
            open_browser=options["open"],
            serve=options["serve"],
            bind=options["bind"],
        )

    def present(
        self,
        slug: str,
        *,
        host: str,
        port: int,
        https: bool,
        minutes: int,
        open_browser: bool,
        serve: bool,
        bind: str | None = None,
    ) -> None:
        self.check_arguments(slug, host, port, minutes, serve)
        base = f"{'https' if https else 'http'}://{host}:{port}"
        presenter_url = self.issue_link(base, slug, minutes)
        audience = f"{base}{reverse('follow', args=[slug])}"
        if self.verbosity >= 1:
            self.stdout.write(f"Audience: {audience}")
            # The same link as a code to scan (also key Q in the presenter's window).
            self.stdout.write(join.terminal(audience), ending="")
        if not serve:
            if open_browser:
                webbrowser.open(presenter_url)
            return
        if reaches_other_machines(bind or host, host):
            self.serve_without_debug(host)
            self.compress_static_files()
        self.serve(bind or host, port, base, slug, minutes, presenter_url if open_browser else None)

    def compress_static_files(self) -> None:
        """A room's phones fetch reveal.js over Wi-Fi: make whitenoise's gzip
        and Brotli variants of the static files, if static/ changed since."""
        from deck.project.static_files import collect_if_stale

        stale = collect_if_stale()
        if stale and self.verbosity >= 1:
            self.stdout.write(f"Compressed {stale} static files for the room (gzip, Brotli).")

    def serve_without_debug(self, host: str) -> None:
        """A room reaches this server: Django's DEBUG pages (settings, paths,
        tracebacks) must never reach it, so DEBUG is off for this server, as
        in production; the addresses DEBUG allowed stay allowed."""
        if not settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS = [*DEBUG_HOSTS, host]
        settings.DEBUG = False

    def check_arguments(self, slug: str, host: str, port: int, minutes: int, serve: bool) -> None:
        known = decks.all_decks()
        if slug not in known:
            names = ", ".join(sorted(known)) or "none"
            raise CommandError(f"no deck {slug!r} in {conf.get('SLIDES_DIR')} (decks: {names})")
        if not 0 < port < 65536:
            raise CommandError(f"--port {port}: use a port between 1 and 65535")
        if minutes < 1:
            raise CommandError(f"--minutes {minutes}: use 1 or more")
        allowed = settings.ALLOWED_HOSTS or (DEBUG_HOSTS if settings.DEBUG else [])
        if not validate_host(host.lower(), allowed):
            raise CommandError(
                f"the server would refuse http://{host}:{port}/ (Bad Request): "
                f"add {host} to DECK_ALLOWED_HOSTS (comma-separated)"
            )
        cache = caches["default"]
        if isinstance(cache, DummyCache):
            raise CommandError(
                "the cache is dummy:// and keeps nothing: follow mode needs "
                "DECK_CACHE_URL=locmem:// (with --serve), file:///... or redis://..."
            )
        if isinstance(cache, LocMemCache) and not serve:
            raise CommandError(
                "the cache is in this process's memory (locmem), so no other server can "
                "redeem this link: add --serve to present from this process, or share a "
                "cache with the server (DECK_CACHE_URL=redis://... or file:///...)"
            )

    def issue_link(self, base: str, slug: str, minutes: int) -> str:
        try:
            key = secret.issue(slug, minutes)
        except Exception as error:  # the backend's own errors (Redis down, ...)
            raise CommandError(f"cannot store the link in the cache: {error}") from error
        url = f"{base}{reverse('presenter', args=[slug])}#key={key}"
        if self.verbosity >= 1:
            until = (datetime.now() + timedelta(minutes=minutes)).strftime("%H:%M")
            self.stdout.write(self.style.SUCCESS(f"Presenter (once, until {until}): {url}"))
        else:
            self.stdout.write(url)
        return url

    def serve(
        self, host: str, port: int, base: str, slug: str, minutes: int, open_url: str | None
    ) -> None:
        import uvicorn

        class FollowServer(uvicorn.Server):
            async def shutdown(self, sockets=None) -> None:
                # Followers' streams never end on their own: end them, so the
                # server stops at once instead of waiting for them.
                hub.close()
                await super().shutdown(sockets)

        config = uvicorn.Config(
            "deck.project.asgi:application",
            host=host,
            port=port,
            # Django speaks no lifespan protocol.
            lifespan="off",
            log_level="info" if self.verbosity >= 2 else "warning",
            access_log=self.verbosity >= 2,
            # A stream that still will not end (a client that stopped
            # reading) is cut after this long.
            timeout_graceful_shutdown=2,
        )
        server = FollowServer(config)
        if open_url:
            threading.Thread(target=self.open_when_up, args=(server, open_url), daemon=True).start()
        if sys.stdin is not None and sys.stdin.isatty():
            threading.Thread(
                target=self.reissue_on_enter, args=(base, slug, minutes), daemon=True
            ).start()
            hint = " Press Enter for a new presenter link."
        else:
            hint = ""
        if self.verbosity >= 1:
            self.stdout.write(f"Serving on {base}/ (uvicorn; Ctrl+C stops).{hint}")
        server.run()

    @staticmethod
    def open_when_up(server, url: str) -> None:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.started:
            webbrowser.open(url)

    def reissue_on_enter(self, base: str, slug: str, minutes: int) -> None:
        for _line in sys.stdin:
            self.issue_link(base, slug, minutes)
