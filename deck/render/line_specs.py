"""A code block's line spec, as reveal.js writes it: ``[123: 1-2|3|5-7]``.

Pure Python. The fences, the ``{% highlight %}`` tag and the checks read
specs here, so they never disagree. The grammar is reveal.js's (its Markdown
plugin's ``[offset: steps]`` and its highlight plugin's steps), whitespace
anywhere ignored as there:

- ``spec  := [offset ":"] step ("|" step)*`` -- ``[456:]`` numbers from 456;
- ``step  := "" | "*" | range ("," range)*`` -- ``""`` highlights nothing
  (no line dimmed), ``*`` every line;
- ``range := N | N "-" M``, lines counted from the block's first line (1),
  whatever number it shows: ``[123: 1,3-4]`` highlights 123, 125 and 126.

Each step after the first is a fragment of the slide. Ranges are kept as
written, never expanded (``1-999999999`` costs what ``1-2`` does); only
:func:`lines_in` lists lines, and only the block's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A step that highlights every line: reveal.js's "*", kept apart from the
# ranges so that a block of any length is covered.
ALL = "*"

RANGE = re.compile(r"(\d+)(?:-(\d+))?\Z")
OFFSET = re.compile(r"(\d*):")
WHITESPACE = re.compile(r"\s+")

Step = tuple[tuple[int, int], ...] | str  # ranges, or ALL


@dataclass(frozen=True)
class LineSpec:
    """What a fence's brackets say: the highlight steps and the first line number."""

    steps: tuple[Step, ...] = ()
    start: int | None = None  # the number shown on the first line, if given

    @property
    def stepped(self) -> bool:
        """More than one step: the block walks through them as fragments."""
        return len(self.steps) > 1

    @property
    def highlights(self) -> bool:
        return any(step for step in self.steps)

    def last_line(self) -> int:
        """The highest line any step names (0 for none)."""
        return max(
            (stop for step in self.steps if step != ALL for _, stop in step),
            default=0,
        )

    def clipped(self, line_count: int) -> LineSpec:
        """The same spec with only the lines a block of ``line_count`` lines has;
        every step stays, so the presenter's steps are the ones the author wrote."""
        steps = tuple(
            step
            if step == ALL
            else tuple(
                (start, min(stop, line_count)) for start, stop in step if start <= line_count
            )
            for step in self.steps
        )
        return LineSpec(steps, self.start)

    def serialize(self) -> str:
        """``1-2|3|5-7``: the steps, in the form :func:`parse` reads back."""
        return "|".join(_serialize_step(step) for step in self.steps)


def _serialize_step(step: Step) -> str:
    if step == ALL:
        return ALL
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in step)


def parse(text: str) -> LineSpec:
    """The inside of a fence's brackets: ``"123: 1-2|3"``. A spec that does not
    follow the grammar is a :class:`ValueError` that says what is wrong."""
    compact = WHITESPACE.sub("", text)
    start = None
    offset = OFFSET.match(compact)
    if offset:
        # int() refuses numbers of thousands of digits (a ValueError): fine.
        start = int(offset[1]) if offset[1] else None
        compact = compact[offset.end() :]
    steps = tuple(_parse_step(part, text) for part in compact.split("|"))
    return LineSpec(steps, start)


def _parse_step(part: str, text: str) -> Step:
    if part == "" or part == ALL:
        return part if part else ()
    ranges = []
    for item in part.split(","):
        match = RANGE.match(item)
        if match is None:
            raise ValueError(
                f"{item!r} in {text.strip()!r} is not a line or a range of lines "
                "(write it like 1-2|3|5-7, or 10: 1,3-4)"
            )
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        ranges.append((first, max(first, last)))
    return tuple(ranges)


def parse_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """``"2,4-5"`` -> ``((2, 2), (4, 5))``: one step of ranges, nothing else."""
    spec = parse(text)
    if spec.start is not None or len(spec.steps) != 1 or spec.steps[0] == ALL:
        raise ValueError(f"not a line list: {text!r} (write it like 2,4-5)")
    return spec.steps[0]


def lines_in(step: Step, line_count: int) -> list[bool]:
    """Whether each line of a block of ``line_count`` lines is in ``step``
    (index 0 is line 1): in time linear in the ranges plus the lines,
    however the ranges overlap."""
    if step == ALL:
        return [True] * line_count
    marks = [0] * (line_count + 2)
    for start, stop in step:
        if start > line_count or stop < 1:
            continue
        marks[max(start, 1)] += 1
        marks[min(stop, line_count) + 1] -= 1
    inside, running = [], 0
    for line in range(1, line_count + 1):
        running += marks[line]
        inside.append(running > 0)
    return inside
