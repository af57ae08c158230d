"""The worst inputs found for the deck pipeline, timed.

For each input: split + render every slide (what a deck page does) and
lint it (what ``manage.py check`` does), at the full size and at half and a
quarter of it. The ratio t(full) / t(half) tells linear (about 2) from
quadratic (about 4) growth on this noisy shared machine better than any
single time does.

Run: ``PYTHONPATH=. python benchmarks/bench_worst_inputs.py [--mb 5]``
Writes ``benchmarks/results/worst-inputs.md``. With ``--issue15``, issue 15's
inputs at 10 KB and at 1 MB, as a section of its own in the same file.
"""

from __future__ import annotations

import argparse
import gc
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deck.checks.analysis import lint_text  # noqa: E402
from deck.core.errors import DeckError, TooComplex  # noqa: E402
from deck.core.reading import parse  # noqa: E402
from deck.render import budget  # noqa: E402
from deck.render.budget import budgeted  # noqa: E402
from deck.render.slides import render_slide  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "worst-inputs.md"
RENDER_SECONDS = 10.0  # DECK_RENDER_SECONDS' default: past it a page says "too complex"
QUICK = 2.0  # seconds: runs quicker than this are repeated, the best kept


def repeat_to(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def nested_list(size: int) -> str:
    """Each item one level deeper: the file grows with the square of the depth."""
    lines, total, depth = [], 0, 0
    while total < size:
        line = "  " * depth + f"* level {depth}"
        lines.append(line)
        total += len(line) + 1
        depth += 1
    return "\n".join(lines)


def alias_bomb(size: int) -> str:
    rows = ["---", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefghij", "abcdefghi", strict=True):
        rows.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    return "\n".join([*rows, "---", "# Title"])


# name -> (what it is, text of about `size` bytes)
CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "one_line_words": ("one line of plain words", lambda n: repeat_to("word ", n)),
    "one_line_backticks": ("one line of backticks", lambda n: "`" * n),
    "code_spans": ("one paragraph of `a` code spans", lambda n: repeat_to("`a` ", n)),
    "open_brackets": ("one line of [", lambda n: "[" * n),
    "close_brackets": ("one line of ]", lambda n: "]" * n),
    "link_opens": ("[a]( repeated, never closed", lambda n: repeat_to("[a](", n)),
    "nested_brackets": (
        "[[[...a...]]](b)",
        lambda n: "[" * (n // 2) + "a" + "]" * (n // 2) + "(b)",
    ),
    "unclosed_tags": ("<a repeated, no > anywhere", lambda n: repeat_to("<a ", n)),
    "lt_run": ("one line of <", lambda n: "<" * n),
    "html_comment_opens": ("<!-- repeated, never closed", lambda n: repeat_to("<!--", n)),
    "emphasis": ("*a repeated", lambda n: repeat_to("*a", n)),
    "stars": ("one line of *", lambda n: "*" * n),
    "list_markers_one_line": ("'* * * ...' nested lists on one line", lambda n: repeat_to("* ", n)),
    "nested_quotes": ("> > > ... nested quotes on one line", lambda n: repeat_to("> ", n)),
    "nested_list": ("a list nested one level deeper per line", nested_list),
    "empty_bullets": ("lines of '* '", lambda n: repeat_to("* \n", n)),
    "many_slides": ("a slide per 6 bytes", lambda n: repeat_to("x\n---\n", n)),
    "many_fences": ("short fenced blocks", lambda n: repeat_to("```py\nx = 1\n```\n\n", n)),
    "unclosed_fence_late": (
        "text, then a fence never closed",
        lambda n: repeat_to("w\n", n) + "```\n",
    ),
    "table": ("one long table", lambda n: "| a | b |\n|---|---|\n" + repeat_to("| x | y |\n", n)),
    "mojibake": ("garbled text on one line", lambda n: repeat_to("â€” ", n * 4 // 9)),
    "alias_bomb": ("front matter YAML alias bomb (1 KB)", alias_bomb),
}

# Issue 15's inputs, each timed at 10 KB and at 1 MB (``--issue15``).
ISSUE_15: dict[str, tuple[str, Callable[[int], str]]] = {
    "i15_open_brackets": ("[ × n (item 3)", lambda n: "[" * n),
    "i15_brackets_then_links": (
        "[ × n then ]( × n/10 (item 3)",
        lambda n: "[" * (n * 10 // 12) + "](" * (n // 12),
    ),
    "i15_image_openers": ("![ × n/2 (item 3)", lambda n: repeat_to("![", n)),
    "i15_links_then_open": ("[a](b) [ repeated (item 3)", lambda n: repeat_to("[a](b) [", n)),
    "i15_titled_link_opens": ('[a]("  repeated, never closed', lambda n: repeat_to('[a]("', n)),
    "i15_heading_lines": ("# a lines in one block", lambda n: repeat_to("# a\n", n)),
    "i15_setext_lines": ("a / = setext headings in one block", lambda n: repeat_to("a\n=\n", n)),
    "i15_line_spec": (
        "```python {1-999999999} fences (item 2)",
        lambda n: repeat_to("```python {1-999999999}\nx = 1\n```\n\n", n),
    ),
    "i15_nul_late": ("text, then a NUL byte (item 9)", lambda n: repeat_to("word ", n) + "\0"),
    "i15_front_matter_keys": (
        "front matter of n/15 keys (item 9)",
        lambda n: (
            "---\n" + "".join(f"key{i}: value{i}\n" for i in range(max(1, n // 15))) + "---\n# x\n"
        ),
    ),
    "i15_slow_separator": (
        "front matter separator ^(a|aa)+$, lines of 40 a + b (item 4)",
        lambda n: "---\nseparator: '^(a|aa)+$'\n---\n" + repeat_to("a" * 40 + "b\n", n),
    ),
    "i15_issue_separator": (
        "front matter separator ^(a+)+$, lines of 40 a + b (item 4)",
        lambda n: "---\nseparator: '^(a+)+$'\n---\n" + repeat_to("a" * 40 + "b\n", n),
    ),
}


def render_all(text: str) -> str:
    try:
        deck = parse("bench", Path("bench.md"), text)
    except DeckError as error:
        return f"refused: {error.message[:60]}"
    render = budgeted(deck.path, RENDER_SECONDS)  # as a deck page renders
    try:
        for slide in deck.split.slides:
            render(slide)
    except TooComplex as error:
        return f"too complex: {error.message[:50]}"
    return f"{len(deck.split.slides):,} slide(s)"


def timed(function: Callable[[], object]) -> tuple[float, object]:
    """Best of three for quick runs (noise on a shared machine), else one run."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        budget._too_complex.clear()  # each run pays in full, as a first visitor does
        # CPU time: on a shared machine, wall time is mostly waiting for a core.
        start = time.process_time()
        result = function()
        elapsed = time.process_time() - start
        best = min(best, elapsed)
        if elapsed > QUICK:
            break
    return best, result


def measure(make: Callable[[int], str], size: int) -> dict:
    row = {}
    for label, factor in (("quarter", 4), ("half", 2), ("full", 1)):
        text = make(size // factor)
        render_time, outcome = timed(lambda text=text: render_all(text))
        lint_time, problems = timed(lambda text=text: lint_text(text, Path("bench.md")))
        row[label] = (len(text.encode()), render_time, lint_time, outcome, len(problems))
    return row


def ratio(row: dict, column: int) -> str:
    half, full = row["half"][column], row["full"][column]
    if full < 0.05:  # too quick for the noise on this machine to tell
        return "—"
    return f"{full / half:.1f}" if half > 0 else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="full input size in MB (default 5)")
    parser.add_argument(
        "--issue15", action="store_true", help="issue 15's inputs at 10 KB and at 1 MB instead"
    )
    parser.add_argument("cases", nargs="*", help="only these cases")
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    render_slide(parse("warm", Path("warm.md"), "# warm\n").split.slides[0])  # build Markdown once
    if args.issue15:
        issue_15(args.cases)
        return

    rows = []
    for name, (what, make) in CASES.items():
        if args.cases and name not in args.cases:
            continue
        row = measure(make, size)
        rows.append((name, what, row))
        full = row["full"]
        print(
            f"{name:24} {full[0] / 1e6:5.2f} MB  render {full[1]:7.2f} s (x{ratio(row, 1)})  "
            f"lint {full[2]:6.2f} s (x{ratio(row, 2)})  {full[3]}",
            flush=True,
        )
    write(rows, size)


def issue_15(only: list[str]) -> None:
    rows = []
    for name, (what, make) in ISSUE_15.items():
        if only and name not in only:
            continue
        for size in (10 * 1024, 1024 * 1024):
            row = measure(make, size)
            rows.append((name, what, row))
            full = row["full"]
            print(
                f"{name:24} {full[0] / 1e6:5.2f} MB  render {full[1]:7.3f} s (x{ratio(row, 1)})  "
                f"lint {full[2]:6.3f} s (x{ratio(row, 2)})  {full[3]}",
                flush=True,
            )
    write_issue_15(rows)


def write_issue_15(rows) -> None:
    lines = [
        "## Worst inputs of issue 15, at 10 KB and 1 MB",
        "",
        "`python benchmarks/bench_worst_inputs.py --issue15` on "
        f"{platform.python_implementation()} {platform.python_version()}, a shared 2-core "
        "machine. Times are CPU seconds of the benchmark's process (the render budget is CPU "
        "time too). *×2* is t(size) / t(size / 2) in the same run "
        "(— when too quick to tell). Before this work, the first three at 10 KB took "
        "16.6 s, 41 s and 5.9 s, and the separator never finished.",
        "",
        "| input | size | render | ×2 | lint | ×2 | outcome | problems |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for name, what, row in rows:
        full_size, render_time, lint_time, outcome, problems = row["full"]
        lines.append(
            f"| `{name}`: {cell(what)} | {full_size / 1024:,.0f} KB | {render_time:.3f} s | "
            f"{ratio(row, 1)} | {lint_time:.3f} s | {ratio(row, 2)} | {cell(outcome)} | "
            f"{problems:,} |"
        )
    write_section(lines)


def write_section(lines: list[str]) -> None:
    """Put one ``## `` section into the results file, keeping the other one."""
    sections: dict[str, str] = {}
    if RESULTS.exists():
        for part in re.split(r"(?m)^(?=## )", RESULTS.read_text()):
            if part.strip():
                sections[part.splitlines()[0]] = part.rstrip("\n") + "\n"
    sections[lines[0]] = "\n".join(lines).rstrip("\n") + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(sections.values()))
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def cell(text: str) -> str:
    """Text for a Markdown table cell: no code spans, tags or column breaks."""
    return re.sub(r"`+", "`…", text).replace("|", "\\|").replace("<", "&lt;")


def write(rows, size: int) -> None:
    lines = [
        "## Worst inputs",
        "",
        f"`python benchmarks/bench_worst_inputs.py --mb {size / 1024 / 1024:g}` on "
        f"{platform.python_implementation()} {platform.python_version()}, "
        "a shared 2-core machine. *Render*: split and render every slide, as a deck "
        "page does. *Lint*: every deck check, as `manage.py check` does. *×2*: time at "
        "the full size over time at half of it, measured in the same run: about 2 is "
        "linear, about 4 quadratic (— when too quick to tell). Runs under 2 s are the "
        "best of three. Times are CPU seconds; rendering stops at the 10 s render budget.",
        "",
        "| input | size | render | ×2 | lint | ×2 | outcome | problems |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for name, what, row in rows:
        full_size, render_time, lint_time, outcome, problems = row["full"]
        lines.append(
            f"| `{name}`: {cell(what)} | {full_size / 1e6:.2f} MB | {render_time:.2f} s | "
            f"{ratio(row, 1)} | {lint_time:.2f} s | {ratio(row, 2)} | {cell(outcome)} | "
            f"{problems:,} |"
        )
    write_section(lines)


if __name__ == "__main__":
    main()
