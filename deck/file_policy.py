"""Which files of the slides folder are served, and with which headers.

The slides folder holds more than a room should read: the decks' Markdown
(with the speaker notes), their options files, a teacher's ``notes.txt``.

- DEBUG on (the teacher's own laptop, ``runserver``): every regular file of
  the folder is served, Markdown included, so the author can open a source
  from the browser.
- DEBUG off (production, ``present --serve`` to a room): Markdown
  (``*.md``, ``*.markdown``, any case: every deck, ``CLASS.md``, a stray
  ``README.MD``) and options files (``reveal-md.json``, ``reveal.json``) are
  never served; any other file only when it is ordinary media (pictures,
  video, audio, fonts, PDFs, stylesheets) or when a deck refers to it (a
  link, a picture, an iframe background, and what such an HTML file itself
  loads).

Always: ``X-Content-Type-Options: nosniff``, and an HTML or SVG file gets a
sandboxing ``Content-Security-Policy``, so that it never runs script in the
decks' origin (where the presenter's rights live). An HTML page used as an
iframe background keeps its scripts, in an origin of its own (no
``allow-same-origin``): it cannot read the deck's cookies, storage or page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse

from deck import decks, pages
from deck.caching.backend import get_instance, put
from deck.core.errors import DeckError
from deck.core.reading import DeckFile
from deck.core.url_scan import html_references, url_path
from deck.core.urls import is_local

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
OPTIONS_FILES = frozenset({"reveal-md.json", "reveal.json"})
MEDIA_SUFFIXES = frozenset(
    {
        # pictures
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico", ".bmp", ".apng",
        # video, audio, their subtitles
        ".mp4", ".webm", ".ogv", ".mov", ".m4v",
        ".mp3", ".ogg", ".oga", ".wav", ".m4a", ".flac", ".opus", ".aac", ".vtt",
        # fonts, documents, stylesheets (a theme's @import and url())
        ".woff", ".woff2", ".ttf", ".otf", ".eot", ".pdf", ".css",
    }
)  # fmt: skip
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SVG_SUFFIXES = frozenset({".svg", ".svgz"})

# An HTML file beside a deck is a demo in an iframe background: its scripts
# run, its forms and pop-ups work, but in an opaque origin (no
# allow-same-origin), never the decks'. An SVG needs no script at all.
HTML_POLICY = "sandbox allow-scripts allow-forms allow-popups allow-modals"
SVG_POLICY = "sandbox"

REFERENCES_KEY = "files-referred:"

# The file a URL path of the site maps to (deck.slide_files.locate).
Locator = Callable[[str], "Path | None"]


def is_source(path: Path) -> bool:
    """A deck's Markdown or an options file: never served with DEBUG off."""
    return path.suffix.lower() in MARKDOWN_SUFFIXES or path.name.lower() in OPTIONS_FILES


def is_media(path: Path) -> bool:
    return path.suffix.lower() in MEDIA_SUFFIXES


def may_serve(candidate: Path, locate: Locator) -> bool:
    """Whether the regular file ``candidate`` (resolved, inside the slides
    folder) is served; ``locate`` maps a URL path to its file."""
    if settings.DEBUG:
        return True
    if is_source(candidate):
        return False
    return is_media(candidate) or candidate in referred_files(locate)


def protect(response: HttpResponse, candidate: Path) -> HttpResponse:
    """The headers every served slides file carries."""
    response["X-Content-Type-Options"] = "nosniff"
    suffix = candidate.suffix.lower()
    if suffix in HTML_SUFFIXES:
        response["Content-Security-Policy"] = HTML_POLICY
    elif suffix in SVG_SUFFIXES:
        response["Content-Security-Policy"] = SVG_POLICY
    return response


# --- what the decks refer to ----------------------------------------------------


def local_urls(html: str, base: str) -> Iterator[str]:
    """The site paths (``/talks/img/x.png``) of the local URLs in ``html``,
    as a browser resolves them on a page at ``base``."""
    for reference in html_references(html):
        if not is_local(reference.url):
            continue
        path = url_path(reference.url)
        if not path:
            continue
        joined = path if path.startswith("/") else posixpath.join(posixpath.dirname(base), path)
        yield posixpath.normpath(joined) if joined != "/" else joined


def deck_references(deck_file: DeckFile) -> tuple[str, ...]:
    """The site paths a deck's page refers to, kept under its page key."""
    source = decks.read_source(deck_file)
    key = REFERENCES_KEY + source.page_key()
    found = get_instance(key, tuple)
    if found is None:
        try:
            deck = decks.load_file(deck_file)
        except DeckError:
            found = ()
        else:
            # The audience's page: a link only the notes hold is not served.
            html = pages.slides_html(deck, notes=False)
            found = tuple(dict.fromkeys(local_urls(html, f"/{deck_file.slug}/")))
        put(key, found)
    return found


def referred_files(locate: Locator) -> set[Path]:
    """Every file a deck refers to, and what the HTML files among them load
    (an iframe background's own scripts and pictures)."""
    files: set[Path] = set()
    for deck_file in decks.all_decks().values():
        for site_path in deck_references(deck_file):
            found = locate(site_path)
            if found is None:
                continue
            files.add(found)
            if found.suffix.lower() in HTML_SUFFIXES:
                files.update(_loaded_by(found, site_path, locate))
    return files


def _loaded_by(page: Path, site_path: str, locate: Locator) -> Iterator[Path]:
    try:
        text = page.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for path in local_urls(text, site_path):
        found = locate(path)
        if found is not None:
            yield found
