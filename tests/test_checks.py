"""The deck checks in Django's system check framework: ``manage.py check``
and runserver name file, line, id and hint for each mistake."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from deck.checks.system import DeckFileError, check_decks

CHECKS = Path(__file__).resolve().parent / "fixtures" / "checks"
ROOT = Path(__file__).resolve().parent.parent


def decks_in(folder: Path, **extra):
    return override_settings(DECK={"SLIDES_DIR": folder, **extra})


NO_ISSUES = "System check identified no issues (0 silenced).\n"


def run_check(*args: str) -> str:
    """``manage.py check`` output (stdout and stderr, no colours)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("check", *args, stdout=out, stderr=err, no_color=True)
    return out.getvalue() + err.getvalue()


EXPECTED = [
    ("not_utf8", "deck.E001", "cp1252.md", 3, DeckFileError),
    ("utf16", "deck.E001", "utf16.md", 1, DeckFileError),
    ("binary", "deck.E002", "picture.md", 1, DeckFileError),
    ("unclosed_fence", "deck.E003", "deck.md", 7, DeckFileError),
    ("front_matter", "deck.E004", "deck.md", 3, DeckFileError),
    ("mojibake", "deck.W001", "deck.md", 3, checks.Warning),
    ("unknown_language", "deck.W003", "deck.md", 3, checks.Warning),
    ("literal_tag", "deck.W005", "deck.md", 4, checks.Warning),
    ("not_served", "deck.W007", "my lesson.md", 1, checks.Warning),
]


@pytest.mark.parametrize(
    ("folder", "check_id", "name", "line", "kind"), EXPECTED, ids=[e[0] for e in EXPECTED]
)
def test_each_check_as_a_django_message(folder, check_id, name, line, kind):
    with decks_in(CHECKS / folder):
        (message,) = check_decks()
    assert type(message) is kind
    assert message.id == check_id
    assert message.obj.path.name == name
    assert message.obj.line == line
    assert str(message.obj).endswith(f"{name}:{line}")
    assert message.hint
    assert message.level == (checks.ERROR if check_id[5] == "E" else checks.WARNING)


def test_too_large_uses_the_setting():
    with decks_in(CHECKS / "too_large", MAX_BYTES=200):
        (message,) = check_decks()
    assert (message.id, message.obj.line) == ("deck.E005", 1)
    with decks_in(CHECKS / "too_large"):
        assert check_decks() == []


def test_a_clean_deck_gives_no_message_at_all():
    with decks_in(CHECKS / "clean"):
        assert check_decks() == []
        assert run_check() == NO_ISSUES


def test_empty_bullets_and_missing_files_all_reported():
    with decks_in(CHECKS / "empty_bullet"):
        assert [(m.id, m.obj.line) for m in check_decks()] == [
            ("deck.W002", 4),
            ("deck.W002", 9),
        ]
    with decks_in(CHECKS / "missing_file"):
        assert [(m.id, m.obj.line) for m in check_decks()] == [
            ("deck.W004", 5),
            ("deck.W004", 9),
        ]


def test_static_links_are_checked_with_the_staticfiles_finders(tmp_path):
    (tmp_path / "deck.md").write_text(
        "# x\n\n![ok](/static/deck/deck.css)\n![no](/static/deck/nope.png)\n"
    )
    with decks_in(tmp_path):
        assert [(m.id, m.obj.line) for m in check_decks()] == [("deck.W004", 4)]


def test_manage_py_check_output_is_one_line_per_problem_with_its_hint():
    with decks_in(CHECKS / "unclosed_fence"):
        output = run_check()
    lines = output.splitlines()
    problem = next(line for line in lines if "deck.E003" in line)
    where, rest = problem.split(": ", 1)
    assert Path(where.rsplit(":", 1)[0]).resolve() == CHECKS / "unclosed_fence" / "deck.md"
    assert where.endswith("unclosed_fence/deck.md:7")
    assert rest.startswith("(deck.E003) code block opened with ``` is never closed")
    hint = lines[lines.index(problem) + 1]
    assert hint == "\tHINT: close it with a line of the same backticks or tildes"
    assert "ERRORS:" in output


def test_lesson_lines_sort_in_line_order_in_the_output():
    with decks_in(ROOT / "slides"):
        output = run_check()
    lines = [line for line in output.splitlines() if "(deck.W002)" in line]
    assert [line.split(":")[1] for line in lines] == [
        "067",
        "079",
        "086",
        "097",
        "107",
        "118",
        "125",
    ]
    assert "lesson-09-advanced-django.md:022: (deck.W005) <subcommand>" in output


