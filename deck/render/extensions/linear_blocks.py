"""Block tests and headings linear in the block: tables, ``#`` and setext headings.

Python-Markdown hands a block of lines to each block processor in turn; a
heading or a list item takes its first line and puts the rest back, and the
next line is offered to every processor again. The table test splits and
strips every line of the block each time, so a block of 10,000 heading lines
took 10,000 × 10,000 strips (3 s for 40 KB, four times that for twice as
much). Whether a block is a table depends on its first two lines (and, for a
one-column table with borders, on whether every line has a pipe), so only
those are looked at. The ``#`` heading test searches the whole block for a
heading on any line (a block of 10,000 setext headings: 10,000 searches of
what is left); a block with none has none in the lines that follow either,
which is remembered. Registered after the ``tables`` extension it amends.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import (
    CodeBlockProcessor,
    EmptyBlockProcessor,
    HashHeaderProcessor,
    ListIndentProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from pymdownx.arithmatex import BlockArithmatexProcessor

from deck.render.extensions.deadline import DeadlineBlockProcessor


class LinearTableProcessor(TableProcessor):
    def test(self, parent, block: str) -> bool:
        lines = block.split("\n", 2)
        if not super().test(parent, "\n".join(lines[:2])):
            return False  # the full test fails too: the same two lines decide
        if len(lines) < 3 or not self.border or len(self._split_row(lines[0].strip(" "))) != 1:
            return True
        # A one-column table: upstream asks every row for a pipe.
        for row in lines[2].split("\n"):
            row = row.strip(" ")
            if not row.startswith("|") and self.RE_END_BORDER.search(row) is None:
                return False
        return True


# --- runs of headings ---------------------------------------------------------
#
# A heading takes its line and puts the rest of the block back, where every
# processor is offered it again: a copy of the rest per heading (a split and
# a join for a setext heading), so a block of 10,000 heading lines copied
# 10,000 rests, and 1 MB of them ran into the render budget. The processors
# below do in place what the parser would do with that rest for as long as
# that is certain: no processor that runs before them takes it (each of those
# decides on the rest's first lines, which are what it is shown here) and it
# is theirs again. Otherwise the rest goes back, as upstream. The HTML is the
# same (tests/test_linear_render.py compares it with upstream's on random
# blocks).

# Processors whose test depends only on a block's first two lines.
BY_FIRST_LINES = (EmptyBlockProcessor, ListIndentProcessor, TableProcessor, DeadlineBlockProcessor)


def _first_lines(block: str, pos: int) -> str:
    end = block.find("\n", pos)
    end = block.find("\n", end + 1) if end != -1 else -1
    return block[pos:] if end == -1 else block[pos:end]


def _rest_is_ours(processor, parent, block: str, pos: int, *, hash_free: bool) -> bool:
    """Whether the parser, given the rest of ``block`` from ``pos``, would
    hand it to ``processor`` again before any other (when it cannot be told
    from the rest's first lines: no, and the rest goes back)."""
    head = _first_lines(block, pos)
    for earlier in processor.parser.blockprocessors:
        if earlier is processor:
            return True
        if isinstance(earlier, CodeBlockProcessor):
            # pymdownx's code processor says yes to every block, then decides in run().
            if CodeBlockProcessor.test(earlier, parent, head):
                return False
        elif isinstance(earlier, HashHeaderProcessor):
            if not hash_free:
                return False
        elif isinstance(earlier, BlockArithmatexProcessor):
            if head.startswith(("$$", "\\[", "\\begin")):
                return False  # its pattern must match the whole rest
        elif not isinstance(earlier, BY_FIRST_LINES) or earlier.test(parent, head):
            return False
    return False


class LinearHashHeaderProcessor(HashHeaderProcessor):
    def __init__(self, parser) -> None:
        super().__init__(parser)
        self.headless = ""  # the last block found to hold no heading

    def test(self, parent, block: str) -> bool:
        # The rest of a block is put back from the start of a line, so a
        # line-start tail of a block without a heading has none either.
        tail = len(self.headless) - len(block)
        at_line_start = tail == 0 or (tail > 0 and self.headless[tail - 1] == "\n")
        if at_line_start and self.headless.endswith(block):
            return False
        if super().test(parent, block):
            return True
        self.headless = block
        return False

    # The heading pattern at the very start of a rest (upstream's ``^``).
    AT_START = re.compile(HashHeaderProcessor.RE.pattern.replace("(?:^|\\n)", "", 1))

    def run(self, parent, blocks) -> None:
        if self.parser.state.isstate("looselist"):
            return super().run(parent, blocks)  # its rest is detabbed: upstream's way
        block = blocks.pop(0)
        pos = 0
        while True:
            match = self.AT_START.match(block, pos) if pos else None
            match = match or self.RE.search(block, pos)
            if match is None:  # the rest holds no heading: the parser's again
                blocks.insert(0, block[pos:])
                return None
            if match.start() > pos:
                self.parser.parseBlocks(parent, [block[pos : match.start()]])
            heading = etree.SubElement(parent, f"h{len(match.group('level'))}")
            heading.text = match.group("header").strip()
            pos = match.end()
            if pos >= len(block):
                return None
            if not _rest_is_ours(self, parent, block, pos, hash_free=False):
                blocks.insert(0, block[pos:])
                return None


class LinearSetextHeaderProcessor(SetextHeaderProcessor):
    def run(self, parent, blocks) -> None:
        block = blocks.pop(0)
        # No rest of this block holds a # heading (one would start a line).
        hash_free = "\n#" not in block
        pos = 0
        while True:
            first = block.find("\n", pos)
            second = block.find("\n", first + 1)
            underline = block[first + 1 : second if second != -1 else len(block)]
            heading = etree.SubElement(parent, "h1" if underline.startswith("=") else "h2")
            heading.text = block[pos:first].strip()
            if second == -1:
                return
            pos = second + 1
            if not (
                self.RE.match(block, pos)
                and _rest_is_ours(self, parent, block, pos, hash_free=hash_free)
            ):
                blocks.insert(0, block[pos:])
                return


class LinearBlocksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(LinearHashHeaderProcessor(md.parser), "hashheader", 70)
        md.parser.blockprocessors.register(
            LinearSetextHeaderProcessor(md.parser), "setextheader", 60
        )
        old = md.parser.blockprocessors["table"]
        processor = LinearTableProcessor(md.parser, old.config)
        md.parser.blockprocessors.register(processor, "table", 75)
