"""Follow mode while Redis is stopped: no 500 reaches anyone. The position
endpoint says 503 (try again), the polling event path and the event stream
keep going without a position (followers keep the slide they show), the
presenter's move is told it was not shared, and all of it comes back when
Redis does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.test import Client

from deck.follow import secret
from tests.conftest import require
from tests.follow_server import EventReader, FollowServer, Presenter, start_redis

SLUG = "lesson-09-advanced-django"
POSITION = f"/{SLUG}/follow/position"
EVENTS = f"/{SLUG}/follow/events"


class Redis:
    """A real redis-server that a test stops and starts again on its port."""

    def __init__(self, folder):
        require(
            shutil.which("redis-server") is not None,
            "redis-server not found: apt-get install redis-server",
        )
        self.folder = folder
        self.process, self.url = start_redis(folder)
        self.port = int(self.url.rsplit(":", 1)[1].split("/")[0])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def start_again(self) -> None:
        import redis

        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            args, cwd=self.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)


@pytest.fixture
def redis_server(tmp_path):
    server = Redis(tmp_path)
    yield server
    if server.process.poll() is None:
        server.stop()


def events_of(body: bytes) -> list[tuple[str, object]]:
    found = re.findall(r"event: (\w+)\ndata: (.*)\n", body.decode())
    return [(name, json.loads(data)) for name, data in found]


def claimed(client: Client) -> str:
    page = client.get(f"/{SLUG}/present/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/{SLUG}/present/", {"csrfmiddlewaretoken": token, "secret": secret.issue(SLUG)}
    )
    assert response.status_code == 303
    config = client.get(f"/{SLUG}/present/").content.decode()
    return re.search(r'"csrf_token": "([^"]+)"', config).group(1)


def move(client: Client, token: str, h: int):
    return client.post(
        POSITION,
        json.dumps({"h": h, "v": 0, "f": None}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )


def test_polling_followers_and_the_presenter_get_no_500_while_redis_is_stopped(
    redis_server, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
        }
    }
    settings.DECK = {**settings.DECK, "CACHE_RETRY_SECONDS": 0}
    presenter = Client(enforce_csrf_checks=True)
    token = claimed(presenter)
    assert move(presenter, token, 3).status_code == 200
    assert events_of(Client().get(EVENTS).content)[0][1]["h"] == 3

    redis_server.stop()
    follower = Client()
    position = follower.get(POSITION)
    assert position.status_code == 503 and position["Retry-After"] == "1"
    # The polling path: an answer with no position in it (the follower keeps
    # its slide) and the retry hint, never a 500.
    polled = follower.get(EVENTS)
    assert polled.status_code == 200
    assert events_of(polled.content) == [("ping", None)]
    assert b"retry: " in polled.content
    moved = move(presenter, token, 4)
    assert moved.status_code == 503
    assert "could not be shared" in moved.json()["error"]
    assert follower.get(f"/{SLUG}/follow/").status_code == 200
    assert presenter.get(f"/{SLUG}/present/").status_code == 200
    # A presenter link handed in now is not used up: it works once Redis is back.
    other = Client()
    page = other.get(f"/{SLUG}/present/").content.decode()
    form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    refused = other.post(f"/{SLUG}/present/", {"csrfmiddlewaretoken": form, "secret": "x"})
    assert refused.status_code == 503 and b"try it again" in refused.content

    redis_server.start_again()  # empty: what the server stored is gone
    assert follower.get(POSITION).status_code == 200
    assert move(presenter, token, 5).status_code == 200
    assert events_of(follower.get(EVENTS).content)[0][1]["h"] == 5


def test_the_event_stream_keeps_followers_on_their_slide_while_redis_is_stopped(
    redis_server, tmp_path
):
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.shared_cache_settings",
        "DECK_TEST_REDIS_URL": redis_server.url,
    }
    server = FollowServer(SLUG, tmp_path, env=env).start()
    try:
        presenter = Presenter(server)
        assert presenter.claim() == 200
        follower = EventReader(server.deck_url + "/follow/events", timeout=30)
        assert follower.next() is None
        status, moved = presenter.move(2)
        assert status == 200 and follower.next() == moved

        redis_server.stop()
        # The stream stays open and says nothing new: heartbeats only.
        assert follower.next("ping") is None
        assert presenter.move(3)[0] == 503
        with pytest.raises(urllib.error.HTTPError) as position:
            urllib.request.urlopen(server.deck_url + "/follow/position", timeout=10)
        assert position.value.code == 503
        # A follower who reconnects during the outage gets what this server last saw.
        late = EventReader(server.deck_url + "/follow/events", timeout=30)
        assert late.next() == moved

        redis_server.start_again()
        # The presenter's page retries with backoff; the server tries Redis
        # again DECK["CACHE_RETRY_SECONDS"] after the failure.
        deadline = time.monotonic() + 30
        status, back = presenter.move(4)
        while status == 503 and time.monotonic() < deadline:
            time.sleep(0.25)
            status, back = presenter.move(4)
        assert status == 200
        assert follower.next() == back and late.next() == back
        follower.close()
        late.close()
        log = server.output()
        assert "Traceback" not in log and '" 500' not in log
    finally:
        server.stop()
