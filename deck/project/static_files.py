"""whitenoise's middleware, able to run in Django's async mode.

whitenoise is sync-only. Under ASGI, Django then runs it in a thread and the
rest of the chain back in the event loop, for every request; and it streams
each static file through a sync iterator, which Django's ASGI handler can
only read whole, warning "StreamingHttpResponse must consume synchronous
iterators" in the server's output. This subclass finds and opens static files
in the thread pool and streams them with an async iterator; the chain stays
async. Under WSGI it is plain whitenoise.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
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
