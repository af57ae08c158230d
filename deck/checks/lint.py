"""Authoring mistakes in decks, found before a class sees them.

Pure Python, no Django: every check takes a deck (or the slides folder) and
returns :class:`Problem` objects naming file and line. :mod:`deck.checks.system`
turns them into Django system check messages. One function per check; the
ids are stable, so ``SILENCED_SYSTEM_CHECKS = ["deck.W005"]`` keeps working.

Errors are decks that cannot be shown; warnings are decks that can be shown
but probably not as the author meant.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE, HTML_RE
from pygments.lexers import get_all_lexers

from deck.core import discovery
from deck.core.errors import (
    BadFrontMatter,
    BadOptions,
    BinaryFile,
    DeckError,
    NotUTF8,
    TooLarge,
    UnclosedFence,
    Unreadable,
)
from deck.core.model import Deck
from deck.core.reading import SEGMENT, SLUG, decode, parse, read_bytes, why_not_a_deck
from deck.core.splitter import FENCE_OPEN, closes_fence, normalize_newlines, split_front_matter
from deck.core.themes import is_remote, local_file, resolve_theme
from deck.render.extensions.lists import EMPTY_ITEM_TEXT, normalize_lists
from deck.render.extensions.literal_tags import is_html_element
from deck.render.highlight import is_known_language

ERROR = "error"
WARNING = "warning"

# Bump when a check finds something else in the same text: findings kept in a
# persistent cache (deck.checks.system) under the old version are then never used.
LINT_VERSION = "1"

# Ids: never renumber, only add (people silence them by id).
E_NOT_UTF8 = "E001"
E_BINARY = "E002"
E_UNCLOSED_FENCE = "E003"
E_FRONT_MATTER = "E004"
E_TOO_LARGE = "E005"
E_UNREADABLE = "E006"
W_MOJIBAKE = "W001"
W_EMPTY_BULLET = "W002"
W_UNKNOWN_LANGUAGE = "W003"
W_MISSING_FILE = "W004"
W_LITERAL_TAG = "W005"
W_SAME_SLUG = "W006"
W_NOT_SERVED = "W007"
E_BAD_OPTIONS = "E007"
W_UNKNOWN_THEME = "W008"
W_MISSING_STYLESHEET = "W009"
W_REMOTE = "W010"
W_SLUG_TAKEN = "W011"

ERROR_IDS: dict[type[DeckError], str] = {
    NotUTF8: E_NOT_UTF8,
    BinaryFile: E_BINARY,
    UnclosedFence: E_UNCLOSED_FENCE,
    BadFrontMatter: E_FRONT_MATTER,
    TooLarge: E_TOO_LARGE,
    Unreadable: E_UNREADABLE,
    BadOptions: E_BAD_OPTIONS,
}
REMOTE_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?(?P<url>(?:https?:)?//[^\s()<>]+)")
REMOTE_SOURCE = re.compile(
    r"<(?:img|video|audio|source|iframe)\b[^<>]*?\bsrc\s*=\s*[\"'](?P<url>(?:https?:)?//[^\"'<>]+)",
    re.IGNORECASE,
)

# Used to check `/static/...` links: ``find_static("deck/logo.png") -> bool``.
StaticFinder = Callable[[str], bool]

FENCE_LANGUAGE = re.compile(r"[ \t]*\.?(?P<language>[\w#.+-]*)")
LINK = re.compile(r"!?\[[^\[\]\n]*\]\(\s*(?P<url><[^<>\n]*>|[^\s()<>]+)")
REFERENCE = re.compile(r"^ {0,3}\[[^\[\]]+\]:\s*(?P<url><[^<>]*>|\S+)")
HTML_SOURCE = re.compile(
    r"<(?:img|video|audio|source|a)\b[^<>]*?\b(?:src|href)\s*=\s*[\"'](?P<url>[^\"'<>]+)",
    re.IGNORECASE,
)
LINK_DESTINATION = re.compile(r"\]\(\s*<[^<>\n]*>")  # [text](<a file.png>)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
BACKTICKS = re.compile(r"`+")
# A line that is a list marker alone: the only kind that can render as an
# empty item (see deck.render.extensions.lists; tabs there count as spaces).
BARE_MARKER = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}\.)[ \t]*$")
EXCERPT = 80  # characters of a line shown in a hint
MAX_PER_ID = 25  # problems of one kind listed per file; a count stands for the rest


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR or WARNING
    id: str  # "E001"; deck.checks.system prefixes "deck."
    path: Path
    line: int
    message: str
    hint: str = ""


# -- whole folder ---------------------------------------------------------


def lint_folder(
    root: Path,
    max_bytes: int | None = None,
    find_static: StaticFinder | None = None,
    analyse: Analyser | None = None,
) -> list[Problem]:
    """Every problem of every deck in ``root``, and of the folder itself."""
    if not root.is_dir():
        return []
    problems = check_not_served(root) + check_same_slug(root) + check_slug_taken(root)
    for deck_file in discovery.scan(root):
        problems.extend(lint_file(deck_file.path, max_bytes, find_static, root, analyse))
    return problems


def check_not_served(root: Path) -> list[Problem]:
    """``*.md`` files that are silently not decks: bad names, links out of the folder."""
    resolved_root = root.resolve()
    problems = []
    for path in discovery.markdown_files(root):
        reason = why_not_a_deck(path, resolved_root)
        if reason:
            hint = (
                f"rename it, e.g. to {suggest_slug(path.stem)}.md"
                if not SEGMENT.match(path.stem)
                else "copy the file into the slides folder instead"
            )
            problems.append(Problem(WARNING, W_NOT_SERVED, path, 1, f"not a deck: {reason}", hint))
    return problems


def suggest_slug(stem: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")
    return slug or "my-deck"


def check_same_slug(root: Path) -> list[Problem]:
    """Files whose slugs differ only in case clash wherever case is ignored:
    on macOS and Windows disks, in an exported site, in what people type."""
    first_by_key: dict[str, Path] = {}
    problems = []
    for deck_file in discovery.scan(root):
        path = deck_file.path
        key = deck_file.slug.casefold()
        if key in first_by_key:
            other = first_by_key[key]
            problems.append(
                Problem(
                    WARNING,
                    W_SAME_SLUG,
                    path,
                    1,
                    f"'{path.name}' and '{other.name}' map to the same slug "
                    "where case is ignored (macOS and Windows disks, exported sites)",
                    "rename one of them",
                )
            )
        else:
            first_by_key[key] = path
    return problems


# -- one file -------------------------------------------------------------


def check_slug_taken(root: Path) -> list[Problem]:
    """Two files that map to one slug: only the first is presented."""
    problems = []
    for slug, paths in discovery.duplicates(discovery.scan(root)).items():
        for path in paths[1:]:
            problems.append(
                Problem(
                    WARNING,
                    W_SLUG_TAKEN,
                    path,
                    1,
                    f"not presented: /{slug}/ is already {paths[0].relative_to(root)}",
                    "rename or move one of them",
                )
            )
    return problems


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


def lint_bytes(
    data: bytes, path: Path, find_static: StaticFinder | None = None, root: Path | None = None
) -> list[Problem]:
    return finish(analyse_bytes(data, path, root), path, find_static, root)


def lint_text(
    text: str, path: Path, find_static: StaticFinder | None = None, root: Path | None = None
) -> list[Problem]:
    return finish(analyse_text(text, path, root), path, find_static, root)


@dataclass(frozen=True)
class Stylesheets:
    """A deck's theme and ``css`` options, and where each was set."""

    folder: Path  # the deck's
    theme: str | None
    theme_origin: tuple[Path, int]
    css: tuple[str, ...]
    css_origin: tuple[Path, int]


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
    # One pass tells fenced code from text; the line checks share it.
    scanned = list(scan(lines, split_front_matter(lines)[1]))
    text_lines = [(index, line) for index, line, info in scanned if info is None]
    fences = [(index, info) for index, _, info in scanned if info is not None]
    problems += check_empty_bullets(deck, lines)
    problems += check_languages(fences, path)
    problems += check_literal_tags(text_lines, path)
    problems += check_remote(text_lines, path)
    return Findings(
        tuple(problems),
        tuple(local_links(text_lines)),
        stylesheets(deck, root or path.parent),
    )


