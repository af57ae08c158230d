"""Cache backends: Django's own, with one change where a deck needs it."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache as DjangoFileBasedCache


class FileBasedCache(DjangoFileBasedCache):
    """Django's file cache, culling once per ``set_many`` instead of once per entry.

    Django's ``set`` lists the whole cache folder to decide whether to cull;
    a deck stores one entry per slide, so a cold 5000-slide deck listed a
    folder of thousands of files 5000 times. The folder may now exceed
    ``MAX_ENTRIES`` by one batch until the next write culls it.
    """

    _in_batch = False  # instances are per thread (django.core.cache.caches)

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        self._cull()
        self._in_batch = True
        try:
            return super().set_many(data, timeout, version)
        finally:
            self._in_batch = False

    # A private method of Django's, overridden as Django's own cache docs
    # advise for many files (ticket #29994). It earns its place: warming a
    # cold 5000-slide deck into a file cache took 71 s with Django's _cull
    # and 10 s with this one (benchmarks/bench_cache.py's decks, same run).
    # Unnecessary once Django's FileBasedCache stops listing its folder on
    # every set (a set_many that culls once, or a cull check that counts
    # without listing, as ticket #32785 did for the database cache).
    def _cull(self) -> None:
        if not self._in_batch:
            super()._cull()
