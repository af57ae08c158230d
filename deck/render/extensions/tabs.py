"""Tabs in code reach the page as tabs.

Python-Markdown turns every tab into spaces before anything else reads the
text (``NormalizeWhitespacePreprocessor``: ``source.expandtabs(tab_length)``),
so a Makefile recipe copied from a slide no longer works. This extension
hides the tabs that are code, before that happens, behind a character no
lesson holds (:data:`TAB`), and puts them back as the last step: in fenced
code (the fence formatter puts them back before Pygments reads the code,
:func:`restore`), in indented code blocks, and in raw ``<pre>`` blocks.

A tab that is Markdown's own (the indentation that makes a code block, or a
fence's indentation inside a list item) stays Markdown's and is expanded as
before. Indented code inside a list item is left to Python-Markdown: telling
it from a list's continuation takes the block parser. A slide that already
holds :data:`TAB` is left as it is, so no character of it can become a tab.

Preprocessor ``deck_tabs`` (35) runs before ``normalize_whitespace`` (30);
postprocessor ``deck_tabs`` (1) after every other.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from deck.core import fences

TAB = "\x1f"  # unit separator: a control character, never in a lesson's text
TAB_WIDTH = 4  # Python-Markdown's tab_length: the width of a code block's indent
LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
PRE_OPEN = re.compile(r"<pre(?=[\s>])", re.IGNORECASE)
PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)


def restore(text: str, md=None) -> str:
    """``text`` with its hidden tabs back, if this conversion hid any."""
    if md is not None and not getattr(md, "deck_tabs_hidden", False):
        return text
    return text.replace(TAB, "\t")


def _columns(prefix: str) -> int:
    return len(prefix.expandtabs(TAB_WIDTH))


def _keep_tabs_after(line: str, columns: int) -> str:
    """``line`` with the tabs past its first ``columns`` of indentation hidden."""
    index, column = 0, 0
    while index < len(line) and column < columns and line[index] in " \t":
        column = (column // TAB_WIDTH + 1) * TAB_WIDTH if line[index] == "\t" else column + 1
        index += 1
    return line[:index] + line[index:].replace("\t", TAB)


def _keep_tabs_between(line: str, start: int, stop: int) -> str:
    return line[:start] + line[start:stop].replace("\t", TAB) + line[stop:]


class KeepTabsPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        hide = any("\t" in line for line in lines) and not any(TAB in line for line in lines)
        self.md.deck_tabs_hidden = hide  # read by restore(), for this conversion
        if not hide:
            return lines
        out = []
        in_pre = in_code = in_list = False
        after_blank = True
        for index, line, fence in fences.scan(lines):
            if fence is not None:
                if fence.index != index and not fence.closed_by(line):
                    opening = lines[fence.index]
                    indent = _columns(opening[: len(opening) - len(opening.lstrip())])
                    line = _keep_tabs_after(line, indent)
                out.append(line)
                after_blank = in_code = False
                continue
            if in_pre or PRE_OPEN.search(line):
                start = 0 if in_pre else PRE_OPEN.search(line).start()
                close = PRE_CLOSE.search(line, start)
                in_pre = close is None
                out.append(_keep_tabs_between(line, start, close.start() if close else len(line)))
                after_blank = in_code = False
                continue
            if not line.strip():
                out.append(line)
                after_blank = True
                continue
            indent = _columns(line[: len(line) - len(line.lstrip())])
            if indent >= TAB_WIDTH and (in_code or after_blank) and not in_list:
                in_code = True
                line = _keep_tabs_after(line, TAB_WIDTH)
            elif indent < TAB_WIDTH:
                # A top-level line starts a list, or ends one after a blank line.
                in_code = False
                in_list = bool(LIST_ITEM.match(line)) or (in_list and not after_blank)
            out.append(line)
            after_blank = False
        return out


class RestoreTabsPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return restore(text, self.md)


class KeepTabsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(KeepTabsPreprocessor(md), "deck_tabs", 35)
        md.postprocessors.register(RestoreTabsPostprocessor(md), "deck_tabs", 1)
