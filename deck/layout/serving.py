"""Answering a laid-out page's requests from Django, in this process.

Chromium asks for ``http://deck-layout.invalid/...``, a host no network
resolves; Playwright hands each request here. The deck's page is the HTML the
caller drew; static files come from the staticfiles finders; everything else
(Pygments CSS, pictures and files beside the deck) from the project's own
views, whatever kind of response they give: a picture is a streaming
``FileResponse``, whose bytes are read from its iterator, never ``.content``.

A request that cannot be answered is answered anyway, with a 500, and noted:
an unanswered request would hold the page until a timeout.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponseBase
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from deck.core.model import Deck

logger = logging.getLogger(__name__)

# Never resolved on any network: every request to it is answered here.
BASE_URL = "http://deck-layout.invalid"


def response_bytes(response: HttpResponseBase) -> bytes:
    """The body of any Django response, streaming or not."""
    try:
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content
    finally:
        response.close()


class DeckRoutes:
    """Serves one deck's page (``html``) and everything it loads."""

    def __init__(self, deck: Deck, html: str) -> None:
        self.deck = deck
        self.html = html.encode()
        self.errors: list[str] = []
        self.in_flight: dict[str, int] = {}
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    @property
    def page_url(self) -> str:
        return f"{BASE_URL}/{self.deck.slug}/"

    def attach(self, page) -> None:
        """Route the page's requests here and keep count of those not done."""
        page.route(f"{BASE_URL}/**", self.answer)
        page.on("request", lambda request: self._count(request.url, 1))
        page.on("requestfinished", lambda request: self._count(request.url, -1))
        page.on("requestfailed", lambda request: self._count(request.url, -1))

    def _count(self, url: str, step: int) -> None:
        count = self.in_flight.get(url, 0) + step
        if count > 0:
            self.in_flight[url] = count
        else:
            self.in_flight.pop(url, None)

    def answer(self, route, request=None) -> None:
        url = route.request.url
        try:
            status, content_type, body = self.respond(unquote(urlsplit(url).path))
        except Exception as error:  # noqa: BLE001 - any failure must still answer
            logger.exception("cannot answer %s", url)
            self.errors.append(f"cannot serve {url}: {type(error).__name__}: {error}")
            status, content_type, body = 500, "text/plain", b""
        route.fulfill(status=status, content_type=content_type, body=body)

    def respond(self, path: str) -> tuple[int, str, bytes]:
        if path == f"/{self.deck.slug}/":
            return 200, "text/html; charset=utf-8", self.html
        if path.startswith(self.static_prefix):
            found = finders.find(path[len(self.static_prefix) :])
            if not found:
                return 404, "text/plain", b""
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return 200, content_type, Path(found).read_bytes()
        try:
            match = resolve(path)
        except Resolver404:
            return 404, "text/plain", b""
        response = match.func(RequestFactory().get(path), *match.args, **match.kwargs)
        content_type = response.get("Content-Type", "application/octet-stream")
        return response.status_code, content_type, response_bytes(response)

    def waiting_for(self) -> str:
        """What the page still waits for, by the slide that names it ('' if nothing)."""
        described = []
        for url in sorted(self.in_flight):
            described.append(self.describe_url(url))
        return "; ".join(described)

    def describe_url(self, url: str) -> str:
        path = unquote(urlsplit(url).path)
        prefix = f"/{self.deck.slug}/"
        relative = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
        for slide in self.deck.split.slides:
            at = slide.body.find(relative) if relative else -1
            if at >= 0:
                line = slide.line + slide.body.count("\n", 0, at)
                return (
                    f"{self.deck.path.name}:{line}: slide {slide.number} still waits for {relative}"
                )
        return f"the page still waits for {url}"


def stall_message(deck: Deck, what: str, seconds: float, routes: DeckRoutes, slide: str) -> str:
    """One line for a page that did not get there in time: where it stopped."""
    waiting = routes.waiting_for()
    where = waiting or slide or "no request pending"
    return f"{deck.path.name}: {what} took over {seconds:.0f} s; {where}"


def time_budget_ms(deck: Deck, per_slide_ms: int = 200, base_ms: int = 30_000) -> int:
    """A timeout that grows with the deck: no deck is too big for it, and a
    page that really hangs is still named in reasonable time."""
    return base_ms + per_slide_ms * len(deck.split.slides)
