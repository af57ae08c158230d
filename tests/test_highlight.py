"""The one highlighter, and the {% highlight %} tag that shares it."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError

from deck.render.highlight import highlight, parse_line_spec, style_css
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
