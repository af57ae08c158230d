"""Presenter rights, held in the Django session.

The session is a signed cookie (``SESSION_ENGINE`` in settings), so rights
need no database and survive a server restart; the cookie's signature
timestamp bounds how long they last (``SESSION_COOKIE_AGE``).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import rotate_token

SESSION_KEY = "deck.presenter"


def grant(request: HttpRequest, slug: str) -> None:
    """Make this browser the presenter of ``slug``.

    Like ``django.contrib.auth.login``: a new session key and a new CSRF
    token when privileges change.
    """
    slugs = set(request.session.get(SESSION_KEY, []))
    slugs.add(slug)
    request.session[SESSION_KEY] = sorted(slugs)
    request.session.cycle_key()
    rotate_token(request)


def is_presenter(request: HttpRequest, slug: str) -> bool:
    slugs = request.session.get(SESSION_KEY, [])
    return isinstance(slugs, list) and slug in slugs
