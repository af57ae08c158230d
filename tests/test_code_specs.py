"""Code blocks as reveal.js writes them: line specs with steps and offsets,
tabs kept as typed, the line colours of every style, the deck's code options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from pygments.styles import get_all_styles

from deck.checks.analysis import lint_text
from deck.core.code_options import code_options
from deck.render import code_colours, line_specs
from deck.render.highlight import highlight, style_css
from deck.render.line_specs import ALL, LineSpec
from deck.render.slides import markdown_to_html

FIVE = "a = 1\nb = 2\nc = 3\nd = 4\ne = 5"


def fence(info: str, code: str = FIVE, language: str = "python") -> str:
    return markdown_to_html(f"```{language} {info}\n{code}\n```\n")


def lines(html: str) -> list[tuple[str, str]]:
    """Each wrapped line's class and text (line numbers left out)."""
    found = re.findall(r'<span class="(line(?: hll)?)">(.*?)\n</span>', html, re.S)
    return [
        (css, re.sub(r"<[^>]+>", "", re.sub(r'<span class="linenos">.*?</span>', "", body)))
        for css, body in found
    ]


def highlighted(html: str) -> list[str]:
    return [text for css, text in lines(html) if css == "line hll"]


def numbers(html: str) -> list[str]:
    return [n.strip() for n in re.findall(r'<span class="linenos">(.*?)</span>', html)]


def steps_markers(html: str) -> int:
    return html.count('class="fragment deck-code-step"')


# ---- the grammar ----


@pytest.mark.parametrize(
    ("text", "steps", "start"),
    [
        ("2,4-5", (((2, 2), (4, 5)),), None),
        ("1-2|3|5-7", (((1, 2),), ((3, 3),), ((5, 7),)), None),
        ("123: 1,3-4", (((1, 1), (3, 4)),), 123),
        ("456:", ((),), 456),
        ("10: 1|2-3", (((1, 1),), ((2, 3),)), 10),
        ("|2", ((), ((2, 2),)), None),
        ("2|", (((2, 2),), ()), None),
        ("*|1", (ALL, ((1, 1),)), None),
        (" 1 - 2 | 3 ", (((1, 2),), ((3, 3),)), None),  # reveal.js drops all whitespace
    ],
)
def test_every_spec_form_parses_as_reveal_js_reads_it(text, steps, start):
    assert line_specs.parse(text) == LineSpec(steps, start)


@pytest.mark.parametrize("text", ["1-2|x", "1,,2", "a", "1-", "-3", "1:2:3", "**"])
def test_a_malformed_spec_is_a_value_error_naming_the_bad_part(text):
    with pytest.raises(ValueError, match="not a line or a range"):
        line_specs.parse(text)


def test_lines_in_a_step_cost_the_block_not_the_spec():
    assert line_specs.lines_in(((2, 3), (1, 999_999_999)), 4) == [True] * 4
    assert line_specs.lines_in(((3, 3),), 4) == [False, False, True, False]
    assert line_specs.lines_in(((9, 12),), 4) == [False] * 4
    assert line_specs.lines_in(ALL, 2) == [True, True]


# ---- the renderer ----


def test_steps_are_one_block_with_the_first_step_highlighted_and_a_fragment_per_step():
    html = fence("[1-2|3|5-7]")
    assert html.count("<pre>") == 1  # one block, whatever the steps
    assert highlighted(html) == ["a = 1", "b = 2"]
    assert 'data-steps="1-2|3|5"' in html  # 5-7 is clipped to the block's 5 lines
    assert steps_markers(html) == 2
    assert numbers(html) == ["1", "2", "3", "4", "5"]  # brackets: line numbers


def test_the_brace_form_steps_without_numbers():
    html = fence("{1-2|3}")
    assert highlighted(html) == ["a = 1", "b = 2"] and steps_markers(html) == 1
    assert numbers(html) == []


def test_numbers_from_any_line_highlight_the_blocks_own_lines():
    html = fence("[123: 1,3-4]", language="js")
    assert numbers(html) == ["123", "124", "125", "126", "127"]
    assert highlighted(html) == ["a = 1", "c = 3", "d = 4"]
    assert steps_markers(html) == 0 and "has-highlights" in html


def test_an_offset_alone_numbers_and_highlights_nothing():
    html = fence("[456:]", language="js")
    assert numbers(html)[0] == "456" and highlighted(html) == []
    assert "has-highlights" not in html and steps_markers(html) == 0


def test_an_offset_with_steps():
    html = fence("[10: 1|2-3]")
    assert numbers(html)[0] == "10" and highlighted(html) == ["a = 1"]
    assert steps_markers(html) == 1 and 'data-steps="1|2-3"' in html


def test_an_empty_step_dims_nothing_and_a_star_highlights_everything():
    empty_first = fence("{|2}")
    assert highlighted(empty_first) == [] and "has-highlights" not in empty_first
    assert steps_markers(empty_first) == 1
    star = fence("{*|2}")
    assert len(highlighted(star)) == 5 and 'data-steps="*|2"' in star


