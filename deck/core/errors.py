"""Every mistake a person can make and fix, as one family of exceptions.

Pure Python. Each carries ``message`` (what is wrong), ``hint`` (what to do
about it), and where: ``path`` (None when no file is at fault) and ``line``
(None when no line is). ``str()`` is ``file:line: message``, the form editors
and ``manage.py check`` use, shortened to what is known::

    UserError                  any mistake an author or a user can fix
    ├── DeckError              a deck file that cannot be read or shown: path and line
    │   ├── Unreadable, TooLarge, BinaryFile, NotUTF8, BadOptions, SlowPattern
    │   ├── TooComplex         a slide whose rendering ran past the deck's budget
    │   └── DeckSyntaxError    the Markdown cannot be split; no path until the caller adds it
    │       ├── BadFrontMatter
    │       └── UnclosedFence
    ├── deck.export.errors.ExportError   an export cannot be made as asked
    └── deck.export.output_folder.TargetError  the export's output folder cannot be used

Each kind of deck file error is its own class, so the checks
(:mod:`deck.checks.problems`) can give each its own id (``deck.E001`` ...).

Kept out of the family on purpose, because Django already has the exception
that means it and handles it the right way:

- a wrong ``DECK`` setting is a deployer's mistake, found once at start-up and
  not in every deck: :mod:`deck.conf` reports it as the system check
  ``deck.E100`` and raises ``ImproperlyConfigured``, as ``DECK_CACHE_URL`` does;
- a deck that does not exist (``deck.decks.DeckNotFound``) is an ``Http404``:
  the site's 404 page, even where a view forgets to catch it;
- a follower's browser sending a position no deck has
  (``deck.follow.position.InvalidPosition``) is a ``BadRequest``: a 400, not
  a mistake anyone made in a file.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake an author or user can fix. ``str()`` is ``file:line: message``."""

    # What to do about it, when every instance of the class has the same advice.
    default_hint = ""

    def __init__(
        self, message: str, *, path: Path | None = None, line: int | None = None, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint or self.default_hint

    def __str__(self) -> str:
        where = self.path.name if self.path is not None else ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class DeckError(UserError):
    """A deck that cannot be read or parsed, at ``path`` and ``line``."""

    path: Path
    line: int

    def __init__(self, path: Path, line: int, message: str, hint: str = "") -> None:
        super().__init__(message, path=path, line=line, hint=hint)


class Unreadable(DeckError):
    """The operating system would not give us the bytes."""


class TooLarge(DeckError):
    """Over the size limit: refused before a byte of it is parsed."""


class BinaryFile(DeckError):
    """An image, PDF, office file or other non-text file named ``*.md``."""


class NotUTF8(DeckError):
    """Text, but not UTF-8."""


class BadOptions(DeckError):
    """A ``reveal-md.json`` or ``reveal.json`` that is not a JSON object (``path`` is that file)."""

    default_hint = 'reveal-md.json and reveal.json hold one JSON object: { "theme": "black" }'


class SlowPattern(DeckError):
    """A separator pattern of the author's ran past its time bound (``path`` is
    the options file it came from, or the deck for its front matter)."""

    default_hint = (
        "a separator is matched against every line: use a plain one such as "
        '"^---$" or "^<!--s-->$", without nested repeats like (a+)+'
    )


class TooComplex(DeckError):
    """Rendering ran past the deck's CPU-time budget (``DECK_RENDER_SECONDS``):
    ``line`` is the slide being rendered (deck.render.budget)."""


class DeckSyntaxError(DeckError):
    """The Markdown cannot be split: the message says why, ``line`` says where.

    The splitter sees only text, so it raises these with ``path`` None; the
    reader, which knows the file, re-raises them :meth:`in_file`.
    """

    path: Path | None  # type: ignore[assignment]

    def __init__(self, path: Path | None, line: int, message: str, hint: str = "") -> None:
        UserError.__init__(self, message, path=path, line=line, hint=hint)

    def in_file(self, path: Path) -> DeckSyntaxError:
        """The same error, naming ``path``."""
        return type(self)(path, self.line, self.message, self.hint)


class BadFrontMatter(DeckSyntaxError):
    """The ``---`` block at the top is not valid ``key: value`` YAML."""

    default_hint = "front matter is YAML between two '---' lines, e.g. 'title: My talk'"


class UnclosedFence(DeckSyntaxError):
    """A fenced code block that is never closed would swallow the rest of the deck."""

    default_hint = "close it with a line of the same backticks or tildes"
