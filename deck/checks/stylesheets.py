"""Checks of the stylesheets a deck's options name: W008 unknown theme, W009
missing stylesheet, W010 a theme or stylesheet from another site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deck.checks.problems import (
    W_MISSING_STYLESHEET,
    W_REMOTE,
    W_UNKNOWN_THEME,
    WARNING,
    Problem,
    excerpt,
)
from deck.core.model import Deck
from deck.core.themes import local_file, resolve_theme
from deck.core.urls import is_remote


@dataclass(frozen=True)
class Stylesheets:
    """A deck's theme and ``css`` options, and where each was set."""

    folder: Path  # the deck's
    theme: str | None
    theme_origin: tuple[Path, int]
    css: tuple[str, ...]
    css_origin: tuple[Path, int]


def option_origin(deck: Deck, front_matter_key: str, json_key: str) -> tuple[Path, int]:
    """Where a deck's option was set: its front matter line, else the
    strongest options file that names it (``file``, ``line``)."""
    if front_matter_key in deck.front_matter:
        for number, line in enumerate(deck.text.split("\n")[:200], start=1):
            if line.startswith(f"{front_matter_key}:"):
                return deck.path, number
    for source in reversed(deck.options.sources):
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if f'"{json_key}"' in line:
                return source, number
    return deck.path, 1


def stylesheets(deck: Deck) -> Stylesheets:
    """The deck's stylesheet options, and the lines that set them."""
    return Stylesheets(
        deck.folder,
        deck.options.theme,
        option_origin(deck, "theme", "theme"),
        tuple(deck.options.css),
        option_origin(deck, "css", "css") if deck.options.css else (deck.path, 1),
    )


def check_stylesheets(sheets: Stylesheets, root: Path) -> list[Problem]:
    """The theme and ``css`` stylesheets an options file or front matter names."""
    problems = []
    theme = resolve_theme(sheets.theme, sheets.folder, root, "black")
    if theme.warning:
        path, line = sheets.theme_origin
        problems.append(
            Problem(
                WARNING,
                W_UNKNOWN_THEME,
                path,
                line,
                theme.warning,
                "a reveal.js theme (black, white, sky, ...), a theme/<name>.css beside "
                "the deck or at the slides root, or a CSS path relative to the deck",
            )
        )
    elif theme.url:
        problems.append(_remote_stylesheet("the theme", theme.url, sheets.theme_origin))
    for reference in sheets.css:
        path, line = sheets.css_origin
        if is_remote(reference):
            problems.append(_remote_stylesheet("the stylesheet", reference, sheets.css_origin))
        elif local_file(reference, sheets.folder, root) is None:
            problems.append(
                Problem(
                    WARNING,
                    W_MISSING_STYLESHEET,
                    path,
                    line,
                    f"the stylesheet {reference!r} does not exist, so it is left out",
                    f"css paths are relative to the deck's folder ({sheets.folder.name}/)",
                )
            )
    return problems


def _remote_stylesheet(what: str, url: str, origin: tuple[Path, int]) -> Problem:
    path, line = origin
    return Problem(
        WARNING,
        W_REMOTE,
        path,
        line,
        f"{what} {excerpt(url)!r} is loaded from another site",
        "the room's network must reach it",
    )
