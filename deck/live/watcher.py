"""Who tells live reload that a deck file was saved, and whether live reload is on.

Only with DEBUG on (``runserver`` while a teacher writes the lesson). Two
sources report changed files, and both feed :data:`deck.live.hub.live_hub`:

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

``deck/apps.py`` imports this module in ``ready()`` to connect the receivers.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.dispatch import receiver
from django.utils.autoreload import autoreload_started, file_changed

from deck import conf
from deck.caching.keys import page_key_part
from deck.live.hub import LiveHub, in_slides_folder, live_hub

logger = logging.getLogger(__name__)


# Set once runserver's autoreloader has started in this process (and cleared
# by stop_watching): live reload rides on it, so `runserver --noreload`, the
# test client and gunicorn serve plain pages.
_reloader_running = threading.Event()


def enabled() -> bool:
    """Live reload is on: DEBUG, under runserver with its autoreloader.

    With DEBUG off nothing of it is even routed.
    """
    return bool(settings.DEBUG) and _reloader_running.is_set()


@page_key_part("live_reload")
def _live_reload() -> bool:
    # The same deck with and without the live reload script are two pages.
    return enabled()


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

    def __init__(self, folder: Path, hub: LiveHub) -> None:
        super().__init__(name="deck-live-watcher", daemon=True)
        self.folder = folder
        self.hub = hub
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
        live_hub.reopen()
        live_hub.prime(folder)
        if not conf.get("LIVE_WATCHER"):
            logger.info("live reload: saves in %s reported by the autoreloader only", folder)
            _watcher = None
            return None
        _watcher = SlidesWatcher(folder, live_hub)
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
    live_hub.close()


# -- Django's autoreloader ------------------------------------------------------


@receiver(autoreload_started, dispatch_uid="deck.live.watcher.watch_slides")
def watch_slides(sender, **kwargs) -> None:
    """runserver started its reloader: watch the slides folder too."""
    if not settings.DEBUG:
        return
    _reloader_running.set()
    folder = conf.get("SLIDES_DIR")
    sender.watch_dir(folder, "**/*.md")
    start_watching(folder)


@receiver(file_changed, dispatch_uid="deck.live.watcher.slide_saved")
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
    live_hub.files_changed([path], folder)
    return True
