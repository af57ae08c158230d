"""Exported pages in the deck cache: re-exporting an unchanged deck repeats
what its first export did, without Markdown, template or URL work.

A record is what exporting one deck's page did: the page as written (every
URL already relative), the slides' files it copied, the static files it used,
the remote URLs it listed, and the deck's line for the index. It is keyed by
the served page's key (the deck's text, its options files, theme folders,
templates, settings and renderer: see :func:`deck.caching.keys.page_key`) and by
where the page sits in the export, so a changed input is a different key and
an old record is never used, only left to expire.

Replaying a record copies the files again (their bytes may have changed)
and lists again the files that were missing, with their lines. When a copied
file is gone, or a missing one has appeared, the record is not used and the
page is exported from scratch, which finds out what each one is now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deck import sources
from deck.caching import keys
from deck.export.missing_files import MissingFile
from deck.export.relative_urls import ExportLinks

# Bump when the export writes a page differently for the same inputs.
EXPORT_VERSION = "2"


@dataclass
class PageRecord:
    page: str  # site path: <slug>/index.html, or <slug>.html before inlining
    text: str = ""
    title: str = ""
    slides: int = 0
    summary: Any = None  # deck.decks.DeckSummary, for the index
    files: list[str] = field(default_factory=list)  # slides' own files, as written
    copies: list[tuple[str, str]] = field(default_factory=list)  # (source path, site path)
    folders: list[str] = field(default_factory=list)  # linked folders: nothing to copy
    assets: list[str] = field(default_factory=list)  # static files the page uses
    remote: list[str] = field(default_factory=list)
    web_links: list[str] = field(default_factory=list)
    missing: list[MissingFile] = field(default_factory=list)  # named, not on disk

    def still_valid(self) -> bool:
        """Every file copied is still a file, every folder linked still a
        folder, every file missing still missing."""
        return (
            all(Path(source).is_file() for source, _ in self.copies)
            and all(Path(folder).is_dir() for folder in self.folders)
            and all(missing.still_missing() for missing in self.missing)
        )


def record_key(source: sources.DeckSource, links: ExportLinks) -> str:
    return "export:" + keys.digest(EXPORT_VERSION, source.page_key(), repr(links))
