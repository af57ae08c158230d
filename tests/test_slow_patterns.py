"""A separator pattern of the author's runs with a time bound (issue 15, item 4).

``^(a|aa)+$`` against a line of 40 ``a`` and a ``b`` backtracks 2^40 times in
any backtracking engine (``re`` and ``regex`` alike): before, render, lint and
``manage.py check`` never returned. Now it is ``deck.E008`` naming the file the
pattern came from, and only that deck is affected.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from deck.checks.folder import lint_folder
from deck.core.errors import SlowPattern
from deck.core.reading import parse

ROOT = Path(__file__).resolve().parent.parent
EVIL = "^(a|aa)+$"
LINE = "a" * 40 + "b"


def course(tmp_path: Path, options: dict, where: str = "bad") -> Path:
    for name in ("bad", "good"):
        (tmp_path / name).mkdir()
    (tmp_path / "bad" / "CLASS.md").write_text(f"# Bad\n\n{LINE}\n\n---\n\nmore\n")
    (tmp_path / "good" / "CLASS.md").write_text("# Good\n\n* \n")  # a W002 of its own
    folder = tmp_path if where == "root" else tmp_path / where
    (folder / "reveal-md.json").write_text(json.dumps(options, indent=2) + "\n")
    return tmp_path


@pytest.mark.parametrize("key", ["separator", "verticalSeparator", "notesSeparator"])
def test_a_pattern_past_its_bound_is_e008_naming_the_options_file(tmp_path, key):
    root = course(tmp_path, {"theme": "black", key: EVIL})
    problems = lint_folder(root)
    (slow,) = [p for p in problems if p.id == "E008"]
    assert slow.level == "error"
    assert slow.path == root / "bad" / "reveal-md.json"
    assert slow.line == 3  # the line of the key
    assert f"the {key} pattern in reveal-md.json takes too long" in slow.message
    assert any(p.id == "W002" and p.path.parent.name == "good" for p in problems)


def test_a_pattern_from_front_matter_names_the_deck(tmp_path):
    path = tmp_path / "deck.md"
    path.write_text(f"---\ntitle: T\nseparator: '{EVIL}'\n---\n# T\n\n{LINE}\n")
    with pytest.raises(SlowPattern) as caught:
        parse("deck", path, path.read_text())
    assert caught.value.path == path and caught.value.line == 3
    assert "in its front matter" in caught.value.message


def test_a_root_options_file_is_named_for_every_deck_it_slows(tmp_path):
    root = course(tmp_path, {"separator": EVIL}, where="root")
    (slow,) = [p for p in lint_folder(root) if p.id == "E008"]  # "good" has no such line
    assert slow.path == root / "reveal-md.json"


def test_the_issues_own_pattern_is_quick_under_regex_and_splits_as_written(tmp_path):
    # ^(a+)+$ is the issue's example: regex sees through the nested repeat.
    root = course(tmp_path, {"separator": "^(a+)+$"})
    deck = parse("bad", root / "bad" / "CLASS.md", (root / "bad" / "CLASS.md").read_text())
    assert len(deck.split.slides) == 1  # "aaa...b" is no separator; --- is no longer one
    assert not [p for p in lint_folder(root) if p.id == "E008"]


def test_the_deck_shows_its_broken_page_and_everything_else_serves(tmp_path):
    root = course(tmp_path, {"separator": EVIL})
    with override_settings(DECK={"SLIDES_DIR": root}, DEBUG=True):
        client = Client(raise_request_exception=False)
        bad = client.get("/bad/")
        assert bad.status_code == 500
        assert b"<code>reveal-md.json</code>, line 2" in bad.content
        assert b"takes too long to match a line" in bad.content
        assert client.get("/good/").status_code == 200
        index = client.get("/")
        assert index.status_code == 200 and b"Good" in index.content


def test_manage_py_check_returns_and_names_the_file(tmp_path):
    root = course(tmp_path, {"separator": EVIL})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DECK_SLIDES_DIR": str(root), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert re.search(r"bad/reveal-md\.json:2: \(deck\.E008\)", output), output
    assert "good/CLASS.md:3: (deck.W002)" in output
