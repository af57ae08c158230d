"""Formulas and diagrams the browser could not draw, told with file and line.

Pure Python. KaTeX and Mermaid run in the page (static/deck/math.js and
diagrams.js); each lists what it could not parse as ``{line, slide, kind,
source, message}``, ``line`` being the first line of the slide. This finds
the file line the source was typed on, so ``manage.py check_layout`` can say

    lesson.md:14: slide 3: formula '\\frac{a}{' cannot be drawn: KaTeX parse error: ...

Mermaid's "Parse error on line N" counts from the diagram's first line: the
line reported is that line of the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MERMAID_LINE = re.compile(r"\bon line (\d+)\b")
EXCERPT = 60


@dataclass(frozen=True)
class DrawingProblem:
    kind: str  # "formula" or "diagram"
    slide: str
    slide_line: int | None
    source: str
    message: str

    @classmethod
    def from_page(cls, item: Mapping[str, Any]) -> DrawingProblem:
        return cls(
            kind=str(item.get("kind") or "formula"),
            slide=str(item.get("slide") or ""),
            slide_line=item.get("line") if isinstance(item.get("line"), int) else None,
            source=str(item.get("source") or ""),
            message=str(item.get("message") or "cannot be drawn"),
        )


def source_line(lines: list[str], start: int | None, source: str) -> int | None:
    """The 1-based line of ``lines``, from ``start`` on, where ``source``'s
    first non-blank line was typed; ``start`` when it cannot be found.
    Linear in the lines searched."""
    first = next((line.strip() for line in source.splitlines() if line.strip()), "")
    begin = max((start or 1) - 1, 0)
    if first:
        for index in range(begin, len(lines)):
            if first in lines[index]:
                return index + 1
    return start


def file_line(problem: DrawingProblem, lines: list[str]) -> int | None:
    line = source_line(lines, problem.slide_line, problem.source)
    if line is not None and problem.kind == "diagram":
        match = MERMAID_LINE.search(problem.message)
        if match:
            # The diagram's source starts on the line found; Mermaid counts from 1.
            line += int(match[1]) - 1
    return line


def format_problem(problem: DrawingProblem, file: str, lines: list[str]) -> str:
    line = file_line(problem, lines)
    where = f"{file}:{line}" if line else file
    source = " ".join(problem.source.split())
    if len(source) > EXCERPT:
        source = source[: EXCERPT - 3] + "..."
    message = " ".join(problem.message.split())
    return f"{where}: slide {problem.slide}: {problem.kind} '{source}' cannot be drawn: {message}"
