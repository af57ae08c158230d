"""This thread's render deadline, which Python-Markdown checks as it goes.

Pure Python, importing nothing of the renderer, so the Markdown extension
that checks it (``extensions/deadline.py``) and the budget that sets it
(``budget.py``) can both import it.
"""

from __future__ import annotations

import threading
import time

_local = threading.local()


class OverBudget(Exception):
    """The deadline of the rendering in progress has passed."""


def check() -> None:
    """Raise :class:`OverBudget` if this thread's render deadline has passed."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.thread_time() > deadline:
        raise OverBudget


def set_deadline(deadline: float | None) -> None:
    """``time.thread_time()`` past which rendering stops (None: never)."""
    _local.deadline = deadline
