"""A deck's code options, from its front matter: what static/deck/code.js reads.

Pure Python (no Django).

- ``tab_size: 8``: how wide a tab in code is shown (default 4, Python-Markdown's
  and most editors' width); tabs themselves stay tabs, so code copied from a
  slide is the code as typed.
- ``copy_button: false``: no copy button on the deck's code blocks (on by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TAB_SIZE_KEY = "tab_size"
COPY_BUTTON_KEY = "copy_button"
KEYS = frozenset({TAB_SIZE_KEY, COPY_BUTTON_KEY})
DEFAULT_TAB_SIZE = 4
MAX_TAB_SIZE = 16


def tab_size(front_matter: Mapping[str, Any]) -> int:
    """The deck's tab width in characters; a value that is no width from 1 to
    16 is the default (front matter is the author's, never a reason to fail)."""
    value = front_matter.get(TAB_SIZE_KEY, DEFAULT_TAB_SIZE)
    try:
        size = int(str(value).strip())
    except ValueError:
        return DEFAULT_TAB_SIZE
    return size if 1 <= size <= MAX_TAB_SIZE else DEFAULT_TAB_SIZE


def copy_button(front_matter: Mapping[str, Any]) -> bool:
    value = front_matter.get(COPY_BUTTON_KEY, True)
    if isinstance(value, str):
        return value.strip().lower() not in {"0", "false", "no", "off", ""}
    return bool(value)


def code_options(front_matter: Mapping[str, Any]) -> dict[str, Any]:
    return {"tabSize": tab_size(front_matter), "copyButton": copy_button(front_matter)}
