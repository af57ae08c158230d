"""The PDF export's progress lines: time so far and time left (deck/export/pdf_progress.py)."""

from __future__ import annotations

import threading
import time

from deck.export import pdf_progress
from deck.export.pdf import heartbeat


def test_durations_read_as_seconds_then_minutes():
    assert pdf_progress.duration(0.4) == "0 s"
    assert pdf_progress.duration(8.6) == "9 s"
    assert pdf_progress.duration(125) == "2 min 05 s"
    assert pdf_progress.duration(-3) == "0 s"


def test_a_line_says_time_so_far_and_time_left():
    estimate = pdf_progress.Estimate("printing 1000 pages", 40)
    assert estimate.line(10) == "printing 1000 pages: 10 s so far, about 30 s left"
    assert estimate.line(100) == (
        "printing 1000 pages: 1 min 40 s so far, longer than estimated (40 s)"
    )


def test_bigger_decks_are_estimated_to_take_longer_and_more_than_in_proportion():
    assert pdf_progress.expected_layout_s(1000) > pdf_progress.expected_layout_s(100)
    per_page_100 = pdf_progress.expected_print_s(100) / 100
    per_page_1000 = pdf_progress.expected_print_s(1000) / 1000
    assert per_page_1000 > per_page_100  # Chromium's cost per page grows with the document


def test_printing_is_estimated_from_how_fast_this_run_laid_out():
    expected_layout = pdf_progress.expected_layout_s(500)
    quick = pdf_progress.print_estimate([500], 500, expected_layout / 2)
    usual = pdf_progress.print_estimate([500], 500, expected_layout)
    slow = pdf_progress.print_estimate([500], 500, expected_layout * 3)
    assert usual.expected_s == pdf_progress.expected_print_s(500)
    assert quick.expected_s == usual.expected_s / 2
    assert slow.expected_s == usual.expected_s * 3
    # A stalled or instant layout does not make the estimate absurd.
    low, high = pdf_progress.SPEED_LIMITS
    assert pdf_progress.print_estimate([500], 500, 1e9).expected_s == usual.expected_s * high
    assert pdf_progress.print_estimate([500], 500, 0).expected_s == usual.expected_s * low
    # In parts, each is estimated as a document of its own size.
    halves = pdf_progress.print_estimate([250, 250], 500, expected_layout)
    assert halves.doing == "printing 500 pages"
    assert halves.expected_s == 2 * pdf_progress.expected_print_s(250) < usual.expected_s


def test_the_heartbeat_speaks_while_the_work_runs_and_stops_when_told():
    said: list[float] = []
    lock = threading.Lock()

    def say(seconds: float) -> None:
        with lock:
            said.append(seconds)

    with heartbeat(say, every=0.02) as beat:
        deadline = time.monotonic() + 5
        while len(said) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        beat.stop()
        count = len(said)
        time.sleep(0.1)
        assert len(said) == count  # stopped: nothing more, even inside the block
    assert count >= 3
    assert said == sorted(said) and said[0] > 0
