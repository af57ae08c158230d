"""A deck's language and writing direction, for pages and PDFs.

Pure Python (no Django). ``lang`` and ``dir`` come from the deck's options
when they hold them (front matter or an options file), else English, left to
right; a ``dir`` that is neither ``ltr``, ``rtl`` nor ``auto`` is ``ltr``.
"""

from __future__ import annotations

import re

from deck.core.model import Deck

DEFAULT_LANG = "en"
# BCP 47 in its plain shape: "en", "pt-BR", "zh-Hant-TW".
LANG_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
DIRECTIONS = {"ltr", "rtl", "auto"}


def _option(deck: Deck, key: str) -> str:
    value = getattr(deck.options, key, "") or deck.options.reveal.get(key)
    value = value or deck.front_matter.get(key)
    return str(value).strip() if value else ""


def deck_lang(deck: Deck) -> str:
    lang = _option(deck, "lang")
    return lang if LANG_TAG.fullmatch(lang) else DEFAULT_LANG


def deck_dir(deck: Deck) -> str:
    direction = _option(deck, "dir").lower()
    return direction if direction in DIRECTIONS else "ltr"
