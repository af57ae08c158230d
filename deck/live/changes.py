"""Live reload, the server side: notice saved deck files and tell open pages.

Only with DEBUG on (``runserver`` while a teacher writes the lesson). Two
sources report changed files, and both feed one :class:`LiveHub`:

- Django's autoreloader. ``autoreload_started`` adds the slides folder to what
  it watches, and ``file_changed`` answers True for a deck file, which tells
  runserver not to restart for it. With Django's ``StatReloader`` (what
  runserver uses unless the Watchman service is installed) it looks once a
  second, by stat-ing every Python module: too slow for a save that must be
  on screen within 300 ms, and making it poll faster would stat thousands of
  files many times a second.
- So a small watcher thread of our own watches just the slides folder with
  ``watchfiles`` (inotify on Linux, FSEvents on macOS, polling elsewhere) and
  reports a save within ~50 ms. Like the autoreloader it rides on, it runs
  only under ``runserver`` without ``--noreload``: "don't watch my files"
  means no live reload either (and other pages, tests and gunicorn serve
  plain decks with no event stream open).

The hub reads each reported file and compares its bytes with what it last
saw, so a save reported by both sources, or a "modified" event that changed
nothing, reaches the browsers once. Renames are recognised by content: a deck
that disappears while another appears with the same bytes has moved.
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

from django.conf import settings
from django.dispatch import receiver
from django.utils.autoreload import autoreload_started, file_changed

from deck import conf
from deck.core.model import Deck
from deck.core.reading import find_decks
from deck.core.slidediff import Shape
from deck.render.slides import RENDERER_VERSION

logger = logging.getLogger(__name__)

# How many versions of one deck the hub remembers the shape of: a browser
# that is further behind than this is sent every slide again.
SHAPES_PER_DECK = 16
EVENTS_KEPT = 256


# Set once runserver's autoreloader has started in this process (and cleared
# by stop_watching): live reload rides on it, so `runserver --noreload`, the
# test client and gunicorn serve plain pages.
_reloader_running = threading.Event()


def enabled() -> bool:
    """Live reload is on: DEBUG, under runserver with its autoreloader.

    With DEBUG off nothing of it is even routed.
    """
    return bool(settings.DEBUG) and _reloader_running.is_set()


def version_of(deck: Deck) -> str:
    """Changes whenever the slides' HTML may change: the text or the renderer."""
    digest = hashlib.blake2b(digest_size=10)
    digest.update(RENDERER_VERSION.encode())
    digest.update(b"\x00")
    digest.update(deck.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def shape_of(deck: Deck) -> Shape:
    return Shape.of(deck.split, salt=RENDERER_VERSION)


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


def slug_for(path: Path, folder: Path) -> str | None:
    """The deck slug of ``path`` when it is a deck file of ``folder``, else None."""
    if not in_slides_folder(path, folder):
        return None
    return deck_paths(folder).get(path.resolve())


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
        self._serial = 0
        self._events: deque[Event] = deque(maxlen=EVENTS_KEPT)
        self._digests: dict[str, str] = {}
        self._moved: dict[str, str] = {}
        self._shapes: dict[str, OrderedDict[str, Shape]] = {}
        # The deck files as last listed, so a deleted file still has its slug.
        self._paths: dict[Path, str] = {}
        # Decks a page has read since their last event (see ``page_reads``).
        self._recheck: set[str] = set()
        self._closed = False

    # -- files -------------------------------------------------------------

    def prime(self, folder: Path) -> None:
        """Learn the decks not seen yet, so the first rename can be followed.

        What the hub already knows stays: a save not reported yet must still
        count as a change when it is.
        """
        paths = deck_paths(folder)
        with self._cond:
            self._paths.update(paths)
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


hub = LiveHub()


# -- the fast watcher ---------------------------------------------------------


class SlidesWatcher(threading.Thread):
    """Reports saves in the slides folder to the hub within ~50 ms.

    A daemon thread: it never holds up the server's exit or the autoreloader's
    restart. ``stop()`` ends it within one ``step``.
    """

    # Quiet time after the last event before reporting: one editor save is
    # several writes; this groups them without adding noticeable delay.
    STEP_MS = 30
    # The longest a stream of events is grouped before it is reported anyway.
    DEBOUNCE_MS = 300

    def __init__(self, folder: Path, live_hub: LiveHub) -> None:
        super().__init__(name="deck-live-watcher", daemon=True)
        self.folder = folder
        self.hub = live_hub
        self.stop_event = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        import watchfiles

        folder = self.folder

        def deck_files_only(change: watchfiles.Change, path: str) -> bool:
            # Any Markdown below the folder: which of them are decks (and
            # under which slug) is worked out once per batch, by the hub.
            return path.lower().endswith(".md")

        try:
            changes = watchfiles.watch(
                folder,
                watch_filter=deck_files_only,
                debounce=self.DEBOUNCE_MS,
                step=self.STEP_MS,
                stop_event=self.stop_event,
                recursive=True,
                raise_interrupt=False,
                yield_on_timeout=True,
                rust_timeout=1000,
            )
            for batch in changes:
                self.ready.set()
                if batch:
                    self.hub.files_changed({Path(path) for _, path in batch}, folder)
        except Exception:
            logger.exception(
                "cannot watch %s for saves; Django's autoreloader still reports them, "
                "about once a second",
                folder,
            )
        finally:
            self.ready.set()

    def stop(self) -> None:
        self.stop_event.set()


_watcher_lock = threading.Lock()
_watcher: SlidesWatcher | None = None


def start_watching(folder: Path | None = None) -> SlidesWatcher | None:
    """Start the watcher for the slides folder, once; None when not watching."""
    global _watcher
    if not enabled():
        return None
    folder = Path(folder or conf.get("SLIDES_DIR"))
    with _watcher_lock:
        if _watcher is not None and _watcher.is_alive() and _watcher.folder == folder:
            return _watcher
        if _watcher is not None:
            _watcher.stop()
        if not folder.is_dir():
            logger.warning("slides folder %s does not exist: nothing to watch", folder)
            _watcher = None
            return None
        hub.reopen()
        hub.prime(folder)
        if not conf.deck_settings().get("LIVE_WATCHER", True):
            logger.info("live reload: saves in %s reported by the autoreloader only", folder)
            _watcher = None
            return None
        _watcher = SlidesWatcher(folder, hub)
        _watcher.start()
        logger.info("live reload: watching %s for saved decks", folder)
        return _watcher


def stop_watching() -> None:
    """Stop the watcher, end every open stream: live reload is off."""
    global _watcher
    _reloader_running.clear()
    with _watcher_lock:
        if _watcher is not None:
            _watcher.stop()
            _watcher.join(timeout=5)
            _watcher = None
    hub.close()


# -- Django's autoreloader ------------------------------------------------------


@receiver(autoreload_started, dispatch_uid="deck.live.changes.watch_slides")
def watch_slides(sender, **kwargs) -> None:
    """runserver started its reloader: watch the slides folder too."""
    if not settings.DEBUG:
        return
    _reloader_running.set()
    folder = conf.get("SLIDES_DIR")
    sender.watch_dir(folder, "**/*.md")
    start_watching(folder)


@receiver(file_changed, dispatch_uid="deck.live.changes.slide_saved")
def slide_saved(sender, file_path, **kwargs) -> bool | None:
    """A deck file changed: tell the pages, and answer True so runserver does not restart.

    True for every ``*.md`` of the slides folder (a ``_draft.md`` that is no
    deck must not restart the server either); None for anything else, which
    restarts it as usual.
    """
    if not settings.DEBUG:
        return None
    folder = conf.get("SLIDES_DIR")
    path = Path(file_path)
    if not in_slides_folder(path, folder):
        return None
    hub.files_changed([path], folder)
    return True