def finish(
    findings: Findings, path: Path, find_static: StaticFinder | None, root: Path | None
) -> list[Problem]:
    """The findings' problems, and those of the files they name: missing
    pictures and stylesheets, an unknown theme."""
    problems = [*findings.problems, *check_links(findings.links, path, find_static)]
    if findings.stylesheets is not None:
        problems += check_stylesheets(findings.stylesheets, root or path.parent)
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


def problem_from_error(error: DeckError) -> Problem:
    return Problem(
        ERROR,
        ERROR_IDS.get(type(error), E_UNREADABLE),
        error.path,
        error.line,
        error.message,
        error.hint,
    )


# -- line by line ---------------------------------------------------------


def scan(lines: list[str], start: int) -> Iterator[tuple[int, str, str | None]]:
    """``(index, line, info)`` for each line outside fenced code, from ``start``:
    ``info`` is the info string of a line that opens a fence, else None.

    The fence rule is the splitter's, so this sees what the splitter sees.
    """
    fence = None
    for index in range(start, len(lines)):
        line = lines[index]
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
            continue
        match = FENCE_OPEN.match(line)
        if match and not (match["fence"][0] == "`" and "`" in match["info"]):
            fence = match["fence"]
            yield index, line, match["info"]
        else:
            yield index, line, None


