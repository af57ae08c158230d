#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.project.settings")
    from django.core.management import execute_from_command_line

    from deck.management.startup import settings_error

    # A wrong DECK_* value: its one line and exit status 1, before any command
    # (runserver too) starts. See deck/management/startup.py.
    error = settings_error(sys.argv)
    if error:
        sys.exit(error)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
