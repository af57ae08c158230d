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

        forget_databases_per_request()

        # Last: everything start-up imports is made by now.
        start_up_done()


def forget_databases_per_request() -> None:
    """No database is configured (the cache and signed cookies hold all): Django's
    per-request bookkeeping of database connections has nothing to do, so
    every request is spared walking the empty list of them four times."""
    from django.conf import settings

    if settings.DATABASES:
        return
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, reset_queries

    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
