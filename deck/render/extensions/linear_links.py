"""Links and images found in time linear in the paragraph, whatever it holds.

Python-Markdown tries a link at every ``[`` (six patterns: link, image,
reference, image reference and their short forms), and each try counts
brackets to the end of the paragraph when the ``[`` never closes
(``LinkInlineProcessor.getText``); a link's ``(`` is counted the same way
(``getLink``). A line of 8,000 ``[`` is 48,000 scans of the whole line: 17 s
for 10 KB. Here one pass over the text finds where every bracket and
parenthesis closes, with exactly the count Python-Markdown uses, so every
try is a look-up and the HTML is the same as before, byte for byte.

The pass is remembered by position from the end of the text: a matched link
replaces the text before it with a placeholder but keeps the rest, and a
close found from a position depends only on the text after it, so what was
found there still holds in the new text.

A link whose ``(...)`` holds a quote (a title) is left to Python-Markdown's
own scan, which is charged to a budget linear in the slide; once it is spent,
such a link is shown as typed instead (words kept, time bounded).
"""

from __future__ import annotations

import re
from functools import cache

from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.preprocessors import Preprocessor

UNCLOSED = 1  # end-relative positions are <= 0, so this marks "never closes"
# Python-Markdown's scans a slide may spend on links with titles: this many
# characters per character of the slide, plus a floor for small slides.
SCAN_BUDGET_PER_CHAR = 8
SCAN_BUDGET_FLOOR = 100_000
KEPT_TEXTS = 4  # nesting levels of link text remembered beside the paragraph
QUOTES = re.compile(r"[\"']")

# The patterns that call getText/getLink, with the priorities
# markdown.inlinepatterns.build_inlinepatterns gives them.
LINK_PATTERNS = {
    "reference": 170,
    "link": 160,
    "image_link": 150,
    "image_reference": 140,
    "short_reference": 130,
    "short_image_ref": 125,
}


class Closings:
    """Where a scan that starts after an opener, counting 1, reaches 0.

    ``find(text, start)`` returns the index of the closer or -1, as the
    counting loop of ``getText`` would, but every opener the scan passes is
    remembered too, so each character is scanned once per text.
    """

    def __init__(self, opener: str, closer: str) -> None:
        self.opener = opener
        self.marks = re.compile(f"[{re.escape(opener)}{re.escape(closer)}]")
        self.text = ""
        self.closes: dict[int, int] = {}  # end-relative start -> end-relative closer
        self.valid_from = 0  # end-relative: entries below it belong to an older text
        self.low: dict[int, int] = {}  # entries below valid_from found in this text
        # The texts looked at before: a link's own text is processed in the
        # middle of its paragraph's, which must not lose what was found.
        self.earlier: list[tuple[str, dict[int, int], int]] = []

    def find(self, text: str, start: int) -> int:
        length = len(text)
        if text is not self.text:
            self._adopt(text, start)
        key = start - length
        hit = self._entries(key).get(key)
        if hit is None:
            hit = self._scan(text, start)
        return -1 if hit == UNCLOSED else hit + length

    def _adopt(self, text: str, start: int) -> None:
        # What was found from a position holds wherever the text after it is
        # the same (one C comparison, as cheap as Markdown's own rebuild).
        states = [(self.text, self.closes, self.valid_from), *self.earlier]
        tail = text[start:]
        for number, (older, closes, valid_from) in enumerate(states):
            if closes and older.endswith(tail):
                del states[number]
                self.closes, self.valid_from = closes, max(valid_from, start - len(text))
                break
        else:
            self.closes, self.valid_from = {}, start - len(text)
        self.text = text
        self.earlier = states[:KEPT_TEXTS]
        self.low = {}

    def _entries(self, key: int) -> dict[int, int]:
        return self.closes if key >= self.valid_from else self.low

    def _scan(self, text: str, start: int) -> int:
        length = len(text)
        stack = [start]
        position = start
        while (mark := self.marks.search(text, position)) is not None:
            position = mark.start()
            if text[position] == self.opener:
                key = position + 1 - length
                known = self._entries(key).get(key)
                if known == UNCLOSED:
                    break  # it never closes, so neither does anything around it
                if known is None:
                    stack.append(position + 1)
                    position += 1
                else:
                    # Found before: jump past its closer (tries go from the
                    # inside out too, as with "[[[...](", from the last "[" back).
                    position = known + length + 1
                continue
            key = stack.pop() - length
            self._entries(key)[key] = position - length
            if not stack:
                return position - length
            position += 1
        for opened in stack:
            key = opened - length
            self._entries(key)[key] = UNCLOSED
        return UNCLOSED


