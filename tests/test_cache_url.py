"""DECK_CACHE_URL: one URL to a CACHES entry, a bad one is a start-up error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from deck.caching.url import DEFAULT_MAX_ENTRIES, DEFAULT_TIMEOUT, parse
from tests.conftest import ROOT


def test_locmem_is_the_default_with_room_for_big_decks():
    config = parse("locmem://")
    assert config["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert config["OPTIONS"]["MAX_ENTRIES"] == DEFAULT_MAX_ENTRIES
    assert config["TIMEOUT"] == DEFAULT_TIMEOUT


def test_file_url_is_a_folder():
    config = parse("file:///var/cache/deck")
    assert config["BACKEND"] == "deck.caching.file_backend.FileBasedCache"
    assert config["LOCATION"] == "/var/cache/deck"


def test_redis_url_uses_djangos_backend_with_short_timeouts():
    config = parse("redis://127.0.0.1:6380/2")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6380/2"
    assert config["OPTIONS"]["socket_connect_timeout"] <= 1
    assert "MAX_ENTRIES" not in config["OPTIONS"]


def test_redis_keeps_password_and_defaults_database():
    assert parse("redis://:secret@cache.internal")["LOCATION"] == "redis://:secret@cache.internal/0"
    assert parse("rediss://h:6379/1")["LOCATION"] == "rediss://h:6379/1"


def test_dummy_and_options():
    assert parse("dummy://")["BACKEND"].endswith("DummyCache")
    config = parse("locmem://?max_entries=50000&timeout=none")
    assert config["OPTIONS"]["MAX_ENTRIES"] == 50000
    assert config["TIMEOUT"] is None
    assert parse("redis://h/0?timeout=60")["TIMEOUT"] == 60


@pytest.mark.parametrize(
    "url",
    [
        "",
        "memcached://127.0.0.1:11211",
        "locmem",
        "file://relative/path",
        "file:///",
        "redis://",
        "redis://host:port/0",
        "redis://host:6379/zero",
        "locmem://?max_entries=0",
        "locmem://?size=3",
        "redis://h/0?max_entries=5",
        "dummy://somewhere",
    ],
)
def test_bad_url_names_the_variable(url):
    with pytest.raises(ImproperlyConfigured) as error:
        parse(url)
    assert "DECK_CACHE_URL" in str(error.value)
    assert repr(url) in str(error.value)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_bad_url_stops_the_server_at_start_with_a_clear_line():
    result = run_manage("check", DECK_CACHE_URL="mongodb://x")
    assert result.returncode != 0
    assert "DECK_CACHE_URL='mongodb://x': unknown cache backend 'mongodb'" in result.stderr


def test_bad_log_level_is_a_clear_start_up_error():
    result = run_manage("check", DECK_LOG_LEVEL="loud")
    assert result.returncode != 0
    assert "DECK_LOG_LEVEL='loud'" in result.stderr
