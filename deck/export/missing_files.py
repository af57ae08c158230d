"""Files a slide or a stylesheet refers to that are not on disk.

Pure Python. A missing picture is the author's to fix, but it must not cost
the other lessons their export: reveal-md exports such a slide with a broken
picture, and so does this export. Each one is kept with the file and line that
names it, listed at the end, and ``--strict`` (:class:`MissingFilesError`)
makes them an error that leaves the previous export as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from deck.export.errors import ExportError


@dataclass(frozen=True)
class MissingFile:
    """``where``:``line`` refers to ``url`` (as written there), which is not
    the file ``source``; ``site_path`` is where the export would have put it."""

    where: str  # the Markdown or CSS file that names it
    line: int
    url: str
    source: str
    site_path: str = ""
    by: str = "the slide"  # or "the stylesheet"

    def still_missing(self) -> bool:
        # A folder where a file was named is still no file, but the page must
        # be drawn again to find out what it is now: only "nothing" replays.
        return not Path(self.source).exists()

    def describe(self, where: str | None = None) -> str:
        """``file:line: ...``; ``where`` is the file as the reader should see it."""
        return (
            f"{where or self.where}:{self.line}: {self.by} refers to {self.url!r}, "
            "which does not exist"
        )


class MissingFilesError(ExportError):
    """``--strict``, and files are missing: nothing is swapped in.

    Built with :meth:`of`; the constructor is the family's (:class:`UserError`).
    """

    missing: list[MissingFile]

    def __init__(self, message: str, **where) -> None:
        super().__init__(message, **where)
        self.missing = []

    @classmethod
    def of(cls, missing: Sequence[MissingFile]) -> MissingFilesError:
        count = len(missing)
        first = missing[0].describe() if missing else ""
        error = cls(
            f"{count} file{'s' if count != 1 else ''} the decks refer to "
            f"{'do' if count != 1 else 'does'} not exist (--strict); the first: {first}"
        )
        error.missing = list(missing)
        return error
