"""``manage.py check_layout`` (the pure report module behind it: tests/test_fit.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.conftest import CHROMIUM, FIXTURES, ROOT, require

FIT_FIXTURES = FIXTURES / "fit"


def deck_settings(slides_dir: Path) -> dict:
    return {"SLIDES_DIR": slides_dir, "MAX_BYTES": 5 * 1024 * 1024}


def copy_decks(tmp_path: Path, *names: str) -> Path:
    for name in names:
        (tmp_path / name).write_text((FIT_FIXTURES / name).read_text())
    return tmp_path


def run_check(slides_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as the author runs it, in its own process (Playwright's
    sync API cannot start inside a test session that already drives it)."""
    require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    return run_manage(["check_layout", *args], {"DECK_SLIDES_DIR": str(slides_dir)})


# --- the command, in Chromium ------------------------------------------------


@pytest.mark.browser
def test_reports_the_slides_that_shrank_or_do_not_fit(tmp_path):
    result = run_check(copy_decks(tmp_path, "fixtures.md"))
    out = result.stdout
    # Exact scales depend on the fonts installed; which slides, where, and
    # what went wrong do not.
    number = r"0\.\d\d"
    patterns = [
        rf"fixtures\.md:6: slide 2 needed scale {number}; smallest text 1\d(\.\d)?px",
        rf"fixtures\.md:41: slide 3 needed scale {number}; smallest text \d+(\.\d)?px",
        rf"fixtures\.md:98: slide 4 needed scale {number}; smallest text 1\d(\.\d)?px",
        rf"fixtures\.md:115: slide 6 needed scale {number}; cannot fit: text stops shrinking "
        rf"at 9px \(scale {number}\) and runs past the slide",
    ]
    lines = out.splitlines()
    assert len(lines) == len(patterns), out
    for line, pattern in zip(lines, patterns, strict=True):
        assert re.fullmatch(pattern, line), (line, pattern)
    # The short slide (line 1), the picture (still comfortable) and the
    # vertical slides are not offending; a slide that does not fit is an error.
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "CommandError: 1 slide(s) do not fit: their words run past the slide"
    )


@pytest.mark.browser
def test_opted_out_slides_that_run_past_the_edge_are_reported(tmp_path):
    slides = copy_decks(tmp_path, "opt-out-slide.md", "opt-out-deck.md")
    result = run_check(slides, "opt-out-slide", "opt-out-deck")
    out = result.stdout
    assert "opt-out-slide.md:29: slide 2 needed scale" in out
    assert "fitting is off for it, so it runs past the slide" in out
    assert "opt-out-deck.md:5: slide 1 needed scale" in out
    # The first slide of opt-out-slide.md shrinks and stays comfortable.
    assert "opt-out-slide.md:1:" not in out
    assert "2 slide(s) do not fit" in result.stderr


@pytest.mark.browser
def test_the_lesson_fits_at_a_comfortable_size():
    result = run_check(ROOT / "slides", "--verbosity", "2")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "every slide fits at a comfortable size" in out
    # Slide 5 (12 bullet lines) used to run off the bottom; now it shrinks.
    assert "lesson-09-advanced-django.md:33: slide 5 needed scale 0.8" in out


def test_unknown_deck_is_a_one_line_error(tmp_path):
    slides = copy_decks(tmp_path, "fixtures.md")
    with (
        override_settings(DECK=deck_settings(slides)),
        pytest.raises(CommandError, match="no deck called nope"),
    ):
        call_command("check_layout", "nope", stdout=StringIO())


def run_manage(args: list[str], env: dict, code: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_chromium_it_says_how_to_install(tmp_path):
    result = run_manage(
        ["check_layout"],
        {
            "DECK_SLIDES_DIR": str(copy_decks(tmp_path, "fixtures.md")),
            "DECK_CHROMIUM": str(tmp_path / "no-chromium-here"),
        },
    )
    assert result.returncode == 1
    assert "apt-get install chromium" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_playwright_it_says_how_to_install(tmp_path):
    # Playwright made unimportable for this one process, as if not installed.
    code = (
        "import sys; sys.modules['playwright'] = None; sys.argv = ['manage.py', 'check_layout'];"
        "import runpy; runpy.run_path('manage.py', run_name='__main__')"
    )
    result = run_manage([], {"DECK_SLIDES_DIR": str(copy_decks(tmp_path, "fixtures.md"))}, code)
    assert result.returncode == 1
    assert "pip install playwright" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.browser
def test_a_big_deck_is_laid_out_whole_far_slides_included(tmp_path):
    # Over window.js's threshold (300 stacks), which keeps far slides out of
    # the DOM on screen: check_layout must still measure every one.
    slides = [f"## Slide {n + 1}\n\nshort" for n in range(320)]
    slides[310] = "## Far and long\n\n" + "\n".join(f"* item {n} of a long list" for n in range(60))
    (tmp_path / "big.md").write_text("\n\n---\n\n".join(slides) + "\n")
    result = run_check(tmp_path, "-v", "2")
    assert "big.md: 320 slides laid out" in result.stdout, result.stdout + result.stderr
    assert re.search(r"big\.md:\d+: slide 311 needed scale", result.stdout), result.stdout
