"""What the commands start with: nothing they do not need.

The mojibake check imports ftfy (a twentieth of a second) only for a line
that could hold garbled UTF-8; the pre-filter must never hide one that ftfy
would repair.
"""

from __future__ import annotations

import subprocess
import sys

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from deck.checks.text import check_mojibake, may_be_mojibake
from tests.conftest import ROOT

# ftfy's encodings (ftfy.chardata.CHARMAP_ENCODINGS), as Python names them.
ENCODINGS = [
    "latin-1",
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso-8859-2",
    "mac-roman",
    "cp437",
]
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30
)


def garble(text: str, encoding: str, a0_to_space: bool) -> str:
    garbled = text.encode("utf-8").decode(encoding, errors="replace")
    return garbled.replace("\xa0", " ") if a0_to_space else garbled


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(ENCODINGS), st.booleans(), st.text(max_size=5), st.text(max_size=5))
def test_the_prefilter_never_hides_what_ftfy_repairs(text, encoding, a0_to_space, left, right):
    line = left + garble(text, encoding, a0_to_space) + right
    if ftfy.fix_encoding(line) != line:
        assert may_be_mojibake(line), line


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_lines_the_prefilter_passes_are_ones_ftfy_leaves_alone(line):
    if not may_be_mojibake(line):
        assert ftfy.fix_encoding(line) == line


def test_lone_punctuation_and_accents_need_no_ftfy(tmp_path):
    assert not may_be_mojibake("Caching — and sessions: café, naïve")
    assert may_be_mojibake("Caching â€” and sessions")
    assert may_be_mojibake("voilÃ  tout")  # an 0xA0 that became a space
    problems = check_mojibake(["Caching â€” and sessions"], tmp_path / "x.md")
    assert [p.line for p in problems] == [1]


def test_exporting_the_lesson_imports_neither_ftfy_nor_importlib_metadata(tmp_path):
    code = (
        "import sys, runpy; sys.argv = ['manage.py', 'export_deck', 'lesson-09-advanced-django',"
        f" '--output', {str(tmp_path / 'site')!r}, '-v', '0'];"
        "\ntry: runpy.run_path('manage.py', run_name='__main__')"
        "\nexcept SystemExit: pass"
        "\nprint(sorted(m for m in sys.modules if m in ('ftfy', 'importlib.metadata')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "site" / "lesson-09-advanced-django" / "index.html").exists()
