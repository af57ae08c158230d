"""Fan-out of the presenter's position to the followers of one process.

Every follower holds an open server-sent-events stream. Rather than each of
them asking the cache, one poller task per deck per process reads the
position every ``POLL_SECONDS`` and wakes all local followers of that deck
through one :class:`asyncio.Event`: 200 followers cost one cache read per
interval, not 200. A move posted to this same process wakes the poller at
once (:func:`poke`); moves posted to other workers or machines arrive within
one interval through the shared cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import weakref
from collections.abc import AsyncIterator

from deck import event_stream
from deck.follow import position as store
from deck.follow.position import Position

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.1

# Marks a heartbeat in the stream of positions: sent after
# event_stream.HEARTBEAT_SECONDS with no move, so proxies keep an idle stream
# open and the browser can tell a quiet presenter from a dead connection.
HEARTBEAT = object()


class Feed:
    """The position of one deck as seen by this process, and who listens."""

    def __init__(self, hub: Hub, slug: str) -> None:
        self.hub = hub
        self.slug = slug
        self.position: Position | None = None
        self.listeners = 0
        self.changed = asyncio.Event()
        self.wake = asyncio.Event()
        self.task: asyncio.Task | None = None
        self._failing = False

    def start(self) -> None:
        # A clean context: the task must not inherit the first follower's
        # request context (Django's per-request thread executor ends with it).
        self.task = asyncio.get_running_loop().create_task(
            self._poll(), context=contextvars.Context()
        )

    def _announce(self, position: Position | None) -> None:
        self.position = position
        changed, self.changed = self.changed, asyncio.Event()
        changed.set()

    async def _poll(self) -> None:
        while self.listeners > 0:
            self.wake.clear()
            try:
                latest = await store.aread(self.slug)
            except Exception as error:  # the cache is down: keep the last position
                if not self._failing:
                    logger.warning("follow %s: cannot read the position: %s", self.slug, error)
                self._failing = True
            else:
                if self._failing:
                    logger.info("follow %s: reading the position again", self.slug)
                self._failing = False
                if latest != self.position:
                    self._announce(latest)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), POLL_SECONDS)
        if self.hub.feeds.get(self.slug) is self:
            del self.hub.feeds[self.slug]


class Hub:
    """The feeds of one event loop (one per worker process under uvicorn)."""

    def __init__(self) -> None:
        self.feeds: dict[str, Feed] = {}
        self.closing = False

    def close(self) -> None:
        """End every follower's stream (the server is stopping): their
        browsers reconnect, to this server when it is back or another one."""
        self.closing = True
        for feed in list(self.feeds.values()):
            feed._announce(feed.position)

    def join(self, slug: str) -> Feed:
        feed = self.feeds.get(slug)
        if feed is None or feed.task is None or feed.task.done():
            feed = self.feeds[slug] = Feed(self, slug)
            feed.listeners += 1
            feed.start()
        else:
            feed.listeners += 1
        return feed

    def leave(self, feed: Feed) -> None:
        feed.listeners -= 1
        if feed.listeners <= 0:
            feed.wake.set()  # let the poller notice and end now


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = weakref.WeakKeyDictionary()


def loop_hub() -> Hub:
    """The hub of the running event loop (one per worker process)."""
    loop = asyncio.get_running_loop()
    current = _hubs.get(loop)
    if current is None:
        current = _hubs[loop] = Hub()
    return current


def close() -> None:
    """End the streams of this event loop's followers; see :meth:`Hub.close`."""
    loop_hub().close()


def poke(slug: str) -> None:
    """A move was stored by this process: read it now, not at the next tick."""
    feed = loop_hub().feeds.get(slug)
    if feed is not None:
        feed.wake.set()


def newer(position: Position | None, than: Position | None) -> bool:
    """Whether ``position`` is a later move than ``than`` (versions only grow)."""
    if position is None:
        return False
    return than is None or position.version > than.version


async def follow(slug: str) -> AsyncIterator[Position | None | object]:
    """The current position at once, then every change, with heartbeats between.

    Yields :class:`Position` (or None before the presenter's first move) and
    :data:`HEARTBEAT`. Runs until the consumer stops (the client went away).
    """
    current = loop_hub()
    feed = current.join(slug)
    try:
        # One direct read per new connection, so a follower who reconnects
        # gets the freshest position even between two polls.
        try:
            sent = await store.aread(slug)
        except Exception as error:  # the cache is down: what this process last saw
            logger.debug("follow %s: cannot read the position: %s", slug, error)
            sent = feed.position
        yield sent
        while not current.closing:
            changed = feed.changed
            if newer(feed.position, sent):
                sent = feed.position
                yield sent
                continue
            try:
                await asyncio.wait_for(changed.wait(), event_stream.HEARTBEAT_SECONDS)
            except TimeoutError:
                yield HEARTBEAT
    finally:
        current.leave(feed)
