"""Checks of the stylesheets a deck's options name: W008 unknown theme, W009
missing stylesheet, W010 a theme or stylesheet from another site, or a remote
file one of them pulls in (``@import url(https://fonts...)``, ``url()``).

What a stylesheet pulls in is read with the export's own scanner
(:func:`deck.core.url_scan.css_references`), so the check reports every
remote file the export lists, and no other. It is reported at the
stylesheet's own line: that is the line to change (download the font, import
the copy), and the same line for every deck that shares a course's theme.
"""

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
from deck.core.url_scan import css_references, url_path
from deck.core.urls import is_local, is_remote


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
    elif theme.path is not None:
        problems += check_pulled_in(theme.path, root)
    for reference in sheets.css:
        path, line = sheets.css_origin
        if is_remote(reference):
            problems.append(_remote_stylesheet("the stylesheet", reference, sheets.css_origin))
        elif found := local_file(reference, sheets.folder, root):
            problems += check_pulled_in(found, root)
        else:
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


def check_pulled_in(stylesheet: Path, root: Path) -> list[Problem]:
    """W010 for each remote file ``stylesheet`` (or a local stylesheet it
    imports, inside ``root``) loads: ``@import`` and ``url()``."""
    problems = []
    for path, line, url in remote_in_stylesheet(stylesheet, root):
        problems.append(
            Problem(
                WARNING,
                W_REMOTE,
                path,
                line,
                f"{excerpt(url)!r} is loaded from another site",
                "a deck's theme or css stylesheet pulls it in, so the room's network must "
                "reach it; keep a copy beside the stylesheet and refer to that to present offline",
            )
        )
    return problems


def remote_in_stylesheet(stylesheet: Path, root: Path) -> list[tuple[Path, int, str]]:
    """``(file, line, URL)`` of every remote URL in ``stylesheet`` and the
    local stylesheets it imports, as the export reads them."""
    found: list[tuple[Path, int, str]] = []
    seen: set[Path] = set()
    pending = [stylesheet]
    while pending:
        sheet = pending.pop(0)
        if sheet in seen:
            continue  # imported twice, or an @import loop
        seen.add(sheet)
        try:
            text = sheet.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the export stops on it with its own message
        for ref in css_references(text):
            if is_remote(ref.url):
                found.append((sheet, text.count("\n", 0, ref.start) + 1, ref.url))
            elif ref.attribute == "import" and is_local(ref.url) and not ref.url.startswith("/"):
                imported = local_file(url_path(ref.url), sheet.parent, root)
                if imported is not None:
                    pending.append(imported)
    return found
