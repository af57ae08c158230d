"""Big decks in the browser: ``python benchmarks/bench_browser.py``.

Synthetic decks (benchmarks/synthetic.py) of 1000 and 5000 slides, in
headless Chromium at 1280x720, one run, tools interleaved load by load:

* this project served (``manage.py runserver``, DEBUG off) and exported
  (``export_deck``, the files served by a plain static server);
* reveal-md 6.1.4's static export (installed under benchmarks/out/ by this
  script with npm; skipped, with the reason, if that fails);
* MkSlides, skipped with the reason when no Python >= 3.12 is found.

Figures: load (navigation start to reveal.js ready and the next frame
painted), step (a keydown of the right arrow to two animation frames later,
the new slide painted: bench_fit.py's method, started by a key), median of
the steps; DOM nodes per slide (elements in the document after load / slides).
Written to benchmarks/results/browser.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_fit import Server  # noqa: E402
from benchmarks.synthetic import write_deck  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "browser.md"
OUT = ROOT / "benchmarks" / "out"
CHROMIUM = os.environ.get("DECK_CHROMIUM", "/usr/bin/chromium")
REVEAL_MD = "reveal-md@6.1.4"

LOADED = """
async () => {
  await new Promise((resolve) => {
    const check = () => (window.Reveal && Reveal.isReady() ? resolve() : setTimeout(check, 1));
    check();
  });
  await new Promise(requestAnimationFrame);
  return {load: performance.now(), nodes: document.getElementsByTagName('*').length,
          slides: Reveal.getTotalSlides()};
}
"""

STEP = """
async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const started = performance.now();
  document.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", keyCode: 39,
                                                       which: 39, bubbles: true}));
  await frame();
  await frame();
  return performance.now() - started;
}
"""


class Static:
    """A folder served over HTTP (exports open as from any static host)."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()


def reveal_md() -> tuple[Path | None, str]:
    binary = OUT / "reveal-md" / "node_modules" / ".bin" / "reveal-md"
    if not binary.exists():
        if not shutil.which("npm"):
            return None, "npm not found"
        (OUT / "reveal-md").mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", REVEAL_MD],
            cwd=OUT / "reveal-md",
            capture_output=True,
            text=True,
        )
        if done.returncode or not binary.exists():
            return None, f"npm install {REVEAL_MD} failed: {done.stderr.strip()[-200:]}"
    return binary, ""


def mkslides_reason() -> str:
    for name in ("python3.14", "python3.13", "python3.12"):
        if shutil.which(name) or Path(f"/usr/bin/{name}").exists():
            return ""
    if shutil.which("uv"):
        return ""
    return "skipped: MkSlides needs Python >= 3.12; this machine has none (and no uv)"


def prepare(tmp: Path, sizes: list[int]) -> tuple[dict, list[str], list]:
    """Every page to measure: {(tool, size): url}, notes, things to stop."""
    slides = tmp / "slides"
    urls: dict[tuple[str, int], str] = {}
    notes: list[str] = []
    for size in sizes:
        write_deck(slides, size, f"s{size}")
    env = {**os.environ, "DECK_SLIDES_DIR": str(slides), "PYTHONPATH": str(ROOT)}
    export = tmp / "export"
    subprocess.run(
        [sys.executable, "manage.py", "export_deck", "--all", "--output", str(export), "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # The same export without window.js (an empty file in its place): the
    # page as it was before it, for a ratio measured in the same run.
    before = tmp / "export-before"
    shutil.copytree(export, before)
    (before / "static" / "deck" / "window.js").write_text("")
    stops = []
    served = Server(slides, fit=True)
    stops.append(served)
    static = Static(export)
    stops.append(static)
    static_before = Static(before)
    stops.append(static_before)
    for size in sizes:
        urls[("deck served", size)] = f"{served.url}/s{size}/"
        urls[("deck exported", size)] = f"{static.url}/s{size}/index.html"
        urls[("deck exported, no window.js (before)", size)] = (
            f"{static_before.url}/s{size}/index.html"
        )
    binary, reason = reveal_md()
    if binary:
        md_out = tmp / "reveal-md"
        for size in sizes:
            subprocess.run(
                [str(binary), str(slides / f"s{size}.md"), "--static", str(md_out / f"s{size}")],
                check=True,
                capture_output=True,
            )
        md_static = Static(md_out)
        stops.append(md_static)
        for size in sizes:
            urls[("reveal-md 6.1.4 exported", size)] = f"{md_static.url}/s{size}/s{size}.html"
    else:
        notes.append(f"reveal-md: {reason}")
    reason = mkslides_reason()
    notes.append(
        f"MkSlides: {reason or 'skipped: a Python >= 3.12 or uv was found, but this script does not install MkSlides'}"
    )
    return urls, notes, stops


def measure(urls: dict, loads: int, steps: int) -> dict:
    from playwright.sync_api import sync_playwright

    figures = {key: {"load": [], "step": [], "nodes": 0.0} for key in urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for round_ in range(loads + 1):  # round 0 warms servers and caches
                for key, url in urls.items():
                    context = browser.new_context(viewport={"width": 1280, "height": 720})
                    page = context.new_page()
                    page.goto(url + "#/100", wait_until="commit", timeout=120_000)
                    shown = page.evaluate(LOADED)
                    if round_:
                        figures[key]["load"].append(shown["load"])
                        figures[key]["nodes"] = shown["nodes"] / shown["slides"]
                    if round_ == loads:
                        for _ in range(3):
                            page.evaluate(STEP)
                        for _ in range(steps):
                            figures[key]["step"].append(page.evaluate(STEP))
                    context.close()
        finally:
            browser.close()
    return figures


def write_results(figures: dict, notes: list[str], loads: int, steps: int) -> str:
    lines = [
        "## Big decks in the browser (issue 20)",
        "",
        "Synthetic decks (benchmarks/synthetic.py), headless Chromium 1280x720, one run;"
        f" {loads} loads each (opened at `#/100`), then {steps} steps on the last."
        " Load: navigation start to reveal.js ready and a frame painted. Step: a right-arrow"
        " keydown to two animation frames later (the 2-frame floor is ~33 ms). Nodes: elements"
        " in the document after load, per slide. Medians in milliseconds.",
        "",
        "| Tool | Slides | Load (ms) | Step (ms) | DOM nodes per slide |",
        "|---|---:|---:|---:|---:|",
    ]
    for (tool, size), got in figures.items():
        lines.append(
            f"| {tool} | {size} | {statistics.median(got['load']):.0f} |"
            f" {statistics.median(got['step']):.1f} | {got['nodes']:.1f} |"
        )
    lines += [""] + [f"- {note}" for note in notes]
    lines += [
        "",
        "Decks above 300 stacks keep only the 61 stacks around the current one in the DOM"
        " (static/deck/window.js): its node count is of the page as shown.",
        "",
        "Run: `python benchmarks/bench_browser.py` (needs Chromium, Playwright, npm).",
        "",
    ]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=3, help="page loads per tool and size")
    parser.add_argument("--steps", type=int, default=30, help="steps per tool and size")
    parser.add_argument("--sizes", default="1000,5000", help="deck sizes, comma-separated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        urls, notes, stops = prepare(Path(tmp), sizes)
        try:
            figures = measure(urls, args.loads, args.steps)
        finally:
            for thing in stops:
                thing.stop()
    print(write_results(figures, notes, args.loads, args.steps))


if __name__ == "__main__":
    main()
