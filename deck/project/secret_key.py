"""The key that signs sessions (presenter rights) when the deployer gives none.

No key written in the source ever signs anything: anyone could read it and
sign a session cookie that grants presenter rights. Without
``DECK_SECRET_KEY`` (the embedded defaults: a laptop, ``present --serve`` in a
classroom) a random key is made on first use and kept outside the repository,
in a file only its owner can read, so presenter rights survive a restart but
nobody can forge them:

    $DECK_STATE_DIR/secret-key, else $XDG_STATE_HOME/deck/secret-key,
    else ~/.local/state/deck/secret-key

Pure Python: the settings module calls it before Django is set up.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

KEY_BYTES = 48
FILE_NAME = "secret-key"


def state_dir() -> Path:
    if os.environ.get("DECK_STATE_DIR"):
        return Path(os.environ["DECK_STATE_DIR"])
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "deck"


def kept_key(folder: Path | None = None) -> str:
    """The key in ``folder`` (see :func:`state_dir`), made there on first use.

    Several processes may start at once (gunicorn workers, a test's two
    servers): the key is written to a file of its own and linked into place,
    which fails if another process linked first; every process then reads the
    one key that won. The file is created readable by its owner only.
    """
    folder = folder or state_dir()
    path = folder / FILE_NAME
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    candidate = folder / f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(KEY_BYTES) + "\n")
        # Another process may have linked first: then its key is the one.
        with contextlib.suppress(FileExistsError):
            os.link(candidate, path)
    finally:
        candidate.unlink(missing_ok=True)
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise OSError(f"{path} is empty: delete it, and a new key is made")
    return key
