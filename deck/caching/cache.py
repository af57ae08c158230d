"""Rendered slides and pages in Django's cache framework.

Two levels, both keyed by content so that no edit is ever served stale, with
one process or many sharing a backend:

- a **slide** is keyed by a hash of its Markdown (body and notes), the
  renderer's version and the highlight style: editing one slide of a big deck
  renders that slide only, and slides that merely move are reused;
- a **page** is keyed by a hash of the deck's text and of everything else that
  changes the page (:func:`page_key_part` registers more): a warm request does
  no Markdown, Pygments or template work. Each process also keeps the pages it
  served lately (:class:`LocalPages`), so a warm request does not even fetch
  the page from Redis; a content key needs no invalidation to stay correct.

Reading a deck's text to hash it is skipped while a ``stat`` shows the same
file (see :func:`read_source`). When the backend fails (Redis stopped), pages
are rendered without it, one warning is logged and the cache is tried again
after ``DECK["CACHE_RETRY_SECONDS"]``. Within one process, concurrent requests
for the same cold page render it once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import BaseCache, caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix

from deck import conf
from deck.core.discovery import walk_folders
from deck.core.options import option_file_candidates
from deck.core.reading import DeckFile, read_text
from deck.core.splitter import Slide
from deck.render.slides import RENDERER_VERSION, slide_content
from deck.signals import deck_changed, deck_rendered

logger = logging.getLogger(__name__)

T = TypeVar("T")

CACHE_ALIAS = "default"
RETRY_SECONDS = 5.0
# Pages this process served lately, kept as bytes in front of the backend.
LOCAL_BYTES = 32 * 1024 * 1024
# A file changed within this many seconds of being read may change again
# without its size or timestamps changing (coarse timestamps on some file
# systems): such a file is read and hashed again instead of trusted by stat.
RACY_SECONDS = 2.0
# Libraries whose upgrade can change a slide's HTML: part of the slide key.
RENDERING_LIBRARIES = ("Markdown", "Pygments", "pymdown-extensions")


def backend() -> BaseCache:
    return caches[CACHE_ALIAS]


# --- what one request did, for the middleware ------------------------------


@dataclass
class Usage:
    """The cache work of one request (read by :mod:`deck.caching.middleware`)."""

    used: bool = False  # a deck page was asked for
    built: bool = False  # ...and this request rendered it
    slides: int = 0
    from_cache: int = 0
    render_seconds: float = 0.0
    cache_seconds: float = 0.0
    wait_seconds: float = 0.0

    @property
    def status(self) -> str:
        """``hit``: nothing rendered; ``partial``: some slides reused; ``miss``: all rendered."""
        if not self.built:
            return "hit"
        return "partial" if self.from_cache else "miss"


_usage: ContextVar[Usage | None] = ContextVar("deck_cache_usage", default=None)


@contextmanager
def track() -> Iterator[Usage]:
    """Record the cache work done inside the block (one request)."""
    usage = Usage()
    token = _usage.set(usage)
    try:
        yield usage
    finally:
        _usage.reset(token)


def current_usage() -> Usage:
    # Outside track() (a management command, the export) nobody reads it.
    return _usage.get() or Usage()


# --- faults: a backend that is down ----------------------------------------


# What a backend that is down raises. Redis's errors are added once its
# client is imported (by the first call to a redis:// backend): importing
# redis up front would cost every command and worker start-up a twentieth of
# a second, for a backend most never use.
BASE_BACKEND_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    zlib.error,
    pickle.UnpicklingError,
)


def backend_errors() -> tuple[type[BaseException], ...]:
    redis_exceptions = sys.modules.get("redis.exceptions")
    if redis_exceptions is None:
        return BASE_BACKEND_ERRORS
    return (*BASE_BACKEND_ERRORS, redis_exceptions.RedisError)


class Health:
    """Whether to use the backend: after a failure, skip it for a while.

    One warning when it fails, one info line when it answers again; while it
    is down no request waits on it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0

    def available(self) -> bool:
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            first = self.down_since is None
            if first:
                self.down_since = now
            self.retry_at = now + retry_seconds()
        if first:
            logger.warning(
                "cache backend %s failed (%s: %s); serving decks without the cache, "
                "retrying every %g s",
                describe_backend(),
                type(error).__name__,
                error,
                retry_seconds(),
            )

    def succeeded(self) -> None:
        if self.down_since is None:
            return
        with self._lock:
            since, self.down_since = self.down_since, None
        if since is not None:
            logger.info(
                "cache backend %s answers again after %.1f s; caching resumed",
                describe_backend(),
                time.monotonic() - since,
            )


