"""Split a lesson's Markdown into slides.

Pure Python: no Django, no Markdown rendering. The splitter knows about
front matter, slide separators, fenced code (so a ``---`` inside a code block
stays code), speaker notes and ``<!-- .slide: ... -->`` attribute comments.
Every slide remembers the line of the file it starts on, so every later
message can name file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from deck.core import fences

# Raised with no path (the splitter sees only text): deck.core.reading adds the file.
from deck.core.errors import BadFrontMatter, UnclosedFence
from deck.core.patterns import Clock, compile_line_pattern

HORIZONTAL_SEPARATOR = r"^---[ \t]*$"
VERTICAL_SEPARATOR = r"^----[ \t]*$"
NOTES_SEPARATOR = r"^\s*notes?:"
BUILTIN_SEPARATORS = frozenset({HORIZONTAL_SEPARATOR, VERTICAL_SEPARATOR, NOTES_SEPARATOR})

SLIDE_ATTRS = re.compile(r"<!--\s*\.slide:\s*(?P<attrs>.*?)\s*-->", re.DOTALL)
ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'=<>`]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?"""
)
MAX_FRONT_MATTER_BYTES = 64 * 1024
FRONT_MATTER_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True)
class Slide:
    """One slide's Markdown, with what the splitter took out of it."""

    h: int
    v: int
    line: int  # 1-based file line of the slide's first body line
    body: str
    notes: str = ""
    notes_line: int = 0
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def number(self) -> str:
        """Human slide number as reveal.js shows it: ``4`` or ``4.2``."""
        return f"{self.h + 1}" if self.v == 0 else f"{self.h + 1}.{self.v + 1}"


@dataclass(frozen=True)
class SplitDeck:
    front_matter: dict[str, Any] = field(default_factory=dict)
    stacks: tuple[tuple[Slide, ...], ...] = ()

    @property
    def slides(self) -> list[Slide]:
        return [slide for stack in self.stacks for slide in stack]

    @property
    def title(self) -> str:
        """The front matter's title, else the first heading's text, else ''."""
        title = self.front_matter.get("title")
        if title:
            return str(title)
        for slide in self.slides:
            heading = first_heading(slide.body)
            if heading:
                return heading
        return ""

    @property
    def subtitle(self) -> str:
        """The title slide's next heading ("Lesson Nine — ..."), for the index."""
        if not self.slides:
            return ""
        headings = headings_of(self.slides[0].body)
        if not self.front_matter.get("title"):
            headings = headings[1:]
        return headings[0] if headings else ""


