"""Checks of a deck's text: W001 mojibake, W002 empty bullets, W003 unknown
code language, W005 literal tags, W012 line specs past a block's end or unreadable."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE
from pygments.lexers import get_all_lexers

from deck.checks.problems import (
    W_EMPTY_BULLET,
    W_LINES_PAST_END,
    W_LITERAL_TAG,
    W_MOJIBAKE,
    W_UNKNOWN_LANGUAGE,
    WARNING,
    Problem,
    excerpt,
)
from deck.core.fences import Fence
from deck.core.model import Deck
from deck.render.extensions.fences import RENDERED_LANGUAGES, read_spec
from deck.render.extensions.lists import EMPTY_ITEM_TEXT, normalize_lists
from deck.render.extensions.literal_tags import is_html_element
from deck.render.highlight import is_known_language

# What the line checks are given: ``(index, line)`` of each line of text (not
# fenced code, nor a fence's opening or closing line); see analysis.py.
NumberedLines = list[tuple[int, str]]

BACKTICKS = re.compile(r"`+")
# A line that is a list marker alone: the only kind that can render as an
# empty item (see deck.render.extensions.lists; tabs there count as spaces).
BARE_MARKER = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}\.)[ \t]*$")
LINK_DESTINATION = re.compile(r"\]\(\s*<[^<>\n]*>")  # [text](<a file.png>)
HTML_RE_COMPILED = re.compile(HTML_RE)
AUTOLINK_RE_COMPILED = re.compile(AUTOLINK_RE)
AUTOMAIL_RE_COMPILED = re.compile(AUTOMAIL_RE)


def without_code_spans(line: str) -> str:
    """The line with each inline code span blanked out (same length).

    A run of N backticks opens a span that the next run of exactly N closes,
    as in CommonMark. Linear: each run is looked at a bounded number of times.
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    # For each run, the index of the next run of the same length.
    next_same: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        next_same[i] = seen.get(length)
        seen[length] = i
    pieces = []
    position = 0
    i = 0
    while i < len(runs):
        closing = next_same[i]
        if closing is None:
            i += 1
            continue
        start, end = runs[i][0], runs[closing][1]
        pieces.append(line[position:start])
        pieces.append(" " * (end - start))
        position = end
        i = closing + 1
    pieces.append(line[position:])
    return "".join(pieces)


# What mojibake leaves at least: a non-ASCII character followed by another,
# or the character of a UTF-8 lead byte followed by a space. UTF-8 writes every
# non-ASCII character as two to four bytes of 0x80 or more, and each decodes to
# a non-ASCII character in every single-byte encoding ftfy repairs, except
# 0xA0, which a text pipeline may have turned into a space (ftfy restores it).
# ftfy restores that only after the lead bytes of ftfy.chardata.ALTERED_UTF8_RE
# that are not followed by another byte of 0x80 or more. A line whose non-ASCII
# characters stand alone ("a — b", "café") cannot be garbled UTF-8, and needs no ftfy (a twentieth of a second to import).
_PAIR = re.compile(r"[^\x00-\x7f][^\x00-\x7f]")
# ftfy also reads a lone C1 control character as the Windows-1252 one it was.
_C1 = re.compile(r"[\x80-\x9f]")
_BEFORE_SPACE = re.compile(r"([^\x00-\x7f]) ")
# The encodings ftfy.fix_encoding tries (ftfy.chardata.CHARMAP_ENCODINGS).
_SINGLE_BYTE = (
    "latin-1",
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso-8859-2",
    "mac-roman",
    "cp437",
)
_lead_characters: frozenset[str] | None = None


def lead_characters() -> frozenset[str]:
    """The characters those lead bytes decode to in those encodings."""
    global _lead_characters
    if _lead_characters is None:
        leads = bytes([0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE2, 0xE3])
        _lead_characters = frozenset(
            "".join(leads.decode(encoding, errors="ignore") for encoding in _SINGLE_BYTE)
        )
    return _lead_characters


def may_be_mojibake(line: str) -> bool:
    """Whether ftfy could find garbled UTF-8 in ``line`` (never False when it could)."""
    if line.isascii():
        return False
    if _PAIR.search(line) or _C1.search(line):
        return True
    leads = lead_characters()
    return any(found in leads for found in _BEFORE_SPACE.findall(line))