health = Health()


def retry_seconds() -> float:
    return float(conf.deck_settings().get("CACHE_RETRY_SECONDS", RETRY_SECONDS))


def describe_backend() -> str:
    config = settings.CACHES.get(CACHE_ALIAS, {})
    name = config.get("BACKEND", "?").rsplit(".", 1)[-1]
    location = config.get("LOCATION")
    return f"{name}({location})" if location else name


def call(operation: Callable[[], T], fallback: T, *, proves_up: bool = True) -> T:
    """``operation()`` on the backend, or ``fallback`` when it is down.

    ``proves_up=False`` for operations that can succeed without reaching the
    backend (a file cache's delete of a missing file): they do not end an outage.
    """
    if not health.available():
        return fallback
    usage = current_usage()
    start = time.perf_counter()
    try:
        result = operation()
    except Exception as error:
        if not isinstance(error, backend_errors()):
            raise
        health.failed(error)
        return fallback
    finally:
        usage.cache_seconds += time.perf_counter() - start
    if proves_up:
        health.succeeded()
    return result


# Unpickling an entry written by another version of the project (a class
# renamed, moved or changed) raises one of these: the entry is then unusable.
STALE_ENTRY_ERRORS = (AttributeError, ImportError, TypeError, ValueError, IndexError)


def get_instance(key: str, kind: type[T]) -> T | None:
    """The entry at ``key`` if it is a ``kind``; None if missing, unreadable
    or of another kind (an old entry never breaks the caller, it is redone)."""

    def get() -> Any:
        try:
            return backend().get(key)
        except STALE_ENTRY_ERRORS as error:
            logger.debug("cache entry %s unusable (%s): redone", key, error)
            return None

    found = call(get, None)
    return found if isinstance(found, kind) else None


def put(key: str, value: Any) -> None:
    call(lambda: backend().set(key, value), None)


# --- keys -------------------------------------------------------------------


def digest(*parts: str) -> str:
    """A hash of ``parts``; each is length-prefixed so no two lists collide."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """``RENDERER_VERSION`` plus the versions of the libraries that make the HTML."""
    versions = []
    for name in RENDERING_LIBRARIES:
        try:
            versions.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name}=?")
    return " ".join([f"deck={RENDERER_VERSION}", *versions])


def slide_key(slide: Slide, style: str) -> str:
    """Changes with the slide's Markdown, the style and the renderer; nothing else.

    The slide's position (line, number) is not in it: that goes into the
    ``<section>`` around the cached HTML (:func:`deck.render.slides.section`).
    """
    return "slide:" + digest(renderer_fingerprint(), style, slide.body, slide.notes)


# Everything besides the deck's text that changes a page. Register more with
# @page_key_part("name"): a function of no arguments returning something
# hashable with a stable repr() (for example a DEBUG-only script's URL, or
# its setting).
_page_key_parts: dict[str, Callable[[], object]] = {}
# The variant for each set of values of the parts that are not settings_only:
# on the path of every warm request, where joining the parts' reprs cost as
# much as the rest of the page key.
_variants: dict[tuple, str] = {}
MAX_VARIANTS = 64


# Parts that depend on settings alone (settings_only=True) are worked out once
# and again only after a setting changes (tests, override_settings).
_settings_only: set[str] = set()


def page_key_part(
    name: str, *, settings_only: bool = False
) -> Callable[[Callable[[], object]], Callable[[], object]]:
    def register(function: Callable[[], object]) -> Callable[[], object]:
        _page_key_parts[name] = function
        if settings_only:
            _settings_only.add(name)
        _variants.clear()
        return function

    return register


@page_key_part("debug", settings_only=True)
def _debug() -> object:
    return settings.DEBUG


@page_key_part("renderer", settings_only=True)
def _renderer() -> object:
    return renderer_fingerprint()


@page_key_part("deck_settings", settings_only=True)
def _deck_settings() -> object:
    # Default theme and style, and whatever later settings a page shows; the
    # cache's own tuning changes no page.
    return sorted(
        (name, str(value))
        for name, value in conf.deck_settings().items()
        if not name.startswith("CACHE_")
    )


@page_key_part("urls")
def _urls() -> object:
    # {% static %} and {% url %} in the page depend on both.
    return (get_script_prefix(), settings.STATIC_URL)


# id -> (manifest, digest): holding the manifest keeps its id from being reused.
_manifest_digests: dict[int, tuple[Any, str]] = {}


@page_key_part("static_files")
def _static_files() -> object:
    # A hashing storage (ManifestStaticFilesStorage) puts file hashes into
    # {% static %} URLs: a new collectstatic must not meet old pages.
    manifest = getattr(staticfiles_storage, "hashed_files", None)
    if not manifest:
        return type(staticfiles_storage).__name__
    known = _manifest_digests.get(id(manifest))
    if known is None or known[0] is not manifest:
        known = (manifest, digest(*sorted(f"{k}={v}" for k, v in manifest.items())))
        _manifest_digests[id(manifest)] = known
    return known[1]


def page_variant() -> str:
    moving = tuple(
        (name, function())
        for name, function in _page_key_parts.items()
        if name not in _settings_only
    )
    variant = _variants.get(moving)
    if variant is None:
        if len(_variants) >= MAX_VARIANTS:
            _variants.clear()
        variant = _variants[moving] = "\n".join(
            f"{name}={_page_key_parts[name]()!r}" for name in sorted(_page_key_parts)
        )
    return variant


@receiver(setting_changed, dispatch_uid="deck.caching.cache.settings_changed_variants")
def _forget_variants(**kwargs: Any) -> None:
    _variants.clear()


def page_key(slug: str, deck_digest: str) -> str:
    """The deck's name (a title may fall back to it), its text and the variant."""
    return "page:" + digest(slug, deck_digest, page_variant())


