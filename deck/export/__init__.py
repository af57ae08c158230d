"""Exporting decks as static sites: ``manage.py export_deck``.

:func:`export` is the whole job; the command only reads options and prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from deck import conf, decks
from deck.core.errors import DeckError
from deck.export.errors import ExportError
from deck.export.missing_files import MissingFile, MissingFilesError
from deck.export.output_folder import OutputFolder, TargetError
from deck.export.pdf import PdfOptions, pdf_name, print_decks
from deck.export.site import DeckResult, Site, SiteResult

__all__ = [
    "DeckResult",
    "ExportError",
    "ExportResult",
    "MissingFile",
    "MissingFilesError",
    "export",
]

logger = logging.getLogger(__name__)


@dataclass
class ExportResult(SiteResult):
    output: Path = Path()


def export(
    slugs: Sequence[str],
    output: Path,
    *,
    every_deck: bool = False,
    single_file: bool = False,
    force: bool = False,
    strict: bool = False,
    jobs: int | None = None,
    progress: Callable[[DeckResult], None] | None = None,
    pdf: PdfOptions | None = None,
    say: Callable[[str], None] = logger.info,
) -> ExportResult:
    """Export the decks named (or all) into ``output``; :class:`ExportError` on a mistake.

    A file a slide refers to that does not exist is no mistake that stops the
    export (the slide shows a broken picture, as with reveal-md): it is in the
    result's ``missing``. With ``strict`` it is :class:`MissingFilesError`,
    raised before anything replaces the previous export.

    With ``pdf``, each deck is also printed to ``<slug>.pdf`` beside its
    folder, inside the same staged export (:mod:`deck.export.pdf`).
    """
    folder = OutputFolder(output, force=force, protected=_protected())
    try:
        folder.check()
        deck_files = [decks.all_decks()[slug] for slug in _select(slugs, every_deck)]
        with folder.staging() as stage:
            site = Site(stage, single_file=single_file, jobs=jobs)
            for deck_file in deck_files:
                try:
                    result = site.add_deck(deck_file)
                except DeckError as error:
                    raise ExportError(f"{error.path}:{error.line}: {error.message}") from None
                logger.debug("exported %s (%s slides)", deck_file.slug, result.slides)
                if progress:
                    progress(result)
            site.add_index()
            done = site.finish()
            if strict and done.missing:
                raise MissingFilesError.of(done.missing)
            if pdf is not None:
                jobs = [(decks.get_deck(f.slug), stage / pdf_name(f.slug, pdf)) for f in deck_files]
                print_decks(jobs, pdf, say)
            folder.swap(stage)
    except TargetError as error:
        raise ExportError(str(error)) from None
    return ExportResult(**vars(done), output=folder.path)


def _protected() -> list[Path]:
    """Folders an export must never replace, even with --force."""
    paths = [Path(settings.BASE_DIR), conf.get("SLIDES_DIR")]
    paths.extend(Path(p) for p in getattr(settings, "STATICFILES_DIRS", []))
    return paths


def _select(slugs: Iterable[str], every_deck: bool) -> list[str]:
    known = decks.all_decks()
    if not known:
        raise ExportError(f"there are no decks (*.md files) in {conf.get('SLIDES_DIR')}")
    slugs = list(dict.fromkeys(slugs))
    if every_deck:
        return list(known)
    if not slugs:
        raise ExportError("name the decks to export, or pass --all")
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise ExportError(
            f"no deck called {', '.join(unknown)} in {conf.get('SLIDES_DIR')}; "
            f"there are: {', '.join(known)}"
        )
    return slugs
