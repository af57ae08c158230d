"""Finding and rewriting the URLs that HTML and CSS refer to.

Pure Python, no Django. The export reads the pages it rendered to learn which
files they need (so a script that a template adds later is exported without
anyone keeping a list), and rewrites those URLs to relative ones. The deck
checks read stylesheets with the same :func:`css_references`, so that
``manage.py check`` reports every remote file the export lists (it lives in
the core for that: the checks run without Django).

HTML is scanned with regular expressions rather than a full parser: the slide
HTML of a 5000-slide deck is megabytes of Pygments ``<span>``s, and only the
few tags that carry a URL attribute matter. Comments, ``<script>`` and
``<style>`` bodies are skipped so that text in them is never taken for a tag.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Attributes whose value is a URL of a file the page loads or links to.
URL_ATTRIBUTES = frozenset(
    {
        "src",
        "href",
        "poster",
        "data",  # <object data=...>
        "data-src",
        "data-background",
        "data-background-image",
        "data-background-video",
        "data-background-iframe",
        "data-preview-image",
    }
)
# reveal.js takes several comma-separated videos in one attribute.
LIST_ATTRIBUTES = frozenset({"data-background-video"})

_ATTR_NAMES = "|".join(sorted((re.escape(name) for name in URL_ATTRIBUTES), key=len, reverse=True))
# Where a URL attribute may be: the name, after a space or a quote, before "=".
# Searching for these first is what keeps a scan of megabytes of slides fast.
_CANDIDATE = re.compile(rf"[\s\"'](?:{_ATTR_NAMES})\s*=", re.IGNORECASE)
# Every URL attribute's name starts with one of these.
_STEMS = [re.compile(re.escape(stem) + r"[\w-]*\s*=") for stem in ("src", "href", "poster", "data")]
assert all(name.startswith(("src", "href", "poster", "data")) for name in URL_ATTRIBUTES)
# Text that is no markup: comments, and the bodies of raw-text elements
# (their opening tags are markup: <script src=...>).
_NOT_MARKUP = re.compile(
    r"<!--.*?-->|<(?P<raw>script|style|textarea|title)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"(?P<body>.*?)</(?P=raw)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_MARKUP_STEMS = [
    re.compile(re.escape(stem)) for stem in ("<!--", "<script", "<style", "<textarea", "<title")
]
TAG = re.compile(r"<[A-Za-z][\w:-]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_CLOSING_SCRIPT = re.compile(r"</script\s*>", re.IGNORECASE)
TAG_ATTRIBUTE = re.compile(
    r"""\s(?P<name>[^\s"'=<>/`]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?"""
)
TAG_NAME = re.compile(r"<([A-Za-z][\w:-]*)")
_CSS_REF = re.compile(
    r"""/\*.*?\*/"""
    r"""|@import\s+(?:url\(\s*(?P<uq>["']?)(?P<import_url>[^"')]*)(?P=uq)\s*\)"""
    r"""|(?P<iq>["'])(?P<import>.*?)(?P=iq))\s*(?P<media>[^;]*);"""
    r"""|url\(\s*(?:(?P<q>["'])(?P<quoted>.*?)(?P=q)|(?P<bare>[^)"'\s]*))\s*\)""",
    re.DOTALL | re.IGNORECASE,
)
_SECTION_LINE = re.compile(r'<section data-line="(\d+)"')


@dataclass(frozen=True)
class Reference:
    """One URL in a document: where its value sits and what it says."""

    start: int  # offset of the value (without quotes) in the document
    end: int
    url: str  # the value as a browser reads it (entities decoded)
    tag: str  # the element's name in lower case; "css" for a stylesheet
    attribute: str  # "src", "href", ...; "url" or "import" in CSS
    # The whole element (HTML: opening tag, or up to the closing tag of a
    # <script>; CSS: the whole @import rule), for the single-file inliner.
    element_start: int = 0
    element_end: int = 0
    attrs: tuple[tuple[str, str], ...] = ()
    media: str = ""  # CSS: the media list of an @import

    def attr(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    @property
    def is_stylesheet(self) -> bool:
        rel = (self.attr("rel") or "").lower().split()
        return self.tag == "link" and self.attribute == "href" and "stylesheet" in rel


def url_path(url: str) -> str:
    """The file part of a local URL: query and fragment dropped, %XX decoded."""
    return unquote(urlsplit(url).path)


def url_suffix(url: str) -> str:
    """What follows the path (``?query#fragment``), kept when a URL is rewritten."""
    parts = urlsplit(url)
    return (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )


def html_references(text: str) -> Iterator[Reference]:
    """Every URL attribute value in ``text``, in document order."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter grew in lower case: offsets moved
        lowered = ""
    skipped = _not_markup(text, lowered)
    candidates = _candidates(text, lowered)
    del lowered  # a copy of a page of megabytes: not kept while the caller works
    starts = [start for start, _ in skipped]
    done_until = -1
    for position in candidates:
        if position < done_until:
            continue  # in a tag already read
        index = bisect.bisect_right(starts, position) - 1
        if index >= 0 and position < skipped[index][1]:
            continue
        tag = _enclosing_tag(text, position)
        if tag is None:
            continue  # "src=" in text, not in a tag
        start, end = tag.span()
        done_until = end
        element_end = end
        if text[start : start + 7].lower() == "<script":
            closing = _CLOSING_SCRIPT.search(text, end)
            element_end = closing.end() if closing else end
        yield from _tag_references(text[start:end], start, element_end)


def _not_markup(text: str, lowered: str) -> list[tuple[int, int]]:
    """Spans of comments and raw-text bodies, in order."""
    if not lowered:
        matches = list(_NOT_MARKUP.finditer(text))
    else:
        starts = sorted(match.start() for stem in _MARKUP_STEMS for match in stem.finditer(lowered))
        matches = []
        end = 0
        for start in starts:
            match = _NOT_MARKUP.match(text, start) if start >= end else None
            if match:
                matches.append(match)
                end = match.end()
    return [match.span("body") if match["raw"] else match.span() for match in matches]


def _candidates(text: str, lowered: str) -> list[int]:
    """Offsets of URL attribute names in ``text``, in order.

    A regular expression that starts with a literal is searched for quickly;
    one that starts with a choice (or ignores case) is tried at every
    character. So each literal stem is searched in the lower-cased text, and
    the few hits are checked with :data:`_CANDIDATE`.
    """
    if not lowered:
        return [match.start() + 1 for match in _CANDIDATE.finditer(text)]
    found = {
        match.start()
        for stem in _STEMS
        for match in stem.finditer(lowered)
        if _CANDIDATE.match(text, match.start() - 1)
    }
    return sorted(found)


def _enclosing_tag(text: str, position: int) -> re.Match | None:
    """The tag around ``position``, if it is inside one.

    Generated HTML escapes "<" and ">" in attribute values, so the nearest "<"
    before is nearly always the tag's; a few more are tried for hand-written
    HTML with a "<" inside a quoted value.
    """
    start = position
    for _ in range(8):
        start = text.rfind("<", 0, start)
        if start < 0:
            return None
        match = TAG.match(text, start)
        if match and match.end() > position:
            return match
    return None


def _tag_references(tag_text: str, offset: int, element_end: int) -> Iterator[Reference]:
    name = TAG_NAME.match(tag_text)
    if not name:
        return
    tag = name[1].lower()
    found = []
    attrs = []
    for attr in TAG_ATTRIBUTE.finditer(tag_text, name.end()):
        attribute = attr["name"].lower()
        group = next((g for g in ("dq", "sq", "bare") if attr[g] is not None), None)
        value = html.unescape(attr[group]) if group else ""
        attrs.append((attribute, value))
        if attribute in URL_ATTRIBUTES and group is not None:
            found.append((offset + attr.start(group), offset + attr.end(group), value, attribute))
    for start, end, value, attribute in found:
        yield Reference(
            start,
            end,
            value.strip(),
            tag,
            attribute,
            element_start=offset,
            element_end=element_end,
            attrs=tuple(attrs),
        )


def css_references(text: str) -> Iterator[Reference]:
    """Every ``url(...)`` and ``@import`` in a stylesheet (comments skipped)."""
    for match in _CSS_REF.finditer(text):
        for group, kind in (
            ("import_url", "import"),
            ("import", "import"),
            ("quoted", "url"),
            ("bare", "url"),
        ):
            if match[group] is not None:
                yield Reference(
                    match.start(group),
                    match.end(group),
                    match[group].strip(),
                    "css",
                    kind,
                    element_start=match.start(),
                    element_end=match.end(),
                    media=(match["media"] or "").strip(),
                )
                break


def attribute_value(text: str, start: int, end: int, value: str) -> str:
    """``value`` ready to stand at ``text[start:end]``, an attribute's value.

    Escaped for an attribute, and double-quoted if the old value was bare (a
    bare value that now holds a space would otherwise break the tag).
    """
    before, after = text[start - 1 : start], text[end : end + 1]
    escaped = value.replace("&", "&amp;").replace('"', "&quot;")
    if before and before in "\"'" and before == after:
        return escaped if before == '"' else escaped.replace("'", "&#x27;")
    return f'"{escaped}"'


def splice(text: str, replacements: dict[int, tuple[int, str]]) -> str:
    """``text`` with ``{start: (end, new text)}`` put in; overlapping ones dropped."""
    if not replacements:
        return text
    out: list[str] = []
    position = 0
    for start in sorted(replacements):
        end, value = replacements[start]
        if start < position:
            continue
        out.append(text[position:start])
        out.append(value)
        position = end
    out.append(text[position:])
    return "".join(out)


def slide_line_at(text: str, offset: int) -> int:
    """The Markdown line of the slide around ``offset`` in rendered slide HTML."""
    line = 0
    for match in _SECTION_LINE.finditer(text, 0, offset):
        line = int(match[1])
    return line


def map_urls(url: str, attribute: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to each URL of an attribute (one, or a comma list)."""
    if attribute in LIST_ATTRIBUTES and "," in url:
        return ",".join(change(part.strip()) for part in url.split(","))
    return change(url)


def split_urls(url: str, attribute: str) -> list[str]:
    if attribute in LIST_ATTRIBUTES and "," in url:
        return [part.strip() for part in url.split(",") if part.strip()]
    return [url]
