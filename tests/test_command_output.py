"""What the commands print before their own output, run as a person runs them
(``manage.py`` in a fresh process): the findings of the decks they are about,
once, and for a wrong setting one line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

LESSON = ROOT / "slides" / "lesson-09-advanced-django.md"
FINDING = re.compile(r"\(deck\.[EW]\d{3}\)")


def run(args: list[str], slides: Path, timeout: float = 120, **env: str):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DECK_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DECK_SLIDES_DIR": str(slides), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def slides(tmp_path) -> Path:
    """The real lesson (seven W002 and a W005) beside a clean deck."""
    folder = tmp_path / "slides"
    folder.mkdir()
    shutil.copy(LESSON, folder / LESSON.name)
    (folder / "other.md").write_text("# Other\n\n---\n\n## Two\n\n* a point\n", encoding="utf-8")
    return folder


def findings(result: subprocess.CompletedProcess) -> list[str]:
    """Every finding line printed, as ``lesson-09-advanced-django.md:067: (deck.W002)``."""
    return [
        line.split(" ", 2)[0].rsplit("/", 1)[-1] + " " + line.split(" ", 2)[1]
        for line in (result.stdout + result.stderr).splitlines()
        if FINDING.search(line)
    ]


def lesson_findings(slides: Path) -> list[str]:
    result = run(["check"], slides)
    assert result.returncode == 0, result.stderr
    return findings(result)


def test_check_lists_every_decks_findings(slides):
    found = lesson_findings(slides)
    assert sum("(deck.W002)" in line for line in found) == 7
    assert sum("(deck.W005)" in line for line in found) == 1
    assert all(line.startswith(LESSON.name + ":") for line in found)


@pytest.mark.parametrize(
    "args",
    [
        ["new_deck", "fresh"],
        ["export_deck", "other", "--output", "{tmp}/site"],
        ["deck_cache", "stats", "other"],
        ["deck_cache", "clear"],
        ["present", "other"],
    ],
    ids=["new_deck", "export_deck OTHER", "deck_cache stats OTHER", "deck_cache clear", "present"],
)
def test_a_command_not_about_the_lesson_prints_none_of_its_findings(slides, tmp_path, args):
    args = [arg.format(tmp=tmp_path) for arg in args]
    result = run(args, slides, DECK_CACHE_URL=f"file://{tmp_path}/cache")
    assert result.returncode == 0, result.stderr
    assert findings(result) == []
    assert "System check identified" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["export_deck", LESSON.stem, "--output", "{tmp}/site"],
        ["export_deck", "--all", "--output", "{tmp}/site"],
        ["deck_cache", "stats", LESSON.stem],
        ["present", LESSON.stem],
    ],
    ids=["export_deck LESSON", "export_deck --all", "deck_cache stats LESSON", "present LESSON"],
)
def test_a_command_about_the_lesson_prints_its_findings_once(slides, tmp_path, args):
    args = [arg.format(tmp=tmp_path) for arg in args]
    result = run(args, slides, DECK_CACHE_URL=f"file://{tmp_path}/cache")
    assert result.returncode == 0, result.stderr
    assert findings(result) == lesson_findings(slides)


def test_present_at_verbosity_zero_prints_the_link_alone(slides, tmp_path):
    result = run(
        ["present", LESSON.stem, "-v", "0"], slides, DECK_CACHE_URL=f"file://{tmp_path}/cache"
    )
    assert result.returncode == 0 and result.stderr == ""
    assert re.fullmatch(r"http://\S+#key=\S+\n", result.stdout)


# -- a wrong setting: one line, exit status 1, for every command and runserver --

COMMANDS = {
    "check": ["check"],
    "export_deck": ["export_deck", "other", "--output", "{tmp}/site"],
    "present": ["present", "other"],
    "present --serve": ["present", "other", "--serve", "--port", str(free_port())],
    "new_deck": ["new_deck", "fresh"],
    "deck_cache": ["deck_cache", "stats"],
    # With the autoreloader: its child process must give up too, and the parent with it.
    "runserver": ["runserver", "127.0.0.1:0"],
    "runserver --noreload": ["runserver", "--noreload", "127.0.0.1:0"],
}

CACHE_URL_LINE = (
    "DECK_CACHE_URL='redis:/cache': a Redis URL needs a host, as in redis://127.0.0.1:6379/0 "
    "(use locmem://, file:///absolute/path, redis://host:port/db or dummy://)"
)


def assert_one_line(result: subprocess.CompletedProcess, line: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (result.stdout, result.stderr) == ("", line + "\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_wrong_cache_url_is_one_line_and_no_command_starts(slides, tmp_path, command):
    args = [arg.format(tmp=tmp_path) for arg in COMMANDS[command]]
    # A server that started would never end: the timeout makes that a failure.
    result = run(args, slides, timeout=60, DECK_CACHE_URL="redis:/cache")
    assert_one_line(result, CACHE_URL_LINE)
    assert not (slides / "fresh.md").exists() and not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        ("DECK_FIT_MIN_FONT_PX", "abc", "DECK_FIT_MIN_FONT_PX='abc' is not a number"),
        ("DECK_MAX_BYTES", "5MB", "DECK_MAX_BYTES='5MB' is not a whole number"),
        ("DECK_DEBUG", "maybe", "DECK_DEBUG='maybe': use 1 or 0"),
        (
            "DECK_LOG_LEVEL",
            "loud",
            "DECK_LOG_LEVEL='loud': use one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
        ),
    ],
)
@pytest.mark.parametrize("command", [name for name in COMMANDS if name != "check"])
def test_every_wrong_deck_setting_is_one_line_too(slides, tmp_path, command, variable, value, line):
    args = [arg.format(tmp=tmp_path) for arg in COMMANDS[command]]
    result = run(args, slides, timeout=60, **{variable: value})
    assert_one_line(result, line)


def test_check_lists_a_wrong_deck_value_with_the_rest(slides):
    """``check`` is where every problem is listed: E100 with its hint, and the decks'."""
    result = run(["check"], slides, DECK_FIT_MIN_FONT_PX="abc")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "(deck.E100) DECK_FIT_MIN_FONT_PX='abc' is not a number" in result.stderr
    assert "HINT: the default is 9" in result.stderr
    assert "(deck.W002)" in result.stderr


# -- the mechanism, in this process ---------------------------------------------


def test_check_decks_reports_the_decks_it_is_asked_about(settings, slides):
    from deck.checks.system import check_decks, only_decks

    # A second file for /other/: W006 and W011, findings of that deck's address.
    (slides / "other").mkdir()
    (slides / "other" / "talk.md").write_text("# Not presented\n", encoding="utf-8")
    settings.DECK = {"SLIDES_DIR": slides}
    every = [message.id for message in check_decks()]
    assert sorted(every) == ["deck.W002"] * 7 + ["deck.W005", "deck.W006", "deck.W011"]
    with only_decks([LESSON.stem]):
        assert sorted(message.id for message in check_decks()) == ["deck.W002"] * 7 + ["deck.W005"]
    with only_decks(["other"]):
        assert sorted(message.id for message in check_decks()) == ["deck.W006", "deck.W011"]
    with only_decks([]):
        assert check_decks() == []
    # Outside, every deck again (manage.py check, runserver).
    assert [message.id for message in check_decks()] == every