def without_code_spans(line: str) -> str:
    """The line with each inline code span blanked out (same length).

    A run of N backticks opens a span that the next run of exactly N closes,
    as in CommonMark. Linear: each run is looked at a bounded number of times.
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    # For each run, the index of the next run of the same length.
    next_same: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        next_same[i] = seen.get(length)
        seen[length] = i
    pieces = []
    position = 0
    i = 0
    while i < len(runs):
        closing = next_same[i]
        if closing is None:
            i += 1
            continue
        start, end = runs[i][0], runs[closing][1]
        pieces.append(line[position:start])
        pieces.append(" " * (end - start))
        position = end
        i = closing + 1
    pieces.append(line[position:])
    return "".join(pieces)


def _excerpt(line: str, at: int = 0) -> str:
    """At most EXCERPT characters of ``line`` around position ``at``."""
    if len(line) <= EXCERPT:
        return line.strip()
    begin = max(0, min(at - EXCERPT // 4, len(line) - EXCERPT))
    return ("…" if begin else "") + line[begin : begin + EXCERPT] + "…"


def check_mojibake(lines: list[str], path: Path) -> list[Problem]:
    """Text garbled by a wrong encoding (``â€”`` for ``—``); ftfy finds and repairs it."""
    problems = []
    if all(line.isascii() for line in lines):
        return problems  # nothing to garble, and no need to import ftfy
    import ftfy  # imported when needed: a twentieth of a second at start-up
    import ftfy.badness

    for index, line in enumerate(lines):
        if line.isascii() or not ftfy.badness.is_bad(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed == line:
            continue
        at = next((i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b), 0)
        problems.append(
            Problem(
                WARNING,
                W_MOJIBAKE,
                path,
                index + 1,
                f"text garbled by a wrong encoding: {_excerpt(line, at)!r}",
                f"it was probably meant to read {_excerpt(fixed, at)!r}; retype or replace it",
            )
        )
    return problems


def slide_ranges(deck: Deck, lines: list[str]) -> Iterator[tuple[int, int]]:
    """``(first index, end index)`` of the file lines of each slide."""
    slides = deck.split.slides
    for slide, following in zip(slides, [*slides[1:], None], strict=True):
        # The separator line sits just before the next slide's first line.
        end = following.line - 2 if following is not None else len(lines)
        yield slide.line - 1, end


def check_empty_bullets(deck: Deck, lines: list[str]) -> list[Problem]:
    """A bullet with nothing after it shows as an empty item.

    Asks the renderer's own list preprocessor, so what is reported is exactly
    what is drawn.
    """
    problems = []
    bare = [index for index, line in enumerate(lines) if BARE_MARKER.match(line)]
    if not bare:
        return problems  # no line is a marker alone: nothing can render empty
    candidates = iter(bare)
    candidate = next(candidates)
    for first, end in slide_ranges(deck, lines):
        while candidate is not None and candidate < first:
            candidate = next(candidates, None)
        if candidate is None:
            break
        if candidate >= end:
            continue  # only slides with a lone marker are worth re-indenting
        source = lines[first:end]
        for offset, (before, after) in enumerate(
            zip(source, normalize_lists(source, join_comments=False), strict=True)
        ):
            if after.endswith(EMPTY_ITEM_TEXT) and not before.rstrip().endswith(EMPTY_ITEM_TEXT):
                problems.append(
                    Problem(
                        WARNING,
                        W_EMPTY_BULLET,
                        deck.path,
                        first + offset + 1,
                        "empty bullet: it shows as a bullet point with no text",
                        "write the point after the bullet, or delete the line",
                    )
                )
    return problems


@lru_cache(maxsize=1)
def _language_names() -> tuple[str, ...]:
    return tuple(sorted({alias for _, aliases, _, _ in get_all_lexers() for alias in aliases}))


# What the line checks are given: ``(index, line)`` of each line of text (not
# in, nor opening, fenced code), or ``(index, info string)`` of each line that
# opens fenced code; see lint_text.
NumberedLines = list[tuple[int, str]]


def check_languages(fences: NumberedLines, path: Path) -> list[Problem]:
    """A fence language Pygments does not know is shown without colours."""
    problems = []
    for index, info in fences:
        language = FENCE_LANGUAGE.match(info)["language"]
        if is_known_language(language):
            continue
        close = difflib.get_close_matches(language.lower(), _language_names(), n=3)
        hint = (
            "did you mean " + " or ".join(repr(name) for name in close) + "?"
            if close
            else "see the short names at pygments.org/languages"
        )
        problems.append(
            Problem(
                WARNING,
                W_UNKNOWN_LANGUAGE,
                path,
                index + 1,
                f"code language {language!r} is unknown to Pygments: the code is shown uncoloured",
                hint,
            )
        )
    return problems


def check_literal_tags(text: NumberedLines, path: Path) -> list[Problem]:
    """``<subcommand>`` is no HTML element: it is shown literally, as typed."""
    problems = []
    for index, line in text:
        if "<" not in line:
            continue
        text = without_code_spans(line)
        text = LINK_DESTINATION.sub(_blank, text)
        text = AUTOLINK_RE_COMPILED.sub(_blank, text)
        text = AUTOMAIL_RE_COMPILED.sub(_blank, text)
        for match in HTML_RE_COMPILED.finditer(text):
            tag = match.group(1)
            if is_html_element(tag):
                continue
            problems.append(
                Problem(
                    WARNING,
                    W_LITERAL_TAG,
                    path,
                    index + 1,
                    f"{_excerpt(tag)} looks like a tag but is no HTML element: "
                    "it is shown literally, as typed",
                    "that is right for text like 'help <subcommand>'; put it in `backticks` "
                    "to show it as code, or correct the tag name if you meant HTML",
                )
            )
    return problems


HTML_RE_COMPILED = re.compile(HTML_RE)
AUTOLINK_RE_COMPILED = re.compile(AUTOLINK_RE)
AUTOMAIL_RE_COMPILED = re.compile(AUTOMAIL_RE)


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def link_targets(line: str) -> Iterator[str]:
    for pattern in (LINK, REFERENCE, HTML_SOURCE):
        for match in pattern.finditer(line):
            yield match["url"].strip("<>")


def is_local_file_url(url: str) -> bool:
    """Whether a link names a file (or another deck) rather than a site, an
    anchor or a scheme such as ``mailto:``."""
    target = url.split("#", 1)[0].split("?", 1)[0]
    return bool(target) and not SCHEME.match(url) and not url.startswith(("#", "//"))


def local_file_exists(url: str, deck_path: Path, find_static: StaticFinder | None) -> bool:
    """Whether a link's target exists; True for anything that is not a local file."""
    if not is_local_file_url(url):
        return True
    target = unquote(url.split("#", 1)[0].split("?", 1)[0])
    try:
        if target.startswith("/static/"):
            return find_static is None or find_static(target[len("/static/") :])
        if target.startswith("/"):
            return True  # a page of the site; nothing on disk to look at
        folder = deck_path.parent
        if (folder / target).exists():
            return True
        # ``other-deck/`` or ``../other-deck/`` from /this-deck/ is another deck.
        name = target.removeprefix("../").rstrip("/")
        return bool(SLUG.match(name)) and (folder / f"{name}.md").is_file()
    except (OSError, ValueError):  # NUL bytes, names too long
        return False


