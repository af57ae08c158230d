"""The one highlighter, and the {% highlight %} tag that shares it."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError

from deck.render.highlight import highlight, line_ranges, parse_line_spec, style_css
from deck.render.slides import markdown_to_html


def render(template: str, **context) -> str:
    return Template("{% load deck %}" + template).render(Context(context))


def test_line_spec():
    assert parse_line_spec("2,4-5") == (2, 4, 5)
    assert parse_line_spec(" 7 ") == (7,)
    with pytest.raises(ValueError):
        parse_line_spec("two")


def test_tag_and_fence_give_the_same_html():
    code = "def f(x):\n    return x < 2"
    tag = render('{% highlight "python" %}' + code + "{% endhighlight %}")
    fence = markdown_to_html(f"```python\n{code}\n```")
    assert tag == fence == highlight(code, "python")


def test_tag_options_match_fence_options():
    code = "a = 1\nb = 2\nc = 3"
    tag = render('{% highlight "python" lines="2" linenos %}' + code + "{% endhighlight %}")
    fence = markdown_to_html(f"```python [2]\n{code}\n```")
    assert tag == fence


def test_tag_language_from_a_variable_and_body_escaped_once():
    html = render(
        "{% highlight lang %}{{ snippet }}{% endhighlight %}", lang="html", snippet="<b>&</b>"
    )
    assert "&amp;lt;" not in html
    assert "&lt;" in html and "&amp;" in html


def test_tag_unknown_language_is_plain_escaped_text():
    html = render('{% highlight "nope" %}<script>x</script>{% endhighlight %}')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_tag_without_language_shows_the_right_syntax():
    with pytest.raises(TemplateSyntaxError, match="highlight"):
        render("{% highlight %}x{% endhighlight %}")


def test_tag_rejects_unknown_option():
    with pytest.raises(TemplateSyntaxError, match="'bogus'"):
        render('{% highlight "python" bogus %}x{% endhighlight %}')


def test_style_css_is_generated_per_style():
    monokai, friendly = style_css("monokai"), style_css("friendly")
    assert ".reveal .highlight .k" in monokai
    assert monokai != friendly


def test_a_line_spec_is_bounded_by_the_block():
    assert parse_line_spec("2,4-999999999", 5) == (2, 4, 5)
    assert parse_line_spec("7-9", 5) == ()
    assert line_ranges("1-999999999,3") == [(1, 999999999), (3, 3)]


def test_a_fence_with_a_huge_line_spec_renders_its_block():
    # A billion lines named: only the block's own are highlighted, at once.
    html = markdown_to_html("```python {1-999999999}\na = 1\nb = 2\n```\n")
    assert html.count('class="line hll"') == 2 and "a" in html and "b" in html


def test_the_template_tag_bounds_its_line_spec_by_the_code():
    from django.template import Context, Template

    template = Template(
        '{% load deck %}{% highlight "python" lines="1-999999999" %}a = 1\nb = 2{% endhighlight %}'
    )
    assert template.render(Context()).count('class="line hll"') == 2
