"""Server-sent events: the framing and the responses of every event stream.

Live reload (``deck.live.views``, sync, one runserver thread per open page)
and follow mode (``deck.follow.views``, async under ASGI) both push with
server-sent events; this module is the one place that knows the format
(https://html.spec.whatwg.org/multipage/server-sent-events.html) and the
headers, so both streams look alike on the wire and to a proxy.

A stream starts with :func:`opening` (the browser's reconnect delay), sends
:func:`event` messages and, while idle, a :func:`heartbeat` at least every
:data:`HEARTBEAT_SECONDS`. The generator that does this is the feature's;
:func:`streaming_response` takes a sync or an async one alike.

No message carries an ``id:``: neither stream resumes from one (a page that
reconnects asks for the state anew, a follower is sent the current position).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, Iterable
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import add_never_cache_headers

# How long the browser waits before reconnecting on its own once a stream
# ends. Under WSGI a follower's stream answers once and ends, so this is the
# followers' polling interval: 1 s keeps the audience within a second of the
# presenter at one request per follower per second. Live reload ends a stream
# rarely (every few minutes, or a restart), and the page asks for the deck's
# state when it reconnects, so the second costs it nothing that matters.
RETRY_MS = 1000

# How often an idle stream sends a ping. Live reload needs it short: under
# runserver a stream holds a thread, and only a write notices that the page
# went away (often the second write after the close), so the thread of a
# closed tab ends within two pings. Follow mode needs it well under the idle
# timeout of proxies (nginx and most load balancers: 60 s) and of follow.js's
# watchdog (40 s). 5 s serves both; a ping is a few bytes.
HEARTBEAT_SECONDS = 5.0

CONTENT_TYPE = "text/event-stream"


def event(name: str, data: Any) -> bytes:
    """One message: the ``name`` event with ``data`` as JSON.

    ``json.dumps`` with no indent writes one line, so one ``data:`` line
    always carries the whole value.
    """
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode()


def opening() -> bytes:
    """The first message of every stream: the reconnect delay, and bytes that
    go out at once, so the browser's ``open`` fires without waiting for news."""
    return f"retry: {RETRY_MS}\n\n".encode()


def heartbeat() -> bytes:
    """A ``ping`` event: follow.js's watchdog listens for it; live.js has no
    listener and EventSource drops it; a write that fails ends the stream."""
    return event("ping", None)


def _headers(response: HttpResponse | StreamingHttpResponse) -> None:
    # A stream is news: never stored by a browser or a proxy.
    add_never_cache_headers(response)
    # nginx buffers proxied responses by default: pass events on at once.
    response["X-Accel-Buffering"] = "no"


def streaming_response(messages: Iterable[bytes] | AsyncIterable[bytes]) -> StreamingHttpResponse:
    """The stream of ``messages`` (sync under runserver, async under ASGI)."""
    response = StreamingHttpResponse(messages, content_type=CONTENT_TYPE)
    _headers(response)
    return response


def finished_response(*messages: bytes) -> HttpResponse:
    """A whole stream in one answer that ends at once: the browser reconnects
    after :data:`RETRY_MS`, which makes it poll (follow mode under WSGI)."""
    response = HttpResponse(b"".join((opening(), *messages)), content_type=CONTENT_TYPE)
    _headers(response)
    return response
