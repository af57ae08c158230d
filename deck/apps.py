from django.apps import AppConfig


class DeckConfig(AppConfig):
    name = "deck"
    verbose_name = "Slide decks"

    def ready(self) -> None:
        # Connects the cache's receivers to the app's signals (deck.signals).
        # Connects the autoreloader receivers; they do nothing with DEBUG off.
        from deck import (
            cache,  # noqa: F401
            live,  # noqa: F401
        )
