"""Django settings for the deck presenter.

Embedded defaults: no database, no service to start. Everything a deployer
may need to change comes from the environment (see README).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from deck.caching import url
from deck.project.secret_key import kept_key, state_dir

BASE_DIR = Path(__file__).resolve().parents[2]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use 1 or 0")


DEBUG = env_bool("DECK_DEBUG", True)

SECRET_KEY = os.environ.get("DECK_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DECK_SECRET_KEY must be set when DECK_DEBUG=0 (any long random string)"
        )
    # Never a key written here: one made on first use, kept outside the
    # repository (deck/project/secret_key.py says where).
    try:
        SECRET_KEY = kept_key()
    except OSError as error:
        raise ImproperlyConfigured(
            f"no DECK_SECRET_KEY, and none could be kept in {state_dir()} ({error}); "
            "set DECK_SECRET_KEY or DECK_STATE_DIR"
        ) from None

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DECK_ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "deck.apps.DeckConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # gzip and Brotli for every whole response, static files' ETags included:
    # outside whitenoise (deck/compression/middleware.py).
    "deck.compression.middleware.CompressionMiddleware",
    # whitenoise, async-capable: see deck/project/static_files.py.
    "deck.project.static_files.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "deck.caching.middleware.DeckCacheMiddleware",
]

ROOT_URLCONF = "deck.project.urls"
WSGI_APPLICATION = "deck.project.wsgi.application"
ASGI_APPLICATION = "deck.project.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"],
        },
    }
]

# No database: decks are files, caches and (later) sessions need none.
DATABASES: dict = {}

# The speaker view shows the deck in frames of the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
# check --deploy would have DENY: that breaks the speaker view (its current
# and next slide are frames of this origin); SAMEORIGIN still refuses every
# other site, which is what stops clickjacking.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Served over HTTPS only (a TLS proxy in front, as in the README's
# production setup): redirect plain http:// and tell browsers to keep to
# https:// (HSTS). Off by default: the laptop, and a room served with
# `present --serve` over the LAN, speak plain http://.
HTTPS = env_bool("DECK_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
_hsts_seconds = os.environ.get("DECK_HSTS_SECONDS") or str(365 * 24 * 3600)
if not _hsts_seconds.isdigit():
    raise ImproperlyConfigured(f"DECK_HSTS_SECONDS={_hsts_seconds!r}: use a number of seconds")
SECURE_HSTS_SECONDS = int(_hsts_seconds) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("DECK_HSTS_INCLUDE_SUBDOMAINS", True)
# The directive alone enrolls nothing: a site is preloaded only once its
# owner submits it to the browsers' list.
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DECK_HSTS_PRELOAD", True)

# Presenter rights (deck/follow/rights.py) live in a signed cookie: no
# database, and they survive a server restart. The cookie is readable by the
# browser's owner (signed, not encrypted), so it holds nothing secret.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
# Rights end with the teaching day: the signature's timestamp is checked on
# every request, so a copied cookie stops working too.
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Off in DEBUG so the embedded server works over plain http://.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / ".cache" / "staticfiles"
# whitenoise serves straight from the finders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# `manage.py collectstatic` (run by `present --serve`) copies static/ into
# STATIC_ROOT with gzip and Brotli variants, made by whitenoise; they are served
# while they match static/ (deck/project/static_files.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# The deck app's settings. Every key, its default and the check of its value
# are in deck/conf.py (a wrong one is deck.E100 in `manage.py check`, and
# stops runserver and the servers); here only what the environment sets, as
# DECK_<KEY> (see README), as text.
_deck_environment = (
    "SLIDES_DIR",
    "MAX_BYTES",
    "FIT",
    "FIT_MIN_FONT_PX",
    "FIT_COMFORT_FONT_PX",
    "LIVE_WATCHER",
    "RENDER_SECONDS",
    "LANG",
    "RENDER_PROCESSES_MIN_SLIDES",
)
DECK = {
    key: os.environ[f"DECK_{key}"] for key in _deck_environment if os.environ.get(f"DECK_{key}")
}

# Rendered slides and pages (deck/caching/). One URL picks the backend:
# locmem:// (default), file:///path, redis://host:port/db, dummy://.
CACHES = {
    "default": url.parse(os.environ.get(url.VARIABLE) or url.DEFAULT_URL),
}

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = os.environ.get("DECK_LOG_LEVEL", "").upper() or "INFO"
if LOG_LEVEL not in LOG_LEVELS:
    raise ImproperlyConfigured(
        f"DECK_LOG_LEVEL={LOG_LEVEL.lower()!r}: use one of {', '.join(LOG_LEVELS)}"
    )

# The "deck" logger: renders, cache hits and misses at DEBUG; faults (a cache
# backend that is down, a deck that cannot be shown) at WARNING.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "deck": {
            "handlers": ["console"],
            "level": LOG_LEVEL,
            "propagate": False,
        },
    },
}