def check_mojibake(lines: list[str], path: Path) -> list[Problem]:
    """Text garbled by a wrong encoding (``â€”`` for ``—``); ftfy finds and repairs it."""
    problems = []
    suspects = [index for index, line in enumerate(lines) if may_be_mojibake(line)]
    if not suspects:
        return problems  # nothing garbled, and no need to import ftfy
    import ftfy  # imported when needed: a twentieth of a second at start-up
    import ftfy.badness

    for index in suspects:
        line = lines[index]
        if not ftfy.badness.is_bad(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed == line:
            continue
        at = next((i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b), 0)
        problems.append(
            Problem(
                WARNING,
                W_MOJIBAKE,
                path,
                index + 1,
                f"text garbled by a wrong encoding: {excerpt(line, at)!r}",
                f"it was probably meant to read {excerpt(fixed, at)!r}; retype or replace it",
            )
        )
    return problems


def slide_ranges(deck: Deck, lines: list[str]) -> Iterator[tuple[int, int]]:
    """``(first index, end index)`` of the file lines of each slide."""
    slides = deck.split.slides
    for slide, following in zip(slides, [*slides[1:], None], strict=True):
        # The separator line sits just before the next slide's first line.
        end = following.line - 2 if following is not None else len(lines)
        yield slide.line - 1, end


def check_empty_bullets(deck: Deck, lines: list[str]) -> list[Problem]:
    """A bullet with nothing after it shows as an empty item.

    Asks the renderer's own list preprocessor, so what is reported is exactly
    what is drawn.
    """
    problems = []
    bare = [index for index, line in enumerate(lines) if BARE_MARKER.match(line)]
    if not bare:
        return problems  # no line is a marker alone: nothing can render empty
    candidates = iter(bare)
    candidate = next(candidates)
    for first, end in slide_ranges(deck, lines):
        while candidate is not None and candidate < first:
            candidate = next(candidates, None)
        if candidate is None:
            break
        if candidate >= end:
            continue  # only slides with a lone marker are worth re-indenting
        source = lines[first:end]
        for offset, (before, after) in enumerate(
            zip(source, normalize_lists(source, join_comments=False), strict=True)
        ):
            if after.endswith(EMPTY_ITEM_TEXT) and not before.rstrip().endswith(EMPTY_ITEM_TEXT):
                problems.append(
                    Problem(
                        WARNING,
                        W_EMPTY_BULLET,
                        deck.path,
                        first + offset + 1,
                        "empty bullet: it shows as a bullet point with no text",
                        "write the point after the bullet, or delete the line",
                    )
                )
    return problems


@lru_cache(maxsize=1)
def _language_names() -> tuple[str, ...]:
    return tuple(sorted({alias for _, aliases, _, _ in get_all_lexers() for alias in aliases}))


def check_languages(openings: list[Fence], path: Path) -> list[Problem]:
    """A fence language Pygments does not know is shown without colours
    (```math and ```mermaid are drawn, not coloured: never reported)."""
    problems = []
    for fence in openings:
        language = fence.language
        if is_known_language(language) or language in RENDERED_LANGUAGES:
            continue
        close = difflib.get_close_matches(language.lower(), _language_names(), n=3)
        hint = (
            "did you mean " + " or ".join(repr(name) for name in close) + "?"
            if close
            else "see the short names at pygments.org/languages"
        )
        problems.append(
            Problem(
                WARNING,
                W_UNKNOWN_LANGUAGE,
                path,
                fence.index + 1,
                f"code language {language!r} is unknown to Pygments: the code is shown uncoloured",
                hint,
            )
        )
    return problems


def check_line_specs(
    openings: list[Fence], code_lines: dict[int, int], path: Path
) -> list[Problem]:
    """A fence's ``{2,4-5}``, ``[1-2|3]`` or ``[10: 2]`` naming lines the block
    does not have, or that cannot be read as a line spec.

    Only the ranges are read (never expanded), so a spec of ``1-999999999``
    costs what ``1-2`` does; the renderer highlights the lines that exist.
    """
    problems = []
    for fence in openings:
        match, spec, error = read_spec(fence.options)
        if match is None:
            continue
        if spec is None:
            problems.append(
                Problem(
                    WARNING,
                    W_LINES_PAST_END,
                    path,
                    fence.index + 1,
                    f"{match.group(0)} cannot be read as a line spec: {error}; "
                    "no line is highlighted",
                    "steps are separated by |, lines by commas, ranges written 5-7; "
                    "[10: 1-2|3] numbers the lines from 10",
                )
            )
            continue
        count = code_lines.get(fence.index, 0)
        last = spec.last_line()
        if last > count:
            problems.append(
                Problem(
                    WARNING,
                    W_LINES_PAST_END,
                    path,
                    fence.index + 1,
                    f"{match.group(0)} names line {_short(last)}, but the block has "
                    f"{count} line{'s' if count != 1 else ''}: those lines are not highlighted",
                    "count the lines from the first line of code, which is line 1 "
                    "(whatever number [10: ...] shows on it)",
                )
            )
    return problems


def _short(number: int) -> str:
    text = str(number)
    return text if len(text) <= 12 else f"{text[:6]}...({len(text)} digits)"


def check_literal_tags(text: NumberedLines, path: Path) -> list[Problem]:
    """``<subcommand>`` is no HTML element: it is shown literally, as typed."""
    problems = []
    for index, line in text:
        if "<" not in line:
            continue
        visible = without_code_spans(line)
        visible = LINK_DESTINATION.sub(_blank, visible)
        visible = AUTOLINK_RE_COMPILED.sub(_blank, visible)
        visible = AUTOMAIL_RE_COMPILED.sub(_blank, visible)
        for match in HTML_RE_COMPILED.finditer(visible):
            tag = match.group(1)
            if is_html_element(tag):
                continue
            problems.append(
                Problem(
                    WARNING,
                    W_LITERAL_TAG,
                    path,
                    index + 1,
                    f"{excerpt(tag)} looks like a tag but is no HTML element: "
                    "it is shown literally, as typed",
                    "that is right for text like 'help <subcommand>'; put it in `backticks` "
                    "to show it as code, or correct the tag name if you meant HTML",
                )
            )
    return problems


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))
