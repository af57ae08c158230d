"""The ``DECK`` setting, merged over defaults.

Cached, with a ``setting_changed`` receiver so ``override_settings`` in
tests takes effect at once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS: dict[str, Any] = {
    # Where the lesson Markdown lives; every *.md there is a deck.
    "SLIDES_DIR": None,  # None: the project's slides/ folder
    # Files larger than this are refused before anything is parsed.
    "MAX_BYTES": 5 * 1024 * 1024,
    # reveal.js theme and Pygments style when a deck names none.
    "THEME": "black",
    "HIGHLIGHT_STYLE": "monokai",
    "CACHE_RETRY_SECONDS": 5.0,  # a failed cache backend is left alone this long
    "CACHE_LOCAL_BYTES": 32 * 1024 * 1024,  # pages each process keeps in memory
    "LIVE_WATCHER": True,
}


@lru_cache(maxsize=1)
def deck_settings() -> dict[str, Any]:
    merged = dict(DEFAULTS)
    merged.update(getattr(settings, "DECK", {}))
    merged["SLIDES_DIR"] = Path(merged["SLIDES_DIR"] or Path(settings.BASE_DIR) / "slides")
    merged["MAX_BYTES"] = int(merged["MAX_BYTES"])
    return merged


def get(name: str) -> Any:
    return deck_settings()[name]


@receiver(setting_changed)
def _reset(*, setting: str, **kwargs) -> None:
    if setting == "DECK":
        deck_settings.cache_clear()
