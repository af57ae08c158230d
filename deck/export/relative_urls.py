"""Where a page of an exported site finds the other files: relative URLs.

The templates ask ``{% asset_url %}``, ``{% deck_url %}`` and
friends (``deck/templatetags/deck.py``); on a served page those answer with
Django's ``static()`` and ``reverse()``, on an exported page with this object,
found in the context as ``site_links``. Relative URLs are what make one export
work from ``file://``, from a sub-path of a static host and from a root alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from deck.urls import PYGMENTS_CSS, SLIDES_FILES

STATIC_FOLDER = "static"
# The server's own files keep their addresses under the static folder:
# PYGMENTS_CSS, and SLIDES_FILES (the files of the slides folder that the page
# itself links, a deck's theme and stylesheets), mirroring the slides folder
# so that what a stylesheet names relatively resolves as on disk.


def transcript_page(slug: str, single_file: bool = False) -> str:
    """Where a deck's transcript is in the site: beside its page."""
    return f"{slug}.transcript.html" if single_file else f"{slug}/transcript.html"


@dataclass(frozen=True)
class ExportLinks:
    """Links from a page ``depth`` folders below the export's root."""

    depth: int
    single_file: bool = False

    # Templates may leave out what only makes sense on a server (live reload).
    exporting = True

    @property
    def root(self) -> str:
        return "../" * self.depth

    @property
    def static_prefix(self) -> str:
        return f"{self.root}{STATIC_FOLDER}/"

    def asset(self, path: str) -> str:
        return self.static_prefix + quote(path.lstrip("/"))

    def pygments_css(self, style: str) -> str:
        return self.asset(PYGMENTS_CSS.format(style=style))

    def deck(self, slug: str) -> str:
        # index.html spelled out: file:// shows a folder listing, not the page.
        page = f"{slug}.html" if self.single_file else f"{slug}/index.html"
        return self.root + quote(page)

    def index(self) -> str:
        return f"{self.root}index.html"

    def transcript(self, slug: str) -> str:
        return self.root + quote(transcript_page(slug, self.single_file))

    def slides_file(self, path: str) -> str:
        return self.asset(SLIDES_FILES + path)
