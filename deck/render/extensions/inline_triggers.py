"""Inline patterns tried only on text that holds a character they start with.

Python-Markdown tries every inline pattern (about twenty with the extensions
here) on every piece of text of a slide, one Python call each, even when
the text holds no backtick, bracket, asterisk or ampersand at all: a third of
the time it takes to render a slide. Every match of a pattern begins with
one of a set of characters that can be read from its regular expression
(``\\[`` for links, ``&`` for entities, ``*`` or ``_`` for emphasis), so a
text holding none of them cannot match and the pattern is skipped. Patterns
whose first characters cannot be told (a character class such as ``\\w``, a
group that may match nothing) are always tried: the HTML is the same as
Python-Markdown's own, only sooner (``tests/test_inline_triggers.py``
compares them on generated text).

This replaces Python-Markdown's ``inline`` tree processor by a subclass that
overrides its private ``__handleInline`` loop (name-mangled, so defined here
as ``_InlineProcessor__handleInline``); everything else is inherited.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

try:  # The regular expression parser behind re, in Python 3.11 and later.
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - a Python that moved it: try every pattern
    sre = sre_parse = None

# The loop replaced, and the method it calls, as Python-Markdown 3.x names them.
PRIVATE_NAMES = ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")

# A character class larger than this is not worth looking for.
MAX_CHARACTERS = 64


class _Unknown(Exception):
    """The pattern's first characters cannot be told."""


@lru_cache(maxsize=256)
def trigger(regex: re.Pattern) -> re.Pattern | None:
    """A search for any of ``regex``'s first characters; None: always try it."""
    found = first_characters(regex)
    if found is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(found)) + "]")


@lru_cache(maxsize=256)
def first_characters(regex: re.Pattern) -> frozenset[str] | None:
    """The characters every match of ``regex`` starts with; None if unknown."""
    if sre_parse is None or not isinstance(regex.pattern, str):
        return None
    try:
        parsed = sre_parse.parse(regex.pattern, regex.flags)
        found = _sequence(list(parsed), bool(regex.flags & re.IGNORECASE))
    except (_Unknown, re.error, RecursionError, TypeError, ValueError):
        return None
    if not found or len(found) > MAX_CHARACTERS:
        return None
    return frozenset(found)


def _sequence(items: list[tuple[Any, Any]], ignore_case: bool) -> set[str]:
    """First characters of a sequence: those of its first item that consumes
    text. Zero-width items (look-arounds, anchors) consume nothing."""
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        return _item(op, av, ignore_case)
    raise _Unknown  # only zero-width items: may match the empty string


def _item(op: Any, av: Any, ignore_case: bool) -> set[str]:
    if op is sre.LITERAL:
        return _cased({chr(av)}, ignore_case)
    if op is sre.IN:
        return _cased(_charset(av), ignore_case)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (del_flags & re.IGNORECASE)
        return _sequence(list(pattern), case)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av), ignore_case)
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            found |= _sequence(list(branch), ignore_case)
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, pattern = av
        if low < 1:
            raise _Unknown  # may be skipped: what follows could start the match
        return _sequence(list(pattern), ignore_case)
    raise _Unknown  # ANY, NOT_LITERAL, group references, ...


def _charset(items: list[tuple[Any, Any]]) -> set[str]:
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < MAX_CHARACTERS:
            found.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            raise _Unknown  # NEGATE, CATEGORY (\w, \s), big ranges
    return found


def _cased(characters: set[str], ignore_case: bool) -> set[str]:
    if not ignore_case:
        return characters
    return {variant for c in characters for variant in (c, c.lower(), c.upper())}


class TriggeredInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, skipping patterns that cannot match."""

    def run(self, tree, ancestors=None):
        registry = self.inlinePatterns
        self._patterns = [registry[index] for index in range(len(registry))]
        self._triggers = [trigger(p.getCompiledRegExp()) for p in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        patterns, triggers = self._patterns, self._triggers
        index, start = patternIndex, 0
        while index < len(patterns):
            found = triggers[index]
            if found is not None and found.search(data) is None:
                # What the pattern would do: no match, and the next starts at 0.
                index += 1
                start = 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(
                patterns[index], data, index, start
            )
            if not matched:
                index += 1
        return data


def supported() -> bool:
    """Whether this Python-Markdown has the loop this replaces."""
    return all(hasattr(InlineProcessor, name) for name in PRIVATE_NAMES)


class InlineTriggersExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802
        if supported():  # else Python-Markdown's own, as it is
            # Same name and priority as the processor it replaces.
            md.treeprocessors.register(TriggeredInlineProcessor(md), "inline", 20)
