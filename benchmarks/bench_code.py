"""Code blocks: what the highlights look like, and what they cost.

    .venv/bin/python benchmarks/bench_code.py [--slides 300] [--rounds 3]

* Contrast, for every Pygments style the project serves: a highlighted
  line's text on its band against a dimmed line's text on the block's
  background (WCAG contrast ratios, from the colours the style's stylesheet
  gives them: deck/render/code_colours.py). tests/test_code_specs.py holds a
  floor on every style.
* Spans: how many ``<span>`` the synthetic deck's code blocks take, with and
  without one per whitespace token (fewer nodes for the browser).
* Cold render per slide of the synthetic deck (benchmarks/synthetic.py), this
  tree against the commit it branched from (a git worktree under
  benchmarks/out/, made when missing), alternating between the two in fresh
  processes so both see the same machine load; CPU time, the best pass of
  each process, median over the rounds.

Figures go to benchmarks/results/code.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "code.md"
OUT = ROOT / "benchmarks" / "out"
BASE_BRANCH = "main"

# Run in a fresh process with the tree to measure first on sys.path.
RENDER_TIMING = """
import json, statistics, sys, time
from benchmarks.synthetic import deck
from deck.core.splitter import split
from deck.render.slides import slide_content
slides = [s for stack in split(deck({slides})).stacks for s in stack]
for s in slides[:30]:
    slide_content(s)  # imports, lexers and formatters: not this deck's cost
passes = []
for _ in range({passes}):
    start = time.process_time()
    for s in slides:
        slide_content(s)
    passes.append((time.process_time() - start) / len(slides))
print(json.dumps(min(passes)))  # the least disturbed pass
"""


def contrast_rows() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from pygments.styles import get_all_styles

    from deck.render import code_colours

    rows = []
    for style in sorted(get_all_styles()):
        f = code_colours.figures(style)
        rows.append(
            {
                "style": style,
                "background": f.background,
                "text": f.text,
                "opacity": f.dim_opacity,
                "highlighted": f.highlighted,
                "dimmed": f.dimmed,
                "margin": f.margin,
                # What reveal.js's own look (opacity 0.4, no band) would give.
                "reveal": f.reveal,
            }
        )
    return rows


def span_counts(slides: int) -> dict:
    from pygments.token import Whitespace

    from benchmarks.synthetic import deck
    from deck.render import highlight as highlighter
    from deck.render.slides import markdown_to_html

    text = deck(slides)
    now = markdown_to_html(text).count("<span")
    # The same formatters with Pygments' own opening tag for whitespace.
    highlighter._formatter.cache_clear()
    keep = highlighter._DeckFormatter.__init__

    def with_whitespace_spans(self, **options):
        keep(self, **options)
        del self.span_element_openers[Whitespace]

    highlighter._DeckFormatter.__init__ = with_whitespace_spans
    try:
        before = markdown_to_html(text).count("<span")
    finally:
        highlighter._DeckFormatter.__init__ = keep
        highlighter._formatter.cache_clear()
    return {"now": now, "before": before}


def baseline_tree() -> Path | None:
    """A worktree of the commit this branch started from, made when missing."""
    try:
        base = subprocess.run(
            ["git", "merge-base", "HEAD", BASE_BRANCH],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"no baseline: {error}", file=sys.stderr)
        return None
    tree = OUT / f"baseline-{base[:12]}"
    if not tree.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), base],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return tree


def cold_render(tree: Path, slides: int, passes: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree), "DJANGO_SETTINGS_MODULE": ""}
    result = subprocess.run(
        [sys.executable, "-c", RENDER_TIMING.format(slides=slides, passes=passes)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def report(rows: list[dict], spans: dict, render: dict | None, slides: int) -> str:
    from deck.render import code_colours

    lines = [
        "## Code blocks: highlighted lines, spans and render time",
        "",
        "`python benchmarks/bench_code.py`. A highlighted line keeps the style's text"
        " colour on a band of it; the other lines of the block are dimmed with the"
        " opacity chosen for the style (deck/render/code_colours.py). Contrast is the"
        " WCAG ratio of the plain text colour on its background; *margin* is a"
        " highlighted line's contrast over a dimmed line's. *reveal.js* is the margin"
        " reveal.js's own look (opacity 0.4, no band) would give with the style.",
        "",
        "| style | background | text | dim opacity | highlighted | dimmed | margin | reveal.js |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['style']} | `{r['background']}` | `{r['text']}` | {r['opacity']:.2f} "
            f"| {r['highlighted']:.2f} | {r['dimmed']:.2f} | **{r['margin']:.2f}** "
            f"| {r['reveal']:.2f} |"
        )
    worst = min(rows, key=lambda r: r["margin"])
    lines += [
        "",
        f"Smallest margin: {worst['margin']:.2f} ({worst['style']}); the test floor is 2.0,"
        " and at least reveal.js's own margin wherever a dimmed line stays above"
        f" contrast {code_colours.DIM_FLOOR}.",
        "",
        f"Spans in the {slides}-slide synthetic deck's HTML: {spans['now']:,} without a span"
        f" per whitespace token, {spans['before']:,} with one"
        f" ({1 - spans['now'] / spans['before']:.0%} fewer).",
        "",
    ]
    if render:
        ratio = render["now"] / render["base"]
        lines += [
            f"Cold render per slide ({slides}-slide synthetic deck, CPU time, best pass, median of"
            f" {render['rounds']} alternating rounds): before (`{render['commit']}`)"
            f" {render['base'] * 1000:.3f} ms, after {render['now'] * 1000:.3f} ms:"
            f" **{ratio:.2f}x** (the bound is 1.10x).",
            "",
        ]
    else:
        lines += ["Cold render: no baseline worktree could be made (see stderr).", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slides", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    rows = contrast_rows()
    spans = span_counts(args.slides)
    render = None
    tree = baseline_tree()
    if tree is not None:
        base, now = [], []
        for _ in range(args.rounds):
            base.append(cold_render(tree, args.slides, args.passes))
            now.append(cold_render(ROOT, args.slides, args.passes))
        render = {
            "base": statistics.median(base),
            "now": statistics.median(now),
            "rounds": args.rounds,
            "commit": tree.name.removeprefix("baseline-"),
        }
    text = report(rows, spans, render, args.slides)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
