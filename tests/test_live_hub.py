"""The live-reload hub: reading reported files, merging duplicates,
recognising renames, and the feed streams wait on."""

from __future__ import annotations

import threading
import time

from deck.core.slidediff import Shape
from deck.live.hub import SHAPES_PER_DECK, LiveHub


def events_after(hub: LiveHub, serial: int, slug: str):
    found, _ = hub.wait(slug, serial, timeout=0)
    return [(e.kind, e.moved_to) for e in found]


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
    assert events_after(hub, serial, "a") == []
    assert events_after(hub, serial, "b") == [("changed", None)]


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
    for n in range(SHAPES_PER_DECK + 5):
        hub.remember("a", f"v{n}", shape)
    assert hub.recall("a", "v0") is None
    assert hub.recall("a", f"v{SHAPES_PER_DECK + 4}") is shape


def test_priming_again_does_not_swallow_an_unreported_save(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    hub.prime(tmp_path)
    (tmp_path / "a.md").write_text("# A, edited\n")
    hub.prime(tmp_path)  # a second start before the save was reported
    assert [e.kind for e in hub.files_changed([tmp_path / "a.md"], tmp_path)] == ["changed"]


def test_a_gone_deck_keeps_its_last_file(tmp_path):
    hub = LiveHub()
    (tmp_path / "lesson-two").mkdir()
    deck = tmp_path / "lesson-two" / "CLASS.md"
    deck.write_text("# Two\n")
    hub.prime(tmp_path)
    assert hub.last_file("lesson-two") == deck.resolve()
    deck.unlink()
    assert [e.kind for e in hub.files_changed([deck], tmp_path)] == ["gone"]
    assert hub.last_file("lesson-two") == deck.resolve()
    assert hub.last_file("never-seen") is None


def test_reset_forgets_everything(tmp_path):
    hub = LiveHub()
    (tmp_path / "a.md").write_text("# A\n")
    hub.prime(tmp_path)
    (tmp_path / "a.md").write_text("# A, edited\n")
    hub.files_changed([tmp_path / "a.md"], tmp_path)
    hub.remember("a", "v1", Shape(((),)))
    hub.close()
    hub.reset()
    assert hub.serial == 0 and not hub.closed
    assert hub.recall("a", "v1") is None and hub.last_file("a") is None
