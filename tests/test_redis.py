"""The Redis backend against a real ``redis-server`` started by the test.

Outside CI these tests are skipped when redis-server is missing; in CI
(``.ci/run`` installs it) they must run.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from deck.caching import local_pages
from deck.caching.url import parse
from tests import test_cache
from tests.conftest import ROOT, free_port, require
from tests.test_cache import DECK

REDIS = shutil.which("redis-server")
deck_log = test_cache.deck_log  # the fixture, shared


class RedisServer:
    """``redis-server`` on a free loopback port, nothing written to disk."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        args = [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if self.process.poll() is not None:
                    raise RuntimeError("redis-server exited at start") from None
                time.sleep(0.05)
        raise RuntimeError("redis-server did not answer")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def redis_server(tmp_path):
    require(REDIS is not None, "redis-server not found: apt-get install redis-server")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def slides(tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def redis_settings(settings, slides, redis_server):
    settings.DECK = {"SLIDES_DIR": slides, "CACHE_RETRY_SECONDS": 0.2}
    settings.CACHES = {"default": parse(redis_server.url)}
    return redis_server


def test_pages_and_slides_live_in_redis(client, redis_settings):
    assert client.get("/talk/")["X-Deck-Cache"] == "miss"
    assert client.get("/talk/")["X-Deck-Cache"] == "hit"
    import redis

    keys = redis.Redis.from_url(redis_settings.url).keys("deck:*")
    assert sum(b":page:" in key for key in keys) == 1
    assert sum(b":slide:" in key for key in keys) == 3


def test_redis_stopped_mid_talk_serves_warns_once_and_resumes(
    client, redis_settings, slides, deck_log
):
    assert client.get("/talk/")["X-Deck-Cache"] == "miss"
    redis_settings.stop()
    assert client.get("/talk/")["X-Deck-Cache"] == "hit"  # kept by this process
    for i in range(4):  # edits while Redis is away: rendered and served
        (slides / "talk.md").write_text(DECK + f"\n---\n\nVersion {i}\n", "utf-8")
        time.sleep(0.1)
        response = client.get("/talk/")
        assert response.status_code == 200
        assert f"Version {i}".encode() in response.content
        assert response["X-Deck-Cache"] == "miss"
    warnings = [r for r in deck_log.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "ConnectionError" in warnings[0].getMessage()

    redis_settings.start()  # same port, empty
    local_pages.clear()  # so that only Redis can answer
    statuses = []
    for _ in range(40):  # bounded: the retry interval is 0.2 s
        time.sleep(0.1)
        local_pages.clear()
        statuses.append(client.get("/talk/")["X-Deck-Cache"])
        if statuses[-1] == "hit":
            break
    assert statuses[-1] == "hit"
    assert any("caching resumed" in r.getMessage() for r in deck_log.records)
    assert len([r for r in deck_log.records if r.levelno >= logging.WARNING]) == 1


def fetch(url: str) -> tuple[int, Message, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers, response.read()


def test_two_processes_share_one_redis(deck_server, slides, redis_server, tmp_path):
    env = {"DECK_CACHE_URL": redis_server.url}
    first = deck_server(slides, env=env)
    second = deck_server(slides, env=env)

    status, headers, body = fetch(first.url + "/talk/")
    assert (status, headers["X-Deck-Cache"]) == (200, "miss")
    status, other_headers, other_body = fetch(second.url + "/talk/")
    assert (status, other_headers["X-Deck-Cache"]) == (200, "hit")
    assert other_body == body and other_headers["ETag"] == headers["ETag"]

    # One slide edited: the other process renders that slide only...
    (slides / "talk.md").write_text(DECK.replace("Some *text*.", "Edited *text*."), "utf-8")
    _, headers, body = fetch(second.url + "/talk/")
    assert headers["X-Deck-Cache"] == "partial"
    assert b"Edited <em>text</em>." in body
    # ...and the first serves that as a hit, never its old page.
    _, headers, again = fetch(first.url + "/talk/")
    assert headers["X-Deck-Cache"] == "hit"
    assert again == body


def test_warm_command_fills_the_cache_a_server_reads(deck_server, slides, redis_server):
    env = {**os.environ, "DECK_CACHE_URL": redis_server.url, "DECK_SLIDES_DIR": str(slides)}
    result = subprocess.run(
        [sys.executable, "manage.py", "deck_cache", "warm"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "talk: 3 slides, 3 rendered, 0 from cache" in result.stdout
    server = deck_server(slides, env={"DECK_CACHE_URL": redis_server.url})
    assert fetch(server.url + "/talk/")[1]["X-Deck-Cache"] == "hit"


def test_server_keeps_serving_when_redis_stops(deck_server, slides, redis_server):
    server = deck_server(slides, env={"DECK_CACHE_URL": redis_server.url})
    assert fetch(server.url + "/talk/")[1]["X-Deck-Cache"] == "miss"
    redis_server.stop()
    assert fetch(server.url + "/talk/")[1]["X-Deck-Cache"] == "hit"  # kept in the process
    for i in range(5):  # edits mid-talk still reach the screen
        (slides / "talk.md").write_text(DECK + f"\n---\n\nVersion {i}\n", "utf-8")
        status, headers, body = fetch(server.url + "/talk/")
        assert status == 200 and f"Version {i}".encode() in body
    log = server.output()
    assert log.count("WARNING deck.caching.backend: cache backend") == 1, log
