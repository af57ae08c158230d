"""Which Markdown files are decks, and their slugs.

Pure Python. The rules, as lesson folders written for reveal-md need them:

- ``slides/<name>.md`` is the deck ``<name>``;
- a folder holding one Markdown file is the deck named after the folder
  (``slides/lesson-two/CLASS.md`` is ``lesson-two``); so is its ``index.md``
  when it holds several;
- any other Markdown file is the deck named by its path without ``.md``
  (``slides/talks/a.md`` is ``talks/a``).

Hidden files and folders are skipped, and so is anything whose real path
lies outside the slides folder (a link pointing elsewhere is not followed).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

# One segment: letters, digits, '_', '-' and single dots between them: never
# '..', never a leading or trailing dot. A slug is segments joined by '/'
# ('lesson-two', 'talks/a'). The URL patterns are built from these.
SEGMENT_PATTERN = r"[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?=[A-Za-z0-9_-])){0,127}"
SLUG_PATTERN = rf"{SEGMENT_PATTERN}(?:/{SEGMENT_PATTERN}){{0,15}}"
SEGMENT = re.compile(rf"^{SEGMENT_PATTERN}$")
SLUG = re.compile(rf"^{SLUG_PATTERN}$")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True)
class DeckFile:
    slug: str
    path: Path

    @property
    def folder(self) -> Path:
        """Where the files the Markdown names (``img/x.png``) are looked up."""
        return self.path.parent


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG.match(slug))


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except OSError:
        return False


def _markdown_files(folder: Path, names: list[str], root: Path) -> list[Path]:
    return [
        folder / name
        for name in sorted(names)
        if name.lower().endswith(".md")
        and not name.startswith(".")
        and (folder / name).is_file()
        and _inside(folder / name, root)
    ]


def slugs_in_folder(relative: str, files: list[Path]) -> list[tuple[str, Path]]:
    """Slugs for the Markdown files of one folder (``relative`` to the root)."""
    if not relative:
        return [(path.stem, path) for path in files]
    if len(files) == 1:
        return [(relative, files[0])]
    index = next((p for p in files if p.name.lower() == "index.md"), None)
    return [(relative if path == index else f"{relative}/{path.stem}", path) for path in files]


def _walk(root: Path):
    """``os.walk`` below ``root``, skipping hidden and vendored folders and
    links that lead out of the slides folder."""
    real_root = root.resolve()
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        folder_path = Path(folder)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in SKIPPED_FOLDERS
            and _inside(folder_path / d, real_root)
        )
        yield folder_path, dirnames, filenames


def markdown_files(root: Path) -> list[Path]:
    """Every ``*.md`` below ``root`` (decks or not), in a stable order."""
    if not root.is_dir():
        return []
    return [
        folder / name
        for folder, _, filenames in _walk(root)
        for name in sorted(filenames)
        if name.lower().endswith(".md") and not name.startswith(".")
    ]


def walk_folders(root: Path) -> list[Path]:
    """Every folder below ``root`` that may hold decks (not ``root`` itself)."""
    if not root.is_dir():
        return []
    return [folder for folder, _, _ in _walk(root) if folder != root]


def scan(root: Path) -> list[DeckFile]:
    """Every deck file below ``root``, in a stable order; slugs may repeat."""
    if not root.is_dir():
        return []
    real_root = root.resolve()
    found: list[DeckFile] = []
    for folder_path, _, filenames in _walk(root):
        relative = folder_path.relative_to(root).as_posix()
        relative = "" if relative == "." else relative
        files = _markdown_files(folder_path, filenames, real_root)
        for slug, path in slugs_in_folder(relative, files):
            if is_valid_slug(slug):
                found.append(DeckFile(slug, path))
    return found


def duplicates(deck_files: list[DeckFile]) -> dict[str, list[Path]]:
    """Slugs that two or more files map to, with those files."""
    by_slug: dict[str, list[Path]] = {}
    for deck_file in deck_files:
        by_slug.setdefault(deck_file.slug, []).append(deck_file.path)
    return {slug: paths for slug, paths in by_slug.items() if len(paths) > 1}


def find_decks(root: Path) -> dict[str, DeckFile]:
    """Decks by slug. Where two files claim one slug, the first found wins
    (the top-level file before a folder's); ``manage.py check`` reports it."""
    decks: dict[str, DeckFile] = {}
    for deck_file in scan(root):
        decks.setdefault(deck_file.slug, deck_file)
    return decks


def natural_key(text: str) -> list:
    """``lesson-2`` before ``lesson-10``."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]
