"""WSGI entry point: ``gunicorn deck.project.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

from deck import conf

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.project.settings")

application = get_wsgi_application()
# No system checks run here: a wrong DECK value stops the server now, naming it.
conf.validate()
