"""The file cache culls once per batch, not once per slide."""

from __future__ import annotations

from deck.caching.file_backend import FileBasedCache


def entries(folder) -> int:
    return len(list(folder.glob("*.djcache")))


def test_a_batch_is_written_whole_and_culled_by_the_next_write(tmp_path):
    backend = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    backend.set_many({f"slide:{i}": f"<p>{i}</p>" for i in range(30)})
    assert entries(tmp_path) == 30
    assert backend.get_many([f"slide:{i}" for i in range(30)]) == {
        f"slide:{i}": f"<p>{i}</p>" for i in range(30)
    }
    backend.set("page:x", b"page")
    assert entries(tmp_path) < 30  # culled as Django's own would
    assert backend.get("page:x") == b"page"


def test_single_sets_still_cull(tmp_path):
    backend = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2}})
    for i in range(20):
        backend.set(f"k{i}", i)
    assert entries(tmp_path) <= 5
