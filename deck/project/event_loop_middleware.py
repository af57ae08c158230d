"""Django's own header-only middleware, run in the event loop under ASGI.

Under uvicorn, Django runs every hook of a ``MiddlewareMixin`` middleware
through ``sync_to_async``, on the thread it keeps for the request: two
thread hand-overs per middleware and request, static files included. The
hooks of these three only read the request and set headers (no I/O, nothing
that blocks), so here they run where they are called, as under gunicorn.
Same classes otherwise; ``MIDDLEWARE`` in settings names these in their
place. The session and CSRF middleware stay Django's: saving a session is
I/O, and CSRF's view hook is adapted by Django's handler anyway.
"""

from __future__ import annotations

from django.contrib.sessions import middleware as sessions
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