def etag(page_key: str) -> str:
    return '"' + page_key.removeprefix("page:") + '"'


# --- pages this process served lately ----------------------------------------


class LocalPages:
    """Page bytes by key, least recently used dropped first, at most ``max_bytes``.

    Safe without invalidation: a page key is a hash of everything in the
    page, so a kept page is never the wrong one, only perhaps unused.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pages: OrderedDict[str, bytes] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: bytes, max_bytes: int) -> None:
        if len(page) > max_bytes:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self.size += len(page)
            while self.size > max_bytes:
                _, old = self._pages.popitem(last=False)
                self.size -= len(old)

    def discard(self, key: str) -> None:
        with self._lock:
            page = self._pages.pop(key, None)
            if page is not None:
                self.size -= len(page)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0


local_pages = LocalPages()


def local_bytes() -> int:
    """The local tier's size; 0 for dummy://, which promises to cache nothing."""
    # From the settings: building the backend may fail (a file cache whose
    # folder cannot be made), and that must happen inside call() only.
    if settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "").endswith(".DummyCache"):
        return 0
    return int(conf.deck_settings().get("CACHE_LOCAL_BYTES", LOCAL_BYTES))


# --- a deck's text: read again only when the file may have changed ----------


@dataclass(frozen=True)
class DeckSource:
    """A deck file's content hash, and its text when it was read just now."""

    deck_file: DeckFile
    digest: str
    text: str | None = None
    # What else, beside the text, goes into the page: the options files and
    # the folders a theme or stylesheet is looked up in (see folder_inputs).
    inputs: str = ""
    root: Path | None = None

    def page_key(self) -> str:
        return page_key(self.deck_file.slug, f"{self.digest}:{self.inputs}")


@dataclass(frozen=True)
class _Seen:
    """What was read from a path, and the stat signature it had then."""

    signature: tuple[int, ...]
    value: Any
    read_at: float


