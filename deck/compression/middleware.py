"""gzip and Brotli on the wire, for every page the site draws.

Outermost but for ``SecurityMiddleware``, so it sees every response, static
files included:

- a whole (not streaming) text response of 200 bytes or more is sent in the
  best encoding the client accepts (:func:`~deck.compression.encodings.negotiate`),
  with ``Vary: Accept-Encoding`` whether or not it was compressed;
- a page from the page cache is compressed once per encoding and then served
  from :mod:`deck.caching.encoded_pages`; anything else (the index, follow
  mode's pages, a transcript, a 404) is compressed as drawn;
- a compressed response's ETag names its encoding (``"abc-br"``), and an
  ``If-None-Match`` with such a tag reaches the view (and whitenoise) as the
  plain tag, so a reload is a 304 in every encoding; a 304 answers with the
  tag the browser holds;
- static files come compressed from whitenoise (variants made at
  ``collectstatic``: deck/project/static_files.py): only their ETag is named;
- streaming responses (event streams, whitenoise's files) are never touched:
  no buffering, no compression. An event stream sent whole (follow mode under
  WSGI) is left alone too.
"""

from __future__ import annotations

from collections.abc import Callable

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers

from deck.caching import encoded_pages
from deck.compression import encodings

MIN_BYTES = 200

COMPRESSIBLE_TYPES = (
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "text/markdown",
    "application/javascript",
    "application/json",
    "image/svg+xml",
)
# Must reach the browser message by message (deck/event_stream.py).
NEVER = ("text/event-stream",)


class CompressionMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        encoding, held = prepare(request)
        return finish(request, self.get_response(request), encoding, held)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        encoding, held = prepare(request)
        return finish(request, await self.get_response(request), encoding, held)


def prepare(request: HttpRequest) -> tuple[str | None, set[str]]:
    """The encoding this request gets; ``If-None-Match`` read back to plain tags."""
    encoding = encodings.negotiate(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    held: set[str] = set()
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        plain, held = encodings.request_etags(if_none_match, encoding)
        if plain is None:
            del request.META["HTTP_IF_NONE_MATCH"]
        else:
            request.META["HTTP_IF_NONE_MATCH"] = plain
    return encoding, held


def compressible(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type in COMPRESSIBLE_TYPES and content_type not in NEVER


def finish(
    request: HttpRequest, response: HttpResponseBase, encoding: str | None, held: set[str]
) -> HttpResponseBase:
    etag = response.get("ETag")
    if response.status_code == 304:
        # The browser asked with the tag of its copy: answer with that one.
        if etag and encoding and etag.removeprefix("W/") in held:
            response["ETag"] = encodings.encoded_etag(etag, encoding)
            patch_vary_headers(response, ("Accept-Encoding",))
        return response
    if response.has_header("Content-Encoding"):
        # Compressed already (whitenoise's variants): name it in the ETag.
        sent = response["Content-Encoding"]
        if etag and sent in encodings.ENCODINGS and encodings.plain_etag(etag)[1] is None:
            response["ETag"] = encodings.encoded_etag(etag, sent)
        return response
    if response.streaming or not compressible(response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    body = response.content
    if encoding is None or len(body) < MIN_BYTES or response.status_code == 206:
        return response
    key = encoded_pages.cached_page_key(etag, body)
    if key is not None:
        data = encoded_pages.encoded(key, body, encoding)
    else:
        data = encodings.compress(body, encoding, cached=False)
    if len(data) >= len(body):
        return response
    response.content = data
    response["Content-Length"] = str(len(data))
    response["Content-Encoding"] = encoding
    if etag:
        response["ETag"] = encodings.encoded_etag(etag, encoding)
    return response