class LastQuote:
    """The last quote character of a text, looked for once per text."""

    def __init__(self) -> None:
        self.text = ""
        self.position = -1

    def find(self, text: str) -> int:
        if text is not self.text:
            self.text = text
            self.position = max(text.rfind('"'), text.rfind("'"))
        return self.position


class ScanBudget:
    """Characters Python-Markdown may still scan for titled links in this slide."""

    def __init__(self) -> None:
        self.left = SCAN_BUDGET_FLOOR

    def reset(self, size: int) -> None:
        self.left = SCAN_BUDGET_PER_CHAR * size + SCAN_BUDGET_FLOOR


class LinearLinks:
    """``getText`` and ``getLink`` of a ``LinkInlineProcessor``, made linear.

    Mixed in before the processor's own class, so ``handleMatch`` (links,
    images, references) stays Python-Markdown's.
    """

    brackets: Closings
    parentheses: Closings
    last_quote: LastQuote
    budget: ScanBudget

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        close = self.brackets.find(data, index)
        if close < 0:
            # Not a link: the caller gives up, the text is shown as typed.
            return "", len(data), False
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        m = self.RE_LINK.match(data, pos=index)
        if not m or m.group(1):
            # No "(", or "(<url> 'title')": a regex that stops at the next
            # "<" or ">", already linear.
            return super().getLink(data, index)
        start = m.end()
        close = self.parentheses.find(data, start)
        if close < 0:
            # Never closed: a quote anywhere after it is the last quote of the text.
            quoted = self.last_quote.find(data) >= start
        else:
            # Closed: only a link that succeeds scans here, and its text is then
            # replaced, so no character is searched twice.
            quoted = QUOTES.search(data, start, close) is not None
        if not quoted:
            # No title: Python-Markdown's count ends where ours does.
            if close < 0:
                return "", None, index, False
            return self.unescape(data[start:close]).strip(), None, close + 1, True
        # A title: only Python-Markdown's scan knows where it ends.
        cost = len(data) - start
        if self.budget.left >= cost:
            self.budget.left -= cost
            return super().getLink(data, index)
        return "", None, index, False


@cache
def linear_class(processor: type) -> type:
    return type(f"Linear{processor.__name__}", (LinearLinks, processor), {})


class BudgetPreprocessor(Preprocessor):
    """Sizes the scan budget by the slide (runs first, sees every line)."""

    def __init__(self, md, budget: ScanBudget) -> None:
        super().__init__(md)
        self.budget = budget

    def run(self, lines: list[str]) -> list[str]:
        self.budget.reset(sum(len(line) + 1 for line in lines))
        return lines


class LinearLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        brackets, parentheses = Closings("[", "]"), Closings("(", ")")
        last_quote, budget = LastQuote(), ScanBudget()
        for name, priority in LINK_PATTERNS.items():
            old = md.inlinePatterns[name]
            if not isinstance(old, LinkInlineProcessor):
                continue  # replaced by another extension: not ours to change
            new = linear_class(type(old))(old.pattern, md)
            new.brackets, new.parentheses = brackets, parentheses
            new.last_quote, new.budget = last_quote, budget
            md.inlinePatterns.register(new, name, priority)
        md.preprocessors.register(BudgetPreprocessor(md, budget), "deck_link_budget", 1000)