def _stat(path: Path) -> tuple[tuple[int, ...], float]:
    """``(signature, newest of mtime and ctime)``; ``((), 0)`` if it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return (), 0.0
    signature = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return signature, max(st.st_mtime, st.st_ctime)


def _unchanged(seen: _Seen | None, signature: tuple[int, ...], newest: float) -> bool:
    """Trust a stat only for a path whose times are older than the last read by
    :data:`RACY_SECONDS`: a change within the same timestamp tick (coarse on some
    file systems) could otherwise go unseen. ``ctime`` and the inode catch a file
    replaced, or rewritten with its old ``mtime``."""
    return (
        seen is not None
        and bool(signature)
        and seen.signature == signature
        and newest < seen.read_at - RACY_SECONDS
    )


_listings: dict[Path, _Seen] = {}
_seen: dict[Path, _Seen] = {}


def deck_files(root: Path, find: Callable[[Path], dict[str, DeckFile]]) -> dict[str, DeckFile]:
    """``find(root)``, run again only when a stat shows the folder may have changed.

    Decks live in subfolders too (``lesson-two/CLASS.md``): a file added or
    removed anywhere changes the mtime of its own folder, so every folder of
    the last listing is stat'ed (a new folder changes its parent's).
    """
    listed_at = time.time()
    seen = _listings.get(root)
    if seen is not None:
        folders, listing = seen.value
        signature, newest = _tree_stat(folders)
        if _unchanged(seen, signature, newest):
            return listing
    folders = [root, *walk_folders(root)]
    signature, _ = _tree_stat(folders)
    listing = find(root)
    _listings[root] = _Seen(signature, (folders, listing), listed_at)
    return listing


def _tree_stat(folders: list[Path]) -> tuple[tuple[int, ...], float]:
    signature: list[int] = []
    newest = 0.0
    for folder in folders:
        folder_signature, folder_newest = _stat(folder)
        signature.extend(folder_signature or (-1,))
        newest = max(newest, folder_newest)
    return tuple(signature), newest


@lru_cache(maxsize=1024)
def _input_paths(folder: str, root: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The options files that may apply to a deck in ``folder`` (present or
    not) and the folders its theme and stylesheets are looked up in."""
    files = tuple(str(path) for path in option_file_candidates(Path(folder), Path(root)))
    folders = tuple(sorted({folder, f"{folder}/theme", root, f"{root}/theme"}))
    return files, folders


_inputs_seen: dict[tuple[str, str], _Seen] = {}


def _quick_stat(path: str) -> tuple[int, ...]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1,)
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def folder_inputs(folder: Path, root: Path) -> str:
    """A digest of what beside its text changes a deck's page: its options
    files' bytes, and the state of the folders its theme and stylesheets are
    looked up in (a theme file added or removed changes its folder's mtime).

    On the path of every warm request: a few stats, and the files are read
    again only when a stat changed (or is too recent to trust).
    """
    key = (str(folder), str(root))
    files, folders = _input_paths(*key)
    signature = tuple(_quick_stat(path) for path in (*files, *folders))
    newest = max((sig[2] / 1e9 for sig in signature if len(sig) > 1), default=0.0)
    seen = _inputs_seen.get(key)
    if _unchanged(seen, signature, newest):
        return seen.value
    read_at = time.time()
    parts = [f"{path}={_file_digest(Path(path))}" for path in files if os.path.isfile(path)]
    parts += [f"{folder}={_quick_stat(folder)}" for folder in folders]
    value = digest("\n".join(parts))
    _inputs_seen[key] = _Seen(signature, value, read_at)
    return value


def _file_digest(path: Path) -> str:
    """The digest of a small file's bytes, read again only when its stat changed."""
    read_at = time.time()
    signature, newest = _stat(path)
    seen = _seen.get(path)
    if _unchanged(seen, signature, newest):
        return seen.value
    try:
        value = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        value = "unreadable"
    _seen[path] = _Seen(signature, value, read_at)
    return value


def read_source(
    deck_file: DeckFile, max_bytes: int, *, force: bool = False, root: Path | None = None
) -> DeckSource:
    """The deck's content hash; the file is read unless a stat shows it unchanged
    (see :func:`_unchanged`). Raises :class:`deck.core.reading.DeckError`."""
    path = deck_file.path
    inputs = folder_inputs(deck_file.folder, root or deck_file.folder)
    read_at = time.time()
    signature, newest = _stat(path)
    seen = _seen.get(path)
    if not force and _unchanged(seen, signature, newest):
        return DeckSource(deck_file, seen.value, inputs=inputs, root=root)
    text = read_text(path, max_bytes)
    source = DeckSource(deck_file, digest(text), text, inputs, root)
    # The signature from before the read: a write during the read changes
    # the file's signature, so the next request reads it again.
    _seen[path] = _Seen(signature, source.digest, read_at)
    if seen is not None and seen.value != source.digest:
        logger.debug("deck %s changed on disk", deck_file.slug)
        deck_changed.send(
            sender=DeckSource,
            slug=deck_file.slug,
            path=path,
            previous=seen.value,
            digest=source.digest,
            inputs=inputs,
        )
    return source


def with_text(source: DeckSource, max_bytes: int) -> DeckSource:
    """``source`` with its text: a source known by stat only is read now (and
    its digest is then that of what was read, so key it again)."""
    if source.text is not None:
        return source
    return read_source(source.deck_file, max_bytes, force=True, root=source.root)


