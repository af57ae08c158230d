"""ASGI entry point: ``uvicorn deck.project.asgi:application``.

Follow mode's event streams are async views: under ASGI an idle follower
costs an open socket and a suspended coroutine, not a worker.
"""

from __future__ import annotations

import os

import django

from deck import conf

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.project.settings")

# get_asgi_application(), with Django's header-only middleware run in the
# event loop (deck/project/event_loop_middleware.py).
django.setup(set_prefix=False)
from deck.project.event_loop_middleware import Handler  # noqa: E402 (after setup)

django_application = Handler()
# No system checks run here: a wrong DECK value stops the server now, naming it.
conf.validate()

from deck.project.request_threads import RequestThreads  # noqa: E402
from deck.urls import FOLLOW_EVENTS  # noqa: E402 (after Django is set up)

STREAM_SUFFIX = "/" + FOLLOW_EVENTS
# Every other request's sync code runs on a thread of its own, reused
# (deck/project/request_threads.py), not one started and joined per request.
request_threads = RequestThreads()


async def application(scope, receive, send) -> None:
    if scope["type"] == "http" and scope["path"].endswith(STREAM_SUFFIX):
        # Django gives every request its own thread for the sync hooks of its
        # middleware (asgiref's ThreadSensitiveContext), and that thread stays
        # parked until the response ends: for a follower's stream, hours of
        # one idle thread per follower. Streams skip that context, so their
        # few sync hooks run on asgiref's one shared thread instead; the
        # middleware chain (hosts, security headers) is the same. Kept for
        # its figure (BENCHMARKS.md, follow mode): with 200 followers the
        # server holds 8 threads this way and 207 through
        # ``django_application``. ``ASGIHandler.handle`` is undocumented;
        # the right home is upstream (a way to opt a request out of the
        # per-request thread context); tests/test_follow_server.py fails
        # if it goes away.
        await django_application.handle(scope, receive, send)
    elif scope["type"] == "http":
        await request_threads.run(lambda: django_application(scope, receive, send))
    else:
        await django_application(scope, receive, send)
