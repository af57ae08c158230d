"""Serving the files that decks name: pictures, stylesheets, downloads.

Django glue. Only regular files inside the slides folder are served: no
hidden segments, no ``..``, nothing a link leads to outside the folder.
Responses carry a content type from the file name and revalidate on each
use (``Cache-Control: no-cache`` with ``Last-Modified``), so a replaced
picture shows at once and an unchanged one costs a 304.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

from deck import decks


def safe_relative(path: str) -> PurePosixPath | None:
    """``path`` as a plain relative path, or None if it tries anything else."""
    if not path or "\x00" in path or "\\" in path or path.startswith("/"):
        return None
    parts = path.split("/")
    if any(part in {"", ".", ".."} or part.startswith(".") for part in parts):
        return None
    return PurePosixPath(*parts)


def serve_inside(request: HttpRequest, folder: Path, relative: PurePosixPath) -> HttpResponse:
    root = decks.slides_root().resolve()
    candidate = (folder / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise Http404("no such file")
    response = serve(request, candidate.name, document_root=candidate.parent)
    patch_cache_control(response, no_cache=True)
    return response


@require_safe
def file_beside_deck(request: HttpRequest, path: str) -> HttpResponse:
    """``/<slug>/<file>``: a file beside the deck's Markdown, as it names it.

    The browser resolves ``img/x.png`` on ``/talks/a/`` to ``/talks/a/img/x.png``;
    that is ``img/x.png`` in the folder of ``talks/a.md``. A path no deck
    claims is looked up from the slides folder itself (``../img/x.png``).
    """
    if safe_relative(path) is None:
        raise Http404("no such file")
    parts = path.split("/")
    known = decks.all_decks()
    if path in known:  # a deck address without its slash
        return HttpResponseRedirect(reverse("present", args=[path]))
    for cut in range(len(parts) - 1, 0, -1):
        deck = known.get("/".join(parts[:cut]))
        if deck is not None:
            return serve_inside(request, deck.folder, PurePosixPath(*parts[cut:]))
    return serve_inside(request, decks.slides_root(), PurePosixPath(*parts))


@require_safe
def slides_file(request: HttpRequest, path: str) -> HttpResponse:
    """``/_deck/files/<path>``: a file anywhere in the slides folder (a
    course-wide theme used by decks in subfolders)."""
    relative = safe_relative(path)
    if relative is None:
        raise Http404("no such file")
    return serve_inside(request, decks.slides_root(), relative)
