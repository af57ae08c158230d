"""The followers' push channel in-process: one poller per deck fans out to
every follower; the stream's format; the WSGI fallback."""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import caches
from django.http import StreamingHttpResponse
from django.test import AsyncClient, Client

from deck import event_stream
from deck.follow import hub
from deck.follow import position as store

SLUG = "lesson-09-advanced-django"
EVENTS = f"/{SLUG}/follow/events"
# Generous: these are deadlines against a hang, not measurements.
WAIT = 10


@pytest.fixture(autouse=True)
def empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def listeners(slug: str) -> int:
    feed = hub.loop_hub().feeds.get(slug)
    return feed.listeners if feed else 0


async def publish(h: int, v: int = 0, f: int | None = None) -> store.Position:
    moved = await sync_to_async(store.publish)(SLUG, h, v, f)
    hub.poke(SLUG)
    return moved


def test_a_follower_gets_the_current_position_then_each_move():
    async def scenario():
        before = await publish(2)
        stream = hub.follow(SLUG)
        assert await asyncio.wait_for(anext(stream), WAIT) == before
        moved = await publish(3, 1, 0)
        assert await asyncio.wait_for(anext(stream), WAIT) == moved
        await stream.aclose()

    asyncio.run(scenario())


def test_before_the_first_move_a_follower_gets_none():
    async def scenario():
        stream = hub.follow(SLUG)
        assert await asyncio.wait_for(anext(stream), WAIT) is None
        moved = await publish(1)
        assert await asyncio.wait_for(anext(stream), WAIT) == moved
        await stream.aclose()

    asyncio.run(scenario())


def test_a_move_stored_by_another_process_arrives_by_polling():
    async def scenario():
        stream = hub.follow(SLUG)
        await asyncio.wait_for(anext(stream), WAIT)
        # No poke: as if another worker had stored it in the shared cache.
        moved = await sync_to_async(store.publish)(SLUG, 4, 0, None)
        assert await asyncio.wait_for(anext(stream), WAIT) == moved
        await stream.aclose()

    asyncio.run(scenario())


def test_many_followers_share_one_poller_and_all_get_the_move():
    async def scenario():
        streams = [hub.follow(SLUG) for _ in range(200)]
        await asyncio.gather(*(asyncio.wait_for(anext(s), WAIT) for s in streams))
        feeds = hub.loop_hub().feeds
        assert list(feeds) == [SLUG]
        assert listeners(SLUG) == 200
        moved = await publish(5, 0, 1)
        received = await asyncio.gather(*(asyncio.wait_for(anext(s), WAIT) for s in streams))
        assert received == [moved] * 200
        task = feeds[SLUG].task
        for stream in streams:
            await stream.aclose()
        assert listeners(SLUG) == 0
        # With nobody left, the poller ends and forgets the deck.
        await asyncio.wait_for(task, WAIT)
        assert SLUG not in feeds

    asyncio.run(scenario())


def test_an_older_move_is_never_sent_after_a_newer_one():
    assert hub.newer(store.Position(1, 0, None, 5), store.Position(2, 0, None, 4))
    assert not hub.newer(store.Position(1, 0, None, 4), store.Position(2, 0, None, 5))
    assert not hub.newer(None, store.Position(2, 0, None, 5))
    assert hub.newer(store.Position(1, 0, None, 1), None)


def test_the_stream_over_asgi_is_server_sent_events():
    async def scenario():
        response = await AsyncClient().get(EVENTS)
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "text/event-stream"
        assert "no-cache" in response["Cache-Control"]
        chunks = aiter(response.streaming_content)
        assert await asyncio.wait_for(anext(chunks), WAIT) == b"retry: 1000\n\n"
        assert await asyncio.wait_for(anext(chunks), WAIT) == b"event: position\ndata: null\n\n"
        moved = await publish(7, 2, None)
        chunk = await asyncio.wait_for(anext(chunks), WAIT)
        assert chunk == f"event: position\ndata: {json.dumps(moved.as_dict())}\n\n".encode()
        await chunks.aclose()

    asyncio.run(scenario())


def test_heartbeats_keep_an_idle_stream_alive(monkeypatch):
    monkeypatch.setattr(event_stream, "HEARTBEAT_SECONDS", 0.01)

    async def scenario():
        stream = hub.follow(SLUG)
        assert await asyncio.wait_for(anext(stream), WAIT) is None
        assert await asyncio.wait_for(anext(stream), WAIT) is hub.HEARTBEAT
        await stream.aclose()

    asyncio.run(scenario())


def test_under_wsgi_the_stream_answers_once_and_the_browser_polls():
    asyncio.run(publish(3))
    response = Client().get(EVENTS)
    assert not response.streaming
    assert response["Content-Type"] == "text/event-stream"
    body = response.content.decode()
    assert body.startswith("retry: 1000\n\n")
    event = body.split("\n\n")[1].split("\n")
    assert event[0] == "event: position"
    assert json.loads(event[1].removeprefix("data: "))["h"] == 3


def test_closing_the_hub_ends_every_stream():
    async def scenario():
        streams = [hub.follow(SLUG) for _ in range(3)]
        for stream in streams:
            await asyncio.wait_for(anext(stream), WAIT)
        hub.close()
        for stream in streams:
            with pytest.raises(StopAsyncIteration):
                await asyncio.wait_for(anext(stream), WAIT)
        assert listeners(SLUG) == 0

    asyncio.run(scenario())
