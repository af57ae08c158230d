"""The cache of rendered slides and pages, through Django's test client.

Each test gets its own slides folder and its own locmem cache (or a file
cache where a fault is needed), so tests never see each other's entries.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from deck.caching import keys, local_pages, page_cache
from deck.caching.backend import backend, get_instance, put
from deck.caching.local_pages import LocalPages
from deck.caching.middleware import DeckCacheMiddleware
from deck.caching.url import parse
from deck.caching.usage import current_usage, track
from deck.core.reading import DeckFile
from deck.core.splitter import Slide, split
from deck.render import slides
from deck.signals import deck_changed, deck_rendered
from deck.sources import DeckSource

DECK = """---
title: Cache test
---

# First slide

* one
* two

---

## Second slide

```python
print("hello")
```

Note: say hello

---

## Third slide

Some *text*.
"""


@pytest.fixture
def slides_dir(tmp_path, settings):
    """A slides folder of one deck and a cache of this test's own."""
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text(DECK, encoding="utf-8")
    settings.DECK = {"SLIDES_DIR": folder, "CACHE_RETRY_SECONDS": 0.2}
    settings.CACHES = {"default": {**parse("locmem://"), "LOCATION": f"test-{uuid.uuid4()}"}}
    return folder


@pytest.fixture
def deck_log(caplog):
    """caplog for the "deck" logger, which does not propagate to the root."""
    logger = logging.getLogger("deck")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG, logger="deck")
    yield caplog
    logger.removeHandler(caplog.handler)


def get(client, slug="talk", **headers):
    return client.get(f"/{slug}/", headers=headers)


def rewrite(path: Path, text: str) -> None:
    """Save as an editor does, at once (same second, maybe same size)."""
    path.write_text(text, encoding="utf-8")


def age(path: Path, seconds: float = 3600) -> None:
    """Make the file look saved long ago (so a stat alone is trusted)."""
    old = time.time() - seconds
    os.utime(path, (old, old))


# --- keys ---------------------------------------------------------------------

SLIDE = Slide(h=3, v=0, line=40, body="## Title\n\n* a\n* b", notes="say it", notes_line=45)


def test_slide_key_changes_with_source_style_and_renderer(monkeypatch):
    key = keys.slide_key(SLIDE, "monokai")
    assert keys.slide_key(replace(SLIDE, body=SLIDE.body + "!"), "monokai") != key
    assert keys.slide_key(replace(SLIDE, notes="say it loud"), "monokai") != key
    assert keys.slide_key(SLIDE, "friendly") != key
    monkeypatch.setattr(keys, "RENDERER_VERSION", "999")
    keys.reset()
    try:
        assert keys.slide_key(SLIDE, "monokai") != key
    finally:
        monkeypatch.undo()
        keys.reset()
    assert keys.slide_key(SLIDE, "monokai") == key


def test_slide_key_ignores_position_attributes_and_unrelated_settings(settings):
    key = keys.slide_key(SLIDE, "monokai")
    moved = replace(SLIDE, h=7, v=2, line=900, notes_line=905, attrs=(("class", "x"),))
    assert keys.slide_key(moved, "monokai") == key
    settings.DEBUG = not settings.DEBUG
    settings.DECK = {"THEME": "white"}
    assert keys.slide_key(SLIDE, "monokai") == key


def test_body_and_notes_do_not_run_together():
    a = replace(SLIDE, body="ab", notes="c")
    b = replace(SLIDE, body="a", notes="bc")
    assert keys.slide_key(a, "monokai") != keys.slide_key(b, "monokai")


def test_page_key_changes_with_text_and_everything_that_changes_the_page(settings, slides_dir):
    key = keys.page_key("talk", "text-digest")
    assert keys.page_key("talk", "other-text") != key
    assert keys.page_key("renamed", "text-digest") != key  # a title may be the slug
    settings.DEBUG = not settings.DEBUG
    assert keys.page_key("talk", "text-digest") != key
    settings.DEBUG = not settings.DEBUG
    assert keys.page_key("talk", "text-digest") == key
    settings.DECK = {**settings.DECK, "THEME": "white"}
    assert keys.page_key("talk", "text-digest") != key


def test_page_key_parts_can_be_added(slides_dir):
    key = keys.page_key("talk", "text-digest")
    flag = {"on": False}
    keys.page_key_part("test_extra_part")(lambda: flag["on"])
    try:
        assert keys.page_key("talk", "text-digest") != key
        with_part = keys.page_key("talk", "text-digest")
        flag["on"] = True
        assert keys.page_key("talk", "text-digest") != with_part
    finally:
        keys.remove_page_key_part("test_extra_part")
    assert keys.page_key("talk", "text-digest") == key


