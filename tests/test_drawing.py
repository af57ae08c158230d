"""deck.core.drawing: where an undrawable formula or diagram was typed."""

from __future__ import annotations

from deck.core.drawing import DrawingProblem, file_line, format_problem, source_line

LINES = [
    "# Title",  # 1
    "",
    "Before $\\frac{a}{$ after",  # 3
    "---",
    "## Diagram",  # 5
    "```mermaid",
    "flowchart LR",  # 7
    "  A --> B -->",
    "  nonsense (((",  # 9
    "```",
]


def problem(kind: str, line: int, source: str, message: str = "bad") -> DrawingProblem:
    return DrawingProblem.from_page(
        {"kind": kind, "line": line, "slide": "1", "source": source, "message": message}
    )


def test_formula_found_on_its_line_from_the_slide_start():
    assert source_line(LINES, 1, "\\frac{a}{") == 3


def test_diagram_line_counts_mermaids_line_from_the_first_source_line():
    found = problem("diagram", 5, "flowchart LR\n  A --> B -->\n  nonsense (((", "on line 3: x")
    assert file_line(found, LINES) == 9


def test_source_not_found_falls_back_to_the_slide_line():
    assert source_line(LINES, 5, "\\not-there") == 5
    assert source_line(LINES, None, "") is None


def test_the_report_line_names_file_line_slide_source_and_message():
    text = format_problem(problem("formula", 1, "\\frac{a}{", "KaTeX parse\nerror"), "d.md", LINES)
    assert text == "d.md:3: slide 1: formula '\\frac{a}{' cannot be drawn: KaTeX parse error"


def test_a_long_source_is_cut_in_the_report():
    text = format_problem(problem("formula", 1, "x" * 200), "d.md", LINES)
    assert "x" * 57 + "..." in text and "x" * 58 not in text
