"""Every check of one deck file, in two steps a cache can sit between.

Pure Python, no Django: :func:`analyse_bytes` reads the deck's text (a
function of its bytes and options files, which :mod:`deck.checks.system`
keeps in the deck cache), and :func:`finish` adds what is looked up on disk
each time (pictures, stylesheets) and puts the problems in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deck.checks.links import StaticFinder, check_links, check_remote, local_links
from deck.checks.problems import Problem, in_order, problem_from_error
from deck.checks.stylesheets import Stylesheets, check_stylesheets, stylesheets
from deck.checks.text import (
    NumberedLines,
    check_empty_bullets,
    check_languages,
    check_line_specs,
    check_literal_tags,
    check_mojibake,
)
from deck.core import fences
from deck.core.errors import DeckError
from deck.core.reading import decode, parse, read_bytes
from deck.core.splitter import normalize_newlines, split_front_matter

# Bump when a check finds something else in the same text: findings kept in a
# persistent cache (deck.checks.system) under the old version are then never used.
LINT_VERSION = "6"


@dataclass(frozen=True)
class Findings:
    """What a deck's text shows, read without looking at the disk beyond
    the deck's options files: the text's own problems, and what the file
    checks (:func:`finish`) look for on disk. A function of the deck's bytes,
    its options files and the checks' code: ``deck.checks.system`` caches it."""

    problems: tuple[Problem, ...]
    links: tuple[tuple[int, str], ...] = ()  # (line index, URL) of local files named
    stylesheets: Stylesheets | None = None


Analyser = Callable[[bytes, Path, "Path | None"], Findings]


def lint_file(
    path: Path,
    max_bytes: int | None = None,
    find_static: StaticFinder | None = None,
    root: Path | None = None,
    analyse: Analyser | None = None,
) -> list[Problem]:
    """Every problem of one deck file. ``analyse`` may stand in for
    :func:`analyse_bytes` (``deck.checks.system`` keeps its findings in the cache)."""
    try:
        data = read_bytes(path, max_bytes)
    except DeckError as error:
        return [problem_from_error(error)]
    return finish((analyse or analyse_bytes)(data, path, root), path, find_static, root)


def lint_text(
    text: str, path: Path, find_static: StaticFinder | None = None, root: Path | None = None
) -> list[Problem]:
    """Every problem of a deck's text, as if it were the file at ``path``."""
    return finish(analyse_text(text, path, root), path, find_static, root)


def analyse_bytes(data: bytes, path: Path, root: Path | None = None) -> Findings:
    try:
        text = decode(data, path)
    except DeckError as error:
        return Findings((problem_from_error(error),))
    return analyse_text(text, path, root)


def analyse_text(text: str, path: Path, root: Path | None = None) -> Findings:
    text = normalize_newlines(text)
    lines = text.split("\n")
    problems = check_mojibake(lines, path)
    try:
        deck = parse(path.stem, path, text, root)
    except DeckError as error:
        # Nothing after the error is read as the renderer would read it.
        return Findings((problem_from_error(error), *problems))
    # One pass tells fenced code from text, by the splitter's rule; the line checks share it.
    text_lines: NumberedLines = []
    openings: list[fences.Fence] = []
    scanned = list(fences.scan(lines, split_front_matter(lines)[1]))
    for index, line, fence in scanned:
        if fence is None:
            text_lines.append((index, line))
        elif fence.index == index:
            openings.append(fence)
    code_lines = fences.code_line_counts(scanned)
    problems += check_empty_bullets(deck, lines)
    problems += check_languages(openings, path)
    problems += check_line_specs(openings, code_lines, path)
    problems += check_literal_tags(text_lines, path)
    problems += check_remote(text_lines, path)
    return Findings(tuple(problems), tuple(local_links(text_lines)), stylesheets(deck))


def finish(
    findings: Findings, path: Path, find_static: StaticFinder | None, root: Path | None
) -> list[Problem]:
    """The findings' problems, and those of the files they name: missing
    pictures and stylesheets, an unknown theme."""
    problems = [*findings.problems, *check_links(findings.links, path, find_static)]
    if findings.stylesheets is not None:
        problems += check_stylesheets(findings.stylesheets, root or path.parent)
    return in_order(problems)
