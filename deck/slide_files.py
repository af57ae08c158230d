"""Serving the files that decks name: pictures, stylesheets, downloads.

Django glue. Only regular files inside the slides folder are served: no
hidden segments, no ``..``, nothing a link leads to outside the folder; with
DEBUG off, no Markdown or options file, and only media or files a deck
refers to (:mod:`deck.file_policy`, which also sets the headers that keep an
HTML or SVG file from running script in the decks' origin). Responses carry
a content type from the file name and revalidate on each use
(``Cache-Control: no-cache`` with ``Last-Modified``), so a replaced picture
shows at once and an unchanged one costs a 304.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from deck import decks, file_policy

# Where the page's own links to slides files live (deck.urls.SLIDES_FILES).
SLIDES_FILES_PREFIX = "_deck/files/"
# The deck's other pages (deck.urls): on /<slug>/follow/ the browser resolves
# img/x.png to /<slug>/follow/img/x.png, which names the same file as on the
# deck's own page, /<slug>/img/x.png.
PAGE_FOLDERS = ("follow", "present")


def safe_relative(path: str) -> PurePosixPath | None:
    """``path`` as a plain relative path, or None if it tries anything else."""
    if not path or "\x00" in path or "\\" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(part in {"", ".", ".."} or part.startswith(".") for part in parts):
        return None
    return PurePosixPath(*parts)


def inside(folder: Path, relative: PurePosixPath) -> Path | None:
    """The regular file ``folder/relative`` resolved, if it is inside the slides folder."""
    root = decks.slides_root().resolve()
    candidate = (folder / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def beside_deck(path: str) -> tuple[Path, PurePosixPath]:
    """The folder and relative path that ``/<path>`` names: below the
    longest deck address it starts with, else in the slides folder itself."""
    parts = path.split("/")
    known = decks.all_decks()
    for cut in range(len(parts) - 1, 0, -1):
        deck = known.get("/".join(parts[:cut]))
        if deck is not None:
            rest = parts[cut:]
            if len(rest) > 1 and rest[0] in PAGE_FOLDERS and not (deck.folder / rest[0]).is_dir():
                rest = rest[1:]
            return deck.folder, PurePosixPath(*rest)
    return decks.slides_root(), PurePosixPath(*parts)


def locate(site_path: str) -> Path | None:
    """The file a site path (``/talks/a/img/x.png``) is served from, or None."""
    path = site_path.lstrip("/")
    if path.startswith(SLIDES_FILES_PREFIX):
        relative = safe_relative(path.removeprefix(SLIDES_FILES_PREFIX))
        return None if relative is None else inside(decks.slides_root(), relative)
    if safe_relative(path) is None or path in decks.all_decks():
        return None
    return inside(*beside_deck(path))


def serve_inside(request: HttpRequest, folder: Path, relative: PurePosixPath) -> HttpResponse:
    candidate = inside(folder, relative)
    if candidate is None or not file_policy.may_serve(candidate, locate):
        raise Http404("no such file")
    response = serve(request, candidate.name, document_root=candidate.parent)
    patch_cache_control(response, no_cache=True)
    return file_policy.protect(response, candidate)


@require_safe
def file_beside_deck(request: HttpRequest, path: str) -> HttpResponse:
    """``/<slug>/<file>``: a file beside the deck's Markdown, as it names it.

    The browser resolves ``img/x.png`` on ``/talks/a/`` to ``/talks/a/img/x.png``;
    that is ``img/x.png`` in the folder of ``talks/a.md``. A path no deck
    claims is looked up from the slides folder itself (``../img/x.png``).
    """
    if safe_relative(path) is None:
        raise Http404("no such file")
    if path in decks.all_decks():  # a deck address without its slash
        return HttpResponseRedirect(reverse("present", args=[path]))
    return serve_inside(request, *beside_deck(path))


@require_safe
def slides_file(request: HttpRequest, path: str) -> HttpResponse:
    """``/_deck/files/<path>``: a file anywhere in the slides folder (a
    course-wide theme used by decks in subfolders)."""
    relative = safe_relative(path)
    if relative is None:
        raise Http404("no such file")
    return serve_inside(request, decks.slides_root(), relative)