# --- pages: hit, partial, miss, fresh -------------------------------------------


def test_first_request_renders_then_hits(client, slides_dir, settings):
    settings.DEBUG = True  # the teacher's laptop: the page carries its notes
    first = get(client)
    assert first.status_code == 200
    assert first["X-Deck-Cache"] == "miss"
    assert "render;dur=" in first["Server-Timing"] and "cache;dur=" in first["Server-Timing"]
    second = get(client)
    assert second["X-Deck-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert b"First slide" in second.content and b"say hello" in second.content
    # Every word as typed, spaces included (the renderer once ate this one).
    assert b"<p>Some <em>text</em>.</p>" in second.content


def test_etag_answers_if_none_match_with_304(client, slides_dir):
    first = get(client)
    assert first["Cache-Control"] == "no-cache"
    again = get(client, **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["X-Deck-Cache"] == "hit"
    other = get(client, **{"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    # The other conditional headers are answered too.
    assert get(client, **{"If-Match": '"something-else"'}).status_code == 412
    assert get(client, **{"If-Match": first["ETag"]}).status_code == 200


def test_edit_of_one_slide_is_served_at_once_and_renders_that_slide_only(client, slides_dir):
    path = slides_dir / "talk.md"
    first = get(client)
    # Same second, same size: only the content tells.
    rewrite(path, DECK.replace("Some *text*.", "Some *TEXT*."))
    edited = get(client)
    assert edited["X-Deck-Cache"] == "partial"
    assert b"<em>TEXT</em>" in edited.content
    assert edited["ETag"] != first["ETag"]
    assert get(client, **{"If-None-Match": first["ETag"]}).status_code == 200


def test_an_old_file_is_trusted_by_stat_until_it_changes(client, slides_dir):
    path = slides_dir / "talk.md"
    age(path)
    get(client)
    assert get(client)["X-Deck-Cache"] == "hit"
    rewrite(path, DECK.replace("* two", "* TWO"))
    age(path, 1800)  # an editor that keeps an old mtime: ctime still moves
    response = get(client)
    assert b"TWO" in response.content
    assert response["X-Deck-Cache"] == "partial"


def test_a_file_replaced_by_rename_is_read_again(client, slides_dir):
    path = slides_dir / "talk.md"
    age(path)
    get(client)
    new = slides_dir / "talk.tmp"
    new.write_text(DECK.replace("one", "uno"), encoding="utf-8")
    stat = path.stat()
    os.utime(new, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(new, path)
    assert b"uno" in get(client).content


def test_new_and_deleted_decks_are_seen_at_once(client, slides_dir):
    age(slides_dir)
    get(client)
    assert get(client)["X-Deck-Cache"] == "hit"  # the folder listing is trusted now
    (slides_dir / "new.md").write_text("# New deck\n", encoding="utf-8")
    assert get(client, "new").status_code == 200
    age(slides_dir)
    get(client, "new")
    (slides_dir / "new.md").unlink()
    assert get(client, "new").status_code == 404
    os.replace(slides_dir / "talk.md", slides_dir / "renamed.md")
    assert get(client, "talk").status_code == 404
    assert get(client, "renamed")["X-Deck-Cache"] == "partial"  # same slides, new name


def test_moving_slides_reuses_them(client, slides_dir):
    get(client)
    rendered = []

    def spy(sender, **kwargs):
        rendered.append(kwargs)

    deck_rendered.connect(spy)
    try:
        # A new slide at the top moves every other slide down.
        moved = DECK.replace("# First slide", "# New\n\n---\n\n# First slide")
        rewrite(slides_dir / "talk.md", moved)
        response = get(client)
    finally:
        deck_rendered.disconnect(spy)
    assert response["X-Deck-Cache"] == "partial"
    assert rendered[0]["slides"] == 4 and rendered[0]["from_cache"] == 3
    # The reused slide sits at its new line.
    first = split(moved).slides[1]
    assert "# First slide" in first.body
    assert f'<section data-line="{first.line}">\n<h1>First slide'.encode() in response.content


def test_restored_text_is_a_hit_again(client, slides_dir):
    path = slides_dir / "talk.md"
    get(client)
    rewrite(path, DECK + "\n---\n\nMore\n")
    get(client)
    rewrite(path, DECK)
    assert get(client)["X-Deck-Cache"] == "partial"  # old page dropped on change


def test_broken_deck_is_not_cached_and_recovers(client, slides_dir):
    path = slides_dir / "talk.md"
    rewrite(path, "# Broken\n\n```python\nprint(1)\n")
    broken = get(client)
    assert broken.status_code == 500
    assert "X-Deck-Cache" not in broken or broken["X-Deck-Cache"] != "hit"
    rewrite(path, DECK)
    fixed = get(client)
    assert fixed.status_code == 200
    assert b"First slide" in fixed.content


def test_index_and_static_carry_no_cache_header(client, slides_dir):
    assert "X-Deck-Cache" not in client.get("/")
    assert "X-Deck-Cache" not in client.get("/nope/")


def test_dummy_backend_renders_every_time(client, slides_dir, settings):
    settings.CACHES = {"default": parse("dummy://")}
    assert get(client)["X-Deck-Cache"] == "miss"
    assert get(client)["X-Deck-Cache"] == "miss"


def test_slides_html_is_unchanged_by_the_cache(slides_dir):
    from deck import decks, pages

    deck = decks.get_deck("talk")
    direct = "\n".join(
        slides.wrap_stack([slides.render_slide(s) for s in stack]) for stack in deck.split.stacks
    )
    assert pages.slides_html(deck) == direct  # cold
    assert pages.slides_html(deck) == direct  # from the cache


# --- signals --------------------------------------------------------------------


def test_deck_changed_is_sent_once_per_change_and_drops_the_old_page(client, slides_dir):
    changes = []

    def listener(sender, **kwargs):
        changes.append(kwargs)

    deck_changed.connect(listener)
    try:
        first = get(client)
        get(client)
        rewrite(slides_dir / "talk.md", DECK + "\n---\n\nAppended\n")
        get(client)
        get(client)
    finally:
        deck_changed.disconnect(listener)
    assert len(changes) == 1
    change = changes[0]
    assert change["slug"] == "talk"
    assert change["previous"] != change["digest"]
    old_key = "page:" + first["ETag"].strip('"')
    assert backend().get(old_key) is None


# --- middleware -----------------------------------------------------------------


def test_middleware_leaves_streaming_responses_alone():
    def streaming_view(request):
        current_usage().used = True
        return StreamingHttpResponse(iter([b"a", b"b"]))

    def plain_view(request):
        current_usage().used = True
        return HttpResponse(b"page")

    request = RequestFactory().get("/x/")
    streamed = DeckCacheMiddleware(streaming_view)(request)
    assert "X-Deck-Cache" not in streamed and "Server-Timing" not in streamed
    assert b"".join(streamed.streaming_content) == b"ab"
    assert DeckCacheMiddleware(plain_view)(request)["X-Deck-Cache"] == "hit"


# --- concurrency and faults ------------------------------------------------------


def test_concurrent_cold_requests_render_once(slides_dir):
    gate = threading.Event()
    calls = []

    def build(text: str) -> bytes:
        calls.append(text)
        gate.wait(5)
        return text.encode()

    source = DeckSource(DeckFile("x", Path("/nonexistent.md")), "digest-x", "slow text")
    results = []

    def request():
        with track() as usage:
            results.append((page_cache.page(source, 1000, build)[1], usage.status))

    threads = [threading.Thread(target=request) for _ in range(6)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 5
    while not calls and time.monotonic() < deadline:  # the first one is building
        time.sleep(0.01)
    time.sleep(0.2)  # let the others queue behind the first
    gate.set()
    for thread in threads:
        thread.join(10)
    assert len(calls) == 1
    assert [content for content, _ in results] == [b"slow text"] * 6
    assert sorted(status for _, status in results) == ["hit"] * 5 + ["miss"]


@pytest.fixture
def file_cache(tmp_path, settings, slides_dir):
    folder = tmp_path / "cache"
    folder.mkdir()
    settings.CACHES = {"default": parse(f"file://{folder}")}
    return folder


def version(i: int) -> str:
    return DECK + f"\n---\n\nVersion {i}\n"


def test_backend_down_still_serves_warns_once_and_resumes(client, file_cache, deck_log):
    caplog = deck_log
    assert get(client)["X-Deck-Cache"] == "miss"
    # The cache folder becomes a file: every read and write fails.
    shutil.rmtree(file_cache)
    file_cache.write_text("not a folder")
    # The page in use is still a hit: this process kept it.
    assert get(client)["X-Deck-Cache"] == "hit"
    for i in range(3):  # edits during the outage: rendered, served, one warning
        rewrite(slides_dir_of(file_cache) / "talk.md", version(i))
        time.sleep(0.1)
        response = get(client)
        assert response.status_code == 200
        assert f"Version {i}".encode() in response.content
        assert response["X-Deck-Cache"] == "miss"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "failed (NotADirectoryError" in warnings[0].getMessage()
    # Back: after the retry interval the backend is used again.
    file_cache.unlink()
    file_cache.mkdir()
    time.sleep(0.3)
    rewrite(slides_dir_of(file_cache) / "talk.md", version(9))
    assert get(client)["X-Deck-Cache"] == "miss"
    local_pages.clear()  # as a process that never saw it
    assert get(client)["X-Deck-Cache"] == "hit"
    assert any("caching resumed" in r.getMessage() for r in caplog.records)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def slides_dir_of(file_cache: Path) -> Path:
    return file_cache.parent / "slides"


def test_a_page_served_lately_is_kept_by_the_process(client, slides_dir):
    first = get(client)
    backend().clear()  # a restarted Redis, say
    again = get(client)
    assert again["X-Deck-Cache"] == "hit"
    assert again.content == first.content


def test_local_pages_are_bounded_by_bytes():
    pages = LocalPages()
    pages.put("a", b"x" * 40, max_bytes=100)
    pages.put("b", b"y" * 40, max_bytes=100)
    assert pages.get("a") is not None  # now the most recently used
    pages.put("c", b"z" * 40, max_bytes=100)
    assert pages.get("b") is None and pages.get("a") and pages.get("c")
    assert pages.size == 80
    pages.put("huge", b"h" * 101, max_bytes=100)
    assert pages.get("huge") is None


def test_logs_hits_and_misses_at_debug(client, slides_dir, deck_log):
    get(client)
    get(client)
    messages = [r.getMessage() for r in deck_log.records if r.name == "deck.caching.page_cache"]
    assert any(m.startswith("page miss: talk rendered") for m in messages)
    assert "page hit: talk" in messages


def test_split_then_render_matches_the_page(slides_dir, client):
    # The page holds exactly the slides slides_html makes, in order.
    deck = split(DECK)
    assert get(client).content.count(b"<section data-line=") == len(deck.slides)


def test_page_key_follows_a_hashing_static_storage(settings, slides_dir, tmp_path):
    from django.contrib.staticfiles.storage import staticfiles_storage

    key = keys.page_key("talk", "text-digest")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    staticfiles_storage._setup()
    staticfiles_storage.hashed_files = {"deck/deck.js": "deck/deck.abc123.js"}
    hashed = keys.page_key("talk", "text-digest")
    assert hashed != key
    staticfiles_storage.hashed_files = {"deck/deck.js": "deck/deck.def456.js"}
    assert keys.page_key("talk", "text-digest") != hashed


class Vanished:
    """A class an older version of the project had."""


def test_an_entry_written_by_another_version_is_missing_not_an_error(monkeypatch):
    import sys

    key = f"test:{uuid.uuid4()}"
    put(key, Vanished())
    assert isinstance(get_instance(key, Vanished), Vanished)
    assert get_instance(key, str) is None  # another kind
    monkeypatch.delattr(sys.modules[__name__], "Vanished")
    assert get_instance(key, object) is None  # cannot be unpickled any more


def test_page_variant_follows_settings_and_the_parts_that_move(settings, monkeypatch):
    from deck import pages  # noqa: F401 (registers the template part)
    from deck.live import watcher  # registers the live_reload part

    first = keys.page_variant()
    assert "\nlive_reload=" in first and "\ntemplate=" in first  # registered by deck.pages
    assert keys.page_variant() == first
    settings.DECK = {**settings.DECK, "THEME": "white"}  # a settings-only part
    themed = keys.page_variant()
    assert themed != first and "white" in themed
    monkeypatch.setattr(watcher, "enabled", lambda: True)  # a part that moves
    assert keys.page_variant() not in (first, themed)
    monkeypatch.undo()
    assert keys.page_variant() == themed


@pytest.mark.parametrize("stored", ["abc", 42, ["a"]], ids=["text", "number", "list"])
def test_a_cache_entry_of_the_wrong_type_is_rendered_again(client, slides_dir, stored):
    from deck import pages

    good = get(client).content
    key = pages.cached_page("talk").key
    local_pages.clear()
    put(key, stored)  # not bytes: written by hand, or by another program
    response = get(client)
    assert response.status_code == 200 and response.content == good
    assert response["X-Deck-Cache"] != "hit"
