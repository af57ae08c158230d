"""gzip and Brotli on the wire (deck/compression/): every page kind, ETags
and 304s per encoding, a warm page compressed once, static files compressed
by whitenoise, and event streams untouched."""

from __future__ import annotations

import asyncio
import gzip
import os
import time
import uuid

import brotli
import pytest
from django.core.management import call_command
from django.http import HttpResponse, StreamingHttpResponse
from django.test import AsyncClient, Client, RequestFactory

from deck.caching import encoded_pages, local_pages
from deck.caching.url import parse
from deck.compression import encodings
from deck.compression.middleware import CompressionMiddleware
from deck.project import static_files
from deck.signals import deck_changed

DECK = "---\ntitle: Wire test\n---\n\n" + "\n\n---\n\n".join(
    f"## Slide {n}\n\n* point {n}\n* another point\n\n```python\nprint({n})\n```" for n in range(30)
)
DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}


@pytest.fixture
def slides_dir(tmp_path, settings):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text(DECK, encoding="utf-8")
    settings.DECK = {"SLIDES_DIR": folder}
    settings.CACHES = {"default": {**parse("locmem://"), "LOCATION": f"test-{uuid.uuid4()}"}}
    local_pages.clear()
    yield folder
    local_pages.clear()


@pytest.fixture
def compress_calls(monkeypatch):
    calls = []
    real = encodings.compress

    def counted(data, encoding, *, cached):
        calls.append((encoding, cached))
        return real(data, encoding, cached=cached)

    monkeypatch.setattr(encodings, "compress", counted)
    return calls


PAGES = ["/talk/", "/talk/follow/", "/", "/no-such-deck/"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_every_page_kind_is_compressed_to_the_same_bytes(slides_dir, path, encoding):
    client = Client()
    plain = client.get(path)
    packed = client.get(path, headers={"accept-encoding": encoding})
    assert plain.status_code == packed.status_code
    assert not plain.has_header("Content-Encoding")
    assert packed["Content-Encoding"] == encoding
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
    body = DECODE[encoding](packed.content)
    if path == "/talk/follow/":  # a per-request CSRF cookie never enters the page
        assert body.decode().count("Slide 29") == plain.content.decode().count("Slide 29") == 1
    else:
        assert body == plain.content
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]


def test_brotli_is_preferred_and_refusals_are_honoured(slides_dir):
    client = Client()
    assert (
        client.get("/talk/", headers={"accept-encoding": "gzip, deflate, br"})["Content-Encoding"]
        == "br"
    )
    only_gzip = client.get("/talk/", headers={"accept-encoding": "br;q=0, gzip"})
    assert only_gzip["Content-Encoding"] == "gzip"
    assert not client.get("/talk/", headers={"accept-encoding": "identity"}).has_header(
        "Content-Encoding"
    )


def test_negotiation():
    assert encodings.negotiate("") is None
    assert encodings.negotiate("gzip") == "gzip"
    assert encodings.negotiate("gzip;q=1.0, br;q=0.5") == "gzip"
    assert encodings.negotiate("*") == "br"
    assert encodings.negotiate("*, br;q=0") == "gzip"
    assert encodings.negotiate("gzip;q=0, br;q=0") is None
    assert encodings.negotiate("deflate, gzip;q=bad") is None


def test_etag_differs_per_encoding_and_each_gets_its_304(slides_dir):
    client = Client()
    tags = {}
    for encoding in ("", "gzip", "br"):
        response = client.get("/talk/", headers={"accept-encoding": encoding})
        tags[encoding] = response["ETag"]
    assert len(set(tags.values())) == 3
    assert tags["br"] == tags[""][:-1] + '-br"'
    for encoding, tag in tags.items():
        again = client.get("/talk/", headers={"accept-encoding": encoding, "if-none-match": tag})
        assert again.status_code == 304, encoding
        assert again["ETag"] == tag
        assert again.content == b""
    # A copy in another encoding is not this representation: a whole page.
    other = client.get("/talk/", headers={"accept-encoding": "gzip", "if-none-match": tags["br"]})
    assert other.status_code == 200 and other["Content-Encoding"] == "gzip"


