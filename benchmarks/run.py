"""Run every benchmark and gather the figures into BENCHMARKS.md.

    .venv/bin/python benchmarks/run.py            # all of them
    .venv/bin/python benchmarks/run.py cache fit  # only bench_cache.py, bench_fit.py

Each ``benchmarks/bench_<name>.py`` writes its own section to
``benchmarks/results/<name>.md``; this script runs them one after another (never
in parallel: they compare ratios measured in one run, on a shared machine) and
then joins every section into ``BENCHMARKS.md`` at the project's root.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"


def run(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT)
        print(f"   {script.name}: exit {result.returncode} in {time.monotonic() - started:.0f} s")
        failed += result.returncode != 0
    write_benchmarks_md()
    return 1 if failed else 0


def write_benchmarks_md() -> None:
    sections = [p.read_text(encoding="utf-8").strip() for p in sorted(RESULTS.glob("*.md"))]
    header = (
        "# Benchmarks\n\n"
        "Made by `.venv/bin/python benchmarks/run.py` (one command; each section comes from\n"
        "`benchmarks/bench_<name>.py` and was measured in one run of that script). The machine\n"
        "is shared and noisy, so targets are judged on ratios measured side by side in the\n"
        f"same run. Machine: {platform.machine()}, Python {platform.python_version()}.\n"
    )
    (ROOT / "BENCHMARKS.md").write_text(header + "\n" + "\n\n".join(sections) + "\n", "utf-8")
    print(f"wrote BENCHMARKS.md ({len(sections)} sections)")


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
