"""What a deck check reports: a :class:`Problem`, its id, and their order.

Errors are decks that cannot be shown; warnings are decks that can be shown
but probably not as the author meant. The ids are stable, so
``SILENCED_SYSTEM_CHECKS = ["deck.W005"]`` keeps working: never renumber,
only add. Each id below names the module of ``deck.checks`` that finds it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from deck.core.errors import (
    BadFrontMatter,
    BadOptions,
    BinaryFile,
    DeckError,
    NotUTF8,
    SlowPattern,
    TooLarge,
    UnclosedFence,
    Unreadable,
)

ERROR = "error"
WARNING = "warning"

# Decks that cannot be shown (deck.core.reading refuses them; analysis.py reports it).
E_NOT_UTF8 = "E001"  # bytes that are not UTF-8
E_BINARY = "E002"  # not text at all (a picture saved as .md)
E_UNCLOSED_FENCE = "E003"  # a code fence never closed would swallow the deck
E_FRONT_MATTER = "E004"  # front matter that is not YAML key: value lines
E_TOO_LARGE = "E005"  # over DECK["MAX_BYTES"]
E_UNREADABLE = "E006"  # the file cannot be read
E_BAD_OPTIONS = "E007"  # an options file (reveal-md.json, ...) that cannot be used
E_SLOW_PATTERN = "E008"  # a separator pattern that runs past its time bound
# Decks shown, but probably not as meant.
W_MOJIBAKE = "W001"  # text.py: text garbled by a wrong encoding
W_EMPTY_BULLET = "W002"  # text.py: a bullet with no text
W_UNKNOWN_LANGUAGE = "W003"  # text.py: a code language Pygments does not know
W_MISSING_FILE = "W004"  # links.py: a picture or link to a file that does not exist
W_LITERAL_TAG = "W005"  # text.py: <subcommand>, no HTML element, shown as typed
W_SAME_SLUG = "W006"  # folder.py: slugs that differ only in case
W_NOT_SERVED = "W007"  # folder.py: a .md file that is not a deck
W_UNKNOWN_THEME = "W008"  # stylesheets.py: a theme that names nothing
W_MISSING_STYLESHEET = "W009"  # stylesheets.py: a css option naming no file
W_REMOTE = "W010"  # links.py, stylesheets.py: loaded from another site
W_SLUG_TAKEN = "W011"  # folder.py: two files for one slug
W_LINES_PAST_END = "W012"  # text.py: a line spec past its block, or unreadable

ERROR_IDS: dict[type[DeckError], str] = {
    NotUTF8: E_NOT_UTF8,
    BinaryFile: E_BINARY,
    UnclosedFence: E_UNCLOSED_FENCE,
    BadFrontMatter: E_FRONT_MATTER,
    TooLarge: E_TOO_LARGE,
    Unreadable: E_UNREADABLE,
    BadOptions: E_BAD_OPTIONS,
    SlowPattern: E_SLOW_PATTERN,
}

EXCERPT = 80  # characters of a line shown in a message or hint
MAX_PER_ID = 25  # problems of one kind listed per file; a count stands for the rest


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR or WARNING
    id: str  # "E001"; deck.checks.system prefixes "deck."
    path: Path
    line: int
    message: str
    hint: str = ""


def problem_from_error(error: DeckError) -> Problem:
    return Problem(
        ERROR,
        ERROR_IDS.get(type(error), E_UNREADABLE),
        error.path,
        error.line,
        error.message,
        error.hint,
    )


def in_order(problems: list[Problem]) -> list[Problem]:
    """By line, errors before warnings on a line; at most :data:`MAX_PER_ID`
    of each id, then one saying how many more."""
    return at_most(MAX_PER_ID, sorted(problems, key=_order))


def at_most(limit: int, problems: list[Problem]) -> list[Problem]:
    """The first ``limit`` problems of each id, then one line saying how many more."""
    kept: list[Problem] = []
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.id] = counts.get(problem.id, 0) + 1
        if counts[problem.id] <= limit:
            kept.append(problem)
    for problem_id, count in counts.items():
        if count > limit:
            first_left_out = [p for p in problems if p.id == problem_id][limit]
            kept.append(
                replace(
                    first_left_out,
                    message=f"and {count - limit:,} more like this in the file, from this line on",
                    hint=f"only the first {limit} of each kind are listed",
                )
            )
    return sorted(kept, key=_order)


def _order(problem: Problem) -> tuple:
    return (problem.line, problem.level != ERROR, problem.id)


def excerpt(line: str, at: int = 0) -> str:
    """At most :data:`EXCERPT` characters of ``line`` around position ``at``."""
    if len(line) <= EXCERPT:
        return line.strip()
    begin = max(0, min(at - EXCERPT // 4, len(line) - EXCERPT))
    return ("…" if begin else "") + line[begin : begin + EXCERPT] + "…"