def test_a_step_past_the_end_stays_a_step():
    # The presenter presses as often as the author wrote steps.
    html = fence("[1|9]")
    assert steps_markers(html) == 1 and 'data-steps="1|"' in html


def test_a_malformed_spec_shows_the_code_unhighlighted():
    html = fence("[1-2|x]")
    assert "a = 1" in re.sub(r"<[^>]+>", "", html)
    assert highlighted(html) == [] and steps_markers(html) == 0


def test_superfences_attribute_lists_are_not_line_specs():
    assert "deck-code" not in fence("{.python}")


def test_the_template_tag_takes_the_same_specs():
    code = "a = 1\nb = 2\nc = 3"
    for spec, info in [("1-2|3", "{1-2|3}"), ("10: 1|2", "[10: 1|2]")]:
        template = Template(
            '{% load deck %}{% highlight "python" lines="'
            + spec
            + '" %}'
            + code
            + "{% endhighlight %}"
        )
        assert template.render(Context()) == fence(info, code)


def test_no_span_for_whitespace():
    html = highlight("def f(x):\n    return x\n", "python")
    assert 'class="w"' not in html and "    " in html


# ---- tabs ----


def test_a_tab_in_fenced_code_stays_a_tab():
    html = markdown_to_html("```make\nall:\n\tcc -o x x.c\n```\n")
    assert "\tcc -o x x.c" in html


def test_a_tab_in_numbered_fenced_code_stays_a_tab():
    html = markdown_to_html("```go [2]\nfunc f() {\n\treturn\n}\n```\n")
    assert lines(html)[1] == ("line hll", "\treturn")


def test_a_tab_in_indented_code_stays_a_tab_past_the_indent():
    html = markdown_to_html("Text\n\n\tall:\n\t\tcc x.c\n")
    assert "<pre><code>all:\n\tcc x.c\n</code></pre>" in html


def test_a_tab_in_raw_pre_stays_a_tab():
    assert "<pre>\ta\tb</pre>" in markdown_to_html("<pre>\ta\tb</pre>\n")


def test_tabs_that_indent_a_list_are_still_markdown():
    html = markdown_to_html("* one\n\t* two\n")
    assert html.count("<ul>") == 2 and "\t" not in html


def test_a_slide_holding_the_placeholder_keeps_every_character():
    html = markdown_to_html("```\na\x1fb\n\tc\n```\n")
    assert "a\x1fb" in html


# ---- checks (deck.W012) ----


def w012(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in lint_text(text, Path("/x/deck.md")) if p.id == "W012"]


def test_w012_names_a_step_past_the_end_at_its_fence():
    (problem,) = w012("# Code\n\n```python [1|2|7]\na\nb\n```\n")
    assert problem == (
        3,
        "[1|2|7] names line 7, but the block has 2 lines: those lines are not highlighted",
    )


def test_w012_counts_lines_from_the_first_whatever_the_offset():
    assert w012("```js [100: 1-2]\na\nb\n```\n") == []
    ((line, message),) = w012("```js [100: 3]\na\nb\n```\n")
    assert line == 1 and "names line 3" in message


def test_w012_says_a_spec_cannot_be_read():
    ((line, message),) = w012("text\n\n```python {1-2|two}\na\nb\n```\n")
    assert line == 3 and "{1-2|two} cannot be read as a line spec" in message and "'two'" in message


def test_w012_is_quiet_for_good_specs():
    assert w012("```py [|*|1-2]\na\nb\n```\n\n```py {.python}\nx\n```\n") == []


# ---- the deck's code options ----


def test_code_options_from_front_matter():
    assert code_options({}) == {"tabSize": 4, "copyButton": True}
    assert code_options({"tab_size": 8, "copy_button": False}) == {
        "tabSize": 8,
        "copyButton": False,
    }
    assert code_options({"tab_size": "abc", "copy_button": "off"}) == {
        "tabSize": 4,
        "copyButton": False,
    }
    assert code_options({"tab_size": 0})["tabSize"] == 4


# ---- colours: a highlighted line stands out in every style ----

MARGIN_FLOOR = 2.0  # a highlighted line has at least twice a dimmed line's contrast
HIGHLIGHTED_FLOOR = 3.0  # and can be read from the back of the room


@pytest.mark.parametrize("style", sorted(get_all_styles()))
def test_every_style_shows_highlighted_lines_by_a_clear_margin(style):
    figures = code_colours.figures(style)
    assert figures.margin >= MARGIN_FLOOR, figures
    assert figures.highlighted >= HIGHLIGHTED_FLOOR, figures
    assert figures.dimmed >= code_colours.DIM_FLOOR - 0.01, figures  # dimmed, still legible
    # At least as clear as reveal.js's own look, unless dimming more would
    # make the dimmed lines unreadable.
    at_floor = figures.dimmed < code_colours.DIM_FLOOR + 0.1
    assert figures.margin >= figures.reveal - 0.05 or at_floor, figures
    css = style_css(style)
    assert f"opacity: {figures.dim_opacity};" in css and figures.band in css


def test_styles_that_leave_the_text_colour_to_the_page_get_one():
    # On a dark reveal.js theme that was white text on a white block.
    assert ".reveal .highlight { color: #000000; }" in style_css("default")
