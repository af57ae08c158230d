"""Exports made in the clone stay out of ``git status``: the default output
folder (and the README's others) are in ``.gitignore``, lessons are not."""

from __future__ import annotations

import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def clone(tmp_path) -> Path:
    """A git repository with the project's .gitignore."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copyfile(ROOT / ".gitignore", tmp_path / ".gitignore")
    return tmp_path


def ignored(clone: Path, *paths: str) -> list[str]:
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    return result.stdout.split()


def test_the_default_export_folder_is_ignored(clone, monkeypatch):
    (clone / "slides").mkdir()
    (clone / "slides" / "intro.md").write_text("# Intro\n")
    monkeypatch.chdir(clone)
    with override_settings(DECK={"SLIDES_DIR": clone / "slides"}):
        call_command("export_deck", "--all", stdout=StringIO(), stderr=StringIO())
    assert (clone / "site" / "intro" / "index.html").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert sorted(line for line in status if line) == ["?? .gitignore", "?? slides/intro.md"]


def test_the_readmes_output_folders_are_ignored_and_lessons_are_not(clone):
    outputs = ["site/index.html", "handout/intro.html", "_site/index.html", "export/a.html"]
    staging = [".site.123.ab_c9.export-tmp/index.html"]
    lessons = ["slides/site/CLASS.md", "slides/handout/img/a.png", "slides/intro.md"]
    assert ignored(clone, *outputs, *staging, *lessons) == outputs + staging
