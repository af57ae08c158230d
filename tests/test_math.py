"""Math and diagrams in the renderer and the checks: which text is a formula,
which stays text, and that a formula reaches the page exactly as typed."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from deck.checks import analysis
from deck.render.slides import markdown_to_html

FORMULA = re.compile(r'<(span|div) class="arithmatex[^"]*">(.*?)</\1>', re.DOTALL)


def formulas(text: str) -> list[str]:
    """The TeX the browser's math.js is given, as it reads it (text content)."""
    return [html.unescape(body) for _, body in FORMULA.findall(markdown_to_html(text))]


def assert_renders(source: str, expected: str) -> None:
    assert markdown_to_html(source) == expected


# -- what is a formula -------------------------------------------------------------


def test_inline_dollars_and_parentheses():
    assert_renders(
        r"Euler: $e^{i\pi}+1=0$ and \(a_b\).",
        '<p>Euler: <span class="arithmatex">\\(e^{i\\pi}+1=0\\)</span> and '
        '<span class="arithmatex">\\(a_b\\)</span>.</p>',
    )


def test_display_dollars_on_their_own_lines():
    assert_renders(
        "$$\n\\sum_{i=1}^n i\n$$",
        '<div class="arithmatex">\\[\n\\sum_{i=1}^n i\n\\]</div>',
    )


def test_display_brackets_on_their_own_line():
    assert formulas(r"\[x^2\]") == [r"\[x^2\]"]
    assert '<div class="arithmatex">' in markdown_to_html(r"\[x^2\]")


def test_display_math_inside_a_sentence():
    source = r"so $$x^2$$ holds, as does \[y_1\] here"
    assert formulas(source) == [r"\[x^2\]", r"\[y_1\]"]
    assert "deck-math-display" in markdown_to_html(source)
    assert "$" not in markdown_to_html(source)


def test_math_fence_is_one_display_formula():
    assert formulas("```math\nx = \\frac{1}{2}\n```") == ["\\[\nx = \\frac{1}{2}\n\\]"]


# -- dollars that are not math -------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "It costs $5 and $10.",
        "$ ls -la",
        "Run `$ echo $HOME` and `$x$`",
        r"An escaped \$5 and \$6",
        "    $x$ is indented code",
        "```bash\n$ echo $x$\n```",
        "~~~\n$$\nx\n$$\n~~~",
    ],
)
def test_dollars_that_stay_text(source):
    assert formulas(source) == []


def test_prices_keep_their_dollars_as_typed():
    assert_renders("It costs $5 and $10.", "<p>It costs $5 and $10.</p>")


def test_escaped_dollar_is_a_dollar_next_to_a_formula():
    assert_renders(
        r"\$5, then $x$",
        '<p>$5, then <span class="arithmatex">\\(x\\)</span></p>',
    )


def test_dollars_in_code_stay_code():
    out = markdown_to_html("`$x$` and\n\n```\n$y$\n```")
    assert "<code>$x$</code>" in out
    assert "$y$" in out
    assert "arithmatex" not in out


# -- where formulas sit ---------------------------------------------------------------


def test_math_in_list_items():
    source = "- first $a_1$\n- second\n\n    $$\n    b_2\n    $$\n"
    # Whitespace in TeX means nothing: the list's indentation may stay.
    assert [" ".join(tex.split()) for tex in formulas(source)] == [r"\(a_1\)", r"\[ b_2 \]"]
    assert markdown_to_html(source).count("<li>") == 2


def test_math_in_table_cells():
    out = markdown_to_html("| n | cost |\n|---|---|\n| $n$ | $O(n \\log n)$ |\n")
    assert '<td><span class="arithmatex">\\(O(n \\log n)\\)</span></td>' in out


# -- fidelity: the formula as typed ------------------------------------------------------


@pytest.mark.parametrize(
    "source, tex",
    [
        ("$a<b$ and more", r"\(a<b\)"),
        ("$$x<y \\& z_1$$", "\\[x<y \\& z_1\\]"),
        ("so $$x < y_1 & z$$ holds", "\\[x < y_1 & z\\]"),
        ("$$\na<b & c_{ij}\n$$", "\\[\na<b & c_{ij}\n\\]"),
        ("```math\na<b & c_1\n```", "\\[\na<b & c_1\n\\]"),
        ("- item $h_{i}<a_j$", r"\(h_{i}<a_j\)"),
        ("$a_1 * b_2 * c_3$ and _x_", r"\(a_1 * b_2 * c_3\)"),
    ],
)
def test_formula_with_less_than_ampersand_and_underscore_is_kept(source, tex):
    assert formulas(source) == [tex]


def test_text_beside_a_formula_keeps_its_tags_rule():
    # A stray '<' outside any formula's paragraph is still escaped text.
    out = markdown_to_html("$x$\n\na <b c")
    assert "a &lt;b c" in out


# -- diagrams ---------------------------------------------------------------------------------


def test_mermaid_fence_keeps_its_source_as_text():
    assert_renders(
        "```mermaid\ngraph TD\n  A-->B<C & D\n```",
        '<pre class="deck-diagram" data-diagram="mermaid">graph TD\n  A--&gt;B&lt;C &amp; D</pre>',
    )


def test_mermaid_fence_in_a_list_item():
    out = markdown_to_html("- steps:\n\n    ```mermaid\n    graph LR\n      a-->b\n    ```\n")
    assert '<pre class="deck-diagram" data-diagram="mermaid">graph LR\n  a--&gt;b</pre>' in out


# -- hand-written MathML ----------------------------------------------------------------


def test_hand_written_mathml_passes_through():
    source = "Area: <math><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math>"
    assert_renders(source, "<p>Area: <math><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math></p>")


# -- the checks ----------------------------------------------------------------------------


def lint(text: str) -> list[tuple[str, int]]:
    return [(p.id, p.line) for p in analysis.lint_text(text, Path("/nonexistent/deck.md"))]


def test_math_and_mermaid_fences_are_known_languages():
    text = "```math\nx\n```\n\n```mermaid\ngraph TD\n```\n\n```Mathx\ny\n```\n"
    assert lint(text) == [("W003", 9)]


def test_hand_written_mathml_is_no_literal_tag():
    text = (
        "<math display='block'><mfrac><mi>a</mi><mn>2</mn></mfrac>"
        "<annotation-xml encoding='x'></annotation-xml></math>\n\nbut <nonsense>\n"
    )
    assert lint(text) == [("W005", 3)]
