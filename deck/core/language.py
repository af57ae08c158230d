"""A deck's language and writing direction, for ``<html lang dir>``.

``lang`` comes from the front matter or ``reveal-md.json`` (read with the
other options, in :mod:`deck.core.options`), else from ``DECK_LANG``.
``dir: rtl``, or reveal.js's own ``rtl: true``, makes a deck right-to-left;
either one turns on the other, so the page's text and reveal.js's slide
order (and arrows) agree.
"""

from __future__ import annotations

import re
from typing import Any

# BCP 47 in the shape browsers accept: a 2-3 letter language (or a 4-8 letter
# registered one), then subtags of 1-8 letters or digits (fr, fr-CA, zh-Hant-TW).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
DIRECTIONS = ("ltr", "rtl")


def is_language_tag(value: Any) -> bool:
    return isinstance(value, str) and LANGUAGE_TAG.fullmatch(value.strip()) is not None


def language(value: Any, default: str) -> str:
    """The deck's ``lang``: its own if it is a language tag, else ``default``."""
    return value.strip() if is_language_tag(value) else default


def direction(value: Any, reveal: dict[str, Any]) -> str:
    """``rtl`` for ``dir: rtl`` or reveal.js's ``rtl: true``; ``ltr`` otherwise."""
    if isinstance(value, str) and value.strip().lower() in DIRECTIONS:
        return value.strip().lower()
    return "rtl" if reveal.get("rtl") is True else "ltr"
