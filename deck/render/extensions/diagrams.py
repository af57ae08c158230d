"""```` ```mermaid ```` blocks become diagrams.

The block's source goes on the slide as text, escaped, in
``<pre class="deck-diagram">``; static/deck/diagrams.js draws it with the
vendored Mermaid before the slide is shown and puts the SVG in its place.
Until then (or in a page without scripts) the source is what shows, never a
blank; a source Mermaid cannot parse stays, with Mermaid's message under it.
"""

from __future__ import annotations

from html import escape

# The class diagrams.js looks for; deck/pages.py loads Mermaid for pages that have it.
DIAGRAM_CLASS = "deck-diagram"


def format_mermaid_fence(src, language, class_name, options, md, **kwargs) -> str:
    # Safe: the author's text, escaped; the element is ours.
    return f'<pre class="{DIAGRAM_CLASS}" data-diagram="mermaid">{escape(src, quote=False)}</pre>'


# For FencesExtension's superfences: ```mermaid blocks are diagrams, not code.
MERMAID_FENCE = {"name": "mermaid", "class": DIAGRAM_CLASS, "format": format_mermaid_fence}
