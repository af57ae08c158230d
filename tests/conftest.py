"""Shared fixtures: a real server process and headless Chromium.

Browser tests need Debian's chromium at /usr/bin/chromium. Outside CI they
are skipped, with the reason, when it is missing; in CI (CI=true) a missing
browser is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = os.environ.get("DECK_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(items) -> None:
    """Browser tests last. Playwright's sync API leaves an event loop running
    in the main thread, after which Django's test client cannot call async
    views (async_to_sync refuses to run inside a running loop)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` outside CI; in CI, fail instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DeckServer:
    """``manage.py runserver`` in a subprocess, as the teacher runs it."""

    def __init__(self, slides_dir: Path | None = None, *, reload: bool = False, env=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        if slides_dir is not None:
            self.env["DECK_SLIDES_DIR"] = str(slides_dir)
        self.reload = reload
        self.process: subprocess.Popen | None = None
        self.log_path = None

    def start(self, tmp_log: Path) -> DeckServer:
        args = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}"]
        if not self.reload:
            args.append("--noreload")
        self.log_path = tmp_log
        self.log = tmp_log.open("wb")
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {tmp_log.read_text()}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start: {tmp_log.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.process:
            self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""


@pytest.fixture(autouse=True)
def fresh_caching_state():
    """Every test starts as a new process would: no backend outage remembered,
    no pages kept in memory, no file trusted by stat, no key worked out."""
    from deck import sources
    from deck.caching import backend, keys, local_pages

    def reset() -> None:
        backend.health.reset()
        keys.reset()
        local_pages.clear()
        sources.forget()

    reset()
    yield
    reset()


@pytest.fixture(scope="session")
def lesson_server(tmp_path_factory):
    """The project's own slides/ folder, served as the README says."""
    server = DeckServer(ROOT / "slides").start(tmp_path_factory.mktemp("log") / "server.log")
    yield server
    server.stop()


@pytest.fixture
def deck_server(tmp_path):
    """Start servers on folders of your own: ``deck_server(slides_dir)``."""
    servers: list[DeckServer] = []

    def start(slides_dir: Path, **kwargs) -> DeckServer:
        server = DeckServer(slides_dir, **kwargs)
        servers.append(server)
        return server.start(tmp_path / f"server-{len(servers)}.log")

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    require(
        Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
        f"Chromium not found at {CHROMIUM}: apt-get install chromium",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class PageWatch:
    """A page plus what went wrong on it: console errors and failed requests."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda r: r.status >= 400 and self.errors.append(f"{r.status}: {r.url}"),
        )

    def _failed(self, request) -> None:
        # Cancelled, not failed: a request still in flight when the page
        # reloads itself (live reload's fresh page) or that the page aborted.
        if request.failure == "net::ERR_ABORTED":
            return
        self.errors.append(f"failed: {request.url} ({request.failure})")


def open_speaker_view(page):
    """Press S on a presented deck: reveal.js's speaker window, loaded."""
    with page.context.expect_page() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_load_state()
    return speaker


@pytest.fixture
def page(browser):
    """A fresh 1280x720 page; ``page.watch.errors`` lists what went wrong."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def lesson_text() -> str:
    return (ROOT / "slides" / "lesson-09-advanced-django.md").read_text(encoding="utf-8")
