"""The bytes of a static file an exported page uses: from the static folders,
or drawn by the server (Pygments CSS), or a file of the slides folder that the
page links (a course-wide theme)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders

from deck import decks
from deck.export.errors import ExportError
from deck.export.relative_urls import PYGMENTS_CSS, SLIDES_FILES
from deck.render.highlight import is_known_style, style_css


def asset_bytes(path: str) -> bytes:
    generated = _generated_asset(path)
    if generated is not None:
        return generated
    found = finders.find(path)
    if not found:
        raise ExportError(f"the page uses the static file {path}, which no static folder has")
    return Path(found).read_bytes()


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


def slides_source(path: str) -> Path | None:
    """The file of the slides folder that the static path ``path`` mirrors
    (under ``SLIDES_FILES``), whether or not it exists; None for any other path
    or one that leaves the slides folder."""
    if not path.startswith(SLIDES_FILES):
        return None
    root = decks.slides_root().resolve()
    source = (root / path[len(SLIDES_FILES) :]).resolve()
    return source if source.is_relative_to(root) else None


def _slides_file(relative: str) -> bytes:
    root = decks.slides_root().resolve()
    source = (root / relative).resolve()
    if not source.is_relative_to(root) or not source.is_file():
        raise ExportError(f"the page uses {relative}, which the slides folder does not have")
    return source.read_bytes()
