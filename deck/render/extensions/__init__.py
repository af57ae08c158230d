"""Python-Markdown extensions for lesson slides, one extension per module.

Preprocessor priorities (higher runs first), next to Python-Markdown's own:

- 35 ``deck_tabs``: tabs in code kept as tabs (and put back last)
- 30 ``normalize_whitespace`` (Python-Markdown)
- 28 ``deck_lists``: nested lists indented by 2 or 4 spaces, lone bullets
- 27 ``deck_fence_info``: ``{2,4-5}``-style fence options
- 25 ``fenced_code_block`` (pymdownx.superfences)
- 20 ``html_block`` (Python-Markdown)

Inline: ``html`` (90) is replaced by :mod:`deck.render.extensions.literal_tags`.
Tree: ``deck_element_attrs`` (15) runs after ``inline`` (20).
"""
