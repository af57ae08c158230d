"""Python-Markdown asks :func:`deck.render.deadline.check` as it goes.

Two hooks that never match anything: a block processor tried first on every
block (Python-Markdown loops over blocks, putting back what a processor does
not take) and an inline pattern tried first on every text. Each costs one
function call; together they reach every loop that grows with the input.
"""

from __future__ import annotations

import re

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from deck.render.deadline import check

NEVER = re.compile(r"\A(?!)")  # fails at the first position, costs nothing


class DeadlineBlockProcessor(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        check()
        return False

    def run(self, parent, blocks) -> bool:  # pragma: no cover - test() is always False
        return False


class DeadlineInlineProcessor(InlineProcessor):
    def getCompiledRegExp(self) -> re.Pattern:
        check()
        return NEVER


class DeadlineExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(DeadlineBlockProcessor(md.parser), "deck_deadline", 1000)
        md.inlinePatterns.register(
            DeadlineInlineProcessor(NEVER.pattern, md), "deck_deadline", 1000
        )
