"""The export's own error: a mistake the user can fix."""

from __future__ import annotations

from deck.core.errors import UserError


class ExportError(UserError):
    """An export that cannot be made as asked; ``str()`` is one line.

    Not a :class:`deck.core.errors.DeckError`, though it may name a deck's
    file and line (a slide that refers to a missing file): the export turns
    DeckErrors into ExportErrors, and must let these through as they are.
    """
