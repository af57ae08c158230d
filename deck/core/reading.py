"""Reading decks on disk into :class:`deck.core.model.Deck`.

Pure Python. Which files are decks is :mod:`deck.core.discovery`' business; this
reads one, enforcing the size limit before anything is parsed, turning
undecodable bytes into a message naming file and line, and applying the
deck's options (:mod:`deck.core.options`) to the split. Each way a file can fail
is its own :class:`deck.core.errors.DeckError` subclass, so the checks can give
each its own id.

The size limit is the caller's: ``DECK["MAX_BYTES"]`` (:mod:`deck.conf`), passed
in by the Django side; ``None`` reads a file of any size.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from deck.core.discovery import SEGMENT, SLUG, SLUG_PATTERN, DeckFile, find_decks
from deck.core.errors import (
    BadFrontMatter,
    BinaryFile,
    DeckError,
    DeckSyntaxError,
    NotUTF8,
    SlowPattern,
    TooLarge,
    Unreadable,
)
from deck.core.model import Deck
from deck.core.options import DeckOptions, deck_options
from deck.core.patterns import MATCH_SECONDS, TooSlow
from deck.core.splitter import normalize_newlines, split, split_front_matter

__all__ = [
    "SEGMENT",
    "SLUG",
    "SLUG_PATTERN",
    "DeckFile",
    "find_decks",
    "load",
    "parse",
    "read_text",
    "source_excerpt",
]

# How far into a file to look for signs that it is not text.
SNIFF_BYTES = 8192
BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, pptx, odp
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",  # old Office files (.doc, .ppt)
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def why_not_a_deck(path: Path, resolved_root: Path) -> str:
    """Why a ``*.md`` file in the slides folder is not served ('' when it is)."""
    if not SEGMENT.match(path.stem):
        return (
            "its name is not a valid slug (use letters, digits, '-', '_' and single dots), "
            "so it is not served"
        )
    if path.is_symlink() and not path.resolve().is_relative_to(resolved_root):
        # A link out of the folder would let a deck read any file on the machine.
        return "it is a link to a file outside the slides folder, which is never followed"
    if not path.is_file():
        return "it is not a regular file"
    return ""


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def looks_binary(data: bytes) -> bool:
    """A known non-text signature, or a NUL byte early on (text never has one)."""
    head = data[:SNIFF_BYTES]
    return head.startswith(BINARY_SIGNATURES) or b"\x00" in head


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text, or a :class:`DeckError` at the line of the first bad byte."""
    head = data[:SNIFF_BYTES]
    if head.startswith(UTF16_BOMS):
        raise NotUTF8(
            path,
            1,
            "the file is saved as UTF-16, not UTF-8",
            "save it as UTF-8 (in most editors: Save As… > Encoding > UTF-8)",
        )
    if looks_binary(data):
        raise BinaryFile(
            path,
            1,
            "this is a binary file, not Markdown text",
            "a deck is a plain-text Markdown file; keep images next to it and link them",
        )
    # Text never holds a NUL anywhere, not only in its first bytes (one
    # memchr over the file: linear, and fast).
    nul = data.find(b"\x00", SNIFF_BYTES)
    if nul >= 0:
        raise BinaryFile(
            path,
            _line_of(data, nul),
            "a NUL byte: this is not Markdown text from here on",
            "binary data was pasted or saved into the deck here; delete it",
        )
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = _line_of(data, error.start)
        raise NotUTF8(
            path,
            line,
            f"byte 0x{data[error.start]:02x} is not UTF-8 text",
            _legacy_hint(data, error.start),
        ) from None


def _legacy_hint(data: bytes, offset: int) -> str:
    """Show the bad line as Windows-1252 reads it: usually what the author meant."""
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    raw = data[start : end if end != -1 else len(data)][:200]
    guess = raw.decode("cp1252", errors="replace").strip()
    return f"save the file as UTF-8; read as Windows-1252 the line is: {guess!r}"


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes; :class:`TooLarge` before reading anything over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(
                path,
                1,
                f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes",
                "split the deck into several files, or raise DECK_MAX_BYTES",
            )
        with path.open("rb") as handle:
            data = handle.read(-1 if max_bytes is None else max_bytes + 1)
    except OSError as error:
        raise Unreadable(path, 1, f"cannot read the file: {error.strerror}") from None
    if max_bytes is not None and len(data) > max_bytes:  # grew between stat and read
        raise TooLarge(path, 1, f"file is over the limit of {max_bytes:,} bytes")
    return data


