"""What opens a fenced code block and what closes it: the one rule.

Pure Python. The splitter (so a ``---`` in code is no separator), the deck
checks (so code is not read as text), and the Markdown preprocessors for
fence options and lists all follow fenced code with :func:`scan`, so they
never disagree on which lines are code.

The rule, as CommonMark has it for a fence: three or more backticks or
tildes open one, and a line of only the same character, at least as many,
closes it (whitespace around it allowed). A backtick fence's info string
holds no backtick (```` ```x`y ```` is text, as in reveal.js's Markdown).
Two choices differ from CommonMark, on purpose: any indentation opens a fence
(spaces or tabs), because a line scanner cannot tell a fence in a list item,
indented to the item's text, from one at the top level, and
pymdownx.superfences draws fences at any depth; and a fence closes at any
indentation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
# The language at the start of an info string: ``python``, ``.js``, ``c++``.
LANGUAGE = re.compile(r"[ \t]*\.?(?P<language>[\w#.+-]*)")


@dataclass(frozen=True)
class Fence:
    """The line that opened a fenced code block."""

    index: int  # of the opening line, in the lines scanned
    marker: str  # the backticks or tildes, as typed: ``` or ~~~~
    info: str  # the rest of the line: language and options

    @property
    def language(self) -> str:
        """``python`` for ```` ```python {2,4} ````; '' when none is named."""
        return LANGUAGE.match(self.info)["language"]

    @property
    def options(self) -> str:
        """What follows the language: `` {2,4}`` for ```` ```python {2,4} ````."""
        return self.info[LANGUAGE.match(self.info).end() :]

    def closed_by(self, line: str) -> bool:
        """A line of only the marker's character, at least as many."""
        stripped = line.strip()
        return len(stripped) >= len(self.marker) and not stripped.strip(self.marker[0])


def opening(line: str, index: int = 0) -> Fence | None:
    """The fence ``line`` opens, if it is an opening line."""
    match = OPENING.match(line)
    if match is None:
        return None
    marker, info = match["marker"], match["info"]
    if marker[0] == "`" and "`" in info:
        return None
    return Fence(index, marker, info)


def scan(lines: list[str], start: int = 0) -> Iterator[tuple[int, str, Fence | None]]:
    """``(index, line, fence)`` for each line from ``start``: ``fence`` is the
    block the line belongs to (its opening line, its code or its closing
    line; ``fence.index == index`` on the opening line), None for text."""
    step = FenceTracker().step
    for index in range(start, len(lines)):
        line = lines[index]
        yield index, line, step(index, line)


def code_line_counts(scanned: Iterable[tuple[int, str, Fence | None]]) -> dict[int, int]:
    """Each block's lines of code (its opening and closing lines not counted),
    by the index of its opening line, from what :func:`scan` yielded."""
    counts: dict[int, int] = {}
    for index, line, fence in scanned:
        if fence is not None and fence.index != index and not fence.closed_by(line):
            counts[fence.index] = counts.get(fence.index, 0) + 1
    return counts


class FenceTracker:
    """:func:`scan` one line at a time, for a loop that keeps state of its own;
    ``open`` is the fence still open after the last line stepped over."""

    __slots__ = ("open",)

    def __init__(self) -> None:
        self.open: Fence | None = None

    def step(self, index: int, line: str) -> Fence | None:
        """The fence ``line`` belongs to, as :func:`scan` tells it."""
        fence = self.open
        if fence is None:
            # Most lines hold neither character: no need to match them (the
            # splitter and the preprocessors step over every line of a deck).
            if "`" in line or "~" in line:
                self.open = fence = opening(line, index)
        elif fence.closed_by(line):
            self.open = None
        return fence
