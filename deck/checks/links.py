"""Checks of what a deck's text links to: W004 a picture or link to a local
file that does not exist, W010 pictures, videos, iframes, backgrounds and
other files loaded from another site."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from deck.checks.problems import W_MISSING_FILE, W_REMOTE, WARNING, Problem, excerpt
from deck.checks.text import NumberedLines, without_code_spans
from deck.core.reading import SLUG
from deck.core.url_scan import URL_ATTRIBUTES, split_urls
from deck.core.urls import is_local, is_remote

# Used to check `/static/...` links: ``find_static("deck/logo.png") -> bool``.
StaticFinder = Callable[[str], bool]

LINK = re.compile(r"!?\[[^\[\]\n]*\]\(\s*(?P<url><[^<>\n]*>|[^\s()<>]+)")
REFERENCE = re.compile(r"^ {0,3}\[[^\[\]]+\]:\s*(?P<url><[^<>]*>|\S+)")
HTML_SOURCE = re.compile(
    r"<(?:img|video|audio|source|a)\b[^<>]*?\b(?:src|href)\s*=\s*[\"'](?P<url>[^\"'<>]+)",
    re.IGNORECASE,
)
# What a slide loads as it is shown (a link to another site is only followed):
# a picture, and every URL attribute the export reads (deck.core.url_scan)
# but href, in a tag or in a <!-- .slide: --> or <!-- .element: --> comment.
IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?(?P<url>[^\s()<>]+)")
TAG_OR_COMMENT = re.compile(r"<(?:[A-Za-z]|!--)[^<>]*>?")
_LOADED = "|".join(sorted((re.escape(a) for a in URL_ATTRIBUTES - {"href"}), key=len, reverse=True))
LOADED_ATTRIBUTE = re.compile(
    rf"(?<![\w-])(?P<name>{_LOADED})\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'<>]+))",
    re.IGNORECASE,
)


def link_targets(line: str) -> Iterator[str]:
    for pattern in (LINK, REFERENCE, HTML_SOURCE):
        for match in pattern.finditer(line):
            yield match["url"].strip("<>")


def is_local_file_url(url: str) -> bool:
    """Whether a link names a file (or another deck) rather than a site, an
    anchor, the page itself (``?x``) or a scheme such as ``mailto:``."""
    return is_local(url) and bool(url.split("#", 1)[0].split("?", 1)[0])


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
                f"{excerpt(url)!r} does not exist",
                f"paths are relative to the deck's folder ({path.parent.name}/); "
                "check the spelling or add the file",
            )
        )
    return problems


def check_remote(text: NumberedLines, path: Path) -> list[Problem]:
    """Pictures and media from other sites: the room's network must reach them
    (presenting never waits on them: without a network each is a broken picture)."""
    problems = []
    for index, line in text:
        if "//" not in line:
            continue  # no URL of another site (deck.core.urls) can be on it
        code_free = without_code_spans(line)
        for url in remote_urls(code_free):
            problems.append(
                Problem(
                    WARNING,
                    W_REMOTE,
                    path,
                    index + 1,
                    f"{excerpt(url)!r} is loaded from another site",
                    "the room's network must reach it; keep a copy beside the deck "
                    "to present offline",
                )
            )
    return problems


def remote_urls(line: str) -> Iterator[str]:
    """URLs of other sites that a line of Markdown loads, as written."""
    for match in IMAGE.finditer(line):
        if is_remote(match["url"]):
            yield match["url"]
    for tag in TAG_OR_COMMENT.finditer(line):
        for attribute in LOADED_ATTRIBUTE.finditer(tag[0]):
            value = next(v for v in attribute.group("dq", "sq", "bare") if v is not None)
            for url in split_urls(value.strip(), attribute["name"].lower()):
                if is_remote(url):
                    yield url
