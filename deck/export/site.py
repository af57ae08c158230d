"""Building the static site: the pages, the files they use, slides' files.

The pages are the server's own: the same templates, drawn from
:func:`deck.pages.page_context` (and so the same
:func:`~deck.pages.render_slides`), with ``site_links`` in the context
so that every URL comes out relative. Which static files to export is read
from the drawn pages (and from the stylesheets they load), never listed here.

Each deck's page is first drawn into a :class:`~deck.export.records.PageRecord`
(the page and what it uses), then applied: written, with its files copied. A
re-export of an unchanged deck applies the record kept in the cache.

Layout of ``DIR``::

    index.html            the list of exported decks
    <slug>/index.html     a deck (``<slug>.html`` with --single-file)
    <slug>/<file>         files the slides refer to, where the Markdown has them
    static/...            the static files those pages use
"""

from __future__ import annotations

import logging
import posixpath
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from deck import conf, pages
from deck.caching import cache
from deck.core.errors import UserError
from deck.core.model import Deck
from deck.core.reading import DeckFile, parse
from deck.export import parallel, records
from deck.export.inline import inline_page
from deck.export.links import PYGMENTS_CSS, SLIDES_FILES, STATIC_FOLDER, ExportLinks
from deck.export.records import PageRecord
from deck.export.references import (
    attribute_value,
    css_references,
    html_references,
    is_local,
    is_remote,
    slide_line_at,
    splice,
    split_urls,
    url_path,
    url_suffix,
)
from deck.render.highlight import is_known_style, style_css

logger = logging.getLogger(__name__)

# Files of the slides' folder outside it ("../img.png") go here, in the deck's folder.
OUTSIDE = "_up"


class ExportError(UserError):
    """An export that cannot be made as asked; ``str()`` is one line.

    Not a :class:`deck.core.errors.DeckError`, though it may name a deck's
    file and line (a slide that refers to a missing file): the export turns
    DeckErrors into ExportErrors, and must let these through as they are.
    """


@dataclass
class DeckResult:
    slug: str
    title: str
    slides: int
    files: list[str] = field(default_factory=list)  # slides' own files, as written


