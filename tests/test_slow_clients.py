"""Slow clients cannot stall the site: under the README's production
commands (uvicorn; gunicorn with gthread workers), two requests sent halfway
and left hanging do not keep a third, normal request from being answered
first."""

from __future__ import annotations

import select
import socket

import pytest

from tests.production_commands import ProductionServer

SLUG = "lesson-09-advanced-django"


def half_sent(port: int) -> socket.socket:
    """A request whose headers never end, as a slow or hostile client sends it."""
    stalled = socket.create_connection(("127.0.0.1", port), timeout=30)
    stalled.sendall(f"GET /{SLUG}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".encode())
    return stalled


def whole_request(port: int) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=60) as normal:
        normal.sendall(
            f"GET /{SLUG}/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        chunks = []
        while chunk := normal.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize("program", ["uvicorn", "gunicorn"])
def test_two_stalled_requests_do_not_hold_up_a_third(program, tmp_path):
    server = ProductionServer(program, tmp_path / f"{program}.log").start()
    stalled = [half_sent(server.port), half_sent(server.port)]
    try:
        answer = whole_request(server.port)
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert b"reveal.js" in answer
        # Answered while both stalled requests are still waiting for their
        # answer: nothing has been sent to them, and their sockets are open.
        readable, _, _ = select.select(stalled, [], [], 0)
        assert readable == []
    finally:
        for connection in stalled:
            connection.close()
        server.stop()
