"""What math and diagrams cost: ``python benchmarks/bench_math.py``.

Two comparisons, each measured side by side in one run (loads and steps
alternate, so both sides see the same machine), DEBUG off, headless
Chromium at 1280x720:

1. A deck with no math and no diagram (the project's lesson) served by this
   tree and by where it left the base branch (``--base``, default ``main``;
   their merge base, unpacked with ``git archive`` under benchmarks/out/):
   page weight (the HTML and every file it loaded, decoded bytes) and load
   time must not change.
2. A 50-slide deck with a formula on every slide and ten Mermaid diagrams,
   beside the same deck with the formulas as plain text and the diagrams as
   plain code blocks: load to ready (navigation start to reveal.js ready, the
   first slide painted) and per step (``Reveal.next()`` to the next frame
   painted, and to the slides around it fitted).

Figures go to benchmarks/results/math.md as medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_fit import CHROMIUM, STEP, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "math.md"
OUT = ROOT / "benchmarks" / "out"
SLIDES = 50
DIAGRAMS = 10
LESSON = "lesson-09-advanced-django"

# Navigation start to the first slide painted, and what the page loaded.
READY = """
async () => {
  await new Promise((resolve) => {
    const check = () => (window.Reveal && Reveal.isReady() ? resolve() : setTimeout(check, 1));
    check();
  });
  await new Promise(requestAnimationFrame);
  const shown = performance.now();
  const nav = performance.getEntriesByType("navigation")[0];
  const files = performance.getEntriesByType("resource");
  const bytes = files.reduce((sum, entry) => sum + entry.decodedBodySize, nav.decodedBodySize);
  return {ready: shown, bytes, files: files.length + 1};
}
"""

FORMULAS = [
    r"h = \frac{\text{hits}}{\text{hits} + \text{misses}}",
    r"T = h\,t_{\text{cache}} + (1-h)\,t_{\text{db}}",
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"O(n \log n) < O(n^2)",
    r"P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}",
]


def diagram(n: int) -> str:
    return (
        "flowchart LR\n"
        f"  A{n}[Request {n}] --> B{n}{{Cached?}}\n"
        f"  B{n} -->|yes| C{n}[From the cache]\n"
        f"  B{n} -->|no| D{n}[Render] --> C{n}"
    )


def deck(drawn: bool, diagrams: bool = True) -> str:
    """The benchmark deck; with ``drawn`` False the same words, as text and
    code; with ``diagrams`` False the formulas only (diagrams as code)."""
    slides = []
    every = SLIDES // DIAGRAMS
    for n in range(SLIDES):
        formula = FORMULAS[n % len(FORMULAS)]
        body = f"## Slide {n}\n\n* The cost: " + (f"${formula}$" if drawn else formula)
        body += "\n* Another point\n\n"
        body += f"$$\n{formula}\n$$" if drawn else f"    {formula}"
        if n % every == every - 1:
            body += f"\n\n```{'mermaid' if drawn and diagrams else 'text'}\n{diagram(n)}\n```"
        slides.append(body)
    return "---\ntitle: Math bench\n---\n\n" + "\n\n---\n\n".join(slides) + "\n"


def base_tree(ref: str) -> Path | None:
    """The files of where this branch left ``ref`` (their merge base: what
    ``ref`` has gained since is no part of this branch's change), unpacked
    once per commit; None without git or the branch."""
    try:
        commit = subprocess.run(
            ["git", "merge-base", "HEAD", ref], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    tree = OUT / f"base-{commit[:12]}"
    if not (tree / "manage.py").exists():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
    return tree


class Server:
    def __init__(self, tree: Path, slides: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DECK_SLIDES_DIR": str(slides),
            "DECK_DEBUG": "0",
            "DECK_SECRET_KEY": "benchmark-only-" + "x" * 40,
            "DECK_ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONPATH": str(tree),
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=tree,
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
        raise RuntimeError(f"server in {tree} did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def load(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        return page.evaluate(READY)
    finally:
        context.close()


def compare_loads(browser, urls: dict[str, str], rounds: int) -> dict[str, dict[str, list]]:
    figures = {side: {"ready": [], "bytes": [], "files": []} for side in urls}
    for url in urls.values():
        load(browser, url)  # warm up the server and the browser
    for index in range(rounds):
        for side, url in in_turn(urls, index):
            for key, value in load(browser, url).items():
                figures[side][key].append(value)
    return figures


def in_turn(items: dict, index: int) -> list:
    """The items, in reverse order every other round (A B, B A, ...): going
    first or second costs differently on a busy machine, and each side takes
    both places as often."""
    pairs = list(items.items())
    return pairs if index % 2 == 0 else pairs[::-1]


def compare_steps(browser, urls: dict[str, str], steps: int) -> dict[str, dict[str, list]]:
    figures = {side: {"painted": [], "settled": [], "fitting": []} for side in urls}
    pages = {}
    for side, url in urls.items():
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        page.evaluate("deckFit.whenSettled()")
        pages[side] = page
    for index in range(steps):
        for side, page in in_turn(pages, index):
            if page.evaluate("Reveal.isLastSlide()"):
                page.evaluate("Reveal.slide(0); deckFit.whenSettled()")
            step = page.evaluate(STEP)
            figures[side]["painted"].append(step["painted"])
            figures[side]["settled"].append(step["settled"])
            figures[side]["fitting"].append(step["fitting"])
    for page in pages.values():
        page.context.close()
    return figures


def measure(base: str, rounds: int, steps: int) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {"base": None}
    with tempfile.TemporaryDirectory() as tmp:
        slides = Path(tmp)
        shutil.copy(ROOT / "slides" / f"{LESSON}.md", slides / f"{LESSON}.md")
        (slides / "drawn.md").write_text(deck(drawn=True))
        (slides / "plain.md").write_text(deck(drawn=False))
        (slides / "formulas.md").write_text(deck(drawn=True, diagrams=False))
        tree = base_tree(base)
        servers = {"this": Server(ROOT, slides)}
        if tree is not None:
            servers["base"] = Server(tree, slides)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                try:
                    lesson = {side: f"{s.url}/{LESSON}/" for side, s in servers.items()}
                    # Loads of the plain lesson are short: twice as many, for a steadier median.
                    results["lesson"] = compare_loads(browser, lesson, 2 * rounds)
                    this = servers["this"].url
                    drawn = {"drawn": f"{this}/drawn/", "plain": f"{this}/plain/"}
                    loads = {**drawn, "formulas": f"{this}/formulas/"}
                    results["loads"] = compare_loads(browser, loads, rounds)
                    results["steps"] = compare_steps(browser, drawn, steps)
                finally:
                    browser.close()
        finally:
            for server in servers.values():
                server.stop()
    results["base"] = base if tree is not None else None
    return results


def write_results(results: dict, rounds: int, steps: int) -> str:
    def median(figures: dict, side: str, key: str) -> float:
        return statistics.median(figures[side][key])

    lines = [
        "## Math and diagrams (issue 17)",
        "",
        "DEBUG off, headless Chromium 1280x720; medians, in milliseconds and bytes"
        " (decoded: the HTML and every file the page loaded); ratios measured in the same run.",
        "",
    ]
    lesson = results["lesson"]
    if results["base"]:
        lines += [
            f"A deck with no math and no diagram (the lesson): this branch beside where it"
            f" left `{results['base']}`, {2 * rounds} loads each, alternating"
            " (target: unchanged).",
            "",
            f"| Measure | This branch | {results['base']} | ratio |",
            "|---|---:|---:|---:|",
        ]
        for label, key in (("Load to ready", "ready"), ("Page weight", "bytes")):
            this, base = median(lesson, "this", key), median(lesson, "base", key)
            lines.append(f"| {label} | {this:,.0f} | {base:,.0f} | {this / base:.2f} |")
        this, base = median(lesson, "this", "files"), median(lesson, "base", "files")
        lines.append(f"| Files loaded | {this:.0f} | {base:.0f} | {this / base:.2f} |")
    else:
        lines.append(
            "A deck with no math and no diagram: no base branch to compare with"
            " (git or the branch missing); this branch alone:"
            f" {median(lesson, 'this', 'ready'):.0f} ms, {median(lesson, 'this', 'bytes'):,.0f} B."
        )
    loads, steps_ = results["loads"], results["steps"]
    lines += [
        "",
        f"A {SLIDES}-slide deck with a formula inline and one displayed on every slide and"
        f" {DIAGRAMS} Mermaid diagrams, beside the same deck with those as plain text and code"
        f" ({rounds} loads, {steps} steps each, alternating).",
        "",
        "| Measure | With math and diagrams | Without | ratio |",
        "|---|---:|---:|---:|",
    ]
    rows = [
        ("Load to ready (first slide painted)", loads, "ready"),
        ("Step: next() to next frame painted", steps_, "painted"),
        ("Step: next() to the slides around it fitted", steps_, "settled"),
    ]
    for label, figures, key in rows:
        drawn, plain = median(figures, "drawn", key), median(figures, "plain", key)
        lines.append(f"| {label} | {drawn:.1f} | {plain:.1f} | {drawn / plain:.2f} |")
    drawn, plain = median(loads, "drawn", "bytes"), median(loads, "plain", "bytes")
    formulas = median(loads, "formulas", "ready")
    plain_ready = median(loads, "plain", "ready")
    lines += [
        f"| Page weight (bytes) | {drawn:,.0f} | {plain:,.0f} | {drawn / plain:.2f} |",
        f"| Load to ready, the formulas only (diagrams as code) | {formulas:.1f}"
        f" | {plain_ready:.1f} | {formulas / plain_ready:.2f} |",
        "",
        "Every formula and diagram is drawn before the deck is ready, so the load pays"
        " for them once; most of it is Mermaid's 3.5 MB script, which a deck without"
        " diagrams does not load.",
        "",
        "Run: `python benchmarks/bench_math.py` (needs Chromium and Playwright).",
        "",
    ]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="branch to compare the plain deck with")
    parser.add_argument("--rounds", type=int, default=7, help="page loads each way")
    parser.add_argument("--steps", type=int, default=40, help="navigation steps each way")
    args = parser.parse_args()
    results = measure(args.base, args.rounds, args.steps)
    print(write_results(results, args.rounds, args.steps))


if __name__ == "__main__":
    main()
