"""Separator patterns the author wrote, matched with a time bound.

Pure Python. ``separator``, ``verticalSeparator`` and ``notesSeparator``
(``reveal-md.json`` or front matter) are regular expressions matched against
every line of a deck. Python's ``re`` backtracks without end on a pattern
like ``^(a+)+$`` and a line of 40 ``a`` and a ``b`` (2^40 tries): render,
lint, ``manage.py check`` and runserver's start-up checks would hang. The
``regex`` package takes the same syntax, sees through such nested repeats
(that one fails at once) and, for what it cannot (``^(a|aa)+$``), takes a
``timeout`` in CPU time, so a loaded machine does not trip it; each line gets
:data:`MATCH_SECONDS` and a whole deck :data:`DECK_SECONDS` (so 10,000 lines
just under the bound cannot add up either). A pattern that runs out is
:class:`TooSlow`, which the reader turns into ``deck.E008`` naming the file
the pattern came from. The built-in separators stay on ``re``: they are ours
and cannot backtrack.
"""

from __future__ import annotations

import re
import time

import regex

# Seconds: a sane separator takes microseconds on a line; these bound a
# pathological one while staying far above what load on a busy machine adds.
MATCH_SECONDS = 0.2
DECK_SECONDS = 1.0


class TooSlow(Exception):
    """``pattern`` ran past its time bound on a line."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


class Clock:
    """The CPU time left for one deck's user patterns (this thread's: a
    threaded server's other requests do not count)."""

    def __init__(self, seconds: float = DECK_SECONDS) -> None:
        self.deadline = time.thread_time() + seconds

    def left(self) -> float:
        return min(MATCH_SECONDS, self.deadline - time.thread_time())


class TimedPattern:
    """A user's pattern: ``match`` like ``re``'s, raising :class:`TooSlow`."""

    def __init__(self, pattern: str, flags: int, clock: Clock) -> None:
        self.pattern = pattern
        self.compiled = regex.compile(pattern, flags)
        self.clock = clock

    def match(self, line: str):
        left = self.clock.left()
        if left <= 0:
            raise TooSlow(self.pattern)
        try:
            return self.compiled.match(line, timeout=left)
        except TimeoutError:
            raise TooSlow(self.pattern) from None


def compile_line_pattern(pattern: str, builtin: frozenset[str], clock: Clock):
    """``re`` for one of ours (``builtin``), a :class:`TimedPattern` for the author's."""
    if pattern in builtin:
        return re.compile(pattern, re.IGNORECASE)
    return TimedPattern(pattern, regex.IGNORECASE, clock)
