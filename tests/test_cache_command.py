"""``manage.py deck_cache warm | clear | stats`` against a file cache."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from deck.caching.url import parse
from tests.test_cache import DECK


@pytest.fixture
def shared_cache(tmp_path, settings):
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "talk.md").write_text(DECK, encoding="utf-8")
    (slides / "other.md").write_text("# Other\n\n---\n\nTwo\n", encoding="utf-8")
    settings.DECK = {"SLIDES_DIR": slides}
    settings.CACHES = {"default": parse(f"file://{tmp_path / 'cache'}")}
    return slides


def run(*args: str) -> str:
    out = StringIO()
    call_command("deck_cache", *args, stdout=out, stderr=StringIO(), no_color=True)
    return out.getvalue()


def test_warm_then_the_server_hits(shared_cache, client):
    out = run("warm", "talk")
    assert "talk: 3 slides, 3 rendered, 0 from cache" in out
    assert "other" not in out
    assert client.get("/talk/")["X-Deck-Cache"] == "hit"
    assert client.get("/other/")["X-Deck-Cache"] == "miss"
    assert "talk: already warm" in run("warm")


def test_stats_counts_cached_slides_and_pages(shared_cache):
    assert "talk: 0 of 3 slides cached, page not cached" in run("stats")
    run("warm", "other")
    out = run("stats")
    assert "Cache: FileBasedCache(" in out
    assert "other: 2 of 2 slides cached, page cached (" in out
    assert "talk: 0 of 3 slides cached" in out


def test_clear_empties_the_cache(shared_cache):
    run("warm")
    assert "Cleared FileBasedCache(" in run("clear")
    assert "talk: 0 of 3 slides cached, page not cached" in run("stats", "talk")


def test_quiet_at_verbosity_zero(shared_cache):
    assert run("warm", "-v", "0") == ""


def test_unknown_slug_is_one_clear_line(shared_cache):
    with pytest.raises(
        CommandError, match=r"no deck called 'nope' in .*slides \(decks: other, talk\)"
    ):
        run("warm", "nope")


def test_clear_takes_no_slugs(shared_cache):
    with pytest.raises(CommandError, match="takes no deck names"):
        run("clear", "talk")


def test_per_process_cache_cannot_be_warmed_or_cleared(shared_cache, settings):
    settings.CACHES = {"default": parse("locmem://")}
    for action in ("warm", "clear"):
        with pytest.raises(CommandError, match="locmem:// lives inside each server process"):
            run(action)
    assert "this command sees only its own, empty cache" in run("stats")


def test_broken_deck_is_reported_and_others_are_warmed(shared_cache):
    (shared_cache / "bad.md").write_text("# Bad\n\n```\nnever closed\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"1 deck\(s\) could not be warmed; first: bad.md:3"):
        run("warm")
    assert "talk: 3 of 3 slides cached, page cached" in run("stats", "talk")
    assert "bad: cannot be read: bad.md:3" in run("stats", "bad")


def test_a_backend_that_does_not_answer_is_an_error(shared_cache, settings, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    settings.CACHES = {"default": parse(f"file://{not_a_folder}")}
    with pytest.raises(
        CommandError, match=r"the cache backend FileBasedCache\(.*\) did not answer"
    ):
        run("warm", "talk")