def test_an_edit_changes_every_encodings_etag(slides_dir):
    client = Client()
    before = client.get("/talk/", headers={"accept-encoding": "br"})
    (slides_dir / "talk.md").write_text(DECK + "\n\n---\n\n## One more", encoding="utf-8")
    after = client.get("/talk/", headers={"accept-encoding": "br", "if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert b"One more" in brotli.decompress(after.content)


def test_a_warm_compressed_page_is_served_without_compressing(slides_dir, compress_calls):
    client = Client()
    first = client.get("/talk/", headers={"accept-encoding": "br"})
    assert compress_calls == [("br", True)]
    for _ in range(3):
        warm = client.get("/talk/", headers={"accept-encoding": "br"})
        assert warm["X-Deck-Cache"] == "hit"
        assert warm.content == first.content
    assert compress_calls == [("br", True)]
    client.get("/talk/", headers={"accept-encoding": "gzip"})
    client.get("/talk/", headers={"accept-encoding": "gzip"})
    assert compress_calls == [("br", True), ("gzip", True)]


def test_a_drawn_page_is_compressed_every_time(slides_dir, compress_calls):
    client = Client()
    client.get("/talk/follow/", headers={"accept-encoding": "br"})
    client.get("/talk/follow/", headers={"accept-encoding": "br"})
    assert compress_calls == [("br", False), ("br", False)]


def test_variants_live_beside_the_page_in_the_local_tier_budget(slides_dir):
    client = Client()
    page = client.get("/talk/")
    size = local_pages._pages.size
    packed = client.get("/talk/", headers={"accept-encoding": "br"})
    assert local_pages._pages.size == size + len(packed.content)
    key = "page:" + page["ETag"].strip('"')
    assert local_pages.get(encoded_pages.variant_key(key, "br")) == packed.content


def test_the_old_pages_variants_are_dropped_when_the_deck_changes(slides_dir):
    key = "page:" + "a" * 40
    local_pages.put(encoded_pages.variant_key(key, "br"), b"x" * 300)
    # drop_replaced_variants works out the old key from the old digest.
    from deck.caching.keys import page_key

    old = page_key("talk", "old:inputs")
    name = encoded_pages.variant_key(old, "gzip")
    local_pages.put(name, b"y" * 300)
    deck_changed.send(sender=None, slug="talk", previous="old", inputs="inputs")
    assert local_pages.get(name) is None


def test_a_response_that_only_looks_cached_is_compressed_as_drawn(slides_dir, compress_calls):
    body = b"<p>" + b"not a deck page " * 50 + b"</p>"
    response = HttpResponse(body)
    response["ETag"] = '"' + "b" * 40 + '"'
    request = RequestFactory().get("/", headers={"accept-encoding": "gzip"})
    out = CompressionMiddleware(lambda request: response)(request)
    assert gzip.decompress(out.content) == body
    assert compress_calls == [("gzip", False)]


def test_small_and_binary_responses_stay_as_they_are(slides_dir):
    request = RequestFactory().get("/", headers={"accept-encoding": "br"})
    small = CompressionMiddleware(lambda request: HttpResponse(b"tiny"))(request)
    assert not small.has_header("Content-Encoding")
    picture = HttpResponse(b"\x89PNG" * 500, content_type="image/png")
    out = CompressionMiddleware(lambda request: picture)(request)
    assert not out.has_header("Content-Encoding") and not out.has_header("Vary")


def test_streaming_responses_are_neither_compressed_nor_buffered():
    def messages():
        yield b"retry: 1000\n\n"
        raise AssertionError("read past the first message: buffered")

    stream = StreamingHttpResponse(messages(), content_type="text/event-stream")
    request = RequestFactory().get("/", headers={"accept-encoding": "gzip, br"})
    out = CompressionMiddleware(lambda request: stream)(request)
    assert out is stream and not out.has_header("Content-Encoding")
    assert next(iter(out.streaming_content)) == b"retry: 1000\n\n"


def test_follow_events_stay_plain_under_asgi_and_wsgi():
    events = "/lesson-09-advanced-django/follow/events"

    async def scenario():
        response = await AsyncClient().get(events, headers={"accept-encoding": "gzip, br"})
        assert response.streaming and not response.has_header("Content-Encoding")
        chunks = aiter(response.streaming_content)
        assert await asyncio.wait_for(anext(chunks), 10) == b"retry: 1000\n\n"
        await chunks.aclose()

    asyncio.run(scenario())
    # Under WSGI the stream is sent whole, and still as text/event-stream.
    whole = Client().get(events, headers={"accept-encoding": "gzip, br"})
    assert not whole.has_header("Content-Encoding")
    assert whole.content.startswith(b"retry: 1000\n\n")


# --- static files: whitenoise's variants, made at collectstatic -------------

SCRIPT = "/* a script */\n" + "function step(n) { return n + 1; }\n" * 200


@pytest.fixture
def static_dirs(tmp_path, settings):
    source = tmp_path / "static"
    (source / "deck").mkdir(parents=True)
    (source / "deck" / "app.js").write_text(SCRIPT)
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    return source


def static_get(path: str, **headers) -> tuple:
    response = Client().get(path, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_static_files_are_served_from_whitenoises_compressed_variants(static_dirs):
    response, body = static_get("/static/deck/app.js", accept_encoding="br")
    assert not response.has_header("Content-Encoding")  # nothing collected yet
    assert static_files.collect_if_stale() == 1
    assert (static_dirs.parent / "collected" / "deck" / "app.js.br").exists()
    assert static_files.collect_if_stale() == 0  # fresh: collectstatic is not run again
    tags = set()
    for encoding in ("gzip", "br"):
        response, body = static_get("/static/deck/app.js", accept_encoding=encoding)
        assert response["Content-Encoding"] == encoding
        assert DECODE[encoding](body).decode() == SCRIPT
        assert "Accept-Encoding" in response["Vary"]
        again, _ = static_get(
            "/static/deck/app.js", accept_encoding=encoding, if_none_match=response["ETag"]
        )
        assert again.status_code == 304 and again["ETag"] == response["ETag"]
        tags.add(response["ETag"])
    plain, body = static_get("/static/deck/app.js")
    assert body.decode() == SCRIPT and not plain.has_header("Content-Encoding")
    tags.add(plain["ETag"])
    assert len(tags) == 3


def test_a_static_file_edited_after_collectstatic_is_served_fresh_and_plain(static_dirs):
    static_files.collect_if_stale()
    # Collected a minute ago, edited now.
    copy = static_dirs.parent / "collected" / "deck" / "app.js"
    earlier = time.time() - 60
    os.utime(copy, (earlier, earlier))
    edited = SCRIPT + "// edited\n"
    (static_dirs / "deck" / "app.js").write_text(edited)
    response, body = static_get("/static/deck/app.js", accept_encoding="br")
    assert body.decode() == edited
    assert not response.has_header("Content-Encoding")
    assert static_files.stale_files() == ["deck/app.js"]
    call_command("collectstatic", interactive=False, verbosity=0)
    response, body = static_get("/static/deck/app.js", accept_encoding="br")
    assert brotli.decompress(body).decode() == edited


def test_a_name_no_copy_can_have_is_no_copy(static_dirs):
    static_files.collect_if_stale()
    source = str(static_dirs / "deck" / "app.js")
    assert static_files.fresh_copy(source, "deck/app.js") is not None
    for name in ("deck/app\x00.js", "../static/deck/app.js", "deck/../../static/deck/app.js"):
        assert static_files.fresh_copy(source, name) is None
