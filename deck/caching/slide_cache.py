"""Slides' HTML from the cache where it is, rendered (and stored) where not.

Each slide is keyed by its own Markdown (:func:`deck.caching.keys.slide_key`),
so editing one slide of a big deck renders that slide only, and slides that
merely move are reused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from deck.caching.backend import backend, call
from deck.caching.keys import slide_key
from deck.caching.usage import current_usage
from deck.core.splitter import Slide
from deck.render.slides import slide_content

logger = logging.getLogger(__name__)


def slide_contents(
    slides: Sequence[Slide], style: str, render: Callable[[Slide], str] = slide_content
) -> list[str]:
    """Each slide's inner HTML, from the cache where it is, rendered where not."""
    usage = current_usage()
    keys = [slide_key(slide, style) for slide in slides]
    found: dict[str, str] = call(lambda: backend().get_many(list(dict.fromkeys(keys))), {})
    rendered: dict[str, str] = {}
    contents = []
    for slide, key in zip(slides, keys, strict=True):
        content = found.get(key)
        if content is None:
            content = rendered.get(key)
            if content is None:
                start = time.perf_counter()
                content = rendered[key] = render(slide)
                usage.render_seconds += time.perf_counter() - start
        else:
            usage.from_cache += 1
        contents.append(content)
    usage.slides += len(slides)
    if rendered:
        call(lambda: backend().set_many(rendered), None)
    logger.debug("slides: %d from cache, %d rendered", len(slides) - len(rendered), len(rendered))
    return contents
