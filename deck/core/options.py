"""A deck's options, read the way reveal-md reads them.

Pure Python. From weakest to strongest:

1. ``reveal-md.json`` (reveal-md's options) and ``reveal.json`` (reveal.js
   options) at the root of the slides folder;
2. the same two files in the deck's own folder;
3. the deck's front matter, including reveal-md's ``revealOptions:`` map.

Front matter keys that are not reveal-md's or ours are reveal.js options, so
``transition: fade`` works as in the foundation's syntax.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deck.core import code_options
from deck.core.errors import BadOptions
from deck.core.splitter import (
    BUILTIN_SEPARATORS,
    HORIZONTAL_SEPARATOR,
    NOTES_SEPARATOR,
    VERTICAL_SEPARATOR,
)

REVEAL_MD_FILE = "reveal-md.json"
REVEAL_FILE = "reveal.json"

# reveal-md options that mean something here; the rest (port, watch, ...) are
# about reveal-md's own server and are ignored.
REVEAL_MD_KEYS = frozenset(
    {
        "theme",
        "highlightTheme",
        "separator",
        "verticalSeparator",
        "notesSeparator",
        "css",
        "title",
        "revealOptions",
        # <html lang dir> (deck.core.language), not reveal.js options.
        "lang",
        "dir",
    }
)
# "fit" is read by deck.core.fit (slide fitting); "tab_size" and
# "copy_button" by deck.core.code_options.
OUR_KEYS = frozenset({"title", "theme", "highlight_style", "order", "fit"}) | code_options.KEYS
# reveal-md options that make no sense in front matter and must not leak into
# reveal.js's options.
IGNORED_KEYS = frozenset(
    {
        "disableAutoOpen",
        "host",
        "port",
        "print",
        "preprocessor",
        "template",
        "listingTemplate",
        "scripts",
        "static",
        "staticDirs",
        "watch",
        "noPhantom",
        "glob",
        "assetsDir",
    }
)
PATTERN_KEYS = frozenset({"separator", "verticalSeparator", "notesSeparator"})
# reveal-md writes separators as multi-line patterns (^\n---\n$); the splitter
# matches one line at a time, so the newline parts are dropped.
NEWLINE_PARTS = re.compile(r"\(\\r\\n\?\|\\n\)|\(\\n\|\\r\\n\?\)|\\r\?\\n|\\r\\n|\\n|\\r")


@dataclass(frozen=True)
class DeckOptions:
    title: str = ""
    theme: str = ""
    highlight_style: str = ""
    separator: str = HORIZONTAL_SEPARATOR
    vertical_separator: str = VERTICAL_SEPARATOR
    notes_separator: str = NOTES_SEPARATOR
    css: tuple[str, ...] = ()
    order: float | None = None
    lang: str = ""  # as written; deck.core.language checks it
    dir: str = ""
    reveal: dict[str, Any] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()  # the option files that were read
    # Where each separator pattern of the author's came from: an options
    # file, or None for the deck's own front matter (for deck.E008).
    pattern_origins: dict[str, Path | None] = field(default_factory=dict)


# An options file holds a few settings: anything bigger is no options file,
# and is refused before it is parsed.
MAX_OPTIONS_BYTES = 1024 * 1024


def read_json(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_OPTIONS_BYTES:
            raise BadOptions(path, 1, f"over {MAX_OPTIONS_BYTES // 1024} KB: not an options file")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadOptions(path, 1, f"not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise BadOptions(path, 1, f"cannot read the file: {error.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadOptions(path, error.lineno, f"not valid JSON: {error.msg}") from None
    except RecursionError:
        # json.loads recurses once per nested [ or {: a file of 100,000
        # brackets would otherwise take every deck that reads it down.
        raise BadOptions(path, 1, "nested too deeply to be options") from None
    if not isinstance(data, dict):
        raise BadOptions(path, 1, 'must be a JSON object: { "theme": "..." }')
    return data


def option_file_candidates(deck_folder: Path, root: Path) -> list[Path]:
    """Where option files for a deck may be, weakest first (present or not)."""
    folders = [root] if deck_folder.resolve() == root.resolve() else [root, deck_folder]
    return [folder / name for folder in folders for name in (REVEAL_MD_FILE, REVEAL_FILE)]


def option_files(deck_folder: Path, root: Path) -> list[Path]:
    """The option files that apply to a deck, weakest first."""
    return [path for path in option_file_candidates(deck_folder, root) if path.is_file()]


def line_separator(pattern: str, default: str) -> str:
    """A reveal-md separator pattern as a one-line pattern for the splitter."""
    # JSON's "\n" is a real newline character; the CLI's is a regex escape.
    escaped = pattern.replace("\r", "\\r").replace("\n", "\\n")
    cleaned = NEWLINE_PARTS.sub("", escaped).strip()
    if cleaned in {"", "^", "$", "^$"}:
        return default  # blank-line separators cannot be told from paragraphs
    try:
        compiled = re.compile(cleaned)
    except re.error:
        return default
    if compiled.match(""):
        return default
    return f"(?:{cleaned})[ \\t]*$"


def css_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return tuple(str(part).strip() for part in value if str(part).strip())
    return ()


def merge(
    revealmd_layers: list[dict[str, Any]],
    reveal_layers: list[dict[str, Any]],
    front_matter: dict[str, Any],
    sources: tuple[Path, ...] = (),
    revealmd_paths: tuple[Path, ...] = (),
) -> DeckOptions:
    revealmd: dict[str, Any] = {}
    origins: dict[str, Path | None] = {}
    for number, layer in enumerate(revealmd_layers):
        revealmd.update({k: v for k, v in layer.items() if k in REVEAL_MD_KEYS})
        if number < len(revealmd_paths):
            origins.update(dict.fromkeys(PATTERN_KEYS & layer.keys(), revealmd_paths[number]))
    origins.update(dict.fromkeys(PATTERN_KEYS & front_matter.keys()))
    reveal: dict[str, Any] = {}
    for layer in reveal_layers:
        reveal.update(layer)
    reveal.update(revealmd.get("revealOptions") or {})
    # Front matter wins over both files.
    revealmd.update({k: v for k, v in front_matter.items() if k in REVEAL_MD_KEYS})
    separators = {
        "separator": line_separator(str(revealmd["separator"]), HORIZONTAL_SEPARATOR)
        if revealmd.get("separator")
        else HORIZONTAL_SEPARATOR,
        "verticalSeparator": line_separator(str(revealmd["verticalSeparator"]), VERTICAL_SEPARATOR)
        if revealmd.get("verticalSeparator")
        else VERTICAL_SEPARATOR,
        "notesSeparator": str(revealmd.get("notesSeparator") or NOTES_SEPARATOR),
    }
    if isinstance(front_matter.get("revealOptions"), dict):
        reveal.update(front_matter["revealOptions"])
    reveal.update(
        {
            k: v
            for k, v in front_matter.items()
            if k not in REVEAL_MD_KEYS and k not in OUR_KEYS and k not in IGNORED_KEYS
        }
    )
    order = front_matter.get("order")
    return DeckOptions(
        title=str(front_matter.get("title") or revealmd.get("title") or ""),
        theme=str(front_matter.get("theme") or revealmd.get("theme") or ""),
        highlight_style=str(
            front_matter.get("highlight_style") or revealmd.get("highlightTheme") or ""
        ),
        separator=separators["separator"],
        vertical_separator=separators["verticalSeparator"],
        notes_separator=separators["notesSeparator"],
        css=css_list(revealmd.get("css")),
        order=float(order) if isinstance(order, int | float) else None,
        lang=str(revealmd.get("lang") or ""),
        dir=str(revealmd.get("dir") or ""),
        reveal=reveal,
        sources=sources,
        pattern_origins={
            separators[key]: origin
            for key, origin in origins.items()
            if revealmd.get(key) and separators[key] not in BUILTIN_SEPARATORS
        },
    )


def deck_options(deck_folder: Path, root: Path, front_matter: dict[str, Any]) -> DeckOptions:
    """Everything that configures one deck; :class:`BadOptions` names a malformed file."""
    files = option_files(deck_folder, root)
    layers = [(path, read_json(path)) for path in files]
    return merge(
        [data for path, data in layers if path.name == REVEAL_MD_FILE],
        [data for path, data in layers if path.name == REVEAL_FILE],
        front_matter,
        tuple(files),
        tuple(path for path, data in layers if path.name == REVEAL_MD_FILE),
    )
