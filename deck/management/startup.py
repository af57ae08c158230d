"""The one line a wrong setting gives, before any command runs.

``manage.py`` calls :func:`settings_error` first. Without it, a wrong
``DECK_CACHE_URL`` (or ``DECK_DEBUG``, ``DECK_LOG_LEVEL``, ...) raises
``ImproperlyConfigured`` while Django imports the settings, in the middle of
loading a command, and the reader gets a 40-line traceback ending with the
sentence that matters. A wrong ``DECK`` value (``DECK_FIT_MIN_FONT_PX=abc``)
is ``deck.E100`` among the system checks, which runserver runs in a thread
of the autoreloader: there it printed a traceback and kept waiting for a file
to change. Both are a deployer's typo, not a bug: one line, and no command
starts (runserver's autoreloader re-runs ``manage.py``, so the line is the
parent's and nothing is started).
"""

from __future__ import annotations

import gc

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Set by manage.py, which starts with the garbage collector off.
gc_paused = False

# It lists every problem with its hint: a wrong value is one deck.E100 among them.
LISTS_SETTINGS = frozenset({"check"})


def settings_error(argv: list[str]) -> str | None:
    """What is wrong with the settings, as one line; None when nothing is."""
    try:
        # Imports the settings module, which reads the DECK_* variables.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        return str(error)
    if len(argv) > 1 and argv[1] in LISTS_SETTINGS:
        return None
    from deck import conf  # after the settings: conf reads them as it is used

    try:
        conf.validate()
    except ImproperlyConfigured as error:
        return str(error)
    return None


def start_up_done() -> None:
    """Called once the apps are ready: what start-up made stays for the
    process's life, so later collections skip it (``gc.freeze``, as servers do
    before they fork); collection comes back on if manage.py paused it."""
    global gc_paused
    gc.freeze()
    if gc_paused:
        gc_paused = False
        gc.enable()
