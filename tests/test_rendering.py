"""Markdown to slide HTML: one behaviour per test, source in, HTML out.

Each fidelity rule of the lesson is here: what the author typed is what the
slide shows.
"""

from __future__ import annotations

import re

import pytest

from deck.core.splitter import split
from deck.render.slides import markdown_to_html, render_slide, wrap_stack


def assert_renders(source: str, expected: str) -> None:
    assert markdown_to_html(source) == expected


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_text_that_looks_like_a_tag_stays_literal():
    assert_renders("* help <subcommand>", "<ul>\n<li>help &lt;subcommand&gt;</li>\n</ul>")


@pytest.mark.parametrize("source", ["<Foo>", "</bar>", "<my-element>", "<subcommand arg>"])
def test_unknown_tags_are_text(source):
    assert text_of(markdown_to_html(f"before {source} after")) == f"before {source} after"


def test_real_html_elements_still_work():
    assert_renders(
        'line<br>two <span class="x">s</span> <img src="a.png" alt="a">',
        '<p>line<br>two <span class="x">s</span> <img src="a.png" alt="a"></p>',
    )


def test_block_html_still_works():
    assert_renders('<div class="box">\nhi\n</div>', '<div class="box">\nhi\n</div>')


def test_ampersand_underscores_and_stars_stay_literal():
    assert_renders(
        "cc&20!4@ pre_init post_save m2m_changed 2 * 3 * 4",
        "<p>cc&amp;20!4@ pre_init post_save m2m_changed 2 * 3 * 4</p>",
    )


def test_emphasis_still_works():
    assert_renders("*em* **strong** _em_", "<p><em>em</em> <strong>strong</strong> <em>em</em></p>")


@pytest.mark.parametrize("indent", [2, 4])
def test_sub_bullets_nest_at_two_or_four_spaces(indent):
    pad = " " * indent
    assert_renders(
        f"* createsuperuser\n{pad}* Generate a superuser\n* changepassword",
        "<ul>\n<li>createsuperuser<ul>\n<li>Generate a superuser</li>\n</ul>\n</li>\n"
        "<li>changepassword</li>\n</ul>",
    )


def test_three_levels_at_two_spaces():
    html = markdown_to_html("* a\n  * b\n    * c\n* d")
    assert html.count("<ul>") == 3
    assert re.search(r"<li>b<ul>\n<li>c</li>", html)


def test_lone_star_is_an_empty_bullet_not_a_stray_asterisk():
    html = markdown_to_html("* Provide a faster delivery\n*")
    assert html.count("<li>") == 2
    assert "*" not in text_of(html)
    assert "<li>Provide a faster delivery</li>" in html


def test_star_with_trailing_space_is_an_empty_bullet():
    assert markdown_to_html("* Automate tasks\n* ").count("<li>") == 2


def test_ordered_lists_nest_too():
    html = markdown_to_html("1. one\n   1. sub\n2. two")
    assert html.count("<ol>") == 2


def test_fenced_code_is_highlighted_and_escaped():
    html = markdown_to_html("```python\nif a < b and c & d:\n    pass\n```")
    assert 'class="highlight language-python"' in html
    assert "&lt;" in html and "&amp;" in html
    assert text_of(html).strip() == "if a < b and c & d:\n    pass"


def test_fence_highlighted_lines():
    html = markdown_to_html("```python {2,4-5}\na=1\nb=2\nc=3\nd=4\ne=5\n```")
    highlighted = re.findall(r'<span class="line hll">(.*?)\n</span>', html, re.S)
    assert [text_of(h) for h in highlighted] == ["b=2", "d=4", "e=5"]


def test_fence_line_numbers():
    html = markdown_to_html("```python linenos\na = 1\nb = 2\n```")
    assert re.findall(r'<span class="linenos">\s*(\d+)</span>', html) == ["1", "2"]


def test_reveal_style_brackets_mean_numbers_and_highlight():
    html = markdown_to_html("```js [2]\nlet a;\nlet b;\n```")
    assert 'class="linenos"' in html and 'class="line hll"' in html


