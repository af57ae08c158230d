"""WSGI entry point: ``gunicorn deck.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.settings")

application = get_wsgi_application()
