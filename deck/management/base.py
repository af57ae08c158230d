""":class:`DeckCommand`: what the deck app's commands share, which deck
findings they print before they run."""

from __future__ import annotations

from collections.abc import Collection
from io import StringIO
from typing import Any

from django.core.management.base import BaseCommand, OutputWrapper

from deck.checks.system import only_decks


class DeckCommand(BaseCommand):
    """A command that prints the findings of the decks it is about, once.

    Django runs every system check before a command, and the deck checks would
    list every deck's warnings in front of any command, whatever deck it is
    about. Here they report only the decks :meth:`decks_concerned` names
    (none for a command about no deck); every other check (a wrong setting,
    ``deck.E100``) runs as before. ``manage.py check`` and runserver are
    Django's own commands: they still list every deck.

    With ``-v 0`` the warnings are not printed; a problem serious enough to
    stop the command still is, in its error.
    """

    def decks_concerned(self, options: dict[str, Any]) -> Collection[str] | None:
        """The slugs this run is about: ``None`` for every deck, empty for none."""
        return ()

    def execute(self, *args: Any, **options: Any) -> Any:
        # check() is called from BaseCommand.execute, which does not pass the options on.
        self.verbosity = options.get("verbosity", 1)
        self.checked_decks = self.decks_concerned(options)
        return super().execute(*args, **options)

    def check(self, *args: Any, **kwargs: Any) -> None:
        with only_decks(getattr(self, "checked_decks", ())):
            if getattr(self, "verbosity", 1) > 0:
                return super().check(*args, **kwargs)
            stdout, stderr = self.stdout, self.stderr
            self.stdout = self.stderr = OutputWrapper(StringIO())
            try:
                return super().check(*args, **kwargs)
            finally:
                self.stdout, self.stderr = stdout, stderr
