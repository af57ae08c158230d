"""The one server-sent-events format of live reload and follow mode."""

from __future__ import annotations

import json

from deck import event_stream


def test_an_event_is_its_name_and_one_line_of_json():
    data = {"text": "two\nlines", "n": 1}
    message = event_stream.event("deck", data)
    assert message == b'event: deck\ndata: {"text": "two\\nlines", "n": 1}\n\n'
    name, line = message.decode().removesuffix("\n\n").split("\n")
    assert json.loads(line.removeprefix("data: ")) == data


def test_a_stream_opens_with_the_reconnect_delay_and_pings_by_event():
    assert event_stream.opening() == f"retry: {event_stream.RETRY_MS}\n\n".encode()
    assert event_stream.heartbeat() == b"event: ping\ndata: null\n\n"


def test_streaming_response_is_an_uncached_unbuffered_event_stream():
    response = event_stream.streaming_response(iter([b"retry: 1\n\n"]))
    assert response.streaming
    assert response["Content-Type"] == "text/event-stream"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Accel-Buffering"] == "no"
    assert b"".join(response.streaming_content) == b"retry: 1\n\n"


def test_finished_response_is_the_whole_stream_after_the_opening():
    position = event_stream.event("position", None)
    response = event_stream.finished_response(position)
    assert not response.streaming
    assert response["Content-Type"] == "text/event-stream"
    assert response["X-Accel-Buffering"] == "no"
    assert "no-cache" in response["Cache-Control"]
    assert response.content == event_stream.opening() + position
