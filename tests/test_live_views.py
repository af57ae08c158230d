"""The live reload endpoints, through Django's test client."""

from __future__ import annotations

import importlib
import json

import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse

from deck import event_stream
from deck.core.splitter import split
from deck.live import watcher
from deck.live.hub import live_hub
from deck.live.watcher import watch_slides
from tests.test_live_watcher import FakeReloader

LESSON = "# One\n\n---\n\n## Two\n\n* a\n* b\n\n---\n\n## Three\n"


def reload_urls() -> None:
    import deck.project.urls
    import deck.urls

    importlib.reload(deck.urls)  # its live reload addresses depend on DEBUG
    importlib.reload(deck.project.urls)
    clear_url_caches()


@pytest.fixture
def slides(settings, tmp_path):
    live_hub.reset()
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text(LESSON)
    settings.DECK = {"SLIDES_DIR": folder}
    settings.DEBUG = True
    reload_urls()
    watch_slides(sender=FakeReloader())  # as runserver's autoreloader does
    yield folder
    settings.DEBUG = False
    reload_urls()
    watcher.stop_watching()
    live_hub.reset()


def state(client, slug="talk", **query):
    response = client.get(reverse("live-state", args=[slug]), query)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    return response.json()


def page_live(client, slug="talk"):
    response = client.get(reverse("present", args=[slug]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<script id="deck-live" type="application/json">') + len(
        '<script id="deck-live" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_page_carries_the_live_script_and_its_start(client, slides):
    start = page_live(client)
    assert len(start["keys"]) == 3
    assert start["events"] == "/_deck/live/talk/events"
    assert start["state"] == "/_deck/live/talk/state.json"
    assert b"deck/live.js" in client.get("/talk/").content


def test_unchanged_deck_answers_unchanged(client, slides):
    start = page_live(client)
    assert state(client, since=start["version"]) == {
        "status": "ok",
        "version": start["version"],
        "unchanged": True,
    }


def test_an_edit_sends_only_the_changed_slide_and_lands_on_it(client, slides):
    start = page_live(client)
    (slides / "talk.md").write_text(LESSON.replace("* b", "* b, edited\n* c"))
    answer = state(client, since=start["version"], h=0, v=0, f=-1)
    assert answer["status"] == "ok" and answer["version"] != start["version"]
    assert [("html" in s) for s in answer["stacks"]] == [False, True, False]
    assert "b, edited" in answer["stacks"][1]["html"]
    assert answer["goto"] == {"h": 1, "v": 0, "f": None}
    # Slide three moved down a line: the page is told its new line.
    assert answer["stacks"][2]["lines"] == [split(LESSON).slides[2].line + 1]
    assert answer["page"] == start["page"]


def test_an_edit_on_the_current_slide_keeps_the_fragment(client, slides):
    start = page_live(client)
    (slides / "talk.md").write_text(LESSON.replace("## Two", "## Two, edited"))
    answer = state(client, since=start["version"], h=1, v=0, f=1)
    assert answer["goto"] == {"h": 1, "v": 0, "f": 1}


def test_unknown_version_gets_every_slide(client, slides):
    answer = state(client, since="not-a-version")
    assert all("html" in s for s in answer["stacks"])
    assert answer["goto"] is None


def test_front_matter_change_changes_the_page_setup_key(client, slides):
    start = page_live(client)
    (slides / "talk.md").write_text("---\ntheme: white\n---\n" + LESSON)
    answer = state(client, since=start["version"])
    assert answer["page"] != start["page"]


def test_new_title_is_sent_without_changing_the_page_setup_key(client, slides):
    start = page_live(client)
    (slides / "talk.md").write_text(LESSON.replace("# One", "# One, renamed"))
    answer = state(client, since=start["version"])
    assert answer["title"] == "One, renamed"
    assert answer["page"] == start["page"]


def test_unclosed_fence_is_broken_with_file_and_line(client, slides):
    (slides / "talk.md").write_text(LESSON + "\n---\n\n```python\nprint(1)\n")
    answer = state(client, since="x")
    assert answer["status"] == "broken"
    assert answer["error"]["file"] == "talk.md"
    assert answer["error"]["line"] == LESSON.count("\n") + 4
    assert "never closed" in answer["error"]["message"]


def test_half_written_utf8_is_broken_with_its_line(client, slides):
    data = (LESSON + "\n---\n\n## Café\n").encode()
    (slides / "talk.md").write_bytes(data[: data.index("é".encode()) + 1])
    answer = state(client, since="x")
    assert answer["status"] == "broken"
    assert answer["error"]["line"] == LESSON.count("\n") + 4
    assert "UTF-8" in answer["error"]["message"]


def test_empty_file_mid_save_is_broken_not_blank(client, slides):
    (slides / "talk.md").write_text("")
    answer = state(client, since="x")
    assert answer["status"] == "broken"
    assert answer["error"]["message"] == "the file is empty"


def test_deleted_deck_is_gone_and_its_page_404(client, slides):
    (slides / "talk.md").unlink()
    assert state(client) == {"status": "gone", "file": "talk.md", "moved_to": None}
    assert client.get("/talk/").status_code == 404


def test_deck_put_back_after_the_page_saw_it_gone_sends_an_event(client, slides, settings):
    # No fast watcher: nothing reports the deletion before the page reads it
    # (as when a page's own check races the watcher). The page shows "gone";
    # the report of the file put back, same bytes, must reach it.
    settings.DECK = {"SLIDES_DIR": slides, "LIVE_WATCHER": False}
    watcher.stop_watching()
    watch_slides(sender=FakeReloader())
    deck = slides / "talk.md"
    text = deck.read_text()
    serial = live_hub.serial
    deck.unlink()
    assert state(client)["status"] == "gone"
    deck.write_text(text)
    live_hub.files_changed([deck], slides)
    found, _ = live_hub.wait("talk", serial, timeout=0)
    assert [e.kind for e in found] == ["changed"]
    assert state(client, since=page_live(client)["version"])["unchanged"] is True


@pytest.mark.parametrize(
    ("slug", "files"),
    [
        ("lesson-two", ["lesson-two/CLASS.md"]),
        # A folder of several decks: each is named by its path.
        ("talks/a", ["talks/a.md", "talks/b.md"]),
    ],
)
def test_deleted_deck_in_a_folder_names_its_real_file(client, slides, slug, files):
    for name in files:
        (slides / name).parent.mkdir(exist_ok=True)
        (slides / name).write_text(LESSON)
    live_hub.files_changed([slides / files[0]], slides)  # the watcher's report of it
    assert page_live(client, slug)["version"]
    (slides / files[0]).unlink()
    assert state(client, slug) == {"status": "gone", "file": files[0], "moved_to": None}


def test_broken_deck_in_a_folder_names_its_real_file(client, slides):
    (slides / "lesson-two").mkdir()
    (slides / "lesson-two" / "CLASS.md").write_text(LESSON + "\n---\n\n```python\n")
    answer = state(client, "lesson-two", since="x")
    assert answer["status"] == "broken"
    assert answer["error"]["file"] == "lesson-two/CLASS.md"


def test_renamed_deck_points_to_its_new_page(client, slides):
    live_hub.prime(slides)
    (slides / "talk.md").rename(slides / "final-talk.md")
    live_hub.files_changed([slides / "talk.md", slides / "final-talk.md"], slides)
    assert state(client)["moved_to"] == "/final-talk/"
    assert client.get("/final-talk/").status_code == 200
    assert b"final-talk" in client.get("/").content


def test_new_deck_appears_in_the_index_without_restart(client, slides):
    assert b"/later/" not in client.get("/").content
    (slides / "later.md").write_text("# Later\n")
    assert b"/later/" in client.get("/").content
    assert client.get("/later/").status_code == 200


def test_event_stream_sends_a_deck_event_on_save(client, slides):
    response = client.get(reverse("live-events", args=["talk"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/event-stream")
    stream = iter(response.streaming_content)
    assert next(stream) == event_stream.opening()
    (slides / "talk.md").write_text(LESSON + "\n---\n\n## Four\n")
    live_hub.files_changed([slides / "talk.md"], slides)
    assert next(stream) == b'event: deck\ndata: {"kind": "changed", "moved_to": null}\n\n'
    response.close()


def test_event_stream_ends_when_the_hub_closes(client, slides):
    response = client.get(reverse("live-events", args=["talk"]))
    stream = iter(response.streaming_content)
    next(stream)
    live_hub.close()
    assert list(stream) == []


def test_with_debug_off_nothing_is_routed_or_included(client, slides, settings):
    settings.DEBUG = False
    reload_urls()
    with pytest.raises(NoReverseMatch):
        reverse("live-state", args=["talk"])
    assert client.get("/_deck/live/talk/state.json").status_code == 404
    assert client.get("/_deck/live/talk/events").status_code == 404
    page = client.get("/talk/").content
    assert b"live.js" not in page and b"deck-live" not in page


def test_views_refuse_if_debug_is_turned_off_after_routing(client, slides, settings):
    settings.DEBUG = False
    assert client.get("/_deck/live/talk/state.json").status_code == 404


def test_without_the_autoreloader_pages_are_plain(client, slides):
    # runserver --noreload (or any other server): DEBUG on, but nothing watches.
    watcher.stop_watching()
    assert client.get("/_deck/live/talk/state.json").status_code == 404
    assert client.get("/_deck/live/talk/events").status_code == 404
    page = client.get("/talk/").content
    assert b"live.js" not in page and b"deck-live" not in page


def test_an_idle_event_stream_pings(client, slides, monkeypatch):
    monkeypatch.setattr(event_stream, "HEARTBEAT_SECONDS", 0.01)
    response = client.get(reverse("live-events", args=["talk"]))
    stream = iter(response.streaming_content)
    next(stream)
    assert next(stream) == event_stream.heartbeat()
    response.close()
