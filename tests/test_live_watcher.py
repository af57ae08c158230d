"""The autoreloader's receivers and the fast watcher, called directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from deck.live import watcher
from deck.live.hub import live_hub
from deck.live.watcher import slide_saved, watch_slides


class FakeReloader:
    """Stands in for django.utils.autoreload's reloader: records watch_dir calls."""

    def __init__(self) -> None:
        self.watched: list[tuple[Path, str]] = []

    def watch_dir(self, path, glob) -> None:
        self.watched.append((Path(path), glob))


@pytest.fixture
def slides(settings, tmp_path):
    live_hub.reset()
    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text("# Talk\n\n---\n\n## Two\n")
    settings.DECK = {"SLIDES_DIR": folder}
    settings.DEBUG = True
    yield folder
    watcher.stop_watching()
    live_hub.reset()


def events_after(serial: int, slug: str):
    found, _ = live_hub.wait(slug, serial, timeout=0)
    return [(e.kind, e.moved_to) for e in found]


def test_autoreload_started_watches_the_slides_folder(slides):
    reloader = FakeReloader()
    watch_slides(sender=reloader)
    assert reloader.watched == [(slides, "**/*.md")]


def test_autoreload_started_starts_the_fast_watcher(slides):
    watch_slides(sender=FakeReloader())
    thread = watcher.start_watching()
    assert thread is not None and thread.is_alive()
    assert thread.ready.wait(5)
    serial = live_hub.serial
    (slides / "talk.md").write_text("# Talk\n\n---\n\n## Two, edited\n")
    found, _ = live_hub.wait("talk", serial, timeout=10)
    assert [e.kind for e in found] == ["changed"]
    watcher.stop_watching()
    assert not thread.is_alive()


def test_file_changed_answers_true_for_a_deck_and_publishes(slides):
    serial = live_hub.serial
    (slides / "talk.md").write_text("# Talk, edited\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "talk.md") is True
    assert events_after(serial, "talk") == [("changed", None)]


def test_the_same_save_reported_twice_is_published_once(slides):
    (slides / "talk.md").write_text("# Talk, edited once\n")
    slide_saved(sender=FakeReloader(), file_path=slides / "talk.md")
    serial = live_hub.serial
    assert slide_saved(sender=FakeReloader(), file_path=slides / "talk.md") is True
    assert events_after(serial, "talk") == []


def test_markdown_that_is_no_deck_does_not_restart_either(slides):
    serial = live_hub.serial
    (slides / "_draft.md").write_text("# Not a deck name\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "_draft.md") is True
    assert live_hub.serial == serial


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
    assert slide_saved(sender=FakeReloader(), file_path=Path(watcher.__file__)) is None


def test_live_reload_is_on_once_the_reloader_started(slides):
    assert not watcher.enabled()
    watch_slides(sender=FakeReloader())
    assert watcher.enabled()
    watcher.stop_watching()
    assert not watcher.enabled()


def test_receivers_do_nothing_with_debug_off(slides, settings):
    settings.DEBUG = False
    reloader = FakeReloader()
    watch_slides(sender=reloader)
    assert reloader.watched == []
    assert not watcher.enabled()
    assert watcher.start_watching() is None
    serial = live_hub.serial
    assert slide_saved(sender=reloader, file_path=slides / "talk.md") is None
    assert live_hub.serial == serial


def test_without_the_fast_watcher_the_autoreloader_still_reports(slides, settings):
    settings.DECK = {"SLIDES_DIR": slides, "LIVE_WATCHER": False}
    watch_slides(sender=FakeReloader())
    assert watcher.enabled()
    assert watcher.start_watching() is None
    serial = live_hub.serial
    (slides / "talk.md").write_text("# Talk, edited\n")
    assert slide_saved(sender=FakeReloader(), file_path=slides / "talk.md") is True
    assert events_after(serial, "talk") == [("changed", None)]
