"""Finding and starting headless Chromium through Playwright.

Either may be missing on a teacher's laptop: each command that needs them
then stops with one line naming both (``CommandError``), never a traceback.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def install_hint(command: str) -> str:
    return (
        f"{command} lays slides out in headless Chromium through Playwright: "
        "install both with `pip install playwright` (or the `layout` extra) and "
        "`apt-get install chromium` (or `python -m playwright install chromium`); "
        "set DECK_CHROMIUM to use a Chromium elsewhere"
    )


def chromium_path() -> str | None:
    """DECK_CHROMIUM, else Debian's chromium; None lets Playwright use its own."""
    configured = os.environ.get("DECK_CHROMIUM")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@contextmanager
def browser(command: str) -> Iterator[Any]:
    """A headless Chromium, closed on the way out; :class:`CommandError` with
    the install hint when Playwright or the browser is missing."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise CommandError(install_hint(command)) from None
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=chromium_path(), args=ARGS)
        except PlaywrightError as error:
            text = str(error).strip()
            first_line = text.splitlines()[0] if text else ""
            raise CommandError(f"{install_hint(command)} ({first_line})") from None
        try:
            yield launched
        finally:
            launched.close()
