"""The project's settings with a shared Redis cache, for follow-mode tests
that run several server processes (``DECK_TEST_REDIS_URL`` names it)."""

import os

from deck.settings import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["DECK_TEST_REDIS_URL"],
        "KEY_PREFIX": "deck",
    }
}
