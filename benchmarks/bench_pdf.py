"""Benchmark: ``manage.py export_deck --pdf`` beside Marp CLI ``--pdf`` and
decktape, in one interleaved run.

    python benchmarks/bench_pdf.py                    # lesson, 100, 1000 slides
    python benchmarks/bench_pdf.py --sizes 100 --rounds 1

Each tool prints the same deck to PDF with Debian's Chromium: ours from the
Markdown, Marp CLI from the same Markdown (``CHROME_PATH``), decktape from
our static HTML export of it (reveal.js, the way decktape prints reveal.js
decks; the export's time is not counted). The lesson is ``slides/``'s own;
the others are ``benchmarks/synthetic.py``'s decks. Marp CLI and decktape
are installed under ``benchmarks/out/tools/`` on first use (npm, with
Puppeteer's own browser download skipped); without npm they are left out,
and the results say so.

Rounds are interleaved (ours, Marp, decktape, ours, ...) so that a busy
machine slows all alike; the median is reported, with whole-process wall
time and the peak memory of the process tree (browser included), as
``benchmarks/bench_export.py`` measures them. A run that fails is counted
as failed, with its last line of errors. Figures go to
``benchmarks/results/pdf.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_export import (  # noqa: E402 - after the path is set
    PYTHON,
    TOOLS,
    Run,
    install_marp,
    measure,
    tool_version,
)
from benchmarks.synthetic import deck as synthetic_deck  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "pdf"
RESULTS = ROOT / "benchmarks" / "results" / "pdf.md"
CHROMIUM = os.environ.get("DECK_CHROMIUM", "/usr/bin/chromium")
LESSON = ROOT / "slides" / "lesson-09-advanced-django.md"
# A run still going after this is stopped and counted as failed.
CAP_S = 880
# Every deck is printed at this slide size by every tool.
WIDTH, HEIGHT = 960, 700


def install_decktape() -> str | None:
    folder = TOOLS / "decktape"
    program = folder / "node_modules" / ".bin" / "decktape"
    if program.exists():
        return str(program)
    npm = shutil.which("npm")
    if npm is None:
        print("decktape not available: no npm", file=sys.stderr)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), "decktape"],
            check=True,
            stdout=subprocess.DEVNULL,
            # decktape's Puppeteer would download a browser of its own: we use Debian's.
            env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"decktape not available: {error}", file=sys.stderr)
        return None
    return str(program) if program.exists() else None


def prepare(name: str, text: str) -> tuple[Path, Path]:
    """The deck's slides folder and our static export of it (for decktape)."""
    folder = OUT / "decks" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(text, encoding="utf-8")
    site = OUT / "sites" / name
    site.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [PYTHON, "manage.py", "export_deck", name, "-o", str(site), "--force", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DECK_SLIDES_DIR": str(folder)},
        check=True,
    )
    return folder, site / name / "index.html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--rounds-at-1000", type=int, default=1, help="rounds for decks of 1000 slides or more"
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the table goes")
    parser.add_argument(
        "--cap", type=int, default=CAP_S, help="seconds after which a run is stopped (failed)"
    )
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    marp, decktape = install_marp(), install_decktape()
    versions = {
        "Chromium": tool_version([CHROMIUM, "--version"]),
        "Marp CLI": tool_version([marp, "--version"]) if marp else "not installed",
        "decktape": tool_version([decktape, "version"]) if decktape else "not installed",
    }
    lesson_text = LESSON.read_text(encoding="utf-8")
    front = f"---\nwidth: {WIDTH}\nheight: {HEIGHT}\n---\n\n"
    decks = {"lesson": front + lesson_text}
    for size in options.sizes:
        decks[f"deck-{size}"] = synthetic_deck(size)
    runs: dict[tuple[str, str], list[Run]] = {}
    for name, text in decks.items():
        folder, page = prepare(name, text)
        markdown = folder / f"{name}.md"
        slides = 23 if name == "lesson" else int(name.split("-")[1])
        commands = {
            "export_deck --pdf": (
                [
                    PYTHON,
                    "manage.py",
                    "export_deck",
                    name,
                    "--pdf",
                    "-o",
                    str(OUT / f"ours-{name}.pdf"),
                    "-v",
                    "0",
                ],
                {"DECK_SLIDES_DIR": str(folder)},
            ),
        }
        if marp:
            commands["Marp CLI --pdf"] = (
                [marp, "--no-stdin", "--pdf", str(markdown), "-o", str(OUT / f"marp-{name}.pdf")],
                {"CHROME_PATH": CHROMIUM, "CHROME_NO_SANDBOX": "1"},
            )
        if decktape:
            commands["decktape reveal"] = (
                [
                    decktape,
                    "reveal",
                    "--chrome-path",
                    CHROMIUM,
                    "--chrome-arg=--no-sandbox",
                    f"--size={WIDTH}x{HEIGHT}",
                    page.as_uri(),
                    str(OUT / f"decktape-{name}.pdf"),
                ],
                {},
            )
        rounds = options.rounds_at_1000 if slides >= 1000 else options.rounds
        for round_number in range(rounds):
            for tool, (args, env) in commands.items():
                # measure() gives up waiting at 900 s: stop the tool itself first.
                capped = ["timeout", "--kill-after=10", str(options.cap), *args]
                run = measure(capped, env)
                if not run.ok and run.seconds >= options.cap:
                    run.error = f"still running after {options.cap} s: stopped"
                runs.setdefault((name, tool), []).append(run)
                state = "ok" if run.ok else f"FAILED: {run.error}"
                write_results(decks, runs, versions, options, quiet=True)
                print(
                    f"{name} round {round_number + 1} {tool}: {run.seconds:.1f} s, "
                    f"{run.peak_mib:.0f} MiB, {state}",
                    flush=True,
                )
    write_results(decks, runs, versions, options)


