"""The project's own promises: lint clean, README and CI agree, reveal.js vendored."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_check_is_clean():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", readme, re.S)


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(c for c in readme_commands() if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_present_command_needs_no_database_step():
    present = next(c for c in readme_commands() if "runserver" in c)
    assert "migrate" not in present


def test_reveal_is_vendored_untouched_with_its_license():
    reveal = ROOT / "static" / "reveal"
    assert "MIT" in (reveal / "LICENSE").read_text()
    head = (reveal / "dist" / "reveal.js").read_text()[:200]
    assert "reveal.js" in head
    for plugin in ("notes", "search", "zoom"):
        assert (reveal / "dist" / "plugin" / f"{plugin}.js").is_file()


def test_start_up_imports_no_optional_backend(tmp_path):
    # Every command (an export, a gunicorn worker) pays for what Django's
    # set-up imports: redis only for a redis:// cache, ftfy only for a deck
    # with non-ASCII text to look at.
    (tmp_path / "plain.md").write_text("# Plain ASCII\n\n* one\n", encoding="utf-8")
    code = (
        "import sys, django; django.setup(); "
        "from django.core.management import call_command; call_command('check'); "
        "print(sorted(m for m in ('redis', 'ftfy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "deck.project.settings",
            "DECK_SLIDES_DIR": str(tmp_path),
            "DECK_CACHE_URL": "locmem://",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