@dataclass
class SiteResult:
    decks: list[DeckResult] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)  # loaded from the network
    web_links: list[str] = field(default_factory=list)  # <a href="http...">


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
        self.pages: list[str] = []
        self.decks: list[DeckResult] = []
        self.summaries: list[pages.DeckSummary] = []
        self.static_url = "/" + settings.STATIC_URL.lstrip("/")

    # Pages ---------------------------------------------------------------

    def add_deck(self, deck_file: DeckFile) -> DeckResult:
        """Export one deck's page and the files it uses. Replayed from the
        cache when nothing it is made from changed; :class:`DeckError` for a
        deck that cannot be read or parsed."""
        depth = 0 if self.single_file else deck_file.slug.count("/") + 1
        links = ExportLinks(depth, self.single_file)
        source = cache.read_source(
            deck_file, conf.get("MAX_BYTES"), force=True, root=pages.slides_root()
        )
        key = records.record_key(source, links)
        record = cache.get_instance(key, PageRecord)
        if record is None or not record.still_valid():
            record = self._draw_deck(source, links)
            cache.put(key, record)
        self._apply(record, f"the page of {deck_file.slug}")
        self.summaries.append(record.summary)
        result = DeckResult(deck_file.slug, record.title, record.slides, list(record.files))
        self.decks.append(result)
        return result

    def _draw_deck(self, source: cache.DeckSource, links: ExportLinks) -> PageRecord:
        """The page drawn by the server's templates, and what it refers to."""
        assert source.text is not None  # read with force=True
        deck = parse(source.deck_file.slug, source.deck_file.path, source.text, source.root)
        page = f"{deck.slug}.html" if self.single_file else f"{deck.slug}/index.html"
        folder = "" if self.single_file else deck.slug
        context = pages.page_context(deck, parallel.render_slides(deck, self.jobs))
        # Layout badges (slide fitting) and the live reload script are for the
        # author while developing, never part of a published deck.
        context.update(
            {
                "site_links": links,
                "exporting": True,
                "show_layout_badges": False,
                "live_reload": False,
            }
        )
        text = render_to_string("deck/present.html", context)
        slides = context.pop("slides_html")
        at = text.find(slides) if slides else 0
        # Not found (a template that changes the slides' HTML): every URL
        # outside the static folder is then taken for the slides'.
        span = (at, at + len(slides)) if at >= 0 else (0, len(text))
        del slides, context  # the page holds the slides now: one copy, not two
        record = PageRecord(
            page,
            title=deck.title,
            slides=len(deck.split.stacks),
            summary=pages.summary(deck),
        )
        record.text = self._resolve_page(text, record, links, span, deck, folder)
        return record

    def add_index(self) -> None:
        links = ExportLinks(0, self.single_file)
        context = {
            "decks": self.summaries,
            "site_links": links,
            "exporting": True,
        }
        text = render_to_string("deck/index.html", context)
        record = PageRecord("index.html")
        record.text = self._resolve_page(text, record, links, (0, 0), None, "")
        self._apply(record, "the index page")

    def _resolve_page(self, text, record, links, span, deck, folder) -> str:
        """Find what ``text`` refers to, note it in ``record``, and make every
        URL relative; nothing is written yet (see :meth:`_apply`).

        References inside ``span`` are the slides' (files beside the
        Markdown); the others are the template's (static files, pages).
        """
        replacements: dict[int, tuple[int, str]] = {}
        for ref in html_references(text):
            in_slides = span[0] <= ref.start < span[1]
            if in_slides and span == (0, len(text)):
                in_slides = not ref.url.startswith((links.static_prefix, self.static_url))
            parts = split_urls(ref.url, ref.attribute)
            new_parts = []
            for url in parts:
                if in_slides:
                    new = self._slide_url(url, ref, text, span, deck, folder, record)
                else:
                    new = self._template_url(url, ref, record, links)
                new_parts.append(new)
            if new_parts != parts:
                new_url = ",".join(new_parts)
                replacements[ref.start] = (
                    ref.end,
                    attribute_value(text, ref.start, ref.end, new_url),
                )
        return splice(text, replacements)

    def _apply(self, record: PageRecord, what: str) -> None:
        """Write the page and everything it uses into the site."""
        for path in record.assets:
            self._add_asset(path)
        for source, site_path in record.copies:
            self._copy(Path(source), site_path)
        self.remote.update(record.remote)
        self.web_links.update(record.web_links)
        self.pages.append(record.page)
        self._write_text(record.page, record.text, what)

    def _template_url(self, url: str, ref, record: PageRecord, links: ExportLinks) -> str:
        if not url or url.startswith("#") or url.startswith("data:"):
            return url
        if is_remote(url):
            return self._remote(url, ref, record)
        if url.startswith(self.static_url):
            # A template that still says {% static %}: same file, relative URL.
            path = url_path(url)[len(self.static_url) :]
            record.assets.append(path)
            return links.asset(path) + url_suffix(url)
        if not is_local(url):
            return url
        if url.startswith("/"):
            raise ExportError(
                f"the page template links to {url}, which a static export cannot serve; "
                "use {% asset_url %} or {% index_url %} in the template"
            )
        target = posixpath.normpath(posixpath.join(posixpath.dirname(record.page), url_path(url)))
        prefix = STATIC_FOLDER + "/"
        if target.startswith(prefix):
            record.assets.append(target[len(prefix) :])
        # Anything else is a page of the site (index.html, another deck).
        return url

    def _remote(self, url: str, ref, record: PageRecord) -> str:
        if url.startswith("//"):
            # From file:// a scheme-relative URL would mean file://host/...
            url = "https:" + url
        if ref.tag == "a":
            record.web_links.append(url)
        else:
            record.remote.append(url)
        return url

    # Slides' own files -----------------------------------------------------

    def _slide_url(self, url, ref, text, span, deck, folder, record: PageRecord) -> str:
        if not url or url.startswith("#") or url.startswith("data:"):
            return url
        if is_remote(url):
            return self._remote(url, ref, record)
        if not is_local(url):
            return url  # mailto:, tel:, javascript: ...
        if url.startswith("/"):
            raise self._slide_error(
                deck,
                text,
                span,
                ref,
                url,
                "is an absolute path: write it relative to the Markdown file",
            )
        path = url_path(url)
        markdown_dir = deck.path.parent
        source = Path(posixpath.normpath(posixpath.join(markdown_dir.as_posix(), path)))
        if source.is_dir() and ref.tag == "a":
            record.folders.append(str(source))
            return url  # a link to a folder: nothing to copy
        if not source.is_file():
            raise self._slide_error(deck, text, span, ref, url, "does not exist")
        relative = posixpath.relpath(source.as_posix(), markdown_dir.as_posix())
        parts = [OUTSIDE if part == ".." else part for part in relative.split("/")]
        placed = "/".join(parts)
        site_path = posixpath.join(folder, placed) if folder else placed
        record.copies.append((str(source), site_path))
        if placed not in record.files:
            record.files.append(placed)
        if placed == relative:
            return url  # where the Markdown has it: the slide HTML stays as it is
        return quote(placed) + url_suffix(url)

    def _slide_error(self, deck, text, span, ref, url, problem) -> ExportError:
        offset = ref.start - span[0]
        slides = text[span[0] : span[1]]
        line = source_line(deck, slide_line_at(slides, offset), url)
        return ExportError(
            f"the slide refers to {url!r}, which {problem}", path=deck.path, line=line
        )

    # Static files ------------------------------------------------------------

    def _add_asset(self, path: str) -> None:
        path = posixpath.normpath(path)
        if path in self.assets:
            return
        if path.startswith("..") or path.startswith("/"):
            raise ExportError(f"the page refers to a static file outside the static folder: {path}")
        data = self._asset_bytes(path)
        self.assets.add(path)
        self._write_bytes(f"{STATIC_FOLDER}/{path}", data, f"static file {path}")
        if path.endswith(".css"):
            for ref in css_references(data.decode("utf-8")):
                if is_remote(ref.url):
                    self.remote.add(ref.url)
                elif is_local(ref.url) and not ref.url.startswith("/"):
                    self._add_asset(posixpath.join(posixpath.dirname(path), url_path(ref.url)))

    def _asset_bytes(self, path: str) -> bytes:
        generated = _generated_asset(path)
        if generated is not None:
            return generated
        found = finders.find(path)
        if not found:
            raise ExportError(f"the page uses the static file {path}, which no static folder has")
        return Path(found).read_bytes()

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
        )

    def _inline_pages(self) -> None:
        pages = set(self.pages)
        scratch = self.build_root

        def read(path: str) -> bytes:
            return (scratch / path).read_bytes()

        for page in self.pages:
            text = (scratch / page).read_text(encoding="utf-8")
            text = inline_page(text, page, read, keep=pages.__contains__)
            (self.root / page).write_text(text, encoding="utf-8")
        shutil.rmtree(scratch)


def _generated_asset(path: str) -> bytes | None:
    """Files the server draws, or serves from the slides folder, rather than
    from the static folders."""
    if path.startswith(SLIDES_FILES):
        return _slides_file(path[len(SLIDES_FILES) :])
    prefix, _, suffix = PYGMENTS_CSS.partition("{style}")
    if path.startswith(prefix) and path.endswith(suffix):
        style = path[len(prefix) : -len(suffix)]
        if is_known_style(style):
            return style_css(style).encode("utf-8")
    return None


def _slides_file(relative: str) -> bytes:
    root = pages.slides_root().resolve()
    source = (root / relative).resolve()
    if not source.is_relative_to(root) or not source.is_file():
        raise ExportError(f"the page uses {relative}, which the slides folder does not have")
    return source.read_bytes()


def source_line(deck: Deck, slide_line: int, url: str) -> int:
    """The Markdown line that wrote ``url``: searched from the slide's first line."""
    lines = deck.text.split("\n")
    start = max(slide_line - 1, 0)
    for candidate in (url, quote(url, safe="/:?#&=%")):
        for index in range(start, len(lines)):
            if candidate in lines[index]:
                return index + 1
    return slide_line or 1


ProgressCallback = Callable[[DeckResult], None]
