"""Django's own header-only middleware, run in the event loop under ASGI.

Under uvicorn, Django runs every hook of a ``MiddlewareMixin`` middleware
through ``sync_to_async``, on the thread it keeps for the request: two
thread hand-overs per middleware and request, static files included. The
hooks of these five (security, common, sessions kept in signed cookies,
CSRF's cookie, X-Frame-Options) only read the request and set headers (no
I/O, nothing that blocks), so here they run where they are called, as under
gunicorn.
Same classes otherwise. ``MIDDLEWARE`` keeps naming Django's own (``check
--deploy`` looks for them by name, and WSGI has no threads to save): the
ASGI entry point (deck/project/asgi.py) builds its handler with
:class:`Handler`, which loads these in their place.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions import middleware as sessions
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponseBase
from django.middleware import clickjacking, common, csrf, security


class HooksInTheLoop:
    """``MiddlewareMixin.__acall__`` without ``sync_to_async`` around the hooks."""

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response


class SecurityMiddleware(HooksInTheLoop, security.SecurityMiddleware):
    pass


class CommonMiddleware(HooksInTheLoop, common.CommonMiddleware):
    pass


class XFrameOptionsMiddleware(HooksInTheLoop, clickjacking.XFrameOptionsMiddleware):
    pass


class SessionMiddleware(HooksInTheLoop, sessions.SessionMiddleware):
    """Sessions are signed cookies here (``SESSION_ENGINE``): saving one
    sets a header, no I/O. With a session store that does I/O, Django's own
    middleware would be the one to use."""


class CsrfViewMiddleware(HooksInTheLoop, csrf.CsrfViewMiddleware):
    """Its request and response hooks read and set a cookie; its view hook
    is called by Django's handler, as before."""


IN_THE_LOOP = {
    "django.middleware.security.SecurityMiddleware": SecurityMiddleware,
    "django.middleware.common.CommonMiddleware": CommonMiddleware,
    "django.contrib.sessions.middleware.SessionMiddleware": SessionMiddleware,
    "django.middleware.csrf.CsrfViewMiddleware": CsrfViewMiddleware,
    "django.middleware.clickjacking.XFrameOptionsMiddleware": XFrameOptionsMiddleware,
}
SIGNED_COOKIES = "django.contrib.sessions.backends.signed_cookies"


def in_the_loop(middleware: list[str]) -> list[str]:
    """``middleware`` with each of Django's header-only classes swapped for
    its in-the-loop twin (the session one only while sessions are cookies)."""
    swapped = []
    for path in middleware:
        twin = IN_THE_LOOP.get(path)
        if twin is SessionMiddleware and settings.SESSION_ENGINE != SIGNED_COOKIES:
            twin = None
        swapped.append(f"{twin.__module__}.{twin.__qualname__}" if twin else path)
    return swapped


class Handler(ASGIHandler):
    """Django's ASGI handler, with :func:`in_the_loop` middleware; the
    ``MIDDLEWARE`` setting is as it was once the chain is built."""

    def load_middleware(self, is_async: bool = False) -> None:
        configured = settings.MIDDLEWARE
        settings.MIDDLEWARE = in_the_loop(configured)
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = configured