def normalize_newlines(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and CR into LF."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_attributes(text: str) -> tuple[tuple[str, str], ...]:
    """``data-background="#123" class="x" hidden`` -> pairs, in order."""
    pairs = []
    for match in ATTRIBUTE.finditer(text):
        value = next((v for v in (match["dq"], match["sq"], match["bare"]) if v is not None), "")
        pairs.append((match["name"], value))
    return tuple(pairs)


def headings_of(markdown: str) -> list[str]:
    """The text of each ATX heading outside fenced code, in order."""
    return [
        match["text"].strip()
        for _, line in iter_lines_outside_fences(markdown.split("\n"))
        if (match := HEADING.match(line))
    ]


def first_heading(markdown: str) -> str:
    headings = headings_of(markdown)
    return headings[0] if headings else ""


def iter_lines_outside_fences(lines: list[str]):
    """Yield ``(index, line)`` for the lines that are not fenced code."""
    for index, line, fence in fences.scan(lines):
        if fence is None:
            yield index, line


def split_front_matter(lines: list[str]) -> tuple[dict[str, Any], int]:
    """Return the front matter and the index of the first line after it.

    Front matter is a ``---`` first line, YAML ``key: value`` lines and a
    closing ``---``. A first ``---`` followed by anything else is an ordinary
    (empty) first slide, as reveal-md reads it.
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0
    first = next((i for i in range(1, len(lines)) if lines[i].strip()), None)
    if first is None or not FRONT_MATTER_KEY.match(lines[first]):
        return {}, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise BadFrontMatter(None, 1, "front matter starts here but has no closing '---' line")
    # Refused before YAML sees it: PyYAML reads about 200 KB a second, and a
    # 3 MB block of 200,000 keys took 14 s to reach its error page.
    size = sum(len(line) + 1 for line in lines[1:end])
    if size > MAX_FRONT_MATTER_BYTES:
        raise BadFrontMatter(
            None,
            1,
            f"front matter is {size // 1024:,} KB, over {MAX_FRONT_MATTER_BYTES // 1024} KB: "
            "it holds a deck's settings (title, theme, ...), not its content",
        )
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise BadFrontMatter(None, line, f"front matter is not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise BadFrontMatter(None, 2, "front matter must be 'key: value' lines")
    return {str(k): v for k, v in data.items()}, end + 1


# The checks and the page each split the same text (an export runs both):
# the second split of an unchanged deck is a dictionary look-up. Every part of
# a SplitDeck is immutable but its front matter dict, which no one changes.
@lru_cache(maxsize=2)
def split(
    text: str,
    *,
    separator: str = HORIZONTAL_SEPARATOR,
    vertical_separator: str = VERTICAL_SEPARATOR,
    notes_separator: str = NOTES_SEPARATOR,
) -> SplitDeck:
    """Split a whole deck's Markdown into stacks of slides.

    Separators are regular expressions matched against single lines outside
    fenced code. An unclosed fence is an :class:`UnclosedFence` naming the line
    it opens on: it would swallow every slide after it. A pattern of the
    author's that runs past its time bound is :class:`deck.core.patterns.TooSlow`.
    """
    lines = normalize_newlines(text).split("\n")
    front_matter, start = split_front_matter(lines)
    clock = Clock()
    horizontal = compile_line_pattern(separator, BUILTIN_SEPARATORS, clock)
    vertical = compile_line_pattern(vertical_separator, BUILTIN_SEPARATORS, clock)

    # Each chunk: (h, v, first line index, [line indexes]).
    chunks: list[tuple[int, int, int, list[int]]] = [(0, 0, start, [])]
    tracker = fences.FenceTracker()
    for index in range(start, len(lines)):
        line = lines[index]
        if tracker.step(index, line) is not None:
            chunks[-1][3].append(index)
            continue
        if horizontal.match(line):
            chunks.append((chunks[-1][0] + 1, 0, index + 1, []))
            continue
        if vertical.match(line):
            h, v = chunks[-1][0], chunks[-1][1] + 1
            chunks.append((h, v, index + 1, []))
            continue
        chunks[-1][3].append(index)
    opened = tracker.open  # a fence never closed: it would swallow the rest
    fence, fence_line = (opened.marker, opened.index + 1) if opened else (None, 0)
    if fence is not None:
        raise UnclosedFence(
            None,
            fence_line,
            f"code block opened with {fence} is never closed "
            "(it would swallow the rest of the deck)",
        )

    notes_re = compile_line_pattern(notes_separator, BUILTIN_SEPARATORS, clock)
    stacks: list[list[Slide]] = []
    for h, v, first, indexes in chunks:
        slide = _make_slide(h, v, first, [lines[i] for i in indexes], notes_re)
        if v == 0:
            stacks.append([slide])
        else:
            stacks[-1].append(slide)
    return SplitDeck(front_matter, tuple(tuple(stack) for stack in stacks))


def _make_slide(h: int, v: int, first: int, lines: list[str], notes_re) -> Slide:
    body: list[str] = []
    notes: list[str] = []
    notes_line = 0
    attrs: list[tuple[str, str]] = []
    outside = {i for i, _ in iter_lines_outside_fences(lines)}
    for i, line in enumerate(lines):
        if notes_line:
            notes.append(line)
            continue
        if i in outside:
            match = notes_re.match(line)
            if match:
                notes_line = first + i + 1
                rest = line[match.end() :].strip()
                if rest:
                    notes.append(rest)
                continue
            if ".slide:" in line:
                for found in SLIDE_ATTRS.finditer(line):
                    attrs.extend(parse_attributes(found["attrs"]))
                line = SLIDE_ATTRS.sub("", line)
        body.append(line)
    return Slide(
        h=h,
        v=v,
        line=first + 1,
        body="\n".join(body).rstrip(),
        notes="\n".join(notes).strip("\n"),
        notes_line=notes_line,
        attrs=tuple(attrs),
    )
