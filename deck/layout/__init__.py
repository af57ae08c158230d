"""Decks laid out in headless Chromium: ``check_layout`` and the PDF export.

Both open the deck's own page in Chromium through Playwright and answer
every request it makes from Django in this process (:mod:`.serving`), so no
server, port or ALLOWED_HOSTS entry is involved; :mod:`.chromium` finds and
starts the browser, and says in one line what to install when it cannot.
"""
