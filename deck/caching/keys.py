"""Cache keys: a slide's, a page's, and the page's ETag.

A key is a hash of everything that changes what is stored under it, so no
edit, setting or upgrade can ever meet an old entry; old entries are only left
unused until they expire.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import get_script_prefix

from deck import conf
from deck.core.splitter import Slide
from deck.render.slides import RENDERER_VERSION

# Libraries whose upgrade can change a slide's HTML: part of the slide key,
# by the version each module states (the renderer imports them anyway;
# importlib.metadata would cost a twelfth of a second at every start).
RENDERING_LIBRARIES = {
    "Markdown": "markdown",
    "Pygments": "pygments",
    "pymdown-extensions": "pymdownx",
}


def digest(*parts: str) -> str:
    """A hash of ``parts``; each is length-prefixed so no two lists collide."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """``RENDERER_VERSION`` plus the versions of the libraries that make the HTML."""
    versions = []
    for name, module in RENDERING_LIBRARIES.items():
        try:
            versions.append(f"{name}={importlib.import_module(module).__version__}")
        except (ImportError, AttributeError):
            versions.append(f"{name}=?")
    return " ".join([f"deck={RENDERER_VERSION}", *versions])


def slide_key(slide: Slide, style: str) -> str:
    """Changes with the slide's Markdown, the style and the renderer; nothing else.

    The slide's position (line, number) is not in it: that goes into the
    ``<section>`` around the cached HTML (:func:`deck.render.slides.section`).
    """
    return "slide:" + digest(renderer_fingerprint(), style, slide.body, slide.notes)


# --- what besides the deck's text changes a page ------------------------------

# Register more with @page_key_part("name"): a function of no arguments
# returning something with a stable repr() (for example a DEBUG-only script's
# URL, or its setting). Every part is called for every page key, on the path
# of every warm request: each must take a few microseconds at most (a costly
# one keeps its last answer, as _static_files does).
_page_key_parts: dict[str, Callable[[], object]] = {}


def page_key_part(name: str) -> Callable[[Callable[[], object]], Callable[[], object]]:
    def register(function: Callable[[], object]) -> Callable[[], object]:
        _page_key_parts[name] = function
        return function

    return register


def remove_page_key_part(name: str) -> None:
    """Undo :func:`page_key_part` (a test's part, a plugin unloaded)."""
    _page_key_parts.pop(name, None)


@page_key_part("debug")
def _debug() -> object:
    return settings.DEBUG


@page_key_part("renderer")
def _renderer() -> object:
    return renderer_fingerprint()


@page_key_part("deck_settings")
def _deck_settings() -> object:
    # Default theme and style, and whatever later settings a page shows; the
    # cache's own tuning changes no page.
    return sorted(
        (name, str(value))
        for name, value in conf.deck_settings().items()
        if not name.startswith("CACHE_")
    )


@page_key_part("urls")
def _urls() -> object:
    # {% static %} and {% url %} in the page depend on both.
    return (get_script_prefix(), settings.STATIC_URL)


# id -> (manifest, digest): holding the manifest keeps its id from being reused.
_manifest_digests: dict[int, tuple[Any, str]] = {}


@page_key_part("static_files")
def _static_files() -> object:
    # A hashing storage (ManifestStaticFilesStorage) puts file hashes into
    # {% static %} URLs: a new collectstatic must not meet old pages.
    manifest = getattr(staticfiles_storage, "hashed_files", None)
    if not manifest:
        return type(staticfiles_storage).__name__
    known = _manifest_digests.get(id(manifest))
    if known is None or known[0] is not manifest:
        known = (manifest, digest(*sorted(f"{k}={v}" for k, v in manifest.items())))
        _manifest_digests[id(manifest)] = known
    return known[1]


def page_variant() -> str:
    """Every page key part as ``name=repr(value)``, one a line, sorted by name."""
    return "\n".join(f"{name}={function()!r}" for name, function in sorted(_page_key_parts.items()))


def reset() -> None:
    """Forget what was worked out once: the renderer's fingerprint and the
    static manifest's digest (tests, after patching either)."""
    renderer_fingerprint.cache_clear()
    _manifest_digests.clear()


def page_key(slug: str, deck_digest: str) -> str:
    """The deck's name (a title may fall back to it), its text and the variant."""
    return "page:" + digest(slug, deck_digest, page_variant())


def etag(page_key: str) -> str:
    return '"' + page_key.removeprefix("page:") + '"'
