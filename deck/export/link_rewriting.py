"""The export's link rewriting: every URL in a drawn page made relative, and
what each one needs (a slide's picture copied, a static file exported, a
remote URL listed, a missing file noted with its line), noted in the page's
record. Nothing is written here.

References inside the slides' span of the page are the slides' own (files
beside the Markdown, resolved as the Markdown wrote them); the others are the
template's (static files, other pages of the site).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote, unquote

from deck.core.errors import DeckError
from deck.core.model import Deck
from deck.core.url_scan import (
    Reference,
    attribute_value,
    html_references,
    slide_line_at,
    splice,
    split_urls,
    url_path,
    url_suffix,
)
from deck.core.urls import is_local, is_remote
from deck.export.errors import ExportError
from deck.export.missing_files import MissingFile
from deck.export.page_records import PageRecord
from deck.export.relative_urls import STATIC_FOLDER, ExportLinks

# Files of the slides' folder outside it ("../img.png") go here, in the deck's folder.
OUTSIDE = "_up"


class LinkRewriter:
    """Rewrites the URLs of one drawn page (``record.page``) of the site.

    ``span`` is where the slides are in ``text``; ``deck`` and ``folder`` (the
    deck's folder in the site) are None and "" for a page without slides.
    """

    def __init__(
        self,
        text: str,
        record: PageRecord,
        links: ExportLinks,
        static_url: str,
        span: tuple[int, int] = (0, 0),
        deck: Deck | None = None,
        folder: str = "",
    ) -> None:
        self.text = text
        self.record = record
        self.links = links
        self.static_url = static_url
        self.span = span
        self.deck = deck
        self.folder = folder

    def rewrite(self) -> str:
        """The page with every URL relative; ``record`` lists what it uses."""
        text, span = self.text, self.span
        replacements: dict[int, tuple[int, str]] = {}
        for ref in html_references(text):
            in_slides = span[0] <= ref.start < span[1]
            if in_slides and span == (0, len(text)):
                # The slides were not found in the page: only URLs outside the
                # static folder are taken for the slides'.
                in_slides = not ref.url.startswith((self.links.static_prefix, self.static_url))
            parts = split_urls(ref.url, ref.attribute)
            rewrite = self._slide_url if in_slides else self._template_url
            new_parts = [rewrite(url, ref) for url in parts]
            if new_parts != parts:
                new_url = ",".join(new_parts)
                replacements[ref.start] = (
                    ref.end,
                    attribute_value(text, ref.start, ref.end, new_url),
                )
        return splice(text, replacements)

    def _template_url(self, url: str, ref: Reference) -> str:
        if not url or url.startswith("#") or url.startswith("data:"):
            return url
        if is_remote(url):
            return self._remote(url, ref)
        if url.startswith(self.static_url):
            # A template that still says {% static %}: same file, relative URL.
            path = url_path(url)[len(self.static_url) :]
            self.record.assets.append(path)
            return self.links.asset(path) + url_suffix(url)
        if not is_local(url):
            return url
        if url.startswith("/"):
            raise ExportError(
                f"the page template links to {url}, which a static export cannot serve; "
                "use {% asset_url %} or {% index_url %} in the template"
            )
        page = self.record.page
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url_path(url)))
        prefix = STATIC_FOLDER + "/"
        if target.startswith(prefix):
            self.record.assets.append(target[len(prefix) :])
        # Anything else is a page of the site (index.html, another deck).
        return url

    def _remote(self, url: str, ref: Reference) -> str:
        if url.startswith("//"):
            # From file:// a scheme-relative URL would mean file://host/...
            url = "https:" + url
        if ref.tag == "a":
            self.record.web_links.append(url)
        else:
            self.record.remote.append(url)
        return url

    def _slide_url(self, url: str, ref: Reference) -> str:
        """A URL the slides wrote: a file beside the Markdown is copied where
        the Markdown has it, so the slide's HTML mostly stays as it is."""
        if not url or url.startswith("#") or url.startswith("data:"):
            return url
        if is_remote(url):
            return self._remote(url, ref)
        if not is_local(url):
            return url  # mailto:, tel:, javascript: ...
        if url.startswith("/"):
            raise self._slide_error(
                ref, url, "is an absolute path: write it relative to the Markdown file"
            )
        assert self.deck is not None
        record = self.record
        markdown_dir = self.deck.path.parent
        source = Path(posixpath.normpath(posixpath.join(markdown_dir.as_posix(), url_path(url))))
        if source.is_dir() and ref.tag == "a":
            record.folders.append(str(source))
            return url  # a link to a folder: nothing to copy
        relative = posixpath.relpath(source.as_posix(), markdown_dir.as_posix())
        parts = [OUTSIDE if part == ".." else part for part in relative.split("/")]
        placed = "/".join(parts)
        site_path = posixpath.join(self.folder, placed) if self.folder else placed
        if not source.is_file():
            # As reveal-md does: the slide keeps its URL and shows a broken
            # picture; the export lists it (and --strict refuses it).
            line, written = self._written_at(ref, url)
            record.missing.append(
                MissingFile(str(self.deck.path), line, written, str(source), site_path)
            )
            return url
        record.copies.append((str(source), site_path))
        if placed not in record.files:
            record.files.append(placed)
        if placed == relative:
            return url  # where the Markdown has it: the slide HTML stays as it is
        return quote(placed) + url_suffix(url)

    def _slide_error(self, ref: Reference, url: str, problem: str) -> ExportError:
        assert self.deck is not None
        line, written = self._written_at(ref, url)
        return ExportError(
            str(
                DeckError(self.deck.path, line, f"the slide refers to {written!r}, which {problem}")
            )
        )

    def _written_at(self, ref: Reference, url: str) -> tuple[int, str]:
        """The Markdown line that wrote ``url``, and the URL as written there."""
        assert self.deck is not None
        offset = ref.start - self.span[0]
        slides = self.text[self.span[0] : self.span[1]]
        return source_line(self.deck, slide_line_at(slides, offset), url)


def source_line(deck: Deck, slide_line: int, url: str) -> tuple[int, str]:
    """The Markdown line that wrote ``url``, searched from the slide's first
    line, and ``url`` as written there: Markdown percent-encodes what the
    author may have typed as is (``<a b.png>`` is ``a%20b.png`` in the HTML)."""
    lines = deck.text.split("\n")
    start = max(slide_line - 1, 0)
    for candidate in dict.fromkeys((url, unquote(url), quote(url, safe="/:?#&=%"))):
        for index in range(start, len(lines)):
            if candidate in lines[index]:
                return index + 1, candidate
    return slide_line or 1, url
