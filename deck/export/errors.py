"""The export's own error: a mistake the user can fix."""

from __future__ import annotations


class ExportError(Exception):
    """A mistake the user can fix; ``str()`` is one line."""
