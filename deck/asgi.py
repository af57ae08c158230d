"""ASGI entry point: ``uvicorn deck.asgi:application``.

Follow mode's event streams are async views: under ASGI an idle follower
costs an open socket and a suspended coroutine, not a thread or a worker.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.settings")

application = get_asgi_application()
