"""A deck as the rest of the code sees it: pure data, read by :mod:`deck.core.reading`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deck.core.options import DeckOptions
from deck.core.splitter import SplitDeck


@dataclass(frozen=True)
class Deck:
    """One lesson file: where it is, its text, its slides and its options."""

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
        """Where the files the Markdown names (``img/x.png``) are."""
        return self.path.parent

    @property
    def front_matter(self) -> dict:
        return self.split.front_matter
