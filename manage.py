#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import gc
import os
import sys


def main() -> None:
    # Start-up makes a few hundred thousand objects (modules, classes, compiled
    # patterns) that live as long as the process; collecting garbage among them
    # while they are made, and once more at exit, is a third of a small
    # export's time. No collection until the apps are ready (deck/apps.py
    # freezes what start-up made and turns collection back on).
    gc.disable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.project.settings")
    from django.core.management import execute_from_command_line

    from deck.management import startup
    from deck.management.startup import settings_error

    startup.gc_paused = True
    # A wrong DECK_* value: its one line and exit status 1, before any command
    # (runserver too) starts. See deck/management/startup.py.
    error = settings_error(sys.argv)
    if error:
        sys.exit(error)
    try:
        execute_from_command_line(sys.argv)
    finally:
        # What the command made is freed as the process ends, without a last
        # collection walking every object.
        gc.freeze()


if __name__ == "__main__":
    main()
