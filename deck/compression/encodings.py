"""Which encoding a request gets, the bytes in it, and the ETag that names them.

- :func:`negotiate`: ``br``, ``gzip`` or ``None`` from ``Accept-Encoding``
  (q-values honoured, ``q=0`` refuses, ``*`` counts);
- :func:`compress`: gzip through Django's ``compress_string``, Brotli through
  the ``brotli`` package;
- :func:`encoded_etag` / :func:`request_etags`: a compressed response's ETag is
  the plain one with ``-br`` or ``-gzip`` inside the quotes, so a cache never
  takes one representation for another, and a browser's ``If-None-Match`` is
  read back to the plain tag the view compares with.
"""

from __future__ import annotations

from django.utils.http import parse_etags
from django.utils.text import compress_string

# Best first: Brotli is about half gzip's size on a deck page (benchmarks/results/wire.md).
PREFERRED = ("br", "gzip")
ENCODINGS = frozenset(PREFERRED)

# Brotli 9 is five times faster than 11 on a 5000-slide page for 15% more
# bytes; a cached page is compressed once per encoding, so it can afford 9.
CACHED_BROTLI_QUALITY = 9
# A page drawn per request (follow mode, the index) is compressed every time.
DRAWN_BROTLI_QUALITY = 5
# Django's GZipMiddleware pads per-request gzip with up to 100 random bytes
# against BREACH; a cached page is the same for every visitor and holds no
# secret, so it stays byte-for-byte stable.
DRAWN_GZIP_RANDOM_BYTES = 100


def negotiate(accept_encoding: str) -> str | None:
    """The encoding to send for this ``Accept-Encoding``, ``None`` for identity."""
    if not accept_encoding:
        return None
    weights: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip()] = weight
    star = weights.get("*", 0.0)
    best, best_weight = None, 0.0
    for name in PREFERRED:
        weight = weights.get(name, star)
        if weight > best_weight:
            best, best_weight = name, weight
    return best


def compress(data: bytes, encoding: str, *, cached: bool) -> bytes:
    """``data`` in ``encoding``; ``cached``: for the page cache (stable bytes)."""
    if encoding == "gzip":
        random_bytes = None if cached else DRAWN_GZIP_RANDOM_BYTES
        return compress_string(data, max_random_bytes=random_bytes)
    if encoding == "br":
        import brotli  # only once a client asks for it

        quality = CACHED_BROTLI_QUALITY if cached else DRAWN_BROTLI_QUALITY
        return brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)
    raise ValueError(f"unknown encoding {encoding!r}")


def encoded_etag(etag: str, encoding: str) -> str:
    """``"abc"`` -> ``"abc-br"``; a weak ``W/`` stays weak."""
    return f'{etag[:-1]}-{encoding}"' if etag.endswith('"') else etag


def plain_etag(etag: str) -> tuple[str, str | None]:
    """``("abc" as sent to the view, its encoding)`` for a tag this module made."""
    body = etag[:-1] if etag.endswith('"') else etag
    for encoding in ENCODINGS:
        if body.endswith("-" + encoding):
            return body[: -len(encoding) - 1] + '"', encoding
    return etag, None


def request_etags(if_none_match: str, encoding: str | None) -> tuple[str | None, set[str]]:
    """``If-None-Match`` as the view must read it, and the plain tags that the
    browser held in ``encoding``.

    A tag of this encoding becomes the plain tag (the view compares those); a
    tag of another encoding can match nothing this request gets, and is
    dropped; a plain tag (an identity copy, or a response that is never
    compressed, such as a picture) stays. ``None`` when no tag is left.
    """
    tags = parse_etags(if_none_match)
    if tags == ["*"]:
        return if_none_match, set()
    kept, encoded = [], set()
    for tag in tags:
        plain, tag_encoding = plain_etag(tag)
        if tag_encoding is None:
            kept.append(tag)
        elif tag_encoding == encoding:
            kept.append(plain)
            encoded.add(plain.removeprefix("W/"))
    return (", ".join(kept) or None), encoded