@receiver(deck_changed, dispatch_uid="deck.caching.cache.drop_replaced_page")
def drop_replaced_page(
    sender: Any, slug: str, previous: str, inputs: str = "", **kwargs: Any
) -> None:
    """Free the page built from the old text: it can never be asked for again."""
    key = page_key(slug, f"{previous}:{inputs}")
    local_pages.discard(key)
    call(lambda: backend().delete(key), None, proves_up=False)


# --- slides -----------------------------------------------------------------


def slide_contents(
    slides: Sequence[Slide], style: str, render: Callable[[Slide], str] = slide_content
) -> list[str]:
    """Each slide's inner HTML, from the cache where it is, rendered where not."""
    usage = current_usage()
    keys = [slide_key(slide, style) for slide in slides]
    found: dict[str, str] = call(lambda: backend().get_many(list(dict.fromkeys(keys))), {})
    rendered: dict[str, str] = {}
    contents = []
    for slide, key in zip(slides, keys, strict=True):
        content = found.get(key)
        if content is None:
            content = rendered.get(key)
            if content is None:
                start = time.perf_counter()
                content = rendered[key] = render(slide)
                usage.render_seconds += time.perf_counter() - start
        else:
            usage.from_cache += 1
        contents.append(content)
    usage.slides += len(slides)
    if rendered:
        call(lambda: backend().set_many(rendered), None)
    logger.debug("slides: %d from cache, %d rendered", len(slides) - len(rendered), len(rendered))
    return contents


# --- pages ------------------------------------------------------------------


class SingleFlight:
    """Run one call per key at a time; callers that arrive meanwhile share its result."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, Future] = {}

    def run(self, key: str, function: Callable[[], T]) -> tuple[T, bool]:
        """``(result, True)`` for the caller that ran it, ``(result, False)`` for waiters."""
        with self._lock:
            future = self._calls.get(key)
            leader = future is None
            if leader:
                future = self._calls[key] = Future()
        if not leader:
            return future.result(), False
        try:
            result = function()
        except BaseException as error:
            future.set_exception(error)
            raise
        else:
            future.set_result(result)
            return result, True
        finally:
            with self._lock:
                del self._calls[key]


_flights = SingleFlight()


def page(
    source: DeckSource, max_bytes: int, build: Callable[[str], bytes], key: str | None = None
) -> tuple[str, bytes]:
    """``(etag, page)`` for the deck: from the cache, or ``build(text)`` once.

    ``build`` turns the deck's text into the page's bytes; it may raise
    :class:`deck.core.reading.DeckError`, and then nothing is stored. ``key``:
    :func:`page_key` for ``source`` if the caller has it already.
    """
    usage = current_usage()
    usage.used = True
    key = key or source.page_key()
    cached = local_pages.get(key) if local_bytes() else None
    if cached is None:
        cached = call(lambda: backend().get(key), None)
        if cached is not None:
            local_pages.put(key, cached, local_bytes())
    if cached is not None:
        logger.debug("page hit: %s", source.deck_file.slug)
        return etag(key), cached
    if source.text is None:
        source = with_text(source, max_bytes)
        key = source.page_key()
    start = time.perf_counter()
    content, built = _flights.run(key, lambda: _build(key, source, build))
    if not built:
        usage.wait_seconds += time.perf_counter() - start
        logger.debug("page %s: shared a render in progress", source.deck_file.slug)
    return etag(key), content


def _build(key: str, source: DeckSource, build: Callable[[str], bytes]) -> bytes:
    usage = current_usage()
    usage.built = True
    assert source.text is not None
    start, cache_before = time.perf_counter(), usage.cache_seconds
    content = build(source.text)
    seconds = time.perf_counter() - start - (usage.cache_seconds - cache_before)
    usage.render_seconds = seconds
    call(lambda: backend().set(key, content), None)
    local_pages.put(key, content, local_bytes())
    logger.debug(
        "page miss: %s rendered in %.1f ms (%d of %d slides from cache)",
        source.deck_file.slug,
        seconds * 1000,
        usage.from_cache,
        usage.slides,
    )
    deck_rendered.send(
        sender=DeckSource,
        slug=source.deck_file.slug,
        digest=source.digest,
        slides=usage.slides,
        from_cache=usage.from_cache,
        seconds=seconds,
    )
    return content
