"""The output folder: is it ours to replace, and replacing it at once.

Pure Python. An export is built in a hidden folder beside ``DIR`` and swapped
in when it is complete, so a failed or interrupted export leaves the previous
one as it was. A marker file tells an earlier export from a folder of the
user's, which is never written into or deleted without ``--force``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from deck.core.errors import UserError

logger = logging.getLogger(__name__)

MARKER = ".deck-export"
MARKER_TEXT = (
    "This folder was written by 'manage.py export_deck'.\n"
    "The next export replaces all of it: keep nothing of your own here.\n"
)
STAGING_SUFFIX = ".export-tmp"
_RENAME_EXCHANGE = 2  # linux/fs.h


class TargetError(UserError):
    """The output folder cannot be used; the message is one line for the user."""


def is_export(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


class OutputFolder:
    """``DIR`` as the user named it, checked before anything is rendered."""

    def __init__(self, path: Path, *, force: bool = False, protected: Iterable[Path] = ()):
        self.path = Path(os.path.abspath(path)).resolve()
        self.force = force
        self.protected = [Path(p).resolve() for p in protected]

    def check(self) -> None:
        path = self.path
        if path == Path(path.anchor) or path == Path.home():
            raise TargetError(f"{path} cannot be an export folder: name a folder of its own")
        for keep in self.protected:
            if keep == path or keep.is_relative_to(path):
                raise TargetError(
                    f"{path} holds {keep}, which an export would replace: name a folder of its own"
                )
        if not path.parent.is_dir():
            raise TargetError(f"{path.parent} does not exist: create it first")
        if not path.exists():
            return
        if not path.is_dir():
            raise TargetError(f"{path} is a file, not a folder")
        if is_export(path) or self.force or is_empty(path):
            return
        raise TargetError(
            f"{path} is not empty and is not an earlier export (it has no {MARKER} file): "
            "choose another folder, or pass --force to replace everything in it"
        )

    @contextlib.contextmanager
    def staging(self) -> Iterator[Path]:
        """A fresh folder beside ``DIR``; removed unless :meth:`swap` took it."""
        self.remove_abandoned()
        try:
            stage = Path(
                tempfile.mkdtemp(
                    prefix=f"{self._staging_prefix()}{os.getpid()}.",
                    suffix=STAGING_SUFFIX,
                    dir=self.path.parent,
                )
            )
        except OSError as error:
            raise TargetError(
                f"cannot write in {self.path.parent}: {error.strerror or error}"
            ) from None
        try:
            os.chmod(stage, self._mode())
            (stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            yield stage
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    def _staging_prefix(self) -> str:
        return f".{self.path.name}."

    def remove_abandoned(self) -> None:
        """Staging folders of exports to ``DIR`` that were killed (``kill -9``,
        a power cut) before they could clean up: marked as ours, named with
        the process id of an export that is no longer running."""
        prefix = self._staging_prefix()
        # <pid>.<mkdtemp's random letters>.export-tmp, nothing more: another
        # folder's exports (``site.2`` beside ``site``) have more dots.
        rest = re.compile(r"(\d+)\.[a-z0-9_]+" + re.escape(STAGING_SUFFIX))
        try:
            entries = list(os.scandir(self.path.parent))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            found = rest.fullmatch(name[len(prefix) :]) if name.startswith(prefix) else None
            if not found or _running(int(found[1])) or not is_export(Path(entry.path)):
                continue
            logger.info("removing %s, left by an export that was stopped", entry.path)
            shutil.rmtree(entry.path, ignore_errors=True)

    def swap(self, stage: Path) -> None:
        """Put the finished ``stage`` in place of ``DIR`` in one step."""
        self.check()  # the folder may have changed while the export was built
        if not self.path.exists():
            try:
                os.rename(stage, self.path)
            except OSError as error:
                raise TargetError(f"cannot create {self.path}: {error.strerror}") from None
            return
        if _exchange(stage, self.path):
            # ``stage`` now holds the previous export.
            shutil.rmtree(stage, ignore_errors=True)
            return
        # No atomic exchange here: two renames, undone if the second fails.
        old = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", dir=self.path.parent))
        os.rmdir(old)
        try:
            os.rename(self.path, old)
        except OSError as error:
            raise TargetError(f"cannot replace {self.path}: {error.strerror}") from None
        try:
            os.rename(stage, self.path)
        except OSError as error:
            os.rename(old, self.path)
            raise TargetError(f"cannot replace {self.path}: {error.strerror}") from None
        shutil.rmtree(old, ignore_errors=True)

    def _mode(self) -> int:
        if self.path.is_dir():
            return self.path.stat().st_mode & 0o7777
        umask = os.umask(0)
        os.umask(umask)
        return 0o777 & ~umask


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (it may be another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's, or not a pid we can ask about: leave it
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); False where unsupported."""
    # The symbols already loaded, libc's among them: ctypes.util.find_library
    # would run ldconfig in a subprocess (a hundredth of a second per export).
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(
        at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        logger.debug("renameat2 not supported here (%s): two renames instead", code)
        return False
    raise TargetError(f"cannot replace {second}: {os.strerror(code)}")
