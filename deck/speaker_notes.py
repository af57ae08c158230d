"""Who may read a deck's speaker notes, and which pages carry them.

Notes are the teacher's: the answers to the quiz, what to say next. They
are in a page's HTML only where the one who asked may read them:

- on the teacher's own laptop (DEBUG on: ``runserver``, ``present --serve``
  on loopback), every deck page carries them, as reveal-md's do;
- with DEBUG off (production, or ``present --serve`` to a room), only the
  presenter of that deck gets them (presenter rights,
  :mod:`deck.follow.rights`), so the speaker view (``s``) works for them;
- the follow page, which is the audience's, never carries them;
- a static export keeps them: the teacher publishes it on purpose.

:func:`may_see_notes` is the rule for any page that shows notes (a deck
page, a transcript). A cached deck page with notes and one without are two
cache entries: the ``notes`` page key part below says which one a key is for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

from deck.caching import keys
from deck.follow import rights


def may_see_notes(request: HttpRequest, slug: str) -> bool:
    """Whether the page of ``slug`` drawn for ``request`` may carry its
    speaker notes: with DEBUG on (the teacher's laptop), or for the holder
    of presenter rights for that deck."""
    return bool(settings.DEBUG) or rights.is_presenter(request, slug)


# Whether the page being keyed and drawn carries notes; None: the default
# of a visitor with no rights (as with DEBUG, see notes_in_page).
_in_page: ContextVar[bool | None] = ContextVar("deck_notes_in_page", default=None)


def notes_in_page() -> bool:
    """Whether the cached page being keyed or drawn carries notes. Outside
    :func:`showing` (a command warming the cache, the checks): what a
    visitor without rights gets."""
    value = _in_page.get()
    return bool(settings.DEBUG) if value is None else value


@contextmanager
def showing(notes: bool) -> Iterator[None]:
    """Key and draw cached pages with (or without) notes inside the block."""
    token = _in_page.set(notes)
    try:
        yield
    finally:
        _in_page.reset(token)


@keys.page_key_part("notes")
def _notes_part() -> object:
    # The same deck with and without its notes are two pages: a presenter's
    # page must never be served to the room from the cache.
    return notes_in_page()
