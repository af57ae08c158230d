"""What kind of place a URL in a deck, a template or a stylesheet names.

Pure Python. One rule for the checks (W010: the room's network must reach
it), the deck page (a remote theme is linked as it is) and the export (a
remote file is listed, a local one copied or inlined).
"""

from __future__ import annotations

import re

# Leading C0 controls and spaces are dropped by browsers before a URL is read
# (WHATWG URL standard), so " //cdn.example/x.css" is still another site.
_LEADING = "".join(map(chr, range(0x21)))
# Another site: http(s) with a host, or protocol-relative (``//host/x``, the
# page's own scheme). ``https:x`` without slashes is a path on the page's own
# site, and ``data:`` URLs carry their bytes: neither needs a network.
_REMOTE = re.compile(r"(?:https?:)?//", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # as urllib.parse reads one


def is_remote(url: str) -> bool:
    """Whether ``url`` is loaded from another site."""
    return _REMOTE.match(url.lstrip(_LEADING)) is not None


def is_local(url: str) -> bool:
    """A path on this site or disk: no scheme (``mailto:``, ``data:``), not
    protocol-relative, not just a fragment, not empty."""
    url = url.lstrip(_LEADING)
    return bool(url) and not url.startswith(("#", "//")) and _SCHEME.match(url) is None
