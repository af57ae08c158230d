"""Follow mode over real HTTP under uvicorn (``manage.py present --serve``):
static files under ASGI, the stream, 403s, a restart, and two server
processes sharing Redis."""

from __future__ import annotations

import hashlib
import shutil
import signal
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tests.follow_server import EventReader, FollowServer, Presenter, start_redis

SLUG = "lesson-09-advanced-django"


@pytest.fixture
def servers(tmp_path):
    started: list[FollowServer] = []

    def start(**kwargs) -> FollowServer:
        server = FollowServer(SLUG, tmp_path, **kwargs).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def redis_url(tmp_path):
    require(
        shutil.which("redis-server") is not None,
        "redis-server not found: apt-get install redis-server",
    )
    process, url = start_redis(tmp_path)
    yield url
    process.terminate()
    process.wait(10)


def get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_static_files_and_pages_are_served_under_asgi(servers):
    server = servers()
    status, body, headers = get(server.url + "/static/reveal/dist/reveal.js")
    assert status == 200
    on_disk = (ROOT / "static" / "reveal" / "dist" / "reveal.js").read_bytes()
    assert hashlib.sha256(body).digest() == hashlib.sha256(on_disk).digest()
    assert "javascript" in headers["Content-Type"]
    status, body, _ = get(server.url + "/static/deck/follow.js")
    assert status == 200 and b"EventSource" in body
    status, body, _ = get(server.deck_url + "/follow/")
    assert status == 200 and b'"mode": "follower"' in body
    assert get(server.url + "/static/no-such-file.js")[0] == 404
    # whitenoise's file responses are iterated synchronously; that must not
    # turn into a warning on every static file.
    assert "Warning" not in server.output()


def test_presenter_moves_reach_a_follower_over_http(servers):
    server = servers()
    follower = EventReader(server.deck_url + "/follow/events")
    assert follower.next() is None
    presenter = Presenter(server)
    assert presenter.claim() == 200  # the 303 was followed to the presenter page
    status, moved = presenter.move(2, 0, None)
    assert status == 200
    assert follower.next() == moved
    status, moved = presenter.move(2, 1, 0)
    assert follower.next() == moved
    follower.close()


def test_link_works_once_and_strangers_cannot_move(servers):
    server = servers()
    presenter = Presenter(server)
    assert presenter.claim() == 200
    stranger = Presenter(server)
    assert stranger.claim() == 403  # the link was used
    assert stranger.move(5)[0] == 403
    no_token = Presenter(server)
    no_token.jar = presenter.jar  # the presenter's cookies, but no CSRF header
    request = urllib.request.Request(
        server.deck_url + "/follow/position", data=b'{"h": 1, "v": 0}', method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        no_token.opener.open(request, timeout=10)
    assert refused.value.code == 403


def test_the_secret_is_not_in_the_server_log(servers):
    server = servers()
    presenter = Presenter(server)
    assert presenter.claim() == 200
    assert Presenter(server).claim() == 403
    log = server.output()
    # The command prints the link once, on purpose; nothing else carries it.
    assert log.count(server.key) == 1


def test_followers_and_presenter_come_back_after_a_restart(servers):
    server = servers()
    presenter = Presenter(server)
    assert presenter.claim() == 200
    follower = EventReader(server.deck_url + "/follow/events")
    follower.next()
    presenter.move(3)
    assert follower.next()["h"] == 3
    server.restart()
    # The old stream ends with the old process, and does not hang it.
    assert server.process.poll() is None
    with pytest.raises((EOFError, OSError)):
        follower.next()
    follower = EventReader(server.deck_url + "/follow/events")
    follower.next()  # the in-memory cache started empty
    # Rights are in the signed session cookie: they survive the restart.
    status, moved = presenter.move(4, 0, 1)
    assert status == 200
    assert follower.next() == moved
    follower.close()


def test_two_server_processes_sharing_redis_stay_in_step(servers, redis_url):
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.shared_cache_settings",
        "DECK_TEST_REDIS_URL": redis_url,
    }
    first = servers(env=env)
    second = servers(env=env)
    # The link printed by the second server is redeemed at the first: one cache.
    presenter = Presenter(first)
    assert presenter.claim(second.key) == 200
    on_first = EventReader(first.deck_url + "/follow/events")
    on_second = EventReader(second.deck_url + "/follow/events")
    assert on_first.next() is None and on_second.next() is None
    status, moved = presenter.move(6, 0, None)
    assert status == 200
    assert on_first.next() == moved
    assert on_second.next() == moved  # polled from Redis, not poked
    on_first.close()
    on_second.close()


def test_idle_followers_hold_no_thread_each(servers):
    server = servers()

    def threads() -> int:
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        return int(status.split("Threads:")[1].split()[0])

    before = threads()
    followers = [EventReader(server.deck_url + "/follow/events") for _ in range(40)]
    for follower in followers:
        follower.next()
    # Django would park one thread per open request; the pool for cache reads
    # is bounded (a few threads), whatever the number of followers.
    assert threads() - before < 15
    for follower in followers:
        follower.close()


def test_streams_still_pass_through_the_middleware(servers):
    server = servers()
    follower = EventReader(server.deck_url + "/follow/events")
    assert follower.response.getheader("X-Content-Type-Options") == "nosniff"
    assert follower.response.getheader("Content-Type") == "text/event-stream"
    follower.close()
    # Host validation applies to streams too.
    request = urllib.request.Request(
        server.deck_url + "/follow/events", headers={"Host": "evil.example"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400


def test_stopping_with_followers_connected_ends_their_streams_cleanly(servers):
    server = servers()
    followers = [EventReader(server.deck_url + "/follow/events") for _ in range(5)]
    for follower in followers:
        follower.next()
    server.stop()
    # It ended on the SIGTERM it was sent (uvicorn re-raises it once done),
    # rather than being killed after waiting for the streams.
    assert server.process.returncode in (0, -signal.SIGTERM)
    for follower in followers:
        with pytest.raises(EOFError):
            follower.next()
    assert "ERROR" not in server.output()
    assert "Traceback" not in server.output()