def pages_of(path: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return line.split()[1]
    return "?"


def write_results(decks, runs, versions, options, quiet: bool = False) -> None:
    """The table so far: written after every run, so a long run that is
    stopped still leaves what it measured."""
    lines = [
        "# PDF export: `export_deck --pdf` beside Marp CLI and decktape",
        "",
        f"`python benchmarks/bench_pdf.py --sizes {' '.join(map(str, options.sizes))} "
        f"--rounds {options.rounds} --rounds-at-1000 {options.rounds_at_1000} --cap {options.cap}`, on "
        f"{platform.node() or 'this machine'} ({os.cpu_count()} cores, shared), "
        f"{time.strftime('%Y-%m-%d')}. "
        + ", ".join(f"{name} {version}" for name, version in versions.items())
        + ".",
        "",
        "Whole-process wall time (median of the rounds) and peak memory of the process",
        "tree, Chromium included. Marp CLI prints the same Markdown; decktape prints our",
        "static HTML export of it (reveal.js). Pages: of the last run's PDF.",
        "",
        "| deck | tool | time | peak memory | pages | failures | ratio to ours |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in decks:
        ours = runs.get((name, "export_deck --pdf"), [])
        ours_time = (
            statistics.median(r.seconds for r in ours if r.ok) if any(r.ok for r in ours) else None
        )
        for (deck_name, tool), tool_runs in runs.items():
            if deck_name != name:
                continue
            good = [r for r in tool_runs if r.ok]
            failed = len(tool_runs) - len(good)
            prefix = {
                "export_deck --pdf": "ours",
                "Marp CLI --pdf": "marp",
                "decktape reveal": "decktape",
            }[tool]
            if good:
                seconds = statistics.median(r.seconds for r in good)
                memory = statistics.median(r.peak_mib for r in good)
                ratio = f"{seconds / ours_time:.2f}x" if ours_time else "-"
                cells = (
                    f"{seconds:.1f} s | {memory:.0f} MiB | {pages_of(OUT / f'{prefix}-{name}.pdf')}"
                )
            else:
                cells, ratio = "- | - | -", "-"
            note = f"{failed} ({tool_runs[-1].error[:80]})" if failed else "0"
            lines.append(f"| {name} | {tool} | {cells} | {note} | {ratio} |")
    options.results.parent.mkdir(parents=True, exist_ok=True)
    options.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not quiet:
        print(options.results.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
