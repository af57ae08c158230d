"""Deck problems as Django system checks: ``manage.py check`` and runserver
list every authoring mistake with file, line, id and hint.

Thin glue over the rest of :mod:`deck.checks`, which does the work without Django.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core import checks

from deck import conf, sources
from deck.caching.backend import get_instance, put
from deck.caching.keys import digest, renderer_fingerprint
from deck.checks.analysis import LINT_VERSION, Findings, analyse_bytes
from deck.checks.folder import lint_folder
from deck.checks.problems import ERROR, Problem

TAG = "decks"  # manage.py check --tag decks

logger = logging.getLogger(__name__)

# The decks check_decks looks at; None: every deck. Django's check registry
# passes a check nothing but the app configs, so a command says which decks it
# is about through this (see deck.management.base.DeckCommand).
_scope: ContextVar[frozenset[str] | None] = ContextVar("deck_check_scope", default=None)


@contextmanager
def only_decks(slugs: Collection[str] | None) -> Iterator[None]:
    """Within it, :func:`check_decks` reports the decks ``slugs`` only (none
    when empty); ``None`` keeps every deck, as ``manage.py check`` lists them."""
    token = _scope.set(None if slugs is None else frozenset(slugs))
    try:
        yield
    finally:
        _scope.reset(token)


@dataclass(frozen=True)
class Location:
    """``slides/lesson.md:067``: the ``obj`` of a message.

    Django sorts the printed messages as text, so the line number is
    zero-padded to the widest one reported for the file: 067 sorts before 107.
    """

    path: Path
    line: int
    width: int = 1

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line:0{self.width}d}"


class DeckFileError(checks.Error):
    """A deck that cannot be shown, listed under ERRORS.

    Never serious at the default fail level: runserver refuses to start on a
    serious message, and one broken file must not take every other deck down
    (its page explains the problem). ``manage.py check --fail-level WARNING``
    still exits non-zero, for CI.
    """

    def is_serious(self, level: int = checks.ERROR) -> bool:
        return level <= checks.WARNING


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, as editors like it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cached_findings(data: bytes, path: Path, root: Path | None) -> Findings:
    """:func:`deck.checks.analysis.analyse_bytes`, kept in the deck cache.

    An unchanged deck (same bytes, same options files) is not read through
    again by the next command or server start when the cache persists
    (``file://``, ``redis://``): ``export_deck`` runs these checks first. What
    the findings name on disk (pictures, stylesheets) is looked at every time.
    """
    root = root or path.parent
    key = "lint:" + digest(
        LINT_VERSION,
        renderer_fingerprint(),
        str(path),
        str(root),
        hashlib.blake2b(data, digest_size=20).hexdigest(),
        sources.folder_inputs(path.parent, root),
    )
    findings = get_instance(key, Findings)
    if findings is None:
        findings = analyse_bytes(data, path, root)
        put(key, findings)
    return findings


def find_static(relative: str) -> bool:
    return bool(finders.find(relative))


def to_message(problem: Problem, width: int = 1) -> checks.CheckMessage:
    kind = DeckFileError if problem.level == ERROR else checks.Warning
    return kind(
        problem.message,
        hint=problem.hint or None,
        obj=Location(problem.path, problem.line, width),
        id=f"deck.{problem.id}",
    )


@checks.register(TAG)
def check_decks(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if app_configs is not None and not any(c.name == "deck" for c in app_configs):
        return []
    try:
        slugs = _scope.get()
        if slugs is not None and not slugs:
            return []
        problems = lint_folder(
            conf.get("SLIDES_DIR"), conf.get("MAX_BYTES"), find_static, cached_findings, slugs
        )
    except Exception as error:
        # A bug in a check must not stop runserver from serving the decks.
        logger.exception("the deck checks failed")
        return [
            checks.Warning(
                f"the deck checks could not run: {type(error).__name__}: {error}",
                hint="the decks are still served; the full error is in the log",
                id="deck.W000",
            )
        ]
    widths: dict[Path, int] = {}
    for problem in problems:
        widths[problem.path] = max(widths.get(problem.path, 1), len(str(problem.line)))
    return [to_message(problem, widths[problem.path]) for problem in problems]
