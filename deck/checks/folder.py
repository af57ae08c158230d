"""Checks of the slides folder as a whole, and :func:`lint_folder`, which runs
every check on it: W006 same slug, W007 not served, W011 slug taken."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from deck.checks.analysis import Analyser, lint_file
from deck.checks.links import StaticFinder
from deck.checks.problems import W_NOT_SERVED, W_SAME_SLUG, W_SLUG_TAKEN, WARNING, Problem
from deck.core import discovery
from deck.core.discovery import DeckFile
from deck.core.reading import SEGMENT, why_not_a_deck


def lint_folder(
    root: Path,
    max_bytes: int | None = None,
    find_static: StaticFinder | None = None,
    analyse: Analyser | None = None,
    slugs: Collection[str] | None = None,
) -> list[Problem]:
    """Every problem of every deck in ``root``, and of the folder itself; with
    ``slugs``, only those of the files of these decks (a command about them)."""
    if not root.is_dir():
        return []
    # One walk of the folder serves every check below.
    every_deck = discovery.scan(root)
    deck_files = [d for d in every_deck if slugs is None or d.slug in slugs]
    problems = (
        check_not_served(root) + check_same_slug(every_deck) + check_slug_taken(root, every_deck)
    )
    if slugs is not None:
        paths = {deck_file.path for deck_file in deck_files}
        problems = [problem for problem in problems if problem.path in paths]
    for deck_file in deck_files:
        problems.extend(lint_file(deck_file.path, max_bytes, find_static, root, analyse))
    # A course's theme is every deck's: what is wrong in it is listed once.
    return list(dict.fromkeys(problems))


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


def check_same_slug(deck_files: list[DeckFile]) -> list[Problem]:
    """Files whose slugs differ only in case clash wherever case is ignored:
    on macOS and Windows disks, in an exported site, in what people type."""
    first_by_key: dict[str, Path] = {}
    problems = []
    for deck_file in deck_files:
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


def check_slug_taken(root: Path, deck_files: list[DeckFile]) -> list[Problem]:
    """Two files that map to one slug: only the first is presented."""
    problems = []
    for slug, paths in discovery.duplicates(deck_files).items():
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
