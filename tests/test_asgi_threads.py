"""Under ASGI each request's sync code runs on a thread of its own, reused from
one request to the next (deck/project/request_threads.py); no database, so no
per-request walk of database connections (deck/apps.py)."""

from __future__ import annotations

import asyncio
import threading

from asgiref.sync import sync_to_async
from asgiref.testing import ApplicationCommunicator
from django.test import override_settings

from deck.project.request_threads import RequestThreads


def sync_threads(threads: RequestThreads, started: asyncio.Event | None = None, wait=None):
    """A request whose sync code asks twice which thread it is on."""

    async def handle():
        first = await sync_to_async(threading.get_ident)()
        if started is not None:
            started.set()
            await wait.wait()
        second = await sync_to_async(threading.get_ident)()
        return first, second

    return threads.run(handle)


def test_a_request_keeps_one_thread_and_the_next_request_reuses_it():
    threads = RequestThreads()

    async def two_in_a_row():
        return await sync_threads(threads), await sync_threads(threads)

    (a1, a2), (b1, b2) = asyncio.run(two_in_a_row())
    assert a1 == a2  # one request, one thread
    assert b1 == a1  # the next request: the same thread, not a new one
    assert a1 != threading.get_ident()
    assert threads.idle == 1


def test_requests_at_the_same_time_get_threads_of_their_own_and_a_burst_ends_with_itself():
    threads = RequestThreads(keep_idle=2)

    async def four_at_once():
        release = asyncio.Event()
        started = [asyncio.Event() for _ in range(4)]
        tasks = [asyncio.ensure_future(sync_threads(threads, event, release)) for event in started]
        for event in started:
            await event.wait()  # all four inside at once
        release.set()
        return await asyncio.gather(*tasks)

    results = asyncio.run(four_at_once())
    assert all(first == second for first, second in results)
    assert len({first for first, _ in results}) == 4
    assert threads.idle == 2  # two kept for later, two stopped


async def get(application, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    communicator = ApplicationCommunicator(application, scope)
    await communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
    start = await communicator.receive_output(30)
    body = b""
    while True:
        message = await communicator.receive_output(30)
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    await communicator.wait(30)
    return start["status"], {name.lower(): value for name, value in start["headers"]}, body


def test_a_deck_page_under_asgi_runs_its_sync_code_on_a_reused_request_thread(monkeypatch):
    from deck import responses
    from deck.project import asgi

    view_threads = []
    deck_page = responses.deck_page

    def recording(request, slug):
        view_threads.append(threading.current_thread().name)
        return deck_page(request, slug)

    monkeypatch.setattr(responses, "deck_page", recording)
    monkeypatch.setattr(asgi, "request_threads", RequestThreads())

    async def twice():
        first = await get(asgi.application, "/lesson-09-advanced-django/")
        second = await get(asgi.application, "/lesson-09-advanced-django/")
        return first, second

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        (status, headers, body), (again, _, _) = asyncio.run(twice())
    assert status == 200 and again == 200
    assert b"Lesson Nine" in body
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"  # the middleware as ever
    assert headers[b"x-content-type-options"] == b"nosniff"
    assert len(view_threads) == 2 and view_threads[0] == view_threads[1]
    assert view_threads[0].startswith("deck-request")


def test_without_a_database_no_request_walks_the_database_connections():
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, reset_queries

    def receivers(signal):
        found = []
        for entry in signal.receivers:
            ref = entry[1]
            found.append(ref() if callable(ref) and not hasattr(ref, "__code__") else ref)
        return found

    assert reset_queries not in receivers(request_started)
    assert close_old_connections not in receivers(request_started)
    assert close_old_connections not in receivers(request_finished)


def test_under_asgi_djangos_header_only_hooks_run_in_the_event_loop(monkeypatch):
    from django.conf import settings

    from deck.project import asgi, event_loop_middleware

    hook_threads = []
    original = event_loop_middleware.XFrameOptionsMiddleware.process_response

    def recording(self, request, response):
        hook_threads.append(threading.get_ident())
        return original(self, request, response)

    monkeypatch.setattr(
        event_loop_middleware.XFrameOptionsMiddleware, "process_response", recording
    )

    async def page():
        return threading.get_ident(), await get(asgi.application, "/lesson-09-advanced-django/")

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        loop_thread, (status, headers, _) = asyncio.run(page())
    assert status == 200 and headers[b"x-frame-options"] == b"SAMEORIGIN"
    assert hook_threads == [loop_thread]  # no hand-over to a thread for the hook
    # The setting still names Django's own classes (check --deploy looks for them).
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.security.SecurityMiddleware" in settings.MIDDLEWARE


def test_sessions_stay_djangos_own_when_they_are_not_cookies():
    from deck.project.event_loop_middleware import in_the_loop

    chain = [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "deck.caching.middleware.DeckCacheMiddleware",
    ]
    assert in_the_loop(chain) == [
        "deck.project.event_loop_middleware.SecurityMiddleware",
        "deck.project.event_loop_middleware.SessionMiddleware",
        "deck.caching.middleware.DeckCacheMiddleware",
    ]
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cache"):
        assert in_the_loop(chain)[1] == "django.contrib.sessions.middleware.SessionMiddleware"
