"""Authoring mistakes in decks, found before a class sees them.

Pure Python but for ``system.py``, which turns the problems into Django
system check messages (``manage.py check``). Where each check lives:

- ``problems.py``: :class:`~deck.checks.problems.Problem`, every id and what it means;
- ``analysis.py``: one deck file through every check (E001-E008 come from reading it;
  E008 is a separator pattern that runs past its time bound, ``deck.core.patterns``);
- ``text.py``: W001 mojibake, W002 empty bullets, W003 unknown language, W005 literal tags,
  W012 line specs past a block's end or unreadable;
- ``links.py``: W004 missing picture or link, W010 pictures from other sites;
- ``stylesheets.py``: W008 unknown theme, W009 missing stylesheet, W010 remote ones;
- ``folder.py``: W006 same slug, W007 not served, W011 slug taken; ``lint_folder``.
"""
