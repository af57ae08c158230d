"""Follow mode through Django's test client: presenter rights in the session,
the one-time secret, CSRF, and the position held in the cache."""

from __future__ import annotations

import hmac
import json
import logging
import re
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.test import Client

from deck.follow import position as store
from deck.follow import rights, secret
from tests.conftest import ROOT

SLUG = "lesson-09-advanced-django"
PRESENTER = f"/{SLUG}/present/"
POSITION = f"/{SLUG}/follow/position"


@pytest.fixture(autouse=True)
def empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def csrf_client() -> Client:
    """A browser: CSRF is checked, as in production."""
    return Client(enforce_csrf_checks=True)


def form_token(client: Client, url: str = PRESENTER) -> str:
    page = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def claim(client: Client, key: str) -> object:
    return client.post(PRESENTER, {"csrfmiddlewaretoken": form_token(client), "secret": key})


@pytest.fixture
def presenter() -> Client:
    client = csrf_client()
    response = claim(client, secret.issue(SLUG))
    assert response.status_code == 303
    return client


def page_config(html: str) -> dict:
    found = re.search(r'<script id="deck-follow" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1)) if found else {}


def move(client: Client, body, token: str | None = None):
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.post(POSITION, json.dumps(body), content_type="application/json", **headers)


def presenter_token(client: Client) -> str:
    return page_config(client.get(PRESENTER).content.decode())["csrf_token"]


# --- the one-time secret ---------------------------------------------------


def test_secret_works_once():
    key = secret.issue(SLUG)
    assert secret.redeem(SLUG, key) is True
    assert secret.redeem(SLUG, key) is False


def test_wrong_or_other_decks_secret_is_refused():
    key = secret.issue(SLUG)
    assert secret.redeem(SLUG, key[:-1] + ("A" if key[-1] != "A" else "B")) is False
    assert secret.redeem("other-deck", key) is False
    assert secret.redeem(SLUG, "") is False
    # A wrong guess does not use the real secret up.
    assert secret.redeem(SLUG, key) is True


def test_a_new_link_replaces_the_unused_one():
    first = secret.issue(SLUG)
    second = secret.issue(SLUG)
    assert secret.redeem(SLUG, first) is False
    assert secret.redeem(SLUG, second) is True


def test_secret_expires(monkeypatch):
    key = secret.issue(SLUG, minutes=15)
    import django.core.cache.backends.locmem as locmem

    now = locmem.time.time()
    monkeypatch.setattr(locmem.time, "time", lambda: now + 15 * 60 + 1)
    assert secret.redeem(SLUG, key) is False


def test_only_a_digest_is_stored_and_compared_in_constant_time(monkeypatch):
    key = secret.issue(SLUG)
    stored = caches["default"].get(f"follow:secret:{SLUG}")
    assert key not in stored and len(stored) == 64
    compared = []
    real = hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(secret.hmac, "compare_digest", spy)
    assert secret.redeem(SLUG, key) is True
    assert compared == [(stored, stored)]


def test_secret_is_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    key = secret.issue(SLUG)
    claim(csrf_client(), key + "x")  # refused
    claim(csrf_client(), key)  # accepted
    claim(csrf_client(), key)  # used up
    assert caplog.records, "the claims are logged"
    assert all(key not in record.getMessage() for record in caplog.records)


# --- presenter rights in the session ----------------------------------------


def test_claim_page_has_a_form_and_no_rights():
    client = csrf_client()
    response = client.get(PRESENTER)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="secret"' in html and "manage.py present" in html
    assert page_config(html) == {}
    assert "sessionid" not in response.cookies


def test_redeemed_link_grants_rights_and_redirects_to_the_clean_url(presenter):
    response = presenter.get(PRESENTER)
    assert response.status_code == 200
    config = page_config(response.content.decode())
    assert config["mode"] == "presenter"
    assert config["position"] == POSITION
    assert config["events"] == f"/{SLUG}/follow/events"
    assert config["csrf_token"]
    assert rights.SESSION_KEY in presenter.session
    assert presenter.session[rights.SESSION_KEY] == [SLUG]


def test_redirect_target_carries_no_secret():
    client = csrf_client()
    key = secret.issue(SLUG)
    response = claim(client, key)
    assert response.status_code == 303
    assert response["Location"] == PRESENTER
    assert key not in response["Location"]


def test_used_link_is_refused_with_a_clear_page(presenter):
    stranger = csrf_client()
    response = claim(stranger, "an-old-link")
    assert response.status_code == 403
    assert "already used, has expired, or is wrong" in response.content.decode()
    assert page_config(stranger.get(PRESENTER).content.decode()) == {}


def test_rights_are_per_deck(presenter, tmp_path, settings):
    (tmp_path / "other.md").write_text("# Other\n", encoding="utf-8")
    (tmp_path / f"{SLUG}.md").write_text("# Lesson\n---\n# Two\n", encoding="utf-8")
    settings.DECK = {**settings.DECK, "SLIDES_DIR": tmp_path}
    token = presenter_token(presenter)
    assert move(presenter, {"h": 1, "v": 0, "f": None}, token).status_code == 200
    other = presenter.post(
        "/other/follow/position",
        json.dumps({"h": 0, "v": 0}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert other.status_code == 403


def test_session_cookie_is_httponly_and_samesite_lax():
    client = csrf_client()
    response = claim(client, secret.issue(SLUG))
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # DEBUG: the embedded server is plain http


def test_cookies_are_secure_when_debug_is_off():
    code = (
        "import deck.project.settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SESSION_ENGINE)"
    )
    env = {"DECK_DEBUG": "0", "DECK_SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "True", "True", "Lax", "django.contrib.sessions.backends.signed_cookies"]


def test_secure_flag_reaches_the_cookie(settings):
    settings.SESSION_COOKIE_SECURE = True
    client = csrf_client()
    response = claim(client, secret.issue(SLUG))
    assert response.cookies["sessionid"]["secure"] is True


def test_session_needs_no_database(presenter, settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.signed_cookies"
    # The rights are in the cookie itself: a new client with that cookie only
    # is the presenter too.
    other = csrf_client()
    other.cookies["sessionid"] = presenter.cookies["sessionid"].value
    assert page_config(other.get(PRESENTER).content.decode())["mode"] == "presenter"


def test_tampered_session_cookie_gives_no_rights(presenter):
    value = presenter.cookies["sessionid"].value
    forged = csrf_client()
    forged.cookies["sessionid"] = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")
    assert page_config(forged.get(PRESENTER).content.decode()) == {}


# --- moving the audience: rights and CSRF --------------------------------------


def test_presenter_moves_and_the_cache_holds_the_position(presenter):
    token = presenter_token(presenter)
    response = move(presenter, {"h": 3, "v": 1, "f": 0}, token)
    assert response.status_code == 200
    moved = response.json()
    assert (moved["h"], moved["v"], moved["f"]) == (3, 1, 0)
    assert store.read(SLUG) == store.Position(3, 1, 0, moved["version"])
    assert caches["default"].get(f"follow:position:{SLUG}")["h"] == 3
    assert csrf_client().get(POSITION).json() == moved


def test_versions_grow_with_every_move(presenter):
    token = presenter_token(presenter)
    versions = [move(presenter, {"h": h, "v": 0}, token).json()["version"] for h in range(4)]
    assert versions == sorted(versions) and len(set(versions)) == 4


def test_move_without_csrf_token_is_forbidden(presenter):
    assert move(presenter, {"h": 1, "v": 0}).status_code == 403
    assert move(presenter, {"h": 1, "v": 0}, "not-the-token").status_code == 403
    assert store.read(SLUG) is None


def test_stranger_with_a_valid_csrf_token_is_forbidden():
    stranger = csrf_client()
    token = form_token(stranger)
    response = move(stranger, {"h": 1, "v": 0}, token)
    assert response.status_code == 403
    assert response.json() == {"error": "only the presenter moves the audience"}
    assert store.read(SLUG) is None


def test_follower_is_forbidden(presenter):
    move(presenter, {"h": 2, "v": 0}, presenter_token(presenter))
    follower = csrf_client()
    html = follower.get(f"/{SLUG}/follow/").content.decode()
    assert page_config(html)["mode"] == "follower"
    assert "csrf_token" not in page_config(html)
    token = form_token(follower)
    assert move(follower, {"h": 9, "v": 0}, token).status_code == 403
    assert store.read(SLUG).h == 2


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"h": -1, "v": 0},
        {"h": "1", "v": 0},
        {"h": True, "v": 0},
        {"h": 1},
        {"h": 1, "v": 0, "f": -2},
        {"h": 10_000, "v": 0},
        {"h": 1.5, "v": 0},
    ],
)
def test_nonsense_positions_are_refused(presenter, body):
    assert move(presenter, body, presenter_token(presenter)).status_code == 400
    assert store.read(SLUG) is None


def test_not_json_is_refused(presenter):
    response = presenter.post(
        POSITION, "h=1", content_type="text/plain", HTTP_X_CSRFTOKEN=presenter_token(presenter)
    )
    assert response.status_code == 400


def test_unknown_deck_is_404():
    client = csrf_client()
    assert client.get("/no-such-deck/follow/").status_code == 404
    assert client.get("/no-such-deck/present/").status_code == 404
    assert client.get("/no-such-deck/follow/position").status_code == 404
    assert client.get("/no-such-deck/follow/events").status_code == 404


def test_plain_deck_page_has_no_follow_mode():
    html = Client().get(f"/{SLUG}/").content.decode()
    assert "deck-follow" not in html and "follow.js" not in html


def test_follow_page_loads_follow_js_and_the_notes_plugin():
    html = Client().get(f"/{SLUG}/follow/").content.decode()
    assert "deck/follow.js" in html and "plugin/notes.js" in html


def test_a_cache_that_is_down_gives_503_and_the_presenter_retries(presenter, settings):
    token = presenter_token(presenter)
    # A Redis nobody listens on (port 9 is discard, closed on loopback).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    response = move(presenter, {"h": 1, "v": 0}, token)
    assert response.status_code == 503
    assert response.json() == {"error": "your move could not be shared: the server's cache is down"}


def test_a_deeply_nested_move_is_a_400_not_a_500(presenter):
    token = presenter_token(presenter)
    body = "[" * 100_000 + "]" * 100_000  # 200 KB of nesting
    response = presenter.post(
        POSITION, body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 400 and "nested" in response.json()["error"]
    assert store.read(SLUG) is None
