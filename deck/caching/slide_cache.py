"""Slides' HTML from the cache where it is, rendered (and stored) where not.

Each slide is keyed by its own Markdown (:func:`deck.caching.keys.slide_key`),
so editing one slide of a big deck renders that slide only, and slides that
merely move are reused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from deck.caching import render_pool
from deck.caching.backend import backend, call
from deck.caching.keys import slide_key
from deck.caching.usage import current_usage
from deck.core.splitter import Slide
from deck.render.slides import slide_content

logger = logging.getLogger(__name__)


def slide_contents(
    slides: Sequence[Slide], style: str, render: Callable[[Slide], str] = slide_content
) -> list[str]:
    """Each slide's inner HTML, from the cache where it is, rendered where not.

    Many uncached slides (a cold big page) are rendered on every core
    (:mod:`deck.caching.render_pool`); their HTML is stored here all the same.
    """
    usage = current_usage()
    keys = [slide_key(slide, style) for slide in slides]
    found: dict[str, str] = call(lambda: backend().get_many(list(dict.fromkeys(keys))), {})
    missing: dict[str, Slide] = {}
    for slide, key in zip(slides, keys, strict=True):
        if key not in found and key not in missing:
            missing[key] = slide
    rendered: dict[str, str] = {}
    if missing:
        start = time.perf_counter()
        todo = list(missing.values())
        contents = None
        seconds, inner = getattr(render, "budget", (None, render))
        if inner is slide_content:
            contents = render_pool.render_contents(todo, seconds)
        if contents is None:
            contents = []
        # What the pool left (none, or the slides after one that ran past its
        # budget there) is rendered here, where a slide too complex raises.
        contents += [render(slide) for slide in todo[len(contents) :]]
        rendered = dict(zip(missing, contents, strict=True))
        usage.render_seconds += time.perf_counter() - start
    usage.from_cache += len(slides) - sum(1 for key in keys if key not in found)
    usage.slides += len(slides)
    if rendered:
        call(lambda: backend().set_many(rendered), None)
    logger.debug("slides: %d from cache, %d rendered", len(slides) - len(rendered), len(rendered))
    return [found[key] if key in found else rendered[key] for key in keys]