def test_unknown_language_falls_back_to_plain_escaped_text():
    html = markdown_to_html("```nosuchlanguage\n<b>not bold</b> & more\n```")
    assert "<b>" not in html
    assert text_of(html).strip() == "<b>not bold</b> & more"


def test_many_fences_come_back_in_place_as_superfences_would_put_them():
    # LinearFencesPreprocessor replaces superfences' quadratic reassemble only.
    from pymdownx.superfences import SuperFencesBlockPreprocessor

    from deck.render.extensions.fences import LinearFencesPreprocessor
    from deck.render.slides import build_markdown

    ours, stock = build_markdown(), build_markdown()
    linear = stock.preprocessors["fenced_code_block"]
    assert type(linear) is LinearFencesPreprocessor
    plain = SuperFencesBlockPreprocessor(stock)
    plain.config, plain.extension = linear.config, linear.extension
    stock.preprocessors.register(plain, "fenced_code_block", 25)
    source = "".join(
        f"text {n}\n\n```py\nx = {n}\n```\n\n* item\n\n  ~~~\n  {n}\n  ~~~\n" for n in range(50)
    )
    html = ours.convert(source)
    assert html == stock.convert(source)
    assert html.count('class="highlight') == 100


def test_fence_inside_a_list_item_stays_in_the_item():
    html = markdown_to_html("* step\n\n  ```python\n  x = 1\n  ```\n\n* next")
    item = re.search(r"<li>(.*?)</li>", html, re.S).group(1)
    assert "highlight" in item


def test_element_comment_applies_to_the_element_before_it():
    assert_renders(
        '* item <!-- .element: class="fragment" -->\n* two',
        '<ul>\n<li class="fragment">item</li>\n<li>two</li>\n</ul>',
    )


def test_element_comment_on_its_own_line_applies_to_the_block_before():
    assert_renders(
        'Para\n\n<!-- .element: class="fragment" data-x="1" -->',
        '<p class="fragment" data-x="1">Para</p>',
    )


def test_element_comment_after_image_applies_to_the_image():
    html = markdown_to_html('![pic](a.png) <!-- .element: class="fragment" -->')
    assert re.search(r'<img[^>]*class="fragment"', html)
    assert "<!--" not in html


def test_element_class_is_added_to_existing_class():
    html = markdown_to_html('```python\nx\n```\n<!-- .element: class="fragment" -->')
    assert 'class="highlight language-python fragment"' in html


def test_tables_render():
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | & |")
    assert "<table>" in html and "<td>&amp;</td>" in html


def test_render_slide_adds_attributes_notes_and_line():
    slide = split('<!-- .slide: data-background="#123" -->\n# Hi\nNote: say <b>hi</b>').slides[0]
    html = render_slide(slide)
    assert html.startswith('<section data-line="1" data-background="#123">')
    assert '<aside class="notes"><p>say <b>hi</b></p></aside>' in html


def test_attribute_values_are_escaped():
    slide = split("<!-- .slide: title='a\"b<c' -->\nx").slides[0]
    assert 'title="a&quot;b&lt;c"' in render_slide(slide)


def test_vertical_stack_is_a_section_of_sections():
    deck = split("# A\n----\n# B")
    html = wrap_stack([render_slide(s) for s in deck.stacks[0]])
    assert html.startswith("<section>\n<section") and html.count("<section") == 3


def test_rendering_is_repeatable():
    source = '* a\n  * b\n\n```python {1}\nx\n```\n<!-- .element: class="f" -->'
    assert markdown_to_html(source) == markdown_to_html(source)


def test_every_word_of_the_lesson_reaches_the_html(lesson_text):
    deck = split(lesson_text)
    for slide in deck.slides:
        seen = text_of(markdown_to_html(slide.body))
        for word in re.findall(r"[^\s*#]+", slide.body):
            assert word in seen, f"slide {slide.number}: {word!r} missing"


def test_element_comment_under_an_item_belongs_to_the_item():
    # As reveal.js's own Markdown reads it: one list, the class on each item.
    assert_renders(
        '* first\n<!-- .element: class="fragment" -->\n* second\n'
        '<!-- .element: class="fragment" -->',
        '<ul>\n<li class="fragment">first</li>\n<li class="fragment">second</li>\n</ul>',
    )
