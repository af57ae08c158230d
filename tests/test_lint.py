"""deck.checks: each check on a small deck, asserting id, file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deck.checks import analysis
from deck.checks.folder import lint_folder
from deck.checks.problems import ERROR, ERROR_IDS, WARNING
from deck.checks.text import without_code_spans
from deck.core.reading import parse

CHECKS = Path(__file__).resolve().parent / "fixtures" / "checks"
LESSON = Path(__file__).resolve().parent.parent / "slides" / "lesson-09-advanced-django.md"


def found(problems) -> list[tuple[str, str, int]]:
    return [(p.id, p.path.name, p.line) for p in problems]


def lint_text(text: str, name: str = "deck.md", folder: Path | None = None) -> list:
    return analysis.lint_text(text, (folder or Path("/nonexistent")) / name)


# -- one fixture folder per check -------------------------------------------------

FIXTURES = [
    ("not_utf8", [("E001", "cp1252.md", 3)]),
    ("utf16", [("E001", "utf16.md", 1)]),
    ("binary", [("E002", "picture.md", 1)]),
    ("unclosed_fence", [("E003", "deck.md", 7)]),
    ("front_matter", [("E004", "deck.md", 3)]),
    ("mojibake", [("W001", "deck.md", 3)]),
    ("empty_bullet", [("W002", "deck.md", 4), ("W002", "deck.md", 9)]),
    ("unknown_language", [("W003", "deck.md", 3)]),
    ("missing_file", [("W004", "deck.md", 5), ("W004", "deck.md", 9)]),
    ("literal_tag", [("W005", "deck.md", 4)]),
    ("not_served", [("W007", "my lesson.md", 1)]),
    ("clean", []),
]


@pytest.mark.parametrize(("folder", "expected"), FIXTURES, ids=[f for f, _ in FIXTURES])
def test_each_fixture_reports_exactly_its_problem(folder, expected):
    assert found(lint_folder(CHECKS / folder)) == expected


def test_levels_follow_the_ids():
    for folder, _ in FIXTURES:
        for problem in lint_folder(CHECKS / folder):
            assert problem.level == (ERROR if problem.id[0] == "E" else WARNING)
            assert problem.message and problem.hint


def test_too_large_is_refused_before_parsing():
    problems = lint_folder(CHECKS / "too_large", max_bytes=200)
    assert found(problems) == [("E005", "big.md", 1)]
    assert "over the limit of 200 bytes" in problems[0].message
    assert lint_folder(CHECKS / "too_large") == []


def test_not_utf8_hint_shows_the_line_as_windows_1252():
    (problem,) = lint_folder(CHECKS / "not_utf8")
    assert "0x97" in problem.message
    assert "Lesson Nine — Advanced Django Topics" in problem.hint


def test_mojibake_hint_shows_the_repaired_text():
    (problem,) = lint_folder(CHECKS / "mojibake")
    assert "â€”" in problem.message
    assert "Lesson Nine — Advanced Django Topics" in problem.hint


def test_unknown_language_suggests_the_close_name():
    (problem,) = lint_folder(CHECKS / "unknown_language")
    assert "'pyhton'" in problem.message
    assert "'python'" in problem.hint


def test_literal_tag_names_the_tag():
    (problem,) = lint_folder(CHECKS / "literal_tag")
    assert problem.message.startswith("<subcommand> ")


def test_front_matter_values_reveal_cannot_take():
    problems = lint_text("---\ntitle: x\nbad: !!binary aGVsbG8=\n---\n# x\n")
    assert [(p.id, p.line) for p in problems] == [("E004", 2)]
    assert "'bad'" in problems[0].message


def test_front_matter_alias_bomb_is_refused():
    rows = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        rows.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    problems = lint_text("\n".join([*rows, "---", "# x"]))
    assert [p.id for p in problems] == ["E004"]
    assert "YAML aliases" in problems[0].message


def test_front_matter_nested_too_deeply_is_an_error_not_a_crash():
    problems = lint_text("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n# x\n")
    assert [p.id for p in problems] == ["E004"]


def test_same_slug_differing_in_case(tmp_path):
    (tmp_path / "lesson.md").write_text("# One\n")
    (tmp_path / "Lesson.md").write_text("# Two\n")
    problems = lint_folder(tmp_path)
    assert found(problems) == [("W006", "lesson.md", 1)]
    assert "'Lesson.md'" in problems[0].message


def test_link_out_of_the_folder_is_not_a_deck(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("# secret\n")
    slides = tmp_path / "slides"
    slides.mkdir()
    os.symlink(outside, slides / "leak.md")
    os.symlink("real.md", slides / "alias.md")  # inside the folder: fine
    (slides / "real.md").write_text("# Real\n")
    problems = lint_folder(slides)
    assert found(problems) == [("W007", "leak.md", 1)]
    assert "outside the slides folder" in problems[0].message


def test_unreadable_file_is_an_error(tmp_path):
    folder = tmp_path / "folder.md"
    folder.mkdir()  # stat works, open fails, as for a file without read permission
    problems = analysis.lint_file(folder)
    assert found(problems) == [("E006", "folder.md", 1)]
    assert problems[0].message.startswith("cannot read the file")


# -- the checks one by one, on text -----------------------------------------------


def test_the_lesson_has_only_its_empty_bullets_and_literal_tag():
    problems = analysis.lint_file(LESSON)
    assert {p.id for p in problems} == {"W002", "W005"}
    assert [p.line for p in problems if p.id == "W002"] == [67, 79, 86, 97, 107, 118, 125]
    assert [p.line for p in problems if p.id == "W005"] == [22]


def test_empty_bullets_inside_code_are_code():
    assert lint_text("# x\n\n```\n* \n```\n\n    * \n") == []


def test_lone_dash_under_a_paragraph_is_a_heading_not_a_bullet():
    assert lint_text("Heading\n-\n") == []


def test_empty_ordered_item_and_nested_empty_bullet():
    problems = lint_text("1. one\n2.\n\n* a\n  *\n")
    assert [(p.id, p.line) for p in problems] == [("W002", 2), ("W002", 5)]


def test_empty_bullet_lines_count_across_front_matter_slides_and_notes():
    text = "---\ntitle: t\n---\n# One\n\n---\n\n* a\n* \n\nNote:\n* \n"
    assert [(p.id, p.line) for p in lint_text(text)] == [("W002", 9), ("W002", 12)]


def test_empty_bullets_in_slides_far_apart_and_several_in_one_slide():
    # Only slides holding a lone marker are re-indented (see
    # check_empty_bullets): each must still be found, and no other line.
    text = "* a\n*\n* \t\n\n---\n\n* b\n* -\n\n---\n\n# Three\n\n---\n\n  10.\n+\n"
    assert [(p.id, p.line) for p in lint_text(text)] == [
        ("W002", 2),
        ("W002", 3),
        ("W002", 16),
        ("W002", 17),
    ]


def test_vertical_slides_count_too():
    text = "# One\n\n----\n\n*\n"
    assert [(p.id, p.line) for p in lint_text(text)] == [("W002", 5)]


def test_fence_languages():
    text = "```python {2}\nx\ny\n```\n\n~~~ nosuchlang\nx\n~~~\n\n```\nplain\n```\n"
    assert [(p.id, p.line) for p in lint_text(text)] == [("W003", 6)]


def test_literal_tags_ignore_code_spans_autolinks_comments_and_real_elements():
    text = (
        "A `<a-b>` and ``x <c> y`` and <https://example.com> and <me@example.com>\n"
        "<!-- .element: class=\"fragment\" --> <br/> <span class='x'>s</span> </b>\n"
        "but <thing> and </Thing> and <my-element>\n"
    )
    problems = lint_text(text)
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [
        (3, "<thing>"),
        (3, "</Thing>"),
        (3, "<my-element>"),
    ]


def test_unmatched_backticks_do_not_hide_tags():
    assert [p.line for p in lint_text("a ` b <thing>\n")] == [1]


def test_without_code_spans_keeps_length():
    line = "a `x` b ``y ` z`` c ``` d"
    blanked = without_code_spans(line)
    assert len(blanked) == len(line)
    assert blanked == "a     b           c ``` d"


def test_links_to_pages_anchors_and_urls_are_not_files(tmp_path):
    text = (
        "[a](https://example.com) [b](#top) [c](/other/) [d](mailto:x@y.z) "
        "[e](//cdn.example.com/x.js) ![f](data:image/png;base64,AAAA)\n"
    )
    assert lint_text(text, folder=tmp_path) == []


def test_links_with_queries_fragments_and_escapes(tmp_path):
    (tmp_path / "my picture.png").write_bytes(b"x")
    text = "![a](my%20picture.png?v=2#frag) ![b](<my picture.png>)\n\n[c]: missing.pdf\n"
    problems = lint_text(text, folder=tmp_path)
    assert [(p.id, p.message) for p in problems] == [("W004", "'missing.pdf' does not exist")]


def test_static_links_are_asked_of_the_finder(tmp_path):
    path = tmp_path / "deck.md"
    text = "![a](/static/deck/deck.css) ![b](/static/nope.png)\n"

    def find(relative: str) -> bool:
        return relative == "deck/deck.css"

    problems = analysis.lint_text(text, path, find)
    assert [p.message for p in problems] == ["'/static/nope.png' does not exist"]


def test_links_to_other_decks(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n")
    text = "[next](other/) [up](../other/) [gone](missing/)\n"
    problems = lint_text(text, folder=tmp_path)
    assert [p.message for p in problems] == ["'missing/' does not exist"]


def test_mojibake_in_code_is_reported_too_and_plain_unicode_is_not():
    text = "# Café — naïve “quotes”\n\n```\nprint('cafÃ©')\n```\n"
    problems = lint_text(text)
    assert [(p.id, p.line) for p in problems] == [("W001", 4)]
    assert "café" in problems[0].hint


def test_mojibake_is_reported_even_when_the_deck_does_not_parse():
    problems = lint_text("# Lesson â€” one\n\n```\nunclosed\n")
    assert [(p.id, p.line) for p in problems] == [("W001", 1), ("E003", 3)]


def test_problems_come_in_line_order():
    text = "```nosuchlang\nx\n```\n\n* \n\nhelp <x>\n"
    assert [p.line for p in lint_text(text)] == [1, 5, 7]


def test_long_lines_are_shown_as_an_excerpt():
    text = "x" * 10_000 + " <thing> " + "y" * 10_000 + "\n"
    (problem,) = lint_text(text)
    assert len(problem.message) < 200


def test_parse_error_ids_match_library_errors():
    deck = parse("d", Path("d.md"), "# ok\n")
    assert deck.title == "ok"
    assert set(ERROR_IDS.values()) == {
        "E001",
        "E002",
        "E003",
        "E004",
        "E005",
        "E006",
        "E007",
        "E008",
    }


def test_a_flood_of_one_problem_is_listed_once_per_kind_with_a_count():
    text = "\n".join(["* "] * 100 + ["help <x>"] * 3)
    problems = lint_text(text)
    bullets = [p for p in problems if p.id == "W002"]
    assert [p.line for p in bullets] == [*range(1, 26), 26]
    assert bullets[-1].message == "and 75 more like this in the file, from this line on"
    assert [p.line for p in problems if p.id == "W005"] == [101, 102, 103]


def test_windows_line_endings_give_the_same_lines():
    problems = lint_text("# a\r\n\r\n* \r\nhelp <x>\r\n")
    assert [(p.id, p.line) for p in problems] == [("W002", 3), ("W005", 4)]


def test_every_message_quotes_the_reference_as_the_author_wrote_it(tmp_path):
    """A lesson copied from reveal-md's demo (``sub/deep/d.md``) into its own
    folder: links two folders up name files that are not there."""
    deep = tmp_path / "revealmd-demo-d" / "sub" / "deep"
    deep.mkdir(parents=True)
    (deep / "d.md").write_text(
        "# Deep\n\n"
        "* [Entirely different deck](../../a.md)\n"
        '* [Titled](../../a.md "A")\n'
        "* [Angled](<../../a b.md>)\n"
        '* <a href="../../a.md#/2">HTML</a> ![pic](./../../e%20f.png)\n\n'
        "[ref]: ../../r.md\n"
    )
    problems = [(p.line, p.message) for p in lint_folder(tmp_path) if p.id == "W004"]
    assert problems == [
        (3, "'../../a.md' does not exist"),
        (4, "'../../a.md' does not exist"),
        (5, "'../../a b.md' does not exist"),
        (6, "'./../../e%20f.png' does not exist"),
        (6, "'../../a.md#/2' does not exist"),
        (8, "'../../r.md' does not exist"),
    ]


def test_a_line_spec_past_the_block_is_w012_at_the_fence():
    text = "# Code\n\n```python {2,4-9}\na = 1\nb = 2\nc = 3\n```\n\n```js [1-2]\nx\ny\n```\n"
    problems = [p for p in lint_text(text) if p.id == "W012"]
    assert [(p.line, p.message) for p in problems] == [
        (3, "{2,4-9} names line 9, but the block has 3 lines: those lines are not highlighted")
    ]


def test_a_huge_line_spec_is_one_w012_and_costs_nothing():
    # The 40-byte deck that once built a list of a billion line numbers.
    (problem,) = [p for p in lint_text("```python {1-999999999}\nx = 1\n```\n") if p.id == "W012"]
    assert problem.line == 1 and "999999999" in problem.message and "1 line:" in problem.message


def test_a_nul_byte_after_the_first_8_kb_is_e002_at_its_line(tmp_path):
    deck = tmp_path / "half.md"
    text = "# Half saved\n\n" + "words and more words\n" * 600  # about 12 KB of text
    deck.write_bytes(text.encode() + b"tail\x00\x00\x00 of a binary\n")
    (problem,) = analysis.lint_file(deck)
    assert (problem.id, problem.line) == ("E002", 603) and "NUL" in problem.message
