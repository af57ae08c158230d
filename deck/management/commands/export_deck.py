"""``manage.py export_deck``: decks as a static site, as single HTML files, or as PDF."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from deck import decks
from deck.core.errors import DeckError
from deck.export import (
    DeckResult,
    ExportError,
    ExportResult,
    MissingFile,
    MissingFilesError,
    export,
)
from deck.export.pdf import PdfOptions, pdf_name, print_decks
from deck.management.base import DeckCommand

# A long list of remote files helps no one at the default verbosity.
SHOWN_URLS = 10
# Where an export goes unless --output says: /site/ is in .gitignore.
DEFAULT_OUTPUT = "site"


class Command(DeckCommand):
    help = (
        "Export decks as a static site: DIR/index.html, DIR/<slug>/index.html and the "
        "files they use, with relative URLs (works from file://, a sub-path or a root). "
        "--single-file writes DIR/<slug>.html with everything inside."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="decks to export")
        parser.add_argument("--all", action="store_true", help="export every deck")
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            default=None,
            metavar="DIR",
            help=f"the export folder (default: {DEFAULT_OUTPUT}, in the current folder; "
            "the project's .gitignore ignores it); with --pdf and one deck, the PDF file "
            "(default: <slug>.pdf in the current folder)",
        )
        parser.add_argument(
            "--pdf",
            action="store_true",
            help="print the deck to PDF in headless Chromium (needs Playwright and chromium): "
            "one page per slide; with --all, DIR/<slug>.pdf beside each deck's HTML",
        )
        parser.add_argument(
            "--pdf-fragments",
            action="store_true",
            help="with --pdf: one page per fragment step (default: every fragment shown)",
        )
        parser.add_argument(
            "--handout",
            action="store_true",
            help="with --pdf: each slide with its speaker notes beneath it (<slug>-handout.pdf)",
        )
        parser.add_argument(
            "--single-file",
            action="store_true",
            help="one HTML file per deck, with every stylesheet, script, font and image inside",
        )
        parser.add_argument(
            "--jobs",
            "-j",
            type=int,
            default=None,
            metavar="N",
            help="processes that render a big deck's slides (default: one per CPU)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="fail, leaving DIR as it was, if a slide refers to a file that does not exist "
            "(without it such a slide is exported with a broken picture, and listed)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace DIR even if it is not empty and not an earlier export",
        )

    def decks_concerned(self, options):
        return None if options["all"] else options["slugs"]

    def handle(self, *args, **options) -> None:
        pdf = None
        if options["pdf"] or options["handout"] or options["pdf_fragments"]:
            pdf = PdfOptions(fragments=options["pdf_fragments"], handout=options["handout"])
            if not options["all"]:
                self.print_pdfs(options["slugs"], options["output"], pdf)
                return
        result = self.export(
            options["slugs"],
            options["output"] or Path(DEFAULT_OUTPUT),
            pdf=pdf,
            say=self.say,
            every_deck=options["all"],
            single_file=options["single_file"],
            force=options["force"],
            strict=options["strict"],
            jobs=options["jobs"],
        )
        self.summarize(result)

    def export(self, slugs, output: Path, **options) -> ExportResult:
        if options.get("jobs") is not None and options["jobs"] < 1:
            raise CommandError("--jobs must be 1 or more")
        try:
            return export(slugs, output, progress=self.progress, **options)
        except MissingFilesError as error:
            self.list_missing(error.missing, self.style.ERROR)
            count = len(error.missing)
            raise CommandError(
                f"{count} missing file{'s' if count != 1 else ''} (--strict): "
                f"nothing exported, {output} is as it was"
            ) from None
        except ExportError as error:
            raise CommandError(str(error)) from None
        except KeyboardInterrupt:
            # The half-built export is gone (see OutputFolder.staging).
            raise CommandError(f"interrupted: {output} is as it was") from None

    def print_pdfs(self, slugs: list[str], output: Path | None, pdf: PdfOptions) -> None:
        """PDFs only: one deck to FILE, or several into the folder DIR."""
        if not slugs:
            raise CommandError("name the decks to print, or pass --all")
        known = decks.all_decks()
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise CommandError(
                f"no deck called {', '.join(unknown)}; there are: {', '.join(known)}"
            )
        jobs = []
        for slug in dict.fromkeys(slugs):
            try:
                deck = decks.get_deck(slug)
            except DeckError as error:
                raise CommandError(f"{error.path}:{error.line}: {error.message}") from None
            name = pdf_name(slug, pdf).replace("/", "-")
            one_file = len(slugs) == 1 and output is not None
            target = output if one_file else (output or Path()) / name
            jobs.append((deck, target))
        try:
            print_decks(jobs, pdf, self.say)
        except KeyboardInterrupt:
            raise CommandError("interrupted: the PDFs not yet written are as they were") from None

    def say(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {line}")
            self.stdout.flush()

    def progress(self, deck: DeckResult) -> None:
        if self.verbosity >= 1:
            files = f", {len(deck.files)} file{'s' if len(deck.files) != 1 else ''}"
            self.stdout.write(
                f"  {deck.slug}: {deck.slides} slide{'s' if deck.slides != 1 else ''}"
                f"{files if deck.files else ''}"
            )

    def summarize(self, result: ExportResult) -> None:
        # Missing files are listed even with -v 0: each is a broken picture on a slide.
        self.list_missing(result.missing, self.style.WARNING)
        if self.verbosity < 1:
            return
        count = len(result.decks)
        missing = len(result.missing)
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {count} deck{'s' if count != 1 else ''} to {result.output}"
            )
            + (
                self.style.WARNING(
                    f", with {missing} missing file{'s' if missing != 1 else ''} "
                    "(listed above; --strict makes them an error)"
                )
                if missing
                else ""
            )
        )
        self.stdout.write(f"Open {result.output / 'index.html'} or put the folder on any web host.")
        if result.remote:
            self.stdout.write(
                "Loaded from the network (kept as absolute URLs, not available offline):"
            )
            self.list_urls(result.remote)
        if result.web_links:
            self.stdout.write(f"Links to {len(result.web_links)} web page(s) kept as they are.")
            if self.verbosity >= 2:
                self.list_urls(result.web_links)

    def list_missing(self, missing: list[MissingFile], style) -> None:
        if not missing:
            return
        self.stderr.write(
            style(
                f"{len(missing)} file{'s' if len(missing) != 1 else ''} the decks refer to "
                f"{'do' if len(missing) != 1 else 'does'} not exist:"
            )
        )
        for item in missing:
            self.stderr.write(style(f"  {item.describe(display_path(Path(item.where)))}"))

    def list_urls(self, urls: list[str]) -> None:
        shown = urls if self.verbosity >= 2 else urls[:SHOWN_URLS]
        for url in shown:
            self.stdout.write(f"  {url}")
        if len(shown) < len(urls):
            self.stdout.write(f"  ... and {len(urls) - len(shown)} more (-v 2 lists them all)")


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as editors like it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
