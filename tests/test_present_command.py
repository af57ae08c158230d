"""``manage.py present``: the printed links, its refusals, and --open."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import Client

from deck.management.commands.present import reaches_other_machines
from tests.conftest import ROOT
from tests.follow_server import LINK, FollowServer

SLUG = "lesson-09-advanced-django"


@pytest.fixture(autouse=True)
def hosts(settings):
    # pytest-django runs with DEBUG off, where Django allows only these.
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache another process could share (files), so no --serve is needed."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    yield caches["default"]
    caches["default"].clear()


def present(*args: str) -> str:
    out = StringIO()
    call_command("present", *args, stdout=out)
    return out.getvalue()


def test_prints_a_presenter_link_that_works_once(shared_cache):
    output = present(SLUG)
    match = LINK.search(output)
    assert match.group(1) == f"http://127.0.0.1:8000/{SLUG}/present/"
    assert f"Audience: http://127.0.0.1:8000/{SLUG}/follow/" in output
    assert re.search(r"once, until \d\d:\d\d", output)
    client = Client()
    client.get(f"/{SLUG}/present/")
    data = {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, "secret": match.group(2)}
    assert client.post(f"/{SLUG}/present/", data).status_code == 303
    assert Client().post(f"/{SLUG}/present/", data).status_code == 403


def test_host_port_and_https_shape_the_links(shared_cache, settings):
    settings.ALLOWED_HOSTS = ["deck.example.org"]
    output = present(SLUG, "--host", "deck.example.org", "--port", "443", "--https")
    assert f"https://deck.example.org:443/{SLUG}/present/#key=" in output
    assert f"Audience: https://deck.example.org:443/{SLUG}/follow/" in output


def test_quiet_prints_the_link_only(shared_cache):
    out = StringIO()
    call_command("present", SLUG, verbosity=0, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and LINK.fullmatch(lines[0])


def test_a_second_link_replaces_the_first(shared_cache):
    first = LINK.search(present(SLUG)).group(2)
    second = LINK.search(present(SLUG)).group(2)
    assert first != second
    from deck.follow import secret

    assert secret.redeem(SLUG, first) is False
    assert secret.redeem(SLUG, second) is True


def test_unknown_deck_is_a_clear_error(shared_cache):
    with pytest.raises(CommandError, match=r"no deck 'nope' in .*\(decks: lesson-09"):
        present("nope")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "--port 0: use a port between 1 and 65535"),
        (["--port", "70000"], "--port 70000"),
        (["--minutes", "0"], "--minutes 0: use 1 or more"),
        (["--host", "192.168.1.20"], "add 192.168.1.20 to DECK_ALLOWED_HOSTS"),
    ],
)
def test_user_mistakes_are_one_line_errors(shared_cache, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        present(SLUG, *args)


def test_debug_allows_local_addresses_only(shared_cache, settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    assert "http://localhost:8000/" in present(SLUG, "--host", "localhost")
    with pytest.raises(CommandError, match="add 10.0.0.7 to DECK_ALLOWED_HOSTS"):
        present(SLUG, "--host", "10.0.0.7")


def test_in_memory_cache_needs_serve():
    # The default cache: a link stored here would be in this process only.
    with pytest.raises(CommandError, match=r"add --serve .*\(DECK_CACHE_URL=redis://"):
        present(SLUG)


def test_dummy_cache_is_refused(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with pytest.raises(CommandError, match="keeps nothing"):
        present(SLUG, "--serve")


def test_errors_exit_non_zero_with_one_line():
    result = subprocess.run(
        [sys.executable, "manage.py", "present", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("CommandError: no deck 'nope'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_and_open_opens_the_link_once_the_server_answers(tmp_path):
    # A "browser" that records the link and fetches the page it points at.
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(
        f"#!{sys.executable}\n"
        "import sys, urllib.request\n"
        "status = urllib.request.urlopen(sys.argv[1].split('#')[0], timeout=10).status\n"
        f"open({str(opened)!r}, 'w').write(sys.argv[1] + ' ' + str(status))\n"
    )
    browser.chmod(0o755)
    server = FollowServer(SLUG, tmp_path, env={"BROWSER": str(browser)})
    server.start_args = ["--open"]
    server.start()
    try:
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        link, status = opened.read_text().split()
        assert link == server.presenter_link
        assert status == "200"
    finally:
        server.stop()


def test_bind_listens_on_one_address_while_links_name_the_host(tmp_path):
    env = {"DECK_ALLOWED_HOSTS": "127.0.0.1,127.0.0.2"}
    server = FollowServer(SLUG, tmp_path, env=env)
    # In a room: --bind 0.0.0.0 --host <the laptop's address>; loopback here.
    server.start_args = ["--bind", "127.0.0.1", "--host", "127.0.0.2"]
    server.start()  # it answers on 127.0.0.1
    try:
        assert server.presenter_link.startswith(f"http://127.0.0.2:{server.port}/{SLUG}/present/")
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.2", server.port), timeout=5).close()
    finally:
        server.stop()


def test_a_cache_that_is_down_is_a_clear_error(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    with pytest.raises(CommandError, match="cannot store the link in the cache"):
        present(SLUG)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize(
    ("bind", "host", "room"),
    [
        ("127.0.0.1", "localhost", False),
        ("0.0.0.0", "192.168.1.20", True),
        ("::", "127.0.0.1", True),
        ("127.0.0.1", "deck.example.org", True),
        ("[::1]", "talks.localhost", False),
    ],
)
def test_which_addresses_reach_other_machines(bind, host, room):
    assert reaches_other_machines(bind, host) is room


def test_serving_a_room_shows_no_debug_page(tmp_path):
    # The README's classroom command binds 0.0.0.0; DEBUG is on by default.
    local = FollowServer(SLUG, tmp_path)
    local.start()
    try:  # on loopback only, Django's DEBUG 404 lists the project's URL patterns
        status, page = fetch(local.url + "/_nope/x")
        assert status == 404 and "URLconf" in page
    finally:
        local.stop()
    room = FollowServer(SLUG, tmp_path)
    room.start_args = ["--bind", "0.0.0.0"]
    room.start()
    try:
        status, page = fetch(room.url + "/_nope/x")
        assert status == 404 and "URLconf" not in page and "deck.project" not in page
        assert fetch(room.url + f"/{SLUG}/follow/")[0] == 200
        status, deck = fetch(f"{room.url}/{SLUG}/")
        assert status == 200 and "data-layout-badges" not in deck
    finally:
        room.stop()
