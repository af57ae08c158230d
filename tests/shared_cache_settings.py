"""The project's settings with a cache that several processes share, for
follow-mode tests that run more than one: Redis when ``DECK_TEST_REDIS_URL``
is set, else files in ``DECK_TEST_CACHE_DIR``."""

import os

from deck.project.settings import *  # noqa: F403

if os.environ.get("DECK_TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DECK_TEST_REDIS_URL"],
            "KEY_PREFIX": "deck",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["DECK_TEST_CACHE_DIR"],
        }
    }
