"""Finding and reading decks on disk.

Pure Python: a deck is a Markdown file in the slides folder; its slug is the
file name without ``.md``. Reading enforces the size limit before anything is
parsed and turns undecodable bytes into a message naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from deck.splitter import DeckSyntaxError, SplitDeck, normalize_newlines, split

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
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
class DeckFile:
    slug: str
    path: Path


@dataclass(frozen=True)
class Deck:
    slug: str
    path: Path
    text: str
    split: SplitDeck

    @property
    def title(self) -> str:
        return self.split.title or self.slug

    @property
    def front_matter(self) -> dict:
        return self.split.front_matter


def find_decks(root: Path) -> dict[str, DeckFile]:
    """Every ``*.md`` directly in ``root``, by slug, in name order.

    Links that lead outside the folder are not followed.
    """
    decks: dict[str, DeckFile] = {}
    if not root.is_dir():
        return decks
    resolved_root = root.resolve()
    for path in sorted(root.glob("*.md")):
        if not SLUG.match(path.stem) or not path.is_file():
            continue
        if not path.resolve().is_relative_to(resolved_root):
            continue
        decks[path.stem] = DeckFile(path.stem, path)
    return decks


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


def parse(slug: str, path: Path, text: str) -> Deck:
    try:
        return Deck(slug, path, text, split(text))
    except DeckSyntaxError as error:
        raise DeckError(path, error.line, error.message) from None


def load(deck_file: DeckFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Deck:
    return parse(deck_file.slug, deck_file.path, read_text(deck_file.path, max_bytes))
