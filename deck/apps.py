from django.apps import AppConfig


class DeckConfig(AppConfig):
    name = "deck"
    verbose_name = "Slide decks"

    def ready(self) -> None:
        # Connect the cache's receivers (the page dropped when its deck changes,
        # the page variants forgotten when a setting does) and
        # the autoreloader receivers (they do nothing with DEBUG off); register
        # the deck checks with Django's system check framework.
        from deck.caching import keys, page_cache  # noqa: F401
        from deck.checks import system  # noqa: F401
        from deck.live import changes  # noqa: F401
