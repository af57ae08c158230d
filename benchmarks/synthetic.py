"""Synthetic decks for benchmarks: ``deck(n)`` is the Markdown of ``n`` slides.

Every slide has a heading and bullets nested two deep; every third slide also
has a 10-line Python block. Every slide's text is different (its number is in
it), so no two slides share a cache entry. Reusable by any benchmark::

    from benchmarks.synthetic import deck, edit_slide, write_deck
"""

from __future__ import annotations

from pathlib import Path

CODE = '''```python
def slide_{n}(items: list[int]) -> dict[str, int]:
    """Summarise slide {n}'s numbers."""
    total = 0
    for item in items:
        if item % {m} == 0:
            total += item * {n}
        else:
            total -= 1
    result = {{"total": total, "count": len(items)}}
    return result
```'''


def slide(n: int) -> str:
    """The Markdown of slide ``n`` (0-based)."""
    lines = [
        f"## Slide {n + 1}: middleware, caching and signals",
        "",
        f"* A first point about topic {n} with **bold** and `code`",
        f"  * a nested detail {n}.1 with a [link](https://example.org/{n})",
        f"  * another nested detail {n}.2",
        f"    * deeper still: {n}.2.1",
        f"* A second point, number {n}",
        f"* A third point with _emphasis_ on {n}",
    ]
    if n % 3 == 2:
        lines += ["", CODE.format(n=n, m=n % 7 + 2)]
    return "\n".join(lines)


def deck(slides: int, title: str = "Synthetic deck") -> str:
    """A whole deck: front matter and ``slides`` slides."""
    body = "\n\n---\n\n".join(slide(n) for n in range(slides))
    return f"---\ntitle: {title} ({slides} slides)\n---\n\n{body}\n"


def edit_slide(text: str, n: int, words: str = "edited") -> str:
    """``text`` with one line of slide ``n`` changed (same deck otherwise)."""
    old = f"* A second point, number {n}\n"
    assert text.count(old) == 1, f"slide {n} not found"
    return text.replace(old, f"* A second point, number {n}, {words}\n")


def write_deck(folder: Path, slides: int, slug: str | None = None) -> Path:
    """Write ``deck(slides)`` to ``folder/<slug>.md`` and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug or f'synthetic-{slides}'}.md"
    path.write_text(deck(slides), encoding="utf-8")
    return path
