"""``manage.py new_deck NAME [--title TITLE]``: start a deck from a short example."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from django.core.management.base import CommandError, CommandParser

from deck import conf
from deck.core.reading import SEGMENT
from deck.management.base import DeckCommand

STARTER = """\
---
{front_matter}---

# {title}

Your name · {date}

---

## What we will cover

* The first idea
  * a detail under it
* The second idea
* Questions

---

## Some code

```python
def greet(name: str) -> str:
    return f"Hello, {{name}}!"
```

Note: Speaker notes go after a "Note:" line. Press S to open the speaker view.
"""


class Command(DeckCommand):  # about no deck yet: no deck findings
    help = (
        "Create slides/NAME.md from a starter deck (title, bullets, code with speaker "
        "notes). Never overwrites a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="the deck's name: its file name and URL, e.g. lesson-10")
        parser.add_argument("--title", help="the title slide's text (default: from NAME)")

    def handle(self, *args, name: str, title: str | None, **options) -> None:
        path = self.create(name, title)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Created {path}"))
        if options["verbosity"] >= 2:
            self.stdout.write(f"Present it at /{path.stem}/ with: python manage.py runserver")

    def create(self, name: str, title: str | None) -> Path:
        slug = name.removesuffix(".md")
        if not SEGMENT.match(slug):
            raise CommandError(
                f"{name!r} cannot be a deck name: use letters, digits, '-', '_' and '.', "
                "starting with a letter or digit"
            )
        title = (title or "").strip() or slug.replace("-", " ").replace("_", " ").capitalize()
        folder = Path(conf.get("SLIDES_DIR"))
        path = folder / f"{slug}.md"
        title = " ".join(title.split())
        front_matter = yaml.safe_dump({"title": title}, allow_unicode=True, width=1000)
        today = date.today()
        text = STARTER.format(
            front_matter=front_matter, title=title, date=f"{today.day} {today:%B %Y}"
        )
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # "x": create, and fail if the file exists, in one step: never overwrite.
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            raise CommandError(f"{path} already exists; choose another name") from None
        except OSError as error:
            raise CommandError(f"cannot create {path}: {error.strerror}") from None
        return path
