"""A bound on the CPU time one deck's rendering may take.

Pure Python. Every input known to be slow is made linear elsewhere
(``extensions/linear_links.py``, ``linear_blocks.py``, ``inline_budget.py``);
this is the bound for what is not known yet. :func:`budgeted` gives a
renderer for one deck's slides that shares a deadline in CPU time (this
thread's: other requests and a loaded machine do not count), ``seconds`` for
any one slide and ``seconds`` plus :data:`PER_SLIDE_S` a slide for the deck,
so that a big deck of ordinary slides (about 1.5 ms each) is never cut short
while one slide that hangs still is. Python-Markdown
checks it between blocks and between texts (``extensions/deadline.py``), so
a slide that would take minutes stops within a few milliseconds of the
deadline, as :class:`deck.core.errors.TooComplex` naming the slide's file and
line: the deck's page says "this slide is too complex", never a worker
timeout. A slide that alone used most of the budget is remembered (by its
text, per process), so asking again answers at once instead of spending the
budget on every request.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from deck.core.errors import TooComplex
from deck.core.splitter import Slide
from deck.render.deadline import OverBudget, set_deadline
from deck.render.slides import slide_content

REMEMBERED = 256  # slides known too complex, per process
# A deck's budget grows by this much a slide: several times what an ordinary
# slide takes (5000 slides render in about 8 s of CPU time).
PER_SLIDE_S = 0.01
_too_complex: OrderedDict[tuple[str, str], None] = OrderedDict()
_lock = threading.Lock()


def deck_seconds(seconds: float, slides: int) -> float:
    """The CPU time a deck of ``slides`` slides may take in all."""
    return seconds + PER_SLIDE_S * slides


def budgeted(
    path: Path,
    seconds: float | None,
    render: Callable[[Slide], str] = slide_content,
    slides: int = 0,
) -> Callable[[Slide], str]:
    """``render``, for one deck's ``slides`` slides, within ``seconds`` of CPU
    time for each slide and :func:`deck_seconds` in all (None: no bound)."""
    if seconds is None:
        return render
    deadline: list[float] = []  # set by the first slide that is rendered
    total = deck_seconds(seconds, slides)

    def render_within(slide: Slide) -> str:
        remembered = (slide.body, slide.notes)
        if remembered in _too_complex:
            raise too_complex(path, slide, seconds, alone=True)
        start = time.thread_time()
        if not deadline:
            deadline.append(start + total)
        set_deadline(min(deadline[0], start + seconds))
        try:
            return render(slide)
        except OverBudget:
            alone = time.thread_time() - start > seconds / 2
            if alone:
                with _lock:
                    _too_complex[remembered] = None
                    while len(_too_complex) > REMEMBERED:
                        _too_complex.popitem(last=False)
            raise too_complex(path, slide, seconds if alone else total, alone=alone) from None
        finally:
            set_deadline(None)

    # What a renderer in another process needs to apply the same bound
    # (deck.caching.render_pool renders a cold big page on every core).
    render_within.budget = (seconds, render)  # type: ignore[attr-defined]
    return render_within


def too_complex(path: Path, slide: Slide, seconds: float, *, alone: bool) -> TooComplex:
    blank_lines = len(slide.body) - len(slide.body.lstrip("\n"))
    if alone:
        message = f"slide {slide.number} is too complex to render within {seconds:g} s"
        hint = "split this slide, or simplify its Markdown (deep nesting, thousands of marks)"
    else:
        message = (
            f"the deck's slides took over {seconds:g} s to render; "
            f"slide {slide.number} was being rendered"
        )
        hint = "split the deck into smaller ones, or raise DECK_RENDER_SECONDS"
    return TooComplex(path, slide.line + blank_lines, message, hint)
