"""``{% load deck %}``: code highlighting and the site's URLs in templates.

The same highlighter as the Markdown code fences (:mod:`deck.render.highlight`).

The URL tags (``asset_url``, ``pygments_css_url``, ``deck_url``,
``index_url``) let one template draw both a served page and an exported one:
served, they answer with ``static()`` and ``reverse()``; when the context
holds ``site_links`` (the export's :class:`deck.export.relative_urls.ExportLinks`),
with the relative URLs of the static site.
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from deck import conf
from deck.render import line_specs
from deck.render.highlight import highlight

register = template.Library()

SYNTAX = (
    '{% highlight "language" [lines="2,4-5" | lines="1-2|3" | lines="10: 1,3"] [linenos] %}'
    "code{% endhighlight %}"
)


class HighlightNode(template.Node):
    def __init__(self, nodelist, language, lines, linenos):
        self.nodelist = nodelist
        self.language = language
        self.lines = lines
        self.linenos = linenos

    def render(self, context) -> str:
        # The code is highlighted (and so escaped) once, by Pygments: render
        # the body unescaped so that '<' does not arrive as '&amp;lt;'.
        autoescape, context.autoescape = context.autoescape, False
        try:
            code = self.nodelist.render(context)
        finally:
            context.autoescape = autoescape
        language = str(self.language.resolve(context) or "")
        spec = str(self.lines.resolve(context) or "") if self.lines else ""
        code = code.strip("\n")
        try:
            # The fences' grammar (deck.render.line_specs), bounded by the code.
            steps = line_specs.parse(spec).clipped(code.count("\n") + 1) if spec else None
        except ValueError:
            steps = None  # a template's odd value never breaks the page
        # Safe: Pygments escapes every character of the code it formats.
        return mark_safe(highlight(code, language, spec=steps, linenos=self.linenos))


@register.tag(name="highlight")
def do_highlight(parser, token):
    """Highlight the enclosed code with Pygments.

    Syntax::

        {% highlight "python" %}def f(): ...{% endhighlight %}
        {% highlight language lines="2,4-5" linenos %}...{% endhighlight %}
        {% highlight "python" lines="1-2|3|5-7" %}...{% endhighlight %}   (steps)
        {% highlight "js" lines="123: 1,3-4" %}...{% endhighlight %}     (numbers from 123)
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'highlight' needs a language: {SYNTAX}")
    language = parser.compile_filter(bits[1])
    lines = None
    linenos = False
    for bit in bits[2:]:
        if bit == "linenos":
            linenos = True
        elif bit.startswith("lines="):
            lines = parser.compile_filter(bit[len("lines=") :])
        else:
            raise template.TemplateSyntaxError(f"'highlight' does not know {bit!r}: {SYNTAX}")
    nodelist = parser.parse(("endhighlight",))
    parser.delete_first_token()
    return HighlightNode(nodelist, language, lines, linenos)


class ServedLinks:
    """The URLs of a page the server draws (the export brings its own)."""

    exporting = False

    def asset(self, path: str) -> str:
        return static(path)

    def pygments_css(self, style: str) -> str:
        return reverse("pygments-css", args=[style])

    def deck(self, slug: str) -> str:
        return reverse("present", args=[slug])

    def index(self) -> str:
        return reverse("index")

    def slides_file(self, path: str) -> str:
        return reverse("slides-file", args=[path])

    def transcript(self, slug: str) -> str:
        return reverse("transcript", args=[slug])


SERVED_LINKS = ServedLinks()


def _links(context):
    return context.get("site_links") or SERVED_LINKS


@register.simple_tag(takes_context=True)
def asset_url(context, path: str) -> str:
    """``{% asset_url "reveal/dist/reveal.js" %}``: a file of the static folders."""
    return _links(context).asset(str(path))


@register.simple_tag(takes_context=True)
def pygments_css_url(context, style: str) -> str:
    """``{% pygments_css_url highlight_style %}``: the code colours' stylesheet."""
    return _links(context).pygments_css(str(style))


@register.simple_tag(takes_context=True)
def deck_url(context, slug: str) -> str:
    """``{% deck_url item.slug %}``: the page that presents a deck."""
    return _links(context).deck(str(slug))


@register.simple_tag(takes_context=True)
def link_url(context, link) -> str:
    """``{% link_url theme_link %}``: a stylesheet the deck's options name
    (:class:`deck.pages.PageLink`): a static file, a file of the slides
    folder, or a remote URL kept as it is."""
    links = _links(context)
    if link.kind == "remote":
        return link.path
    if link.kind == "slides":
        return links.slides_file(link.path)
    return links.asset(link.path)


@register.simple_tag(takes_context=True)
def index_url(context) -> str:
    """``{% index_url %}``: the list of decks."""
    return _links(context).index()


@register.simple_tag(takes_context=True)
def transcript_url(context, slug: str) -> str:
    """``{% transcript_url deck.slug %}``: the deck's transcript page."""
    return _links(context).transcript(str(slug))


@register.simple_tag
def site_language() -> str:
    """``<html lang>`` of the pages that belong to no one deck (the index,
    error pages): the ``DECK_LANG`` every deck without a ``lang`` takes."""
    return conf.get("LANG")
