"""What reading decks the way reveal-md users write them costs (issue: lesson
folders written for reveal-md).

    .venv/bin/python benchmarks/bench_course.py

Two measurements, each side by side in one run (alternating rounds, median of
CPU times), written to ``benchmarks/results/course.md``:

- cold render per slide of a synthetic 1000-slide deck with the renderer as
  shipped, and with the GitHub-flavoured extensions left out (tables,
  strikethrough, task lists, bare links): what those extensions cost;
- loading (read, options, split) a deck in a lesson folder with a
  ``reveal-md.json`` and a ``reveal.json`` against a single file with none.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deck.project.settings")

import django  # noqa: E402

django.setup()

import markdown  # noqa: E402

from benchmarks.synthetic import deck as synthetic_deck  # noqa: E402
from deck.core.discovery import DeckFile  # noqa: E402
from deck.core.reading import load  # noqa: E402
from deck.core.splitter import split  # noqa: E402
from deck.render import slides  # noqa: E402

ROUNDS = 5
OUT = Path(__file__).resolve().parent / "results" / "course.md"


def renderer(with_gfm: bool) -> markdown.Markdown:
    return slides.build_markdown(gfm=with_gfm)


def cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def render_all(md: markdown.Markdown, bodies: list[str]) -> None:
    for body in bodies:
        md.convert(body)
        md.reset()


def main() -> None:
    bodies = [slide.body for slide in split(synthetic_deck(1000)).slides]
    with_gfm, without = renderer(True), renderer(False)
    times: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(ROUNDS):
        times["with"].append(cpu(lambda: render_all(with_gfm, bodies)))
        times["without"].append(cpu(lambda: render_all(without, bodies)))
    per_slide = {k: statistics.median(v) / len(bodies) * 1000 for k, v in times.items()}

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        text = synthetic_deck(200)
        (root / "single.md").write_text(text)
        (root / "lesson").mkdir()
        (root / "lesson" / "CLASS.md").write_text(text)
        (root / "reveal-md.json").write_text('{"theme": "sky", "highlightTheme": "zenburn"}')
        (root / "lesson" / "reveal.json").write_text('{"transition": "none"}')
        single, folder = (
            DeckFile("single", root / "single.md"),
            DeckFile("lesson", root / "lesson" / "CLASS.md"),
        )
        loads: dict[str, list[float]] = {"single": [], "folder": []}
        for _ in range(ROUNDS * 4):
            # split() keeps its last results (the checks and the page split
            # the same text): forget them, or this would time a look-up.
            split.cache_clear()
            loads["single"].append(cpu(lambda: load(single, root=root)))
            split.cache_clear()
            loads["folder"].append(cpu(lambda: load(folder, root=root)))
        load_ms = {k: statistics.median(v) * 1000 for k, v in loads.items()}

    ratio = per_slide["with"] / per_slide["without"]
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(
        "## Lesson folders written for reveal-md (`bench_course.py`)\n\n"
        f"Cold render per slide, synthetic 1000-slide deck, median of {ROUNDS} alternating "
        "rounds (CPU time):\n\n"
        "| renderer | per slide | ratio |\n|---|---:|---:|\n"
        f"| without the GitHub-flavoured extensions (before) | {per_slide['without']:.3f} ms | 1.00 |\n"
        f"| as shipped: tables, strikethrough, task lists, bare links (after) | "
        f"{per_slide['with']:.3f} ms | {ratio:.2f} |\n\n"
        "Loading a 200-slide deck (read, options, split), median CPU time:\n\n"
        "| deck | load |\n|---|---:|\n"
        f"| `single.md`, no options files | {load_ms['single']:.2f} ms |\n"
        f"| `lesson/CLASS.md` with `reveal-md.json` and `reveal.json` | {load_ms['folder']:.2f} ms |\n"
    )
    print(OUT.read_text())


if __name__ == "__main__":
    main()
