"""A deck's live-reload state: the version a page shows and what brings it up to date.

A page starts from :func:`page_state` (embedded by ``{% live_reload %}``);
after a save it asks ``state.json`` (``deck.live.views``), which answers with
:func:`catch_up`: every stack's key and lines, the HTML of only the stacks
the page lacks, and where the page should land.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.urls import reverse

from deck import conf, pages
from deck.core.model import Deck
from deck.core.slidediff import Indices, Shape, landing, stacks_to_send
from deck.core.splitter import Slide, SplitDeck
from deck.live.hub import live_hub
from deck.render.slides import RENDERER_VERSION


def version_of(deck: Deck) -> str:
    """Changes whenever the slides' HTML may change: the text or the renderer."""
    digest = hashlib.blake2b(digest_size=10)
    digest.update(RENDERER_VERSION.encode())
    digest.update(b"\x00")
    digest.update(deck.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def shape_of(deck: Deck) -> Shape:
    return Shape.of(deck.split, salt=RENDERER_VERSION)


def page_setup_key(deck: Deck) -> str:
    """Changes when the theme, the highlight style or a reveal.js option changes.

    Those are set up when the page loads, so the page reloads to apply them.
    (The title is not among them: the page sets it.)
    """
    setup = {
        "theme": str(pages.theme_link(deck)),
        "css": [str(link) for link in pages.css_links(deck)],
        "highlight": pages.highlight_style(deck),
        "options": pages.reveal_options(deck),
    }
    encoded = json.dumps(setup, sort_keys=True, default=str).encode()
    return hashlib.blake2b(encoded, digest_size=8).hexdigest()


def is_plain(stack: tuple[Slide, ...]) -> bool:
    """No slide of the stack has attributes of its own (``<!-- .slide: -->``).

    The page may then edit such a slide in place: reveal.js owns every
    attribute of its element.
    """
    return not any(slide.attrs for slide in stack)


def page_state(deck: Deck) -> dict[str, Any]:
    """What ``live.js`` starts from: the version on screen and its stacks' keys."""
    version = version_of(deck)
    shape = shape_of(deck)
    live_hub.remember(deck.slug, version, shape)
    return {
        "version": version,
        "page": page_setup_key(deck),
        "keys": shape.stack_keys(),
        "plain": [is_plain(stack) for stack in deck.split.stacks],
        "events": reverse("live-events", args=[deck.slug]),
        "state": reverse("live-state", args=[deck.slug]),
    }


def catch_up(deck: Deck, old: Shape | None, new: Shape, current: Indices) -> dict[str, Any]:
    """The stacks of ``new`` (HTML only where ``old`` lacks it) and where a
    page showing ``current`` in ``old`` should go; every stack when ``old`` is
    unknown, and then the page stays where it is."""
    stacks = []
    keys = new.stack_keys()
    for stack, key, send in zip(deck.split.stacks, keys, stacks_to_send(old, new), strict=True):
        item: dict[str, Any] = {
            "key": key,
            "lines": [slide.line for slide in stack],
            "plain": is_plain(stack),
        }
        if send:
            # Through the one entry point that makes slide HTML, one stack at
            # a time, so only the stacks the page lacks are rendered.
            one = replace(deck, split=SplitDeck(deck.split.front_matter, (stack,)))
            item["html"] = pages.slides_html(one)
        stacks.append(item)
    go = landing(old, new, current) if old is not None else None
    return {
        "stacks": stacks,
        "goto": None if go is None else {"h": go.h, "v": go.v, "f": go.f},
    }


def file_label(path: Path) -> str:
    """The deck file as the author knows it: its path in the slides folder
    (``lesson-two/CLASS.md``), or its name if it lies elsewhere."""
    try:
        return path.resolve().relative_to(conf.get("SLIDES_DIR").resolve()).as_posix()
    except (OSError, ValueError):
        return path.name
