"""deck.core.urls: which URLs are another site's, which name a local file."""

from __future__ import annotations

import pytest

from deck.core.urls import is_local, is_remote


@pytest.mark.parametrize(
    "url", ["https://cdn.example/a.css", "http://x/y", "HTTPS://X/Y", "//cdn.example/a.png", " //x"]
)
def test_other_sites_are_remote_and_not_local(url):
    assert is_remote(url) and not is_local(url)


@pytest.mark.parametrize("url", ["data:image/png;base64,AAAA", "mailto:a@b.c", "https:a.css"])
def test_schemes_without_a_host_are_neither(url):
    assert not is_remote(url) and not is_local(url)


@pytest.mark.parametrize("url", ["pic.png", "../other/", "/static/x.css", "a.md?x=1#top"])
def test_paths_are_local(url):
    assert is_local(url) and not is_remote(url)


@pytest.mark.parametrize("url", ["", "#slide-2", "   "])
def test_nothing_and_fragments_are_neither(url):
    assert not is_local(url) and not is_remote(url)
