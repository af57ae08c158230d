"""One-time presenter secrets.

``manage.py present`` issues a secret; the presenter's browser hands it in
once and gets presenter rights in its session. Only a SHA-256 digest of the
secret is stored (in Django's cache, so every worker sharing the cache can
redeem it), compared in constant time, and deleted on use. The secret itself
is never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.cache import caches

from deck.follow.shared_state import guarded

# Long enough that nobody will guess it, short enough to read in a terminal.
SECRET_BYTES = 32
DEFAULT_MINUTES = 15


def _key(slug: str) -> str:
    return f"follow:secret:{slug}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue(slug: str, minutes: int = DEFAULT_MINUTES) -> str:
    """A fresh secret for ``slug``, valid once for ``minutes``.

    Issuing again replaces the earlier secret of the same deck: an unused
    link that was printed before stops working.
    """
    secret = secrets.token_urlsafe(SECRET_BYTES)
    caches["default"].set(_key(slug), _digest(secret), timeout=minutes * 60)
    return secret


def redeem(slug: str, secret: str) -> bool:
    """True once for the right, unexpired secret of ``slug``; False otherwise;
    :class:`~deck.follow.shared_state.Unavailable` while the cache is down."""
    cache = caches["default"]
    stored = guarded(lambda: cache.get(_key(slug)))
    if not isinstance(stored, str) or not secret:
        return False
    if not hmac.compare_digest(stored, _digest(secret)):
        return False
    # Single use, also when two requests race: only the one whose delete
    # actually removed the entry wins (locmem, file and Redis all report it).
    return bool(guarded(lambda: cache.delete(_key(slug))))
