"""Reading decks from disk.

Pure Python. Which files are decks is :mod:`deck.folders`' business; this
reads one, enforcing the size limit before anything is parsed, turning
undecodable bytes into a message naming file and line, and applying the
deck's options (:mod:`deck.options`) to the split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deck.folders import DeckFile, find_decks
from deck.options import DeckOptions, OptionsError, deck_options
from deck.splitter import (
    DeckSyntaxError,
    SplitDeck,
    normalize_newlines,
    split,
    split_front_matter,
)

__all__ = ["Deck", "DeckError", "DeckFile", "find_decks", "load", "parse", "read_text"]
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class DeckError(Exception):
    """A deck that cannot be read or parsed. ``str()`` is ``file:line: message``."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path.name}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Deck:
    slug: str
    path: Path
    text: str
    split: SplitDeck
    options: DeckOptions = DeckOptions()

    @property
    def title(self) -> str:
        return self.options.title or self.split.title or self.slug

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def front_matter(self) -> dict:
        return self.split.front_matter


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text, or a :class:`DeckError` at the line of the first bad byte."""
    if b"\x00" in data[:8192]:
        raise DeckError(path, 1, "this is a binary file, not Markdown text")
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DeckError(
            path,
            line,
            f"byte 0x{data[error.start]:02x} is not UTF-8 text; save the file as UTF-8",
        ) from None


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DeckError(
                path, 1, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DeckError(path, 1, f"cannot read the file: {error.strerror}") from None
    if len(data) > max_bytes:  # grew between stat and read
        raise DeckError(path, 1, f"file is over the limit of {max_bytes:,} bytes")
    return decode(data, path)


def parse(slug: str, path: Path, text: str, root: Path | None = None) -> Deck:
    """Split ``text`` with the deck's options (files beside it and front matter)."""
    try:
        front_matter, _ = split_front_matter(normalize_newlines(text).split("\n"))
        options = deck_options(path.parent, root or path.parent, front_matter)
        split_deck = split(
            text,
            separator=options.separator,
            vertical_separator=options.vertical_separator,
            notes_separator=options.notes_separator,
        )
    except DeckSyntaxError as error:
        raise DeckError(path, error.line, error.message) from None
    except OptionsError as error:
        raise DeckError(error.path, error.line, error.message) from None
    return Deck(slug, path, text, split_deck, options)


def load(deck_file: DeckFile, max_bytes: int = DEFAULT_MAX_BYTES, root: Path | None = None) -> Deck:
    text = read_text(deck_file.path, max_bytes)
    return parse(deck_file.slug, deck_file.path, text, root)
