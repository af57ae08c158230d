"""Building the static site: the pages, the files they use, slides' files.

The pages are the server's own, drawn by :func:`deck.pages.draw` for the
``EXPORTED`` audience with ``site_links`` in the context, so that every URL
comes out relative (:mod:`deck.export.link_rewriting` finishes the job). Which
static files to export is read from the drawn pages (and from the stylesheets
they load), never listed here.

Each deck's page is first drawn into a
:class:`~deck.export.page_records.PageRecord` (the page and what it uses),
then applied: written, with its files copied. A re-export of an unchanged deck
applies the record kept in the cache.

Layout of ``DIR``::

    index.html            the list of exported decks
    <slug>/index.html     a deck (``<slug>.html`` with --single-file)
    <slug>/transcript.html  its transcript (``<slug>.transcript.html``)
    <slug>/<file>         files the slides refer to, where the Markdown has them
    static/...            the static files those pages use
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from deck import decks, pages, sources
from deck.caching.backend import get_instance, put
from deck.core.reading import DeckFile
from deck.core.url_scan import css_references, url_path
from deck.core.urls import is_local, is_remote
from deck.export import page_records, parallel_render
from deck.export.errors import ExportError
from deck.export.link_rewriting import LinkRewriter
from deck.export.missing_files import MissingFile
from deck.export.page_records import PageRecord
from deck.export.relative_urls import STATIC_FOLDER, ExportLinks, transcript_page
from deck.export.single_file import inline_page
from deck.export.static_assets import asset_bytes, slides_source
from deck.transcript.sections import transcript_context

# Between the parts of the transcript's slides while their URLs are rewritten.
SECTION_BREAK = "\n<!-- deck-transcript-part -->\n"


@dataclass
class DeckResult:
    slug: str
    title: str
    slides: int
    files: list[str] = field(default_factory=list)  # slides' own files, as written
    missing: list[MissingFile] = field(default_factory=list)


@dataclass
class SiteResult:
    decks: list[DeckResult] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)  # loaded from the network
    web_links: list[str] = field(default_factory=list)  # <a href="http...">
    missing: list[MissingFile] = field(default_factory=list)  # by file and line


class Site:
    """One export being written into ``root`` (the staging folder)."""

    def __init__(self, root: Path, *, single_file: bool = False, jobs: int | None = None) -> None:
        self.root = root
        self.single_file = single_file
        self.jobs = jobs
        # In single-file mode the folder-shaped site is built in a scratch
        # folder first, then each page is inlined from it.
        self.build_root = root / ".single-file" if single_file else root
        self.written: dict[str, str] = {}  # site path -> what it is (for clashes)
        self.assets: set[str] = set()
        self.remote: set[str] = set()
        self.web_links: set[str] = set()
        self.missing: dict[MissingFile, None] = {}  # in the order found, once each
        self.pages: list[str] = []
        self.decks: list[DeckResult] = []
        self.summaries: list[decks.DeckSummary] = []
        self.static_url = "/" + settings.STATIC_URL.lstrip("/")

    # Pages ---------------------------------------------------------------

    def add_deck(self, deck_file: DeckFile) -> DeckResult:
        """Export one deck's page and the files it uses. Replayed from the
        cache when nothing it is made from changed; :class:`DeckError` for a
        deck that cannot be read or parsed."""
        depth = 0 if self.single_file else deck_file.slug.count("/") + 1
        links = ExportLinks(depth, self.single_file)
        source = decks.read_source(deck_file, force=True)
        key = page_records.record_key(source, links)
        record = get_instance(key, PageRecord)
        if record is None or not record.still_valid():
            record = self._draw_deck(source, links)
            put(key, record)
        self._apply(record, f"the page of {deck_file.slug}")
        self._add_transcript(source, links)
        self.summaries.append(record.summary)
        result = DeckResult(
            deck_file.slug, record.title, record.slides, list(record.files), list(record.missing)
        )
        self.decks.append(result)
        return result

    def _draw_deck(self, source: sources.DeckSource, links: ExportLinks) -> PageRecord:
        """The page drawn by the server's templates, and what it refers to."""
        assert source.text is not None  # read with force=True
        deck = decks.parse_text(source.deck_file, source.text)
        page = f"{deck.slug}.html" if self.single_file else f"{deck.slug}/index.html"
        slides = parallel_render.render_in_parallel(deck, self.jobs)
        text = pages.draw(deck, pages.EXPORTED, slides=slides, site_links=links)
        at = text.find(slides) if slides else 0
        # Not found (a template that changes the slides' HTML): every URL
        # outside the static folder is then taken for the slides'.
        span = (at, at + len(slides)) if at >= 0 else (0, len(text))
        del slides  # the page holds the slides now: one copy, not two
        record = PageRecord(
            page, title=deck.title, slides=len(deck.split.stacks), summary=decks.summary(deck)
        )
        folder = "" if self.single_file else deck.slug
        rewriter = LinkRewriter(text, record, links, self.static_url, span, deck, folder)
        record.text = rewriter.rewrite()
        return record

    def _add_transcript(self, source: sources.DeckSource, links: ExportLinks) -> None:
        """The deck's transcript, beside its page: its pictures are the same files.

        The slides' HTML is rewritten as the slides' (files copied, missing ones
        listed by line), then drawn into the page, whose own links (static
        files, each section's link into the deck) are the template's.
        """
        assert source.text is not None  # read with force=True
        deck = decks.parse_text(source.deck_file, source.text)
        context = transcript_context(deck)
        record = PageRecord(transcript_page(deck.slug, self.single_file))
        folder = "" if self.single_file else deck.slug
        parts = [
            f'<section data-line="{item.slide.line}">{item.body}{SECTION_BREAK}{item.notes}'
            for item in context["sections"]
        ]
        slides = SECTION_BREAK.join(parts)
        slides = LinkRewriter(
            slides, record, links, self.static_url, (0, len(slides)), deck, folder
        ).rewrite()
        pieces = iter(slides.split(SECTION_BREAK))
        # Safe: the slides' own HTML, with only its URLs rewritten.
        context["sections"] = [
            replace(
                item,
                body=mark_safe(next(pieces).split(">", 1)[1]),
                notes=mark_safe(next(pieces)),
            )
            for item in context["sections"]
        ]
        text = render_to_string(
            "deck/transcript.html", {**context, "site_links": links, "exporting": True}
        )
        record.text = LinkRewriter(text, record, links, self.static_url).rewrite()
        self._apply(record, f"the transcript of {deck.slug}")

    def add_index(self) -> None:
        links = ExportLinks(0, self.single_file)
        context = {"decks": self.summaries, "site_links": links, "exporting": True}
        text = render_to_string("deck/index.html", context)
        record = PageRecord("index.html")
        record.text = LinkRewriter(text, record, links, self.static_url).rewrite()
        self._apply(record, "the index page")

    def _apply(self, record: PageRecord, what: str) -> None:
        """Write the page and everything it uses into the site."""
        for path in record.assets:
            self._add_asset(path)
        for source, site_path in record.copies:
            self._copy(Path(source), site_path)
        self.remote.update(record.remote)
        self.web_links.update(record.web_links)
        self.missing.update(dict.fromkeys(record.missing))
        self.pages.append(record.page)
        self._write_text(record.page, record.text, what)

    # Static files ------------------------------------------------------------

    def _add_asset(self, path: str) -> None:
        path = posixpath.normpath(path)
        if path in self.assets:
            return
        if path.startswith("..") or path.startswith("/"):
            raise ExportError(f"the page refers to a static file outside the static folder: {path}")
        data = asset_bytes(path)
        self.assets.add(path)
        self._write_bytes(f"{STATIC_FOLDER}/{path}", data, f"static file {path}")
        if path.endswith(".css"):
            text = data.decode("utf-8")
            for ref in css_references(text):
                if is_remote(ref.url):
                    self.remote.add(ref.url)
                elif is_local(ref.url) and not ref.url.startswith("/"):
                    target = posixpath.join(posixpath.dirname(path), url_path(ref.url))
                    if not self._missing_from_stylesheet(path, text, ref, target):
                        self._add_asset(target)

    def _missing_from_stylesheet(self, path: str, text: str, ref, target: str) -> bool:
        """A theme or stylesheet of the slides folder that names a file the
        folder lacks (a font never downloaded): listed like a slide's missing
        picture, with the stylesheet's own file and line, never fatal.
        Our own static files must be whole: for them a gap stays an error."""
        stylesheet = slides_source(path)
        if stylesheet is None:
            return False
        source = slides_source(posixpath.normpath(target))
        if source is not None and source.is_file():
            return False
        line = text.count("\n", 0, ref.start) + 1
        missing = MissingFile(
            str(stylesheet), line, ref.url, str(source or target), by="the stylesheet"
        )
        self.missing[missing] = None
        return True

    # Writing ---------------------------------------------------------------

    def _claim(self, site_path: str, what: str) -> Path:
        earlier = self.written.get(site_path)
        if earlier is not None and earlier != what:
            raise ExportError(f"{what} and {earlier} would both be written to {site_path}")
        self.written[site_path] = what
        target = self.build_root / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def _write_text(self, site_path: str, text: str, what: str) -> None:
        with self._claim(site_path, what).open("w", encoding="utf-8") as handle:
            # In pieces: the bytes of a big page are never all in memory at once.
            for start in range(0, len(text), 1 << 20):
                handle.write(text[start : start + (1 << 20)])

    def _write_bytes(self, site_path: str, data: bytes, what: str) -> None:
        self._claim(site_path, what).write_bytes(data)

    def _copy(self, source: Path, site_path: str) -> None:
        what = f"file {source}"
        if self.written.get(site_path) == what:
            return
        shutil.copyfile(source, self._claim(site_path, what))

    # Finishing -------------------------------------------------------------

    def finish(self) -> SiteResult:
        if self.single_file:
            self._inline_pages()
        return SiteResult(
            decks=self.decks,
            assets=sorted(self.assets),
            remote=sorted(self.remote),
            web_links=sorted(self.web_links),
            missing=list(self.missing),
        )

    def _inline_pages(self) -> None:
        # Other pages stay links; a missing file stays the URL the slide wrote.
        pages = set(self.pages) | {missing.site_path for missing in self.missing}
        scratch = self.build_root

        def read(path: str) -> bytes:
            return (scratch / path).read_bytes()

        for page in self.pages:
            text = (scratch / page).read_text(encoding="utf-8")
            text = inline_page(text, page, read, keep=pages.__contains__)
            (self.root / page).write_text(text, encoding="utf-8")
        shutil.rmtree(scratch)
