"""The live-reload hub: what the deck files look like now, and a feed of their changes.

Two sources report saved files (see :mod:`deck.live.watcher`): our own
``watchfiles`` thread and Django's autoreloader. Both feed the one
:data:`live_hub`, which reads each reported file and compares its bytes with
what it last saw, so a save reported by both sources, or a "modified" event
that changed nothing, reaches the browsers once. Renames are recognised by
content: a deck that disappears while another appears with the same bytes
has moved.

The hub also remembers the shapes of the versions browsers show
(:class:`~deck.core.slidediff.Shape`), so a page that asks what changed since
its version is sent only the stacks it lacks.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deck import conf
from deck.core.reading import find_decks
from deck.core.slidediff import Shape

logger = logging.getLogger(__name__)

# How many versions of one deck the hub remembers the shape of: a browser
# that is further behind than this is sent every slide again.
SHAPES_PER_DECK = 16
# Events a stream can still catch up on; a stream only ever asks for the
# events after the last one it saw, a moment ago.
EVENTS_KEPT = 256


def in_slides_folder(path: Path, folder: Path) -> bool:
    """``path`` is a ``*.md`` file in ``folder`` or below it (decks live in
    lesson folders too): what we ask the reloader to watch."""
    if path.suffix.lower() != ".md":
        return False
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def deck_paths(folder: Path) -> dict[Path, str]:
    """Every deck file of ``folder`` (resolved path) and its slug."""
    return {deck_file.path.resolve(): slug for slug, deck_file in find_decks(folder).items()}


@dataclass(frozen=True)
class Event:
    serial: int
    slug: str
    kind: str  # "changed" | "gone" | "moved"
    moved_to: str | None = None


class LiveHub:
    """What the deck files look like now, and a feed of their changes.

    Thread-safe: the watcher thread and the autoreloader publish, request
    threads (one per open page with runserver) wait for events.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.reset()

    def reset(self) -> None:
        """Forget every file, event and shape: as a new process would start."""
        with self._cond:
            self._serial = 0
            self._events: deque[Event] = deque(maxlen=EVENTS_KEPT)
            self._digests: dict[str, str] = {}
            self._moved: dict[str, str] = {}
            self._shapes: dict[str, OrderedDict[str, Shape]] = {}
            # The deck files as last listed, so a deleted file still has its slug.
            self._paths: dict[Path, str] = {}
            # The last file seen for each slug, kept after the file is gone,
            # so a page can be told which file went.
            self._files: dict[str, Path] = {}
            # Decks a page has read since their last event (see ``page_reads``).
            self._recheck: set[str] = set()
            self._closed = False
            self._cond.notify_all()

    # -- files -------------------------------------------------------------

    def prime(self, folder: Path) -> None:
        """Learn the decks not seen yet, so the first rename can be followed.

        What the hub already knows stays: a save not reported yet must still
        count as a change when it is.
        """
        paths = deck_paths(folder)
        with self._cond:
            self._paths.update(paths)
            self._files.update({slug: path for path, slug in paths.items()})
        for path, slug in paths.items():
            digest = _file_digest(path)
            if digest is not None:
                with self._cond:
                    self._digests.setdefault(slug, digest)

    def files_changed(self, paths: Iterable[Path], folder: Path | None = None) -> list[Event]:
        """Look at the deck files among ``paths`` and publish what changed."""
        folder = folder or conf.get("SLIDES_DIR")
        listed = deck_paths(folder)
        file_of = {slug: path for path, slug in listed.items()}
        with self._cond:
            known = {**self._paths, **listed}
            self._paths = listed
            self._files.update(file_of)
        changed = [Path(p).resolve() for p in paths if in_slides_folder(Path(p), folder)]
        slugs = sorted({known[p] for p in changed if p in known})
        now = {slug: _file_digest(file_of[slug]) if slug in file_of else None for slug in slugs}
        published = []
        with self._cond:
            appeared = {
                digest: slug
                for slug, digest in now.items()
                if digest is not None and slug not in self._digests
            }
            for slug, digest in now.items():
                before = self._digests.get(slug)
                if digest == before and slug not in self._recheck:
                    continue
                self._recheck.discard(slug)
                if digest is None:
                    self._digests.pop(slug, None)
                    moved_to = appeared.get(before)
                    if moved_to:
                        self._moved[slug] = moved_to
                    published.append(self._publish(slug, "moved" if moved_to else "gone", moved_to))
                else:
                    self._digests[slug] = digest
                    self._moved.pop(slug, None)
                    published.append(self._publish(slug, "changed"))
            if published:
                self._cond.notify_all()
        for event in published:
            logger.info("deck %s %s%s", event.slug, event.kind, _to(event))
        return published

    def page_reads(self, slug: str) -> None:
        """A page is about to read the deck from disk: the next report of its
        file is published even if the bytes are those the hub last read.

        A page can read a state the hub never did: the file deleted, empty or
        half-written between two reports, or before the watcher was watching.
        Without this, the save that puts back the bytes the hub knows would
        tell that page nothing, and it would keep showing the problem.
        """
        with self._cond:
            self._recheck.add(slug)

    def _publish(self, slug: str, kind: str, moved_to: str | None = None) -> Event:
        self._serial += 1
        event = Event(self._serial, slug, kind, moved_to)
        self._events.append(event)
        return event

    def moved_to(self, slug: str) -> str | None:
        with self._cond:
            return self._moved.get(slug)

    def last_file(self, slug: str) -> Path | None:
        """The file the deck ``slug`` was last seen in (it may be gone since)."""
        with self._cond:
            return self._files.get(slug)

    # -- the feed ------------------------------------------------------------

    @property
    def serial(self) -> int:
        with self._cond:
            return self._serial

    @property
    def closed(self) -> bool:
        return self._closed

    def wait(self, slug: str, after: int, timeout: float) -> tuple[list[Event], int]:
        """Events for ``slug`` after serial ``after``; waits up to ``timeout`` seconds.

        Returns the events and the serial to wait after next time. Returns at
        once, with nothing, once the hub is closed.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed and self._serial == after:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            events = [e for e in self._events if e.serial > after and e.slug == slug]
            return events, self._serial

    def close(self) -> None:
        """Wake every waiting stream so it ends (server shutting down)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def reopen(self) -> None:
        with self._cond:
            self._closed = False

    # -- shapes of the versions browsers show --------------------------------

    def remember(self, slug: str, version: str, shape: Shape) -> None:
        with self._cond:
            versions = self._shapes.setdefault(slug, OrderedDict())
            versions[version] = shape
            versions.move_to_end(version)
            while len(versions) > SHAPES_PER_DECK:
                versions.popitem(last=False)

    def recall(self, slug: str, version: str) -> Shape | None:
        with self._cond:
            return self._shapes.get(slug, {}).get(version)


def _file_digest(path: Path) -> str | None:
    """The bytes' digest, or None when the file is not there (deleted, renamed)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        # Unreadable for now (permissions, a lock): count it as a change so
        # the page asks and shows the reason.
        return f"unreadable:{error.errno}:{time.monotonic_ns()}"
    return hashlib.blake2b(data, digest_size=10).hexdigest()


def _to(event: Event) -> str:
    return f" to {event.moved_to}" if event.moved_to else ""


# The one hub of this process: runserver serves every page from one process.
live_hub = LiveHub()
