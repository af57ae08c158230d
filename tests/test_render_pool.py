"""A cold big page rendered on every core (deck/caching/render_pool.py):
the same page, the slide cache filled as by one process, a forkserver rather
than a fork of the threaded server, and one process when it cannot."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from deck import pages
from deck.caching import local_pages, render_pool, slide_cache
from deck.caching.url import parse
from deck.core.splitter import split

DECK = "\n\n---\n\n".join(
    f"## Slide {n}\n\n* point {n}\n\n```python\ndef f_{n}():\n    return {n}\n```"
    for n in range(40)
)


@pytest.fixture
def slides_dir(tmp_path, settings, monkeypatch):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "big.md").write_text(DECK, encoding="utf-8")
    settings.DECK = {"SLIDES_DIR": folder, "RENDER_PROCESSES_MIN_SLIDES": 10}
    settings.CACHES = {"default": {**parse("locmem://"), "LOCATION": f"test-{uuid.uuid4()}"}}
    monkeypatch.setattr(render_pool, "MIN_SLIDES_PER_WORKER", 5)
    monkeypatch.setattr(render_pool, "available_cpus", lambda: 3)
    local_pages.clear()
    yield folder
    local_pages.clear()


@pytest.fixture
def pool_runs(monkeypatch):
    runs = []
    real = render_pool._render

    def counted(slides, workers, seconds):
        runs.append((len(slides), workers))
        return real(slides, workers, seconds)

    monkeypatch.setattr(render_pool, "_render", counted)
    return runs


def serial_page(settings) -> bytes:
    settings.DECK = {**settings.DECK, "RENDER_PROCESSES_MIN_SLIDES": 0}
    local_pages.clear()
    from django.core.cache import caches

    caches["default"].clear()
    return Client().get("/big/").content


def test_a_cold_page_on_every_core_is_the_page_of_one_process(slides_dir, settings, pool_runs):
    parallel = Client().get("/big/")
    assert parallel["X-Deck-Cache"] == "miss"
    assert pool_runs == [(40, 3)]
    assert parallel.content == serial_page(settings)
    assert pool_runs == [(40, 3)]  # threshold 0: never


def test_the_workers_slides_fill_this_processes_cache(slides_dir, pool_runs):
    Client().get("/big/")
    text = DECK.replace("* point 7\n", "* point 7, edited\n")
    (slides_dir / "big.md").write_text(text, encoding="utf-8")
    edited = Client().get("/big/")
    # One slide rendered, here; 39 from the cache the workers' HTML went into.
    assert edited["X-Deck-Cache"] == "partial"
    assert pool_runs == [(40, 3)]
    assert b"point 7, edited" in edited.content


def test_workers_come_from_a_forkserver_with_only_the_renderer(slides_dir):
    context = render_pool._forkserver()
    assert context.get_start_method() == "forkserver"
    assert render_pool.PRELOAD == ["deck.render.budget"]


def test_few_uncached_slides_render_in_this_process(slides_dir, settings, pool_runs):
    settings.DECK = {**settings.DECK, "RENDER_PROCESSES_MIN_SLIDES": 41}
    Client().get("/big/")
    assert pool_runs == []


def test_the_export_renders_without_the_pool(slides_dir, pool_runs, tmp_path):
    from deck.export import parallel_render

    deck = pages.decks.get_deck("big")
    with render_pool.off():
        assert render_pool.workers_for(1000) == 1
    html = parallel_render.render_in_parallel(deck, jobs=1)
    assert pool_runs == []
    assert html == pages.slides_html(deck)


def test_a_failed_pool_falls_back_to_one_process(slides_dir, settings, monkeypatch):
    def broken(slides, workers, seconds):
        raise OSError("no processes here")

    monkeypatch.setattr(render_pool, "_render", broken)
    page = Client().get("/big/")
    assert page.status_code == 200
    assert page.content == serial_page(settings)


def test_cut_keeps_order_and_every_slide():
    slides = split(DECK).slides
    runs = render_pool.cut(list(slides), 3)
    assert len(runs) == 3
    assert [s for run in runs for s in run] == list(slides)


def test_a_custom_renderer_is_never_sent_to_the_pool(slides_dir, pool_runs):
    slides = split(DECK).slides
    contents = slide_cache.slide_contents(slides, "monokai", render=lambda slide: "x")
    assert contents == ["x"] * len(slides)
    assert pool_runs == []


def test_a_worker_ends_when_its_server_is_killed():
    """The worker's parent is the forkserver, so it watches the server itself."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import subprocess, sys, time\n"
        "from deck.caching.render_pool import end_with_server\n"
        "server = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "end_with_server(server.pid)\n"
        "server.kill(); server.wait()\n"
        "time.sleep(20)\n"
        "print('outlived its server')\n"
    )
    env = {"DJANGO_SETTINGS_MODULE": "deck.project.settings", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "outlived" not in done.stdout


def test_a_slide_too_complex_in_a_worker_is_named_as_in_one_process(
    slides_dir, settings, pool_runs
):
    # The render budget (deck/render/budget.py) holds in the workers too: a
    # slide past it there is rendered again here, which names it.
    heavy = "\n\n---\n\n## Heavy\n\n" + "# a\n" * 20_000
    (slides_dir / "big.md").write_text(DECK + heavy, encoding="utf-8")
    settings.DECK = {**settings.DECK, "RENDER_SECONDS": 0.2}
    settings.DEBUG = True  # the page names the file and line to its author
    page = Client(raise_request_exception=False).get("/big/")
    assert pool_runs == [(41, 3)]
    assert page.status_code == 500
    assert b"slide 41 is too complex to render" in page.content
    assert b"<code>big.md</code>, line 441" in page.content
