"""Which stylesheet a deck's ``theme`` names.

Pure Python. As reveal-md resolves it: a reveal.js theme by name (``black``,
``sky``...), a URL, a custom theme by name (``melbdjango`` is
``theme/melbdjango.css`` beside the deck, or at the root of the slides
folder for a whole course), or a CSS path relative to the deck. Anything
else falls back to the default theme, with a warning for ``manage.py check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deck.core.urls import is_remote

BUILTIN_THEMES = frozenset(
    "beige black black-contrast blood dracula league moon night serif simple "
    "sky solarized white white-contrast".split()
)


@dataclass(frozen=True)
class Theme:
    builtin: str = ""  # a reveal.js theme name
    path: Path | None = None  # a local stylesheet inside the slides folder
    url: str = ""  # a remote stylesheet
    warning: str = ""


def local_file(reference: str, deck_folder: Path, root: Path) -> Path | None:
    """``reference`` relative to the deck, if it is a file inside the root."""
    if not reference or reference.startswith(("/", "\\")) or "\x00" in reference:
        return None
    candidate = (deck_folder / reference).resolve()
    if candidate.is_file() and candidate.is_relative_to(root.resolve()):
        return candidate
    return None


def resolve_theme(name: str, deck_folder: Path, root: Path, default: str) -> Theme:
    if not name:
        return Theme(builtin=default)
    if name in BUILTIN_THEMES:
        return Theme(builtin=name)
    if is_remote(name):
        return Theme(url=name)
    if "/" not in name and not name.endswith(".css"):
        for folder in (deck_folder, root):
            found = local_file(f"theme/{name}.css", folder, root)
            if found:
                return Theme(path=found)
    found = local_file(name, deck_folder, root)
    if found:
        return Theme(path=found)
    return Theme(
        builtin=default,
        warning=f"theme {name!r} is neither a reveal.js theme nor a stylesheet "
        f"(looked for theme/{name}.css); using {default!r}",
    )
