"""Crafted URLs and file names read nothing outside the slides and static
folders, answer 400 or 404, and never reach a page unescaped."""

from __future__ import annotations

import http.client
import os
from pathlib import Path

import pytest
from django.test import Client, override_settings

from deck.core.reading import SLUG, find_decks

ROOT = Path(__file__).resolve().parent.parent
SECRET = "TOP-SECRET-OUTSIDE-THE-SLIDES"
# Text that only the files a hostile path aims at contain.
LEAKS = [SECRET, "DECK_SECRET_KEY", "INSTALLED_APPS", "root:x:0:0", "def find_decks"]

HOSTILE = [
    "/static/../deck/project/settings.py",
    "/static/%2e%2e/deck/project/settings.py",
    "/static/%2E%2E/deck/project/settings.py",
    "/static/..%2fdeck/project/settings.py",
    "/static/..%2Fdeck%2Fsettings.py",
    "/static/%2e%2e%2fdeck%2fsettings.py",
    "/static/deck/../../deck/project/settings.py",
    "/static/deck/..%2f..%2fdeck/core/reading.py",
    "/static/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/static/..%5cdeck%5csettings.py",
    "/static/..\\deck\\settings.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/%00",
    "/static/deck/deck.css%00.py",
    "/static/deck/deck.css%00/../../../deck/project/settings.py",
    "//etc/passwd",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret/",
    "/../secret/",
    "/..%2f..%2fetc%2fpasswd/",
    "/good/../../secret.txt",
    "/good%2f..%2f..%2fsecret/",
    "/good%00/",
    "/%00/",
    "/leak/",
    "/secret/",
    "/etc/passwd/",
    "/_deck/pygments/..%2f..%2fdeck%2fsettings.css",
    "/_deck/pygments/%2e%2e.css",
    "/good..md/",
    "/good.md/",
]


@pytest.fixture
def slides(tmp_path):
    """A good deck, a secret next to (outside) the folder and a link to it."""
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "secret.md").write_text(f"# {SECRET}\n")
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "good.md").write_text("# Good deck\n\nIt works.\n")
    os.symlink(tmp_path / "secret.md", folder / "leak.md")
    with override_settings(DECK={"SLIDES_DIR": folder}):
        yield folder


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def assert_refused(status: int, body: str, url: str) -> None:
    assert status in (400, 404), f"{url} answered {status}"
    for leak in LEAKS:
        assert leak not in body, f"{url} leaked {leak!r}"


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_hostile_urls_through_django(slides, debug):
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug):
        # The test client reads '//host/path' as a URL with a host: only the
        # real server below gets those paths as they are.
        for url in (u for u in HOSTILE if not u.startswith("//")):
            response = client.get(url)
            assert_refused(response.status_code, body_of(response), url)
        assert client.get("/good/").status_code == 200
        assert client.get("/static/deck/deck.css").status_code == 200


def test_symlink_out_of_the_folder_is_not_a_deck(slides):
    assert set(find_decks(slides)) == {"good"}
    client = Client()
    index = body_of(client.get("/"))
    assert "Good deck" in index
    assert SECRET not in index and "leak" not in index


def test_symlink_inside_the_folder_is_followed(slides):
    os.symlink("good.md", slides / "alias.md")
    assert set(find_decks(slides)) == {"good", "alias"}
    assert "Good deck" in body_of(Client().get("/alias/"))


@pytest.mark.parametrize(
    "name",
    [
        "..",
        ".hidden",
        "a..b",
        "a.",
        "a/../b",
        "a//b",
        "/a",
        "a/",
        "a/.hidden",
        "a\\b",
        "a\x00b",
        "<b>",
        'a"b',
        "a'b",
        "a&b",
        "x" * 129,
    ],
)
def test_slug_pattern_refuses(name):
    assert not SLUG.match(name)


# Decks in lesson folders have slugs of several segments ('talks/a').
@pytest.mark.parametrize(
    "name", ["lesson-09-advanced-django", "a", "v1.2", "my_deck", "x" * 128, "talks/a"]
)
def test_slug_pattern_accepts(name):
    assert SLUG.match(name)


def raw_get(server, path: str) -> tuple[int, str]:
    """A request with the path exactly as given: http.client normalizes nothing."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


@pytest.mark.parametrize("debug", ["0", "1"], ids=["debug-off", "debug-on"])
def test_hostile_urls_against_the_real_server(slides, deck_server, debug):
    env = {
        "DECK_DEBUG": debug,
        "DECK_SECRET_KEY": "test-only-key-" + "x" * 40,
        "DECK_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    server = deck_server(slides, env=env)
    for url in HOSTILE:
        status, body = raw_get(server, url)
        assert_refused(status, body, url)
    assert raw_get(server, "/good/")[0] == 200
    assert raw_get(server, "/static/deck/deck.css")[0] == 200
    assert "Traceback" not in server.output()


# -- escaping -------------------------------------------------------------------

MARKUP_TITLE = "<script>alert('title')</script> & <b>bold</b>"


@pytest.fixture
def markup_slides(tmp_path):
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "markup.md").write_text(
        f'---\ntitle: "{MARKUP_TITLE}"\n---\n'
        "# <i>Heading</i>\n\nBody text\n\nNote: run help <subcommand> now\n"
    )
    (folder / "heading.md").write_text("# Deck <script>alert('h')</script> here\n")
    (folder / '"><img src=x onerror=alert(1)>.md').write_text("# from a hostile file name\n")
    with override_settings(DECK={"SLIDES_DIR": folder}):
        yield folder


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_titles_and_file_names_are_escaped_on_the_index(markup_slides, debug):
    with override_settings(DEBUG=debug):
        index = body_of(Client().get("/"))
    assert (
        "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        in index
    )
    assert "<script>alert" not in index
    assert "<img src=x" not in index and "onerror" not in index


def test_title_is_escaped_in_the_page_title(markup_slides):
    page = body_of(Client().get("/markup/"))
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    heading_page = body_of(Client().get("/heading/"))
    assert (
        "<title>Deck &lt;script&gt;alert(&#x27;h&#x27;)&lt;/script&gt; here</title>" in heading_page
    )


def test_notes_show_tag_like_text_as_text(markup_slides, settings):
    settings.DEBUG = True  # the teacher's laptop: the deck page carries its notes
    page = body_of(Client().get("/markup/"))
    assert '<aside class="notes"><p>run help &lt;subcommand&gt; now</p></aside>' in page


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_markup_in_the_url_is_escaped(markup_slides, debug):
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug):
        for url in [
            "/%3Cscript%3Ealert(1)%3C/script%3E/",
            "/x%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E/",
        ]:
            body = body_of(client.get(url))
            assert "<script>alert(1)" not in body
            assert "<img src=x" not in body


def test_markup_in_a_broken_deck_message_is_escaped(tmp_path):
    (tmp_path / "bad.md").write_text('---\ntitle: "<script>x</script>\n---\n# x\n')
    with override_settings(DECK={"SLIDES_DIR": tmp_path}, DEBUG=True):
        response = Client().get("/bad/")
        index = body_of(Client().get("/"))
    body = body_of(response)
    assert response.status_code == 500
    assert "<script>x" not in body and "<script>x" not in index
    assert "&lt;script&gt;x" in body