def read_text(path: Path, max_bytes: int | None = None) -> str:
    return decode(read_bytes(path, max_bytes), path)


# Front matter becomes reveal.js options (JSON): plain values only, and few of
# them, so a YAML alias bomb cannot expand into millions of nodes.
FRONT_MATTER_VALUES = (str, int, float, bool, type(None), date)
MAX_FRONT_MATTER_NODES = 10_000


def front_matter_problem(data: dict) -> str:
    """Why ``data`` cannot be used as reveal.js options ('' when it can)."""
    budget = MAX_FRONT_MATTER_NODES
    todo: list = [("", data)]
    while todo:
        key, value = todo.pop()
        budget -= 1
        if budget < 0:
            return f"front matter has over {MAX_FRONT_MATTER_NODES:,} values (YAML aliases?)"
        if isinstance(value, dict):
            todo.extend((f"{key}.{k}" if key else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            todo.extend((key, v) for v in value)
        elif not isinstance(value, FRONT_MATTER_VALUES):
            return f"front matter value '{key}' is a {type(value).__name__}, not plain text or a number"
    return ""


# The line naming a separator in an options file ("separator": ...) or in
# front matter (separator: ...).
KEY_LINE = re.compile(r"""^\s*["']?(?P<key>separator|verticalSeparator|notesSeparator)["']?\s*:""")


def parse(slug: str, path: Path, text: str, root: Path | None = None) -> Deck:
    """Split ``text`` with the deck's options: ``reveal-md.json`` and
    ``reveal.json`` in the deck's folder and at ``root``, then front matter.

    Raises a :class:`DeckError`: :class:`BadFrontMatter`, ``BadOptions`` (naming
    the options file) or ``UnclosedFence``.
    """
    try:
        front_matter, _ = split_front_matter(normalize_newlines(text).split("\n"))
    except DeckSyntaxError as error:
        raise error.in_file(path) from None
    except RecursionError:  # PyYAML recurses once per level of [[[...]]]
        raise BadFrontMatter(path, 2, "front matter is nested too deeply") from None
    problem = front_matter_problem(front_matter)
    if problem:
        raise BadFrontMatter(path, 2, problem)
    options = deck_options(path.parent, root or path.parent, front_matter)
    try:
        split_deck = split(
            text,
            separator=options.separator,
            vertical_separator=options.vertical_separator,
            notes_separator=options.notes_separator,
        )
    except DeckSyntaxError as error:  # with the front matter read: an UnclosedFence
        raise error.in_file(path) from None
    except TooSlow as slow:
        raise slow_pattern(slow.pattern, options, path) from None
    return Deck(slug, path, text, split_deck, options)


def slow_pattern(pattern: str, options: DeckOptions, deck_path: Path) -> SlowPattern:
    """deck.E008 at the file (and line) that holds the pattern's key."""
    origin = options.pattern_origins.get(pattern)
    path = origin or deck_path
    key = {
        options.separator: "separator",
        options.vertical_separator: "verticalSeparator",
        options.notes_separator: "notesSeparator",
    }[pattern]
    line = 1
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").split("\n")
    except OSError:
        lines = []
    for number, text in enumerate(lines[:1000], start=1):
        found = KEY_LINE.search(text)
        if found and found["key"] == key:
            line = number
            break
    where = "its front matter" if origin is None else path.name
    return SlowPattern(
        path,
        line,
        f"the {key} pattern in {where} takes too long to match a line "
        f"(over {MATCH_SECONDS:g} s): the deck cannot be split",
    )


def load(deck_file: DeckFile, max_bytes: int | None = None, root: Path | None = None) -> Deck:
    text = read_text(deck_file.path, max_bytes)
    return parse(deck_file.slug, deck_file.path, text, root)


def source_excerpt(
    path: Path, line: int, max_bytes: int | None = None, context: int = 2
) -> list[tuple[int, str]]:
    """``(line number, text)`` around ``line``, for an error page; [] if unreadable.

    Undecodable bytes show as U+FFFD, so the bad line itself can be shown.
    """
    try:
        data = read_bytes(path, max_bytes)
    except DeckError:
        return []
    if looks_binary(data):
        return []
    lines = normalize_newlines(data.decode("utf-8", errors="replace")).split("\n")
    first = max(1, line - context)
    last = min(len(lines), line + context)
    return [(number, lines[number - 1][:200]) for number in range(first, last + 1)]
