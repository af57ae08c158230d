"""Block tests linear in the block: tables and ``#`` headings.

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

from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor


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


class LinearBlocksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.parser.blockprocessors.register(LinearHashHeaderProcessor(md.parser), "hashheader", 70)
        old = md.parser.blockprocessors["table"]
        processor = LinearTableProcessor(md.parser, old.config)
        md.parser.blockprocessors.register(processor, "table", 75)
