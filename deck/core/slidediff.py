"""Old slides against new: what changed, and where an open browser should land.

Pure Python: no Django, no rendering. A slide is identified by a key, a hash
of what makes its HTML (body, notes, attributes) but not of its line number,
so typing a line into slide 3 does not make slides 4 to 1000 "changed".

Live reload uses this twice: to send a browser only the stacks it does not
already have, and to choose the slide it shows after a save.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from deck.core.splitter import Slide, SplitDeck


def diff_key(slide: Slide, salt: str = "") -> str:
    """What two versions of a slide are compared by: a short hash of
    everything that makes its HTML (attributes too), except its line."""
    digest = hashlib.blake2b(digest_size=8)
    for part in (salt, slide.body, slide.notes, repr(slide.attrs)):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True)
class Shape:
    """A deck's slides as keys: one tuple of slide keys per horizontal stack."""

    stacks: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, split: SplitDeck, salt: str = "") -> Shape:
        return cls(tuple(tuple(diff_key(s, salt) for s in stack) for stack in split.stacks))

    def stack_keys(self) -> list[str]:
        """One key per stack (a stack of one slide has that slide's key)."""
        return [keys[0] if len(keys) == 1 else "+".join(keys) for keys in self.stacks]

    def flat(self) -> list[tuple[int, int, str]]:
        return [(h, v, key) for h, keys in enumerate(self.stacks) for v, key in enumerate(keys)]


@dataclass(frozen=True)
class Indices:
    """Where a browser shows, as ``Reveal.getIndices()`` reports it: stack
    ``h``, slide ``v``, fragment ``f``.

    ``f`` is None for "every fragment shown": a slide the browser moves to
    because it changed is shown whole, so the edited words are on screen.
    (Not :class:`deck.follow.position.Position`, a presenter's stored move,
    whose ``f`` None means a slide with no fragments.)
    """

    h: int
    v: int = 0
    f: int | None = -1


def landing(old: Shape, new: Shape, current: Indices) -> Indices:
    """Where a browser at ``current`` in ``old`` goes once ``new`` is loaded.

    - Nothing changed in the slides (say, a blank line or front matter): stay.
    - The current slide was edited: stay on it (at its new index), same fragment.
    - Otherwise move to the first slide that changed, shown whole; a slide
      added shows the new slide, a slide deleted shows the one after it.
    """
    old_flat, new_flat = old.flat(), new.flat()
    if not new_flat:
        return Indices(0, 0, -1)
    old_keys = [key for _, _, key in old_flat]
    new_keys = [key for _, _, key in new_flat]
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    opcodes = matcher.get_opcodes()
    if all(tag == "equal" for tag, *_ in opcodes):
        return _clamp(new, current)

    index = _flat_index(old_flat, current)
    first_change: int | None = None
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        if first_change is None:
            first_change = j1
        if tag == "replace" and i1 <= index < i2:
            # The slide on screen was edited: stay on it, where it now is.
            j = j1 + min(index - i1, j2 - j1 - 1)
            h, v, _ = new_flat[j]
            return Indices(h, v, current.f)
    assert first_change is not None
    h, v, _ = new_flat[min(first_change, len(new_flat) - 1)]
    return Indices(h, v, None)


def _flat_index(flat: list[tuple[int, int, str]], current: Indices) -> int:
    for index, (h, v, _) in enumerate(flat):
        if (h, v) == (current.h, current.v):
            return index
    # Off the end (or a position the old deck never had): the nearest before it.
    before = [i for i, (h, v, _) in enumerate(flat) if (h, v) <= (current.h, current.v)]
    return before[-1] if before else 0


def _clamp(shape: Shape, current: Indices) -> Indices:
    h = min(max(current.h, 0), len(shape.stacks) - 1)
    v = min(max(current.v, 0), len(shape.stacks[h]) - 1)
    return Indices(h, v, current.f if (h, v) == (current.h, current.v) else -1)


def stacks_to_send(old: Shape | None, new: Shape) -> list[bool]:
    """For each new stack: True if its HTML must be sent, False if the browser has it.

    The browser keeps a pool of the stacks it shows, by key, and takes one
    out per use; counting the same way here keeps both sides in step when
    two stacks are identical.
    """
    if old is None:
        return [True] * len(new.stacks)
    available = Counter(old.stack_keys())
    needed = []
    for key in new.stack_keys():
        if available[key] > 0:
            available[key] -= 1
            needed.append(False)
        else:
            needed.append(True)
    return needed