def local_links(text: NumberedLines) -> Iterator[tuple[int, str]]:
    """``(index, URL)`` of each picture and link to a local file."""
    for index, line in text:
        if "](" not in line and "]:" not in line and "src" not in line and "href" not in line:
            continue
        for url in link_targets(without_code_spans(line)):
            if is_local_file_url(url):
                yield index, url


def check_links(
    links: Iterable[tuple[int, str]], path: Path, find_static: StaticFinder | None = None
) -> list[Problem]:
    """Images and links to local files that do not exist."""
    problems = []
    exists: dict[str, bool] = {}  # one look at the disk per distinct target
    for index, url in links:
        if url not in exists:
            exists[url] = local_file_exists(url, path, find_static)
        if exists[url]:
            continue
        problems.append(
            Problem(
                WARNING,
                W_MISSING_FILE,
                path,
                index + 1,
                f"{_excerpt(url)!r} does not exist",
                f"paths are relative to the deck's folder ({path.parent.name}/); "
                "check the spelling or add the file",
            )
        )
    return problems


# -- options and the network -------------------------------------------------


def check_remote(text: NumberedLines, path: Path) -> list[Problem]:
    """Pictures and media from other sites: the room's network must reach them
    (presenting never waits on them: without a network each is a broken picture)."""
    problems = []
    for index, line in text:
        if "//" not in line:
            continue
        code_free = without_code_spans(line)
        for pattern in (REMOTE_IMAGE, REMOTE_SOURCE):
            for match in pattern.finditer(code_free):
                problems.append(
                    Problem(
                        WARNING,
                        W_REMOTE,
                        path,
                        index + 1,
                        f"{_excerpt(match['url'])!r} is loaded from another site",
                        "the room's network must reach it; keep a copy beside the deck "
                        "to present offline",
                    )
                )
    return problems


