from django.apps import AppConfig


class DeckConfig(AppConfig):
    name = "deck"
    verbose_name = "Slide decks"

    def ready(self) -> None:
        # Connect the cache's receivers to the app's signals (deck.signals) and
        # the autoreloader receivers (they do nothing with DEBUG off); register
        # the deck checks with Django's system check framework.
        from deck import (
            cache,  # noqa: F401
            checks,  # noqa: F401
            live,  # noqa: F401
        )
