"""Lists as lesson authors type them.

Python-Markdown nests a list only under four spaces of indentation; authors
(and reveal-md's marked) indent sub-bullets by two. This preprocessor finds
each item's nesting the way CommonMark does (an item is nested when it is
indented at least to its parent's text) and re-indents the list to the four
spaces Python-Markdown expects, moving the item's continuation lines (and
fenced code inside the item) along with it.

A bullet with nothing after it (a lone ``*``) becomes an empty item instead
of being glued onto the line above as a stray asterisk.

An ``<!-- .element: ... -->`` comment on the line right under an item belongs
to that item, as in reveal.js's own Markdown; Python-Markdown would take the
comment for an HTML block and cut the list in two there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from deck.core import fences

MARKER = re.compile(r"^(?P<indent> *)(?P<marker>[*+-]|\d{1,9}\.)(?P<space>[ \t]+|$)(?P<rest>.*)$")
ELEMENT_COMMENT_LINE = re.compile(r"^\s*<!--\s*\.element:.*-->\s*$")
# Deeper items stay at this depth: Python-Markdown's time grows with the
# cube of the depth (400 levels took seconds, then overflowed the stack).
MAX_DEPTH = 16
EMPTY_ITEM_TEXT = "\u200b"  # zero-width space: the item exists, but shows nothing


@dataclass
class _Item:
    text_column: int  # where the item's text starts in the source
    new_text_column: int  # where it starts after re-indenting


def _shift(line: str, shift: int) -> str:
    indent = len(line) - len(line.lstrip(" "))
    return " " * max(0, indent + shift) + line[indent:]


def normalize_lists(
    lines: list[str], tab_length: int = 4, *, join_comments: bool = True
) -> list[str]:
    """The lines re-indented for Python-Markdown. With ``join_comments=False``
    there is exactly one output line per input line (the checks map them back
    to the file's lines)."""
    out: list[str] = []
    stack: list[_Item] = []
    fence_shift = 0
    blank_before = False
    for index, raw, fence in fences.scan(lines):
        line = raw.expandtabs(tab_length) if raw.startswith((" ", "\t")) else raw
        if fence is not None and fence.index != index:
            # Code, and the closing line, move with the line that opened them.
            out.append(_shift(line, fence_shift) if fence_shift else line)
            continue
        if not line.strip():
            out.append(line)
            blank_before = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        match = MARKER.match(line)
        is_item = match is not None and (bool(stack) or indent < tab_length)
        if is_item and match["rest"] == "" and not stack and match["marker"] == "-":
            is_item = False  # a lone '-' under a paragraph is a setext heading
        if is_item:
            while stack and indent < stack[-1].text_column:
                stack.pop()
            if len(stack) >= MAX_DEPTH:
                stack.pop()
            level = len(stack)
            marker, rest = match["marker"], match["rest"]
            width = len(match["space"].expandtabs(tab_length)) if rest else 1
            new_indent = level * tab_length
            stack.append(_Item(indent + len(marker) + width, (level + 1) * tab_length))
            out.append(" " * new_indent + marker + " " + (rest or EMPTY_ITEM_TEXT))
            shift = 0
        elif (
            join_comments
            and stack
            and not blank_before
            and ELEMENT_COMMENT_LINE.match(line)
            and fences.opening(out[-1]) is None  # nor a closing line: same shape
        ):
            out[-1] += " " + line.strip()
            shift = 0
        elif stack and (indent >= stack[0].text_column or not blank_before):
            owner = next((i for i in reversed(stack) if indent >= i.text_column), None)
            shift = owner.new_text_column - owner.text_column if owner else 0
            out.append(_shift(line, shift) if shift else line)
        else:
            stack.clear()
            shift = 0
            out.append(line)
        if fence is not None:  # this line opens it
            fence_shift = shift
        blank_before = False
    return out


class ListIndentPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return normalize_lists(lines, self.md.tab_length)


class ListIndentExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(ListIndentPreprocessor(md), "deck_lists", 28)
