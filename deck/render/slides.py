"""Slides' Markdown to reveal.js HTML.

Pure Python: takes :class:`deck.core.splitter.Slide` objects and returns HTML. One
Python-Markdown instance per thread is built once and reset between uses
(building one builds every registry; an instance is not thread-safe).
"""

from __future__ import annotations

import html
import threading

import markdown
from markdown.extensions import Extension

from deck.core.splitter import Slide
from deck.render.extensions.deadline import DeadlineExtension
from deck.render.extensions.element_attrs import ElementAttributesExtension
from deck.render.extensions.fences import FencesExtension
from deck.render.extensions.inline_budget import InlineBudgetExtension
from deck.render.extensions.linear_blocks import LinearBlocksExtension
from deck.render.extensions.linear_links import LinearLinksExtension
from deck.render.extensions.lists import ListIndentExtension
from deck.render.extensions.literal_tags import LiteralTagsExtension
from deck.render.extensions.math import MathExtension
from deck.render.extensions.tabs import KeepTabsExtension

# Bump when a change to the renderer changes its HTML: cached slides keyed on
# the old version are then never served again.
RENDERER_VERSION = "6"

_local = threading.local()


# GitHub-flavoured Markdown, as reveal-md users write it. Named by class, not
# by string: Python-Markdown resolves a string through the installed packages'
# entry points (importlib.metadata, a tenth of a second at every start).
def gfm_extensions() -> list[Extension]:
    from markdown.extensions.tables import TableExtension
    from pymdownx.magiclink import MagiclinkExtension
    from pymdownx.tasklist import TasklistExtension
    from pymdownx.tilde import DeleteSubExtension

    return [
        TableExtension(),
        DeleteSubExtension(subscript=False),
        TasklistExtension(),
        MagiclinkExtension(hide_protocol=False),
    ]


def build_markdown(*, gfm: bool = True) -> markdown.Markdown:
    """A new Markdown instance for slides (``gfm=False``: without the
    GitHub-flavoured extensions, for measuring what they cost)."""
    return markdown.Markdown(
        extensions=[
            DeadlineExtension(),
            ListIndentExtension(),
            LiteralTagsExtension(),
            ElementAttributesExtension(),
            FencesExtension(),
            InlineBudgetExtension(),
            LinearLinksExtension(),
            MathExtension(),
            KeepTabsExtension(),
            *(gfm_extensions() if gfm else []),
            *([LinearBlocksExtension()] if gfm else []),  # after "tables", which it amends
        ],
        output_format="html",
    )


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = build_markdown()
    return md


def markdown_to_html(text: str) -> str:
    md = _markdown()
    try:
        return md.convert(text)
    except RecursionError:
        # Nesting deeper than Python's stack ('* ' a thousand times on one
        # line): show the text as typed rather than fail the deck. The
        # parser was left mid-nesting, so the next slide gets a fresh one.
        _local.md = None
        return f'<pre class="deck-as-typed">{html.escape(text)}</pre>'
    except Exception:
        _local.md = None  # a failed conversion may leave its parser mid-block
        raise
    finally:
        md.reset()


def render_slide(slide: Slide) -> str:
    """One ``<section>``: the slide's HTML, then its notes for the speaker view."""
    return section(slide, slide_content(slide))


def slide_content(slide: Slide) -> str:
    """The inside of a slide's ``<section>``: all the Markdown and Pygments work.

    It depends on the slide's text only, never on where the slide sits in the
    deck, so a cache may key it by the text and reuse it when slides move.
    """
    body = markdown_to_html(slide.body)
    notes = f'\n<aside class="notes">{markdown_to_html(slide.notes)}</aside>' if slide.notes else ""
    return body + notes


def section(slide: Slide, content: str) -> str:
    """Wrap :func:`slide_content` in the slide's ``<section>`` (cheap: no Markdown)."""
    attrs = "".join(f' {html.escape(name)}="{html.escape(value)}"' for name, value in slide.attrs)
    return f'<section data-line="{slide.line}"{attrs}>\n{content}\n</section>'


def wrap_stack(sections: list[str]) -> str:
    """A horizontal slide with vertical ones below it is a section of sections."""
    if len(sections) == 1:
        return sections[0]
    return "<section>\n" + "\n".join(sections) + "\n</section>"
