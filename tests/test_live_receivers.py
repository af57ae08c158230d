"""The autoreloader's receivers and the hub they feed, called directly."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from deck.core.slidediff import Shape
from deck.live import changes
from deck.live.changes import LiveHub, slide_saved, watch_slides


class FakeReloader:
    """Stands in for django.utils.autoreload's reloader: records watch_dir calls."""

    def __init__(self) -> None:
        self.watched: list[tuple[Path, str]] = []

    def watch_dir(self, path, glob) -> None:
        self.watched.append((Path(path), glob))


@pytest.fixture
def slides(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(changes, "hub", changes.LiveHub())
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text("# Talk\n\n---\n\n## Two\n")
    settings.DECK = {"SLIDES_DIR": folder}
    settings.DEBUG = True
    yield folder
    changes.stop_watching()


def events_after(serial: int, slug: str, hub: LiveHub | None = None):
    found, _ = (hub or changes.hub).wait(slug, serial, timeout=0)
    return [(e.kind, e.moved_to) for e in found]


def test_autoreload_started_watches_the_slides_folder(slides):
    reloader = FakeReloader()
    watch_slides(sender=reloader)
    assert reloader.watched == [(slides, "**/*.md")]


def test_autoreload_started_starts_the_fast_watcher(slides):
    watch_slides(sender=FakeReloader())
    watcher = changes.start_watching()
    assert watcher is not None and watcher.is_alive()
    assert watcher.ready.wait(5)
    serial = changes.hub.serial
    (slides / "talk.md").write_text("# Talk\n\n---\n\n## Two, edited\n")
    found, _ = changes.hub.wait("talk", serial, timeout=10)
    assert [e.kind for e in found] == ["changed"]
    changes.stop_watching()
    assert not watcher.is_alive()


def test_file_changed_answers_true_for_a_deck_and_publishes(slides):
    serial = changes.hub.serial
    (slides / "talk.md").write_text("# Talk, edited\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "talk.md") is True
    assert events_after(serial, "talk") == [("changed", None)]


def test_the_same_save_reported_twice_is_published_once(slides):
    (slides / "talk.md").write_text("# Talk, edited once\n")
    slide_saved(sender=FakeReloader(), file_path=slides / "talk.md")
    serial = changes.hub.serial
    assert slide_saved(sender=FakeReloader(), file_path=slides / "talk.md") is True
    assert events_after(serial, "talk") == []


def test_markdown_that_is_no_deck_does_not_restart_either(slides):
    serial = changes.hub.serial
    (slides / "_draft.md").write_text("# Not a deck name\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "_draft.md") is True
    assert changes.hub.serial == serial


@pytest.mark.parametrize(
    "name",
    ["views.py", "notes.txt", "../elsewhere.md"],
)
def test_file_changed_leaves_other_files_to_the_reloader(slides, name):
    # None: runserver restarts for Python files as it always does.
    path = slides / name
    assert slide_saved(sender=FakeReloader(), file_path=path) is None


def test_markdown_in_a_lesson_folder_does_not_restart(slides):
    (slides / "lesson-two").mkdir()
    (slides / "lesson-two" / "CLASS.md").write_text("# Two\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "lesson-two" / "CLASS.md")


def test_python_file_elsewhere_still_restarts(slides):
    assert slide_saved(sender=FakeReloader(), file_path=Path(changes.__file__)) is None


def test_live_reload_is_on_once_the_reloader_started(slides):
    assert not changes.enabled()
    watch_slides(sender=FakeReloader())
    assert changes.enabled()
    changes.stop_watching()
    assert not changes.enabled()


def test_receivers_do_nothing_with_debug_off(slides, settings):
    settings.DEBUG = False
    reloader = FakeReloader()
    watch_slides(sender=reloader)
    assert reloader.watched == []
    assert not changes.enabled()
    assert changes.start_watching() is None
    serial = changes.hub.serial
    assert slide_saved(sender=reloader, file_path=slides / "talk.md") is None
    assert changes.hub.serial == serial


def test_deleted_deck_is_gone(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    hub.prime(tmp_path)
    (tmp_path / "a.md").unlink()
    assert [(e.kind, e.slug) for e in hub.files_changed([tmp_path / "a.md"], tmp_path)] == [
        ("gone", "a")
    ]
    assert hub.moved_to("a") is None


def test_renamed_deck_is_followed(tmp_path):
    hub = LiveHub()
    (tmp_path / "draft.md").write_text("# A talk\n")
    hub.prime(tmp_path)
    (tmp_path / "draft.md").rename(tmp_path / "final.md")
    events = hub.files_changed([tmp_path / "draft.md", tmp_path / "final.md"], tmp_path)
    assert sorted((e.slug, e.kind, e.moved_to) for e in events) == [
        ("draft", "moved", "final"),
        ("final", "changed", None),
    ]
    assert hub.moved_to("draft") == "final"


def test_a_deck_saved_by_rename_over_it_is_a_change(tmp_path):
    # Editors that save atomically write a temporary file and rename it over
    # the deck: "deleted" then "created" in one batch is one change.
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    hub.prime(tmp_path)
    (tmp_path / ".a.md.tmp").write_text("# A, edited\n")
    (tmp_path / ".a.md.tmp").replace(tmp_path / "a.md")
    events = hub.files_changed([tmp_path / "a.md", tmp_path / ".a.md.tmp"], tmp_path)
    assert [(e.slug, e.kind) for e in events] == [("a", "changed")]


def test_bytes_the_hub_knows_are_published_again_once_a_page_has_read(tmp_path):
    # The page read the deck while it was deleted, before any report of that
    # reached the hub. Putting the same bytes back must still tell the page.
    hub = LiveHub()
    deck = tmp_path / "a.md"
    deck.write_text("# A\n")
    hub.prime(tmp_path)
    hub.page_reads("a")
    deck.unlink()
    deck.write_text("# A\n")
    assert [(e.slug, e.kind) for e in hub.files_changed([deck], tmp_path)] == [("a", "changed")]
    assert hub.files_changed([deck], tmp_path) == []  # once; the next read asks again


def test_a_report_of_a_deck_no_page_read_is_still_deduplicated(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "b.md").write_text("# B\n")
    hub.prime(tmp_path)
    hub.page_reads("b")
    assert hub.files_changed([tmp_path / "a.md"], tmp_path) == []


def test_waiting_stream_wakes_on_a_change(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    hub.prime(tmp_path)
    result = {}

    def wait() -> None:
        result["events"], result["serial"] = hub.wait("a", hub.serial, timeout=30)

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.05)
    (tmp_path / "a.md").write_text("# A, edited\n")
    hub.files_changed([tmp_path / "a.md"], tmp_path)
    waiter.join(10)
    assert not waiter.is_alive()
    assert [e.kind for e in result["events"]] == ["changed"]


def test_events_of_other_decks_are_not_delivered(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "b.md").write_text("# B\n")
    hub.prime(tmp_path)
    serial = hub.serial
    (tmp_path / "b.md").write_text("# B, edited\n")
    hub.files_changed([tmp_path / "b.md"], tmp_path)
    assert events_after(serial, "a", hub) == []
    assert events_after(serial, "b", hub) == [("changed", None)]


def test_closing_the_hub_ends_every_wait(tmp_path):
    hub = LiveHub()
    done = threading.Event()

    def wait() -> None:
        hub.wait("a", hub.serial, timeout=60)
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    time.sleep(0.05)
    hub.close()
    assert done.wait(5)


def test_remembers_a_bounded_number_of_versions():
    hub = LiveHub()
    shape = Shape(((),))
    for n in range(changes.SHAPES_PER_DECK + 5):
        hub.remember("a", f"v{n}", shape)
    assert hub.recall("a", "v0") is None
    assert hub.recall("a", f"v{changes.SHAPES_PER_DECK + 4}") is shape


def test_priming_again_does_not_swallow_an_unreported_save(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    hub.prime(tmp_path)
    (tmp_path / "a.md").write_text("# A, edited\n")
    hub.prime(tmp_path)  # a second start before the save was reported
    assert [e.kind for e in hub.files_changed([tmp_path / "a.md"], tmp_path)] == ["changed"]


def test_without_the_fast_watcher_the_autoreloader_still_reports(slides, settings):
    settings.DECK = {"SLIDES_DIR": slides, "LIVE_WATCHER": False}
    watch_slides(sender=FakeReloader())
    assert changes.enabled()
    assert changes.start_watching() is None
    serial = changes.hub.serial
    (slides / "talk.md").write_text("# Talk, edited\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "talk.md") is True
    assert events_after(serial, "talk") == [("changed", None)]
