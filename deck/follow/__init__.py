"""Follow mode: one presenter drives, everybody in the room follows.

- :mod:`deck.follow.secret`: one-time presenter links (only a hash in the cache).
- :mod:`deck.follow.rights`: presenter rights held in the Django session.
- :mod:`deck.follow.position`: the presenter's slide, held in Django's cache.
- :mod:`deck.follow.hub`: one cache poller per deck per process, fanning out
  to every follower connected to that process.
- :mod:`deck.follow.views`: the pages and endpoints.
"""
