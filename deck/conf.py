"""The ``DECK`` setting: every key, its default, and the check of what was given.

``DEFAULTS`` below is the one place a key and its default are written.
``deck/project/settings.py`` puts into ``DECK`` only what the environment sets
(``DECK_<KEY>``, as text); a deployer's own settings may give any key as a
Python value. Each value is converted and checked here, once, so a wrong one
is reported at start-up naming the variable, never as a broken deck:

- ``manage.py check`` and runserver list it as ``deck.E100`` (runserver does
  not start);
- the WSGI and ASGI entry points call :func:`validate`, which raises
  ``ImproperlyConfigured``, as ``DECK_CACHE_URL`` does.

Anywhere else (a test, ``manage.py shell``) a wrong value is replaced by its
default, so that the checks, which read the settings too, can still run and
say what is wrong. Merged values are cached, with a ``setting_changed``
receiver so ``override_settings`` in tests takes effect at once.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from deck.core.fit import font_sizes_problem
from deck.core.language import is_language_tag

TAG = "settings"  # manage.py check --tag settings

DEFAULTS: dict[str, Any] = {
    # Where the lesson Markdown lives; every *.md there is a deck.
    "SLIDES_DIR": None,  # None: the project's slides/ folder
    # Files larger than this are refused before anything is parsed.
    "MAX_BYTES": 5 * 1024 * 1024,
    # reveal.js theme and Pygments style when a deck names none.
    "THEME": "black",
    "HIGHLIGHT_STYLE": "monokai",
    # Shrink slides whose content is too big to fit (static/deck/fit.js); a
    # deck opts out with `fit: false` in its front matter.
    "FIT": True,
    # The floor, in the slide's own pixels (reveal's 960x700 canvas, shown
    # about 1:1 in a 1280x720 window and 1.5x on a 1080p projector). 12px is
    # the smallest text a laptop user interface uses; projected, it is 1/58 of
    # the picture's height (3.4 cm on a 2 m screen), still legible from the
    # back of a classroom. It lets a 50-line code block fit on one slide;
    # below it, text stops shrinking and the slide is reported as not fitting.
    "FIT_MIN_FONT_PX": 9,
    # Comfortable size: about reveal's own code text (23px) with a little
    # room, 1/35 of the slide height (~15pt on a 7.5in slide). A slide whose
    # smallest text had to go below it is reported, so the author can split it.
    "FIT_COMFORT_FONT_PX": 20,
    # Live reload (runserver, DEBUG on): watch the slides folder with a thread
    # of its own. Off, Django's autoreloader alone reports saves, about once a
    # second, and deleted or renamed decks go unnoticed.
    "LIVE_WATCHER": True,
    # After a cache backend failed, seconds before it is tried again (pages
    # are rendered without it meanwhile).
    "CACHE_RETRY_SECONDS": 5.0,
    # Rendered pages kept in each process's own memory, in front of the cache.
    "CACHE_LOCAL_BYTES": 32 * 1024 * 1024,
    # CPU seconds one deck's slides may take to render (deck/render/budget.py):
    # past it the page says which slide is too complex, well before a
    # server's worker timeout (gunicorn's is 30 s of wall time).
    "RENDER_SECONDS": 10.0,
    # <html lang> of a deck that names no `lang` (front matter, reveal-md.json):
    # screen readers pick their voice by it, browsers their hyphenation.
    "LANG": "en",
    # A served page with at least this many slides not in the cache renders
    # them on every core (deck/caching/render_pool.py); 0: always in one.
    "RENDER_PROCESSES_MIN_SLIDES": 400,
}

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


# -- converters: the value as the code uses it, or ValueError with the end of
# -- a sentence that starts "NAME='value'"


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(" is not a number")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(" is not a number") from None
    if not math.isfinite(number):
        raise ValueError(" is not a number")
    return number


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(" is not a whole number")
    try:
        return int(value)
    except ValueError:
        raise ValueError(" is not a whole number") from None


def _at_least(low: float, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def checked(value: Any) -> Any:
        converted = convert(value)
        if converted < low:
            raise ValueError(f" must be at least {low:g}")
        return converted

    return checked


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        return value.strip().lower() in TRUE
    raise ValueError(": use 1 or 0")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(" must be a non-empty text")
    return value.strip()


def _language(value: Any) -> str:
    if not is_language_tag(value):
        raise ValueError(" is not a language tag (en, fr, pt-BR, ar, ...)")
    return value.strip()


def _folder(value: Any) -> Path:
    if value is None or value == "":
        return Path(settings.BASE_DIR) / "slides"
    if not isinstance(value, str | os.PathLike):
        raise ValueError(" is not a folder")
    return Path(value)


CONVERT: dict[str, Callable[[Any], Any]] = {
    "SLIDES_DIR": _folder,
    "MAX_BYTES": _at_least(1, _whole),
    "THEME": _text,
    "HIGHLIGHT_STYLE": _text,
    "FIT": _flag,
    "FIT_MIN_FONT_PX": _number,
    "FIT_COMFORT_FONT_PX": _number,
    "LIVE_WATCHER": _flag,
    "CACHE_RETRY_SECONDS": _at_least(0, _number),
    "CACHE_LOCAL_BYTES": _at_least(0, _whole),
    "RENDER_SECONDS": _at_least(0.01, _number),
    "LANG": _language,
    "RENDER_PROCESSES_MIN_SLIDES": _at_least(0, _whole),
}


def variable(key: str, given: dict[str, Any]) -> str:
    """How the deployer wrote ``key``: the environment variable that set it, or the dict key."""
    value = given.get(key)
    environment = f"DECK_{key}"
    if isinstance(value, str) and os.environ.get(environment) == value:
        return environment
    return f'DECK["{key}"]'


def _described(key: str, given: dict[str, Any], merged: dict[str, Any]) -> str:
    if key not in given:
        return f"{key}={merged[key]:g} (the default)"
    return f"{variable(key, given)}={given[key]!r}"


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, Any], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(merged settings, (problem, hint) for each wrong value, unknown keys)."""
    given = dict(getattr(settings, "DECK", None) or {})
    merged = {key: CONVERT[key](default) for key, default in DEFAULTS.items()}
    problems: list[tuple[str, str]] = []
    for key in [key for key in DEFAULTS if key in given]:  # in DEFAULTS' order
        try:
            merged[key] = CONVERT[key](given[key])
        except ValueError as error:
            default = "the project's slides/ folder" if key == "SLIDES_DIR" else DEFAULTS[key]
            problems.append(
                (f"{variable(key, given)}={given[key]!r}{error}", f"the default is {default}")
            )
    sizes = font_sizes_problem(merged["FIT_MIN_FONT_PX"], merged["FIT_COMFORT_FONT_PX"])
    if sizes:
        problems.append(
            (
                f"{_described('FIT_MIN_FONT_PX', given, merged)} and "
                f"{_described('FIT_COMFORT_FONT_PX', given, merged)}: {sizes}",
                f"in slide pixels; the defaults are {DEFAULTS['FIT_MIN_FONT_PX']} "
                f"and {DEFAULTS['FIT_COMFORT_FONT_PX']}",
            )
        )
        for key in ("FIT_MIN_FONT_PX", "FIT_COMFORT_FONT_PX"):
            merged[key] = CONVERT[key](DEFAULTS[key])
    unknown = sorted(given.keys() - DEFAULTS.keys())
    # Unknown keys stay: code being written may read one before it has a default.
    merged.update({key: given[key] for key in unknown})
    return merged, tuple(problems), tuple(unknown)


def deck_settings() -> dict[str, Any]:
    """Every key, converted; a wrong value is its default (see :func:`validate`)."""
    return _read()[0]


def get(name: str) -> Any:
    return deck_settings()[name]


def validate() -> None:
    """``ImproperlyConfigured`` naming every wrong value: for servers that run no checks."""
    problems = _read()[1]
    if problems:
        raise ImproperlyConfigured("; ".join(problem for problem, _hint in problems))


@checks.register(TAG)
def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``deck.E100`` for each wrong value, ``deck.W100`` for each unknown key."""
    _, problems, unknown = _read()
    messages: list[checks.CheckMessage] = [
        checks.Error(problem, hint=hint, id="deck.E100") for problem, hint in problems
    ]
    for key in unknown:
        close = difflib.get_close_matches(key, DEFAULTS, n=1)
        messages.append(
            checks.Warning(
                f'DECK["{key}"] is not a setting of the deck app, so it changes nothing',
                hint=f"did you mean {close[0]}?" if close else f"known: {', '.join(DEFAULTS)}",
                id="deck.W100",
            )
        )
    return messages


@receiver(setting_changed)
def _reset(*, setting: str, **kwargs) -> None:
    if setting == "DECK":
        _read.cache_clear()