def option_origin(deck: Deck, root: Path, front_matter_key: str, json_key: str) -> tuple[Path, int]:
    """Where a deck's option was set: its front matter line, else the
    strongest options file that names it (``file``, ``line``)."""
    if front_matter_key in deck.front_matter:
        for number, line in enumerate(deck.text.split("\n")[:200], start=1):
            if line.startswith(f"{front_matter_key}:"):
                return deck.path, number
    for source in reversed(deck.options.sources):
        try:
            text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if f'"{json_key}"' in line:
                return source, number
    return deck.path, 1


def stylesheets(deck: Deck, root: Path) -> Stylesheets:
    """The deck's stylesheet options, and the lines that set them."""
    return Stylesheets(
        deck.folder,
        deck.options.theme,
        option_origin(deck, root, "theme", "theme"),
        tuple(deck.options.css),
        option_origin(deck, root, "css", "css") if deck.options.css else (deck.path, 1),
    )


def check_stylesheets(sheets: Stylesheets, root: Path) -> list[Problem]:
    """The theme and ``css`` stylesheets an options file or front matter names."""
    problems = []
    theme = resolve_theme(sheets.theme, sheets.folder, root, "black")
    if theme.warning:
        path, line = sheets.theme_origin
        problems.append(
            Problem(
                WARNING,
                W_UNKNOWN_THEME,
                path,
                line,
                theme.warning,
                "a reveal.js theme (black, white, sky, ...), a theme/<name>.css beside "
                "the deck or at the slides root, or a CSS path relative to the deck",
            )
        )
    elif theme.url:
        problems.append(_remote_stylesheet("the theme", theme.url, sheets.theme_origin))
    for reference in sheets.css:
        path, line = sheets.css_origin
        if is_remote(reference):
            problems.append(_remote_stylesheet("the stylesheet", reference, sheets.css_origin))
        elif local_file(reference, sheets.folder, root) is None:
            problems.append(
                Problem(
                    WARNING,
                    W_MISSING_STYLESHEET,
                    path,
                    line,
                    f"the stylesheet {reference!r} does not exist, so it is left out",
                    f"css paths are relative to the deck's folder ({sheets.folder.name}/)",
                )
            )
    return problems


def _remote_stylesheet(what: str, url: str, origin: tuple[Path, int]) -> Problem:
    path, line = origin
    return Problem(
        WARNING,
        W_REMOTE,
        path,
        line,
        f"{what} {_excerpt(url)!r} is loaded from another site",
        "the room's network must reach it",
    )
