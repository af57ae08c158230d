"""What fitting costs while presenting: ``python benchmarks/bench_fit.py``.

A synthetic 1000-slide deck (a third of its slides too long for the slide:
20-bullet lists and 30-line code blocks) is served twice, fitting on and
fitting off (DECK_FIT=0), both with DEBUG off as in front of a room. Headless
Chromium at 1280x720 measures, alternating on and off so both see the same
machine load:

* load: navigation start to the first slide shown (reveal ready, fitted,
  and painted);
* navigation: ``Reveal.next()`` to the next frame painted, and to the moment
  the slides reveal keeps around the new one are fitted too (work fitting
  does in idle time); and fit.js's own count of the time it spent fitting.

Figures go to benchmarks/results/fit.md as medians and on/off ratios.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "fit.md"
CHROMIUM = os.environ.get("DECK_CHROMIUM", "/usr/bin/chromium")
SLIDES = 1000

FIRST_SLIDE_SHOWN = """
async () => {
  await new Promise((resolve) => {
    const check = () => (window.Reveal && Reveal.isReady() ? resolve() : setTimeout(check, 1));
    check();
  });
  await new Promise(requestAnimationFrame);
  const shown = performance.now();
  const nav = performance.getEntriesByType("navigation")[0];
  return {load: shown, client: shown - nav.responseEnd};
}
"""

# One step: next() to the next frame painted, then to the neighbours fitted.
STEP = """
async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const fitted = window.deckFit ? deckFit.stats.ms : 0;
  const started = performance.now();
  Reveal.next();
  await frame();
  const painted = performance.now() - started;
  if (window.deckFit && deckFit.config.enabled) await deckFit.whenSettled();
  const settled = performance.now() - started;
  await frame();
  return {painted, settled, fitting: (window.deckFit ? deckFit.stats.ms : 0) - fitted};
}
"""


def synthetic_deck(count: int) -> str:
    slides = []
    for n in range(count):
        kind = n % 10
        if kind in (2, 6):
            items = "\n".join(f"* Point {i} of slide {n}, said in a few words" for i in range(20))
            slides.append(f"## Long list {n}\n\n{items}")
        elif kind == 8:
            code = "\n".join(
                f"    total_{i} = compute(value_{i}, {n})  # line {i}" for i in range(30)
            )
            slides.append(f"## Code {n}\n\n```python\ndef step_{n}():\n{code}\n```")
        else:
            slides.append(f"## Slide {n}\n\n* One thing\n* Another thing\n* A third thing")
    return "---\ntitle: Synthetic\n---\n\n" + "\n\n---\n\n".join(slides) + "\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, slides: Path, fit: bool) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DECK_SLIDES_DIR": str(slides),
            "DECK_DEBUG": "0",
            "DECK_SECRET_KEY": "benchmark-only-" + "x" * 40,
            "DECK_ALLOWED_HOSTS": "127.0.0.1",
            "DECK_FIT": "1" if fit else "0",
            "PYTHONPATH": str(ROOT),
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    return context.new_page()


def load_time(browser, url: str) -> dict[str, float]:
    page = new_page(browser)
    try:
        page.goto(url, wait_until="commit")
        return page.evaluate(FIRST_SLIDE_SHOWN)
    finally:
        page.context.close()


def open_for_navigation(browser, url: str):
    page = new_page(browser)
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    if page.evaluate("!!(window.deckFit && deckFit.config.enabled)"):
        page.evaluate("deckFit.whenSettled()")
    return page


def measure(rounds: int, steps: int) -> dict[str, dict[str, list[float]]]:
    """On and off alternate load by load and step by step: both see the same
    machine, however busy it is."""
    from playwright.sync_api import sync_playwright

    keys = ("load", "client", "painted", "settled", "fitting")
    figures = {mode: {key: [] for key in keys} for mode in ("on", "off")}
    with tempfile.TemporaryDirectory() as tmp:
        slides = Path(tmp)
        (slides / "synthetic.md").write_text(synthetic_deck(SLIDES))
        servers = {"on": Server(slides, fit=True), "off": Server(slides, fit=False)}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                try:
                    urls = {mode: f"{server.url}/synthetic/" for mode, server in servers.items()}
                    for url in urls.values():  # warm up both servers and the browser
                        load_time(browser, url)
                    for _ in range(rounds):
                        for mode, url in urls.items():
                            shown = load_time(browser, url)
                            figures[mode]["load"].append(shown["load"])
                            figures[mode]["client"].append(shown["client"])
                    pages = {
                        mode: open_for_navigation(browser, url + "#/100")
                        for mode, url in urls.items()
                    }
                    for _ in range(steps):
                        for mode, page in pages.items():
                            step = page.evaluate(STEP)
                            for key in ("painted", "settled", "fitting"):
                                figures[mode][key].append(step[key])
                    for page in pages.values():
                        page.context.close()
                finally:
                    browser.close()
        finally:
            for server in servers.values():
                server.stop()
    return figures


def write_results(figures, rounds: int, steps: int) -> str:
    def median(mode: str, key: str) -> float:
        return statistics.median(figures[mode][key])

    rows = [
        ("Page load to first slide shown", "load"),
        ("... of which in the browser (HTML received to shown)", "client"),
        ("Navigation: next() to next frame painted", "painted"),
        ("Navigation: next() to the slides around it fitted", "settled"),
    ]
    lines = [
        "## Fitting slides (issue 10)",
        "",
        f"Synthetic deck of {SLIDES} slides (3 in 10 too long: 20-bullet lists,"
        " 30-line code), served with DEBUG off, headless Chromium 1280x720."
        f" {rounds} page loads and {steps} navigation steps each way, fitting on"
        " and off alternating load by load and step by step.",
        "Medians in milliseconds; the ratio is on/off measured in the same run"
        " (target: fitting adds under 10%, ratio < 1.10).",
        "",
        "| Measure | Fitting on | Fitting off | on/off |",
        "|---|---:|---:|---:|",
    ]
    for label, key in rows:
        on, off = median("on", key), median("off", key)
        lines.append(f"| {label} | {on:.1f} | {off:.1f} | {on / off:.2f} |")
    fitting = statistics.mean(figures["on"]["fitting"])
    painted = statistics.mean(figures["on"]["painted"])
    lines += [
        "",
        f"Time spent fitting (fit.js's own clock) per navigation step: {fitting:.2f} ms"
        f" on average, {100 * fitting / painted:.1f}% of the mean step"
        f" ({painted:.1f} ms); most of it in idle time after the frame is painted.",
        "",
        "Run: `python benchmarks/bench_fit.py` (needs Chromium and Playwright).",
        "",
    ]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="page loads each way")
    parser.add_argument("--steps", type=int, default=60, help="navigation steps each way")
    args = parser.parse_args()
    figures = measure(args.rounds, args.steps)
    print(write_results(figures, args.rounds, args.steps))


if __name__ == "__main__":
    main()
