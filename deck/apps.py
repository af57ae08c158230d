from django.apps import AppConfig


class DeckConfig(AppConfig):
    name = "deck"
    verbose_name = "Slide decks"

    def ready(self) -> None:
        # Connects the autoreloader receivers; they do nothing with DEBUG off.
        from deck import live  # noqa: F401
