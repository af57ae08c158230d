"""Decks as read from disk: each file read again only when it may have changed.

Pages, the index, the export and the checks all read decks through here. A
deck's :class:`DeckSource` is its content hash (and its text when it was read
just now); a ``stat`` that shows the same file as last time, older than
:data:`RACY_SECONDS`, is trusted instead of reading and hashing it again. The
same holds for the folder listing (:func:`listing`) and for what beside its
text changes a deck's page (:func:`folder_inputs`). When a read finds other
text than the last one, :data:`deck.signals.deck_changed` is sent.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from deck.caching.keys import digest, page_key
from deck.core.discovery import walk_folders
from deck.core.options import option_file_candidates
from deck.core.reading import DeckFile, read_text
from deck.signals import deck_changed

logger = logging.getLogger(__name__)

# A file changed within this many seconds of being read may change again
# without its size or timestamps changing (coarse timestamps on some file
# systems): such a file is read and hashed again instead of trusted by stat.
RACY_SECONDS = 2.0


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


# What this process read last: folder listings by root, digests by file, and
# folder_inputs() by (folder, root).
_listings: dict[Path, _Seen] = {}
_seen: dict[Path, _Seen] = {}
_inputs_seen: dict[tuple[str, str], _Seen] = {}


def forget() -> None:
    """Forget every listing and file read: the next reads go to the disk."""
    _listings.clear()
    _seen.clear()
    _inputs_seen.clear()
    _input_paths.cache_clear()


# --- the decks in a folder ------------------------------------------------------


def listing(root: Path, find: Callable[[Path], dict[str, DeckFile]]) -> dict[str, DeckFile]:
    """``find(root)``, run again only when a stat shows the folder may have changed.

    Decks live in subfolders too (``lesson-two/CLASS.md``): a file added or
    removed anywhere changes the mtime of its own folder, so every folder of
    the last listing is stat'ed (a new folder changes its parent's).
    """
    listed_at = time.time()
    seen = _listings.get(root)
    if seen is not None:
        folders, decks = seen.value
        signature, newest = _tree_stat(folders)
        if _unchanged(seen, signature, newest):
            return decks
    folders = [root, *walk_folders(root)]
    signature, _ = _tree_stat(folders)
    decks = find(root)
    _listings[root] = _Seen(signature, (folders, decks), listed_at)
    return decks


def _tree_stat(folders: list[Path]) -> tuple[tuple[int, ...], float]:
    signature: list[int] = []
    newest = 0.0
    for folder in folders:
        folder_signature, folder_newest = _stat(folder)
        signature.extend(folder_signature or (-1,))
        newest = max(newest, folder_newest)
    return tuple(signature), newest


# --- what beside its text changes a deck's page -----------------------------------


@lru_cache(maxsize=1024)
def _input_paths(folder: str, root: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The options files that may apply to a deck in ``folder`` (present or
    not) and the folders its theme and stylesheets are looked up in."""
    files = tuple(str(path) for path in option_file_candidates(Path(folder), Path(root)))
    folders = tuple(sorted({folder, f"{folder}/theme", root, f"{root}/theme"}))
    return files, folders


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


# --- a deck's text ---------------------------------------------------------------


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
