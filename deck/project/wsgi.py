"""WSGI entry point: ``gunicorn deck.project.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.project.settings")

application = get_wsgi_application()
