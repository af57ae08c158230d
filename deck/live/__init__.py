"""Live reload: the open deck follows its Markdown file (runserver, DEBUG on).

- :mod:`deck.live.watcher`: who reports saved files (a ``watchfiles`` thread
  and Django's autoreloader), and whether live reload is on.
- :mod:`deck.live.hub`: what the deck files look like now, and a feed of
  their changes.
- :mod:`deck.live.state`: the version a page shows and what brings it up to date.
- :mod:`deck.live.views` (routed in ``deck/urls.py``): the event stream and
  ``state.json``.
"""
