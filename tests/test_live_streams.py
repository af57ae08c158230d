"""Event streams against a real ``runserver``: they end when the browser
leaves, and they never hold up the autoreloader's restart."""

from __future__ import annotations

import http.client
import os
import time
import urllib.request

import pytest

from tests.conftest import ROOT


@pytest.fixture
def slides(tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text("# Talk\n\n---\n\n## Two\n")
    return folder


def open_stream(server) -> http.client.HTTPConnection:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", "/_deck/live/talk/events")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    assert response.read1(1024).startswith(b"retry: ")
    connection.response = response
    return connection


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_stream_ends_when_the_browser_leaves(deck_server, slides):
    server = deck_server(slides, reload=True, env={"DECK_LOG_LEVEL": "DEBUG"})
    connection = open_stream(server)
    connection.response.close()
    connection.close()
    # The next keep-alive comment finds the socket closed and the thread ends.
    assert wait_until(lambda: "live stream for talk closed" in server.output(), 30), server.output()


def test_saves_arrive_on_the_stream(deck_server, slides):
    server = deck_server(slides, reload=True)
    connection = open_stream(server)
    (slides / "talk.md").write_text("# Talk\n\n---\n\n## Two, edited\n")
    received = b""
    deadline = time.monotonic() + 20
    while b"event: deck" not in received and time.monotonic() < deadline:
        received += connection.response.read1(1024)
    assert b'event: deck\ndata: {"kind": "changed", "moved_to": null}' in received
    connection.response.close()
    connection.close()
    assert "reloading" not in server.output()


def test_python_change_restarts_the_server_with_streams_open(deck_server, slides):
    server = deck_server(slides, reload=True)
    connections = [open_stream(server) for _ in range(3)]
    module = ROOT / "deck" / "live" / "views.py"
    # The reloader notes every file's mtime on its first pass, which on a cold
    # start may come after a single touch (the file is then "first seen", not
    # changed): touch it again each second until the restart is reported.
    reloading = "views.py changed, reloading"
    deadline = time.monotonic() + 30
    ahead = 1
    while reloading not in server.output() and time.monotonic() < deadline:
        now = time.time()
        os.utime(module, (now, now + ahead))
        ahead += 1
        time.sleep(1)
    assert reloading in server.output(), server.output()
    # The old process exits at once: each open stream sees the end of its response.
    # (A stream that stayed open would time out here, after 30 s.)
    for connection in connections:
        while connection.response.read1(1024):
            pass
        connection.response.close()
        connection.close()

    def answers() -> bool:
        try:
            return urllib.request.urlopen(server.url + "/talk/", timeout=5).status == 200
        except OSError:
            return False

    assert wait_until(answers, 30), server.output()
    assert server.process.poll() is None
