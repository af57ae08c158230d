"""whitenoise's middleware, able to run in Django's async mode.

whitenoise is sync-only. Under ASGI, Django then runs it in a thread and the
rest of the chain back in the event loop, for every request; and it streams
each static file through a sync iterator, which Django's ASGI handler can
only read whole, warning "StreamingHttpResponse must consume synchronous
iterators" in the server's output. This subclass finds and opens static files
in the thread pool and streams them with an async iterator; the chain stays
async. Under WSGI it is plain whitenoise.

Compressed static files: ``static/`` is served straight from the finders (no
``collectstatic`` needed). ``manage.py collectstatic`` (``present --serve``
runs it when needed, :func:`collect_if_stale`) copies it into ``STATIC_ROOT``
through whitenoise's ``CompressedStaticFilesStorage``, which writes a ``.gz``
and a ``.br`` beside each copy. A file whose copy there is as new as the
source and of its size is served from that copy, so whitenoise's own
negotiation sends its variants; a file edited since (runserver's
autorefresh looks again on each request) is served from ``static/``, plain,
never stale. Exports copy ``static/`` as it is (a static host compresses).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from whitenoise.middleware import WhiteNoiseMiddleware as SyncWhiteNoiseMiddleware

CHUNK_BYTES = 64 * 1024


async def _read(file: Any) -> AsyncIterator[bytes]:
    read = sync_to_async(file.read, thread_sensitive=False)
    while chunk := await read(CHUNK_BYTES):
        yield chunk


async def _nothing() -> AsyncIterator[bytes]:
    return
    yield  # an async generator that yields nothing (HEAD, 304)


class WhiteNoiseMiddleware(SyncWhiteNoiseMiddleware):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None, *args: Any, **kwargs: Any) -> None:
        super().__init__(get_response, *args, **kwargs)
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        return super().__call__(request)

    def get_static_file(self, path: str, url: str, stat_cache: Any = None) -> Any:
        collected = collected_copy(path, url[len(self.static_prefix) :])
        if collected is None:
            return super().get_static_file(path, url, stat_cache)
        # whitenoise finds the copy's .gz and .br beside it.
        return super().get_static_file(collected, url)

    def _static_response(self, path: str, request: HttpRequest) -> HttpResponseBase | None:
        static_file = self.find_file(path) if self.autorefresh else self.files.get(path)
        return None if static_file is None else self.serve(static_file, request)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        # thread_sensitive=False: the shared pool, not a thread kept for this request.
        response = await sync_to_async(self._static_response, thread_sensitive=False)(
            request.path_info, request
        )
        if response is None:
            return await self.get_response(request)
        file = getattr(response, "file_to_stream", None)
        # The file stays in the response's closers: Django closes it when done.
        response.streaming_content = _read(file) if file is not None else _nothing()
        return response


def collected_copy(source: str, name: str) -> str | None:
    """``STATIC_ROOT/name`` if it is a fresh copy of ``source`` with its variants."""
    copy = fresh_copy(source, name)
    if copy is None or not (os.path.exists(copy + ".br") or os.path.exists(copy + ".gz")):
        return None
    return copy


def fresh_copy(source: str, name: str) -> str | None:
    """``STATIC_ROOT/name`` if collectstatic copied ``source`` there since it last changed."""
    if not settings.STATIC_ROOT:
        return None
    root = os.path.normpath(settings.STATIC_ROOT)
    copy = os.path.normpath(os.path.join(root, name))
    if not copy.startswith(root + os.sep):
        return None  # a name that climbs out of STATIC_ROOT names no copy
    try:
        made, used = os.stat(copy), os.stat(source)
    except (OSError, ValueError):  # missing, or a name no file can have (a NUL)
        return None
    if (made.st_dev, made.st_ino) == (used.st_dev, used.st_ino) or made.st_size != used.st_size:
        return None
    # collectstatic copies a file when the source is newer than its copy.
    if made.st_mtime < used.st_mtime:
        return None
    return copy


def stale_files() -> list[str]:
    """The static files (as found) with no fresh compressed copy in STATIC_ROOT."""
    from django.contrib.staticfiles import finders
    from whitenoise.compress import Compressor

    should_compress = Compressor(quiet=True).should_compress
    stale = []
    for finder in finders.get_finders():
        for name, storage in finder.list(None):
            prefix = (getattr(storage, "prefix", None) or "").strip("/")
            url_name = f"{prefix}/{name}" if prefix else name
            if not should_compress(url_name) or Path(name).suffix in {".gz", ".br"}:
                continue
            if fresh_copy(storage.path(name), url_name) is None:
                stale.append(url_name)
    return stale


def collect_if_stale() -> int:
    """Run ``collectstatic`` when a static file has no fresh compressed copy;
    how many had none (0: nothing was run). The first run compresses every
    file (about 10 s); later ones only when static/ changed."""
    stale = stale_files()
    if stale:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    return len(stale)