def test_deck_errors_do_not_fail_check_by_default_but_do_at_warning_level():
    # runserver fails to start on a serious message; one bad deck must not
    # stop the others from being served.
    with decks_in(CHECKS / "binary"):
        assert "deck.E002" in run_check()
        with pytest.raises(SystemCheckError, match="deck.E002"):
            run_check("--fail-level", "WARNING")


def test_checks_can_be_run_alone_by_tag_and_silenced_by_id():
    with decks_in(CHECKS / "mojibake"):
        assert "deck.W001" in run_check("--tag", "decks")
        with override_settings(SILENCED_SYSTEM_CHECKS=["deck.W001"]):
            assert run_check() == "System check identified no issues (1 silenced).\n"


def test_check_of_other_apps_skips_the_decks():
    with decks_in(CHECKS / "binary"):
        assert run_check("staticfiles") == NO_ISSUES


def test_missing_slides_folder_is_no_crash(tmp_path):
    with decks_in(tmp_path / "nowhere"):
        assert check_decks() == []


def test_runserver_reports_problems_at_start_and_serves_anyway(tmp_path, deck_server):
    slides = tmp_path / "slides"
    shutil.copytree(CHECKS / "unclosed_fence", slides)
    shutil.copy(ROOT / "slides" / "lesson-09-advanced-django.md", slides)
    server = deck_server(slides)
    import urllib.request

    with urllib.request.urlopen(server.url + "/lesson-09-advanced-django/") as response:
        assert response.status == 200
    output = server.output()
    assert "deck.md:7: (deck.E003)" in output
    assert "lesson-09-advanced-django.md:067: (deck.W002)" in output


def test_a_failing_check_never_stops_the_server(monkeypatch):
    import deck.checks.system

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(deck.checks.system, "lint_folder", broken)
    (message,) = deck.checks.system.check_decks()
    assert message.id == "deck.W000" and "boom" in message.msg
    assert not message.is_serious()


def test_element_comments_under_items_keep_lines_for_the_checks(tmp_path):
    from deck.checks.analysis import lint_text

    text = '* a\n<!-- .element: class="fragment" -->\n*\n'
    (problem,) = lint_text(text, tmp_path / "d.md")
    assert problem.id == "W002" and problem.line == 3


@pytest.fixture
def analyses(monkeypatch):
    """Counts the decks read through by the checks (not found in the cache)."""
    import deck.checks.system

    calls = []
    analyse = deck.checks.system.analyse_bytes

    def counting(data, path, root):
        calls.append(path.name)
        return analyse(data, path, root)

    monkeypatch.setattr(deck.checks.system, "analyse_bytes", counting)
    return calls


def test_an_unchanged_deck_is_read_through_once(tmp_path, analyses):
    (tmp_path / "talk.md").write_text("# Talk\n\n*\n\n![a picture](img/pic.png)\n")
    with decks_in(tmp_path):
        first = [(m.id, m.obj.line) for m in check_decks()]
        second = [(m.id, m.obj.line) for m in check_decks()]
    assert first == second == [("deck.W002", 3), ("deck.W004", 5)]
    assert analyses == ["talk.md"]


def test_files_named_by_a_cached_deck_are_looked_at_every_time(tmp_path, analyses):
    (tmp_path / "talk.md").write_text("# Talk\n\n![a picture](img/pic.png)\n")
    (tmp_path / "img").mkdir()
    with decks_in(tmp_path):
        assert [m.id for m in check_decks()] == ["deck.W004"]
        (tmp_path / "img" / "pic.png").write_bytes(b"\x89PNG")
        assert check_decks() == []
        (tmp_path / "img" / "pic.png").unlink()
        assert [m.id for m in check_decks()] == ["deck.W004"]
    assert analyses == ["talk.md"]


def test_an_edit_or_a_new_options_file_is_read_through_again(tmp_path, analyses):
    deck = tmp_path / "talk.md"
    deck.write_text("# Talk\n\n---\n\n*\n")
    with decks_in(tmp_path):
        assert [(m.id, m.obj.line) for m in check_decks()] == [("deck.W002", 5)]
        deck.write_text("# Talk\n\n---\n\n* \n")
        assert [(m.id, m.obj.line) for m in check_decks()] == [("deck.W002", 5)]
        # With "===" as the separator, "---" under "# Talk" is a heading rule
        # and the empty bullet is on the same slide: still line 5, read anew.
        (tmp_path / "reveal-md.json").write_text('{"separator": "^===$", "theme": "nosuch"}')
        assert {m.id for m in check_decks()} == {"deck.W002", "deck.W008"}
    assert analyses == ["talk.md", "talk.md", "talk.md"]
