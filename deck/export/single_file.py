"""One HTML file that needs nothing else: stylesheets, scripts, fonts and
images put inside it.

Pure Python. It works on a page already exported as a folder (every URL
relative, every file present), so it has nothing to find out: it reads each
file a URL names and puts it in the page, as text (CSS, JavaScript) or as a
``data:`` URL (images, fonts, anything else).
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import re
from collections.abc import Callable
from html import escape

from deck.core.url_scan import (
    attribute_value,
    css_references,
    html_references,
    map_urls,
    splice,
    split_urls,
    url_path,
)
from deck.core.urls import is_local

# Types mimetypes does not know everywhere; a browser checks fonts' types.
TYPES = {
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".webm": "video/webm",
    ".mp4": "video/mp4",
}

_SCRIPT_BREAKERS = re.compile(r"<(/script|!--)", re.IGNORECASE)

Reader = Callable[[str], bytes]  # a path relative to the site root -> its bytes


def media_type(path: str) -> str:
    extension = posixpath.splitext(path)[1].lower()
    return TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def data_url(data: bytes, path: str) -> str:
    return f"data:{media_type(path)};base64,{base64.b64encode(data).decode('ascii')}"


def resolve(base: str, url: str) -> str:
    """A relative URL read from a file at ``base`` -> a path from the site root."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), url_path(url)))


def inline_css(text: str, path: str, read: Reader, depth: int = 0) -> str:
    """``url(...)`` -> ``data:``, and local ``@import``s replaced by their text."""
    replacements: dict[int, tuple[int, str]] = {}
    for ref in css_references(text):
        if not is_local(ref.url):
            continue
        target = resolve(path, ref.url)
        if ref.attribute == "import":
            if depth > 8:  # an @import loop: leave the rest as it is
                continue
            body = inline_css(read(target).decode("utf-8"), target, read, depth + 1)
            if ref.media:
                body = f"@media {ref.media} {{\n{body}\n}}"
            replacements[ref.element_start] = (ref.element_end, body)
        else:
            replacements[ref.start] = (ref.end, data_url(read(target), target))
    return splice(text, replacements)


def _attributes(attrs: tuple[tuple[str, str], ...], drop: set[str]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in attrs if name not in drop)


def inline_page(text: str, page: str, read: Reader, keep: Callable[[str], bool]) -> str:
    """``page`` (a path from the site root) with every local file put inside.

    ``keep(path)`` says which local URLs stay as they are (the other pages,
    files the slides name that do not exist).
    """
    replacements: dict[int, tuple[int, str]] = {}
    for ref in html_references(text):
        if not any(is_local(url) for url in split_urls(ref.url, ref.attribute)):
            continue
        if (ref.is_stylesheet or ref.tag == "script") and keep(resolve(page, ref.url)):
            continue
        if ref.is_stylesheet:
            target = resolve(page, ref.url)
            css = inline_css(read(target).decode("utf-8"), target, read)
            attrs = _attributes(ref.attrs, {"rel", "href", "type", "integrity", "crossorigin"})
            # "</style" inside the CSS would close the element early.
            css = css.replace("</style", "<\\/style")
            replacements[ref.element_start] = (ref.element_end, f"<style{attrs}>\n{css}\n</style>")
        elif ref.tag == "script" and ref.attribute == "src" and _runs_in_place(ref):
            target = resolve(page, ref.url)
            script = script_text(read(target).decode("utf-8"))
            attrs = _attributes(ref.attrs, {"src", "integrity", "crossorigin"})
            replacements[ref.element_start] = (
                ref.element_end,
                f"<script{attrs}>\n{script}\n</script>",
            )
        else:
            new = map_urls(ref.url, ref.attribute, lambda url: _as_data(url, page, read, keep))
            if new != ref.url:
                replacements[ref.start] = (ref.end, attribute_value(text, ref.start, ref.end, new))
    return splice(text, replacements)


def script_text(script: str) -> str:
    """JavaScript that can stand inside ``<script>...</script>``.

    ``</script`` would end the element, and ``<!--`` (notes.js has one in a
    regular expression) followed by ``<script`` would make the HTML parser
    miss the end. Both only ever occur inside strings, regular expressions
    and comments, where ``\\x3C`` means ``<`` too.
    """
    return _SCRIPT_BREAKERS.sub(r"\\x3C\1", script)


def _runs_in_place(ref) -> bool:
    """A plain classic script: its text can stand where the tag was.

    A deferred, async or module script keeps its ``src``, as a ``data:`` URL,
    so that it still runs when it did.
    """
    kind = (ref.attr("type") or "text/javascript").lower()
    return (
        ref.attr("defer") is None
        and ref.attr("async") is None
        and kind in {"text/javascript", "application/javascript"}
    )


def _as_data(url: str, page: str, read: Reader, keep: Callable[[str], bool]) -> str:
    if not is_local(url):
        return url
    target = resolve(page, url)
    if keep(target):
        return url
    return data_url(read(target), target)
