from django.apps import AppConfig


class DeckConfig(AppConfig):
    name = "deck"
    verbose_name = "Slide decks"

    def ready(self) -> None:
        # Registers the deck checks with Django's system check framework.
        from deck import checks  # noqa: F401
