from django.apps import AppConfig


class DeckConfig(AppConfig):
    name = "deck"
    verbose_name = "Slide decks"

    def ready(self) -> None:
        # Connect the cache's receiver to the app's signals (deck.signals) and
        # the autoreloader receivers (they do nothing with DEBUG off); register
        # the deck and settings checks with Django's system check framework.
        from deck import conf, speaker_notes  # noqa: F401
        from deck.caching import encoded_pages, page_cache  # noqa: F401
        from deck.checks import system  # noqa: F401
        from deck.live import watcher  # noqa: F401
        from deck.management.startup import start_up_done

        # Last: everything start-up imports is made by now.
        start_up_done()
