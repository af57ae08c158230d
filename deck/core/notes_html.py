"""Speaker notes taken out of a slide's HTML, for pages the audience sees.

Pure Python, no Django. reveal.js's notes plugin reads a slide's notes from
two places (``getSlideNotes``): a ``data-notes`` attribute of its
``<section>``, and every ``<aside class="notes">`` inside it. The renderer
writes the ``Note:`` part of a slide as such an aside, and an author may
write either form by hand (raw HTML, ``<!-- .slide: data-notes="..." -->``).
:func:`without_notes` removes both, wherever they are, so that a page
without notes carries none in any form, on screen or in its source.

A real HTML tokenizer (:class:`html.parser.HTMLParser`) finds them, so that
``<aside`` in a code block (escaped), in a comment or in a script is left
alone; the work is done only for slides whose HTML mentions "notes" at all.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

NOTES_ATTRIBUTE = "data-notes"
_MENTIONS_NOTES = re.compile("notes", re.IGNORECASE)
_NEWLINE = re.compile("\n")


def has_notes_markup(text: str) -> bool:
    """Cheap test: could ``text`` hold notes at all? (Most slides cannot.)"""
    return _MENTIONS_NOTES.search(text) is not None


def without_notes(text: str) -> str:
    """``text`` with every ``<aside class="notes">`` element (and what is in
    it) and every ``data-notes`` attribute removed; the rest byte for byte."""
    if not has_notes_markup(text):
        return text
    finder = _NotesFinder(text)
    finder.feed(text)
    finder.close()
    cuts = finder.finish()
    if not cuts:
        return text
    out, at = [], 0
    for start, end, replacement in cuts:
        out.append(text[at:start])
        out.append(replacement)
        at = end
    out.append(text[at:])
    return "".join(out)


def _is_notes_aside(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag != "aside":
        return False
    classes = " ".join(value or "" for name, value in attrs if name == "class")
    return "notes" in classes.split()


def _tag_without(tag: str, attrs: list[tuple[str, str | None]], drop: str, closed: bool) -> str:
    kept = "".join(
        f" {name}" if value is None else f' {name}="{html.escape(value)}"'
        for name, value in attrs
        if name != drop
    )
    return f"<{tag}{kept}{' /' if closed else ''}>"


class _NotesFinder(HTMLParser):
    """Collects ``(start, end, replacement)`` cuts, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
        self.cuts: list[tuple[int, int, str]] = []
        self.open_asides = 0  # inside a notes aside: asides open within it, itself included
        self.aside_start = 0

    def where(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.open_asides:
            if tag == "aside":
                self.open_asides += 1
            return
        start = self.where()
        if _is_notes_aside(tag, attrs):
            self.open_asides = 1
            self.aside_start = start
            return
        if any(name == NOTES_ATTRIBUTE for name, _ in attrs):
            source = self.get_starttag_text() or ""
            closed = source.rstrip(">").rstrip().endswith("/")
            replacement = _tag_without(tag, attrs, NOTES_ATTRIBUTE, closed)
            self.cuts.append((start, start + len(source), replacement))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # HTML has no self-closing <aside/>: a browser opens the element
        # there, and so do we (the default would close it at once).
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.open_asides or tag != "aside":
            return
        self.open_asides -= 1
        if not self.open_asides:
            start = self.where()
            close = self.text.find(">", start)
            end = len(self.text) if close < 0 else close + 1
            self.cuts.append((self.aside_start, end, ""))

    def finish(self) -> list[tuple[int, int, str]]:
        """The cuts; an aside left open runs to the end, as in a browser."""
        if self.open_asides:
            self.cuts.append((self.aside_start, len(self.text), ""))
            self.open_asides = 0
        return self.cuts
