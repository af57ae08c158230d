"""Benchmark: a cold ``manage.py export_deck`` of one big deck, beside Marp CLI
and pandoc, in one run.

    python benchmarks/bench_export.py            # 1000 and 5000 slides, 3 rounds
    python benchmarks/bench_export.py --sizes 300 --rounds 1
    python benchmarks/bench_export.py --baseline ../old-checkout   # before/after

``--baseline DIR`` adds the ``export_deck`` of another checkout of this project
(an earlier commit, with ``git worktree add DIR COMMIT``) to the same
interleaved rounds, so a change's effect is a ratio measured in one run.

Marp CLI (npm) and pandoc 3 (the ``pypandoc_binary`` wheel, in a venv of its
own) are installed under ``benchmarks/out/tools/`` on first use, outside the
project's dependencies. Every tool turns the same synthetic Markdown into one
reveal.js-like HTML page; rounds are interleaved (ours, Marp, pandoc, ours, ...)
so that a busy machine slows all of them alike, and the median is reported.

Measured for each run: wall-clock time of the whole process (start-up
included), CPU time, and peak memory of its process tree (resident size of
the process plus private memory of its children, sampled every 20 ms).

Figures go to ``benchmarks/results/export.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
TOOLS = OUT / "tools"
RESULTS = ROOT / "benchmarks" / "results" / "export.md"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))  # benchmarks.synthetic, where the project has it


def synthetic_deck(slides: int) -> str:
    """Heading, bullets nested two deep, a 10-line Python block every third slide
    (the project's shared generator, as the other benchmarks use)."""
    from benchmarks.synthetic import deck

    return deck(slides)


# --- measuring ------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _memory_kib(pid: int) -> tuple[int, int]:
    """(resident, private) KiB of one process."""
    resident = private = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    resident = int(line.split()[1])
                elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                    private += int(line.split()[1])
    except (OSError, ValueError):
        pass
    return resident, private


def _tree_memory(pid: int) -> int:
    """Resident memory of the process, plus what its children hold privately.

    Forked workers share the parent's pages: counting their whole resident
    size would count those twice. Unlike the proportional set size, this does
    not change when unrelated processes sharing a library come and go.
    """
    total = _memory_kib(pid)[0]
    todo = _children(pid)
    for _ in range(1000):  # bounded walk of the process tree
        if not todo:
            break
        current = todo.pop()
        total += _memory_kib(current)[1]
        todo.extend(_children(current))
    return total


def tool_environment(env: dict[str, str] | None) -> dict[str, str]:
    """The shell's environment and ``env``, with Python's bytecode cache on.

    This machine's shell sets PYTHONDONTWRITEBYTECODE=1: every run would
    compile the project's modules again, which no installed tool does.
    """
    full = {**os.environ, **(env or {})}
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    return full


@dataclass
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, the process and the children it waited for
    peak_mib: float
    ok: bool
    error: str = ""


def measure(args: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            args,
            cwd=cwd,
            env=tool_environment(env),
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_memory(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        process.wait(timeout=900)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace").strip().splitlines()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    error = " ".join(stderr[-1:]) if process.returncode else ""
    return Run(seconds, cpu, peak / 1024, process.returncode == 0, error)


# --- the tools ------------------------------------------------------------


def install_pandoc() -> str | None:
    venv = TOOLS / "pandoc-venv"
    python = venv / "bin" / "python"
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        found = subprocess.run(
            [str(python), "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"],
            capture_output=True,
            text=True,
        )
        if found.returncode != 0:
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", "pypandoc_binary"], check=True
            )
            found = subprocess.run(
                [str(python), "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"],
                capture_output=True,
                text=True,
                check=True,
            )
        return found.stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"pandoc not available: {error}", file=sys.stderr)
        return None


def install_marp() -> str | None:
    folder = TOOLS / "marp"
    marp = folder / "node_modules" / ".bin" / "marp"
    if marp.exists():
        return str(marp)
    npm = shutil.which("npm")
    if npm is None:
        print("Marp CLI not available: no npm", file=sys.stderr)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(folder),
                "@marp-team/marp-cli",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"Marp CLI not available: {error}", file=sys.stderr)
        return None
    return str(marp) if marp.exists() else None


def tool_version(args: list[str]) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "?"


@dataclass
class Tool:
    name: str
    command: object  # (slides, deck path, out dir) -> argv
    env: dict[str, str] = field(default_factory=dict)
    runs: dict[int, list[Run]] = field(default_factory=dict)


def export_command(jobs: int | None, checkout: Path = ROOT):
    def command(slides: int, deck: Path, out: Path) -> list[str]:
        args = [
            PYTHON,
            str(checkout / "manage.py"),
            "export_deck",
            deck.stem,
            "--output",
            str(out / f"deck-{slides}"),
        ]
        args += ["--force", "-v", "0"]
        if jobs:
            args += ["--jobs", str(jobs)]
        return args

    return command


def other_command(name: str, program: str, template: list[str]):
    def command(slides: int, deck: Path, out: Path) -> list[str]:
        page = out / f"{name.split()[0].lower()}-{slides}.html"
        return [program] + [arg.format(deck=deck, out=page) for arg in template]

    return command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout of the project")
    parser.add_argument("--lesson-rounds", type=int, default=5, help="the real lesson (0: none)")
    parser.add_argument("--server-rounds", type=int, default=3, help="runserver start-up")
    options = parser.parse_args()

    decks = OUT / "export-decks"
    work = OUT / "export-work"
    shutil.rmtree(work, ignore_errors=True)
    decks.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True)
    paths = {}
    for size in options.sizes:
        paths[size] = decks / f"synthetic-{size}.md"
        paths[size].write_text(synthetic_deck(size), encoding="utf-8")

    env = {"DECK_SLIDES_DIR": str(decks), "DECK_DEBUG": "1", "PYTHONPATH": str(ROOT)}
    # Cold: no persistent cache (whatever DECK_CACHE_URL the shell has).
    cold_env = {**env, "DECK_CACHE_URL": ""}
    tools = [Tool("export_deck", export_command(None), cold_env)]
    tools.append(Tool("export_deck --jobs 1", export_command(1), cold_env))
    versions = {"export_deck": "this project", "export_deck --jobs 1": "this project, one core"}
    if options.baseline:
        baseline = options.baseline.resolve()
        commit = tool_version(["git", "-C", str(baseline), "rev-parse", "--short", "HEAD"])
        name = f"export_deck at {commit}"
        # Its own checkout first on the path: the script's folder is, for manage.py.
        tools.append(Tool(name, export_command(None, baseline), {**cold_env, "PYTHONPATH": ""}))
        versions[name] = f"this project at commit {commit} ({baseline})"
    others = {
        "Marp CLI": (install_marp(), ["--no-stdin", "{deck}", "-o", "{out}"]),
        "pandoc": (
            install_pandoc(),
            ["-t", "revealjs", "-s", "--slide-level=0", "{deck}", "-o", "{out}"],
        ),
    }
    for name, (program, template) in others.items():
        if program:
            tools.append(Tool(name, other_command(name, program, template)))
            versions[name] = tool_version([program, "--version"])

    # One run of each tool first, not measured: the bytecode cache written,
    # the files each tool reads in the page cache, as for a tool in daily use.
    for tool in tools:
        smallest = min(options.sizes)
        measure(tool.command(smallest, paths[smallest], work), tool.env)
    load_before = os.getloadavg()
    for size in options.sizes:
        for round_ in range(options.rounds):
            for tool in tools:
                run = measure(tool.command(size, paths[size], work), tool.env)
                tool.runs.setdefault(size, []).append(run)
                state = "ok" if run.ok else f"FAILED: {run.error}"
                print(
                    f"{size:>5} slides  round {round_ + 1}  {tool.name:<22} "
                    f"{run.seconds:6.2f} s  cpu {run.cpu_seconds:6.2f} s  "
                    f"{run.peak_mib:6.1f} MiB  {state}",
                    flush=True,
                )

    warm = None
    if 1000 in options.sizes:
        cache_dir = work / "cache"
        warm_env = {**env, "DECK_CACHE_URL": f"file://{cache_dir}"}
        command = export_command(None)(1000, paths[1000], work)
        measure(command, warm_env)  # fills the cache
        warm = [measure(command, warm_env) for _ in range(max(options.rounds, 5))]
        for run in warm:
            print(
                f" 1000 slides  warm re-export          {run.seconds:6.2f} s  {run.peak_mib:6.1f} MiB"
            )
    from benchmarks import startup

    lesson = {}
    if options.lesson_rounds:
        lesson = startup.lesson_rounds(
            [t for t in tools if t.name != "export_deck --jobs 1"],
            measure,
            decks,
            ROOT,
            work,
            options.lesson_rounds,
        )
    server = {}
    if options.server_rounds:
        checkouts = {"runserver": ROOT}
        if options.baseline:
            checkouts[f"runserver at {commit}"] = options.baseline.resolve()
        server_env = tool_environment({"DECK_SLIDES_DIR": str(decks), "DECK_DEBUG": "1"})
        server = startup.runserver_rounds(checkouts, server_env, options.server_rounds)
    load_after = os.getloadavg()
    write_results(options, tools, versions, warm, load_before, load_after)
    pandoc = "pandoc" if "pandoc" in lesson else None
    extra = startup.report(lesson, "export_deck", pandoc, server)
    with RESULTS.open("a", encoding="utf-8") as results:
        results.write("\n".join(extra) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")


def median(runs: list[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def best(runs: list[Run]) -> float:
    return min(run.seconds for run in runs)


def time_targets(size: int, ours: list[Run], tool: Tool) -> list[str]:
    """1000 slides: faster than the tool; 5000: at most half its time."""
    share = 0.5 if size >= 5000 else 1.0
    goal = f"at most half of {tool.name}'s time" if share < 1 else f"faster than {tool.name}"
    verdicts = []
    for label, pick in (("median", median), ("best", best)):
        mine, theirs = pick(ours), pick(tool.runs[size])
        met = mine <= theirs * share if share < 1 else mine < theirs
        verdicts.append(
            f"{label} {mine:.2f} s vs {theirs:.2f} s ({mine / theirs:.2f}x, "
            f"{'met' if met else 'MISSED'})"
        )
    return [f"- {size} slides, {goal}: " + "; ".join(verdicts)]


def write_results(options, tools, versions, warm, load_before, load_after) -> None:
    ours = tools[0]
    others = [tool for tool in tools if not tool.name.startswith("export_deck")]
    baselines = [tool for tool in tools if tool.name.startswith("export_deck at ")]
    lines = [
        "## Static export (`manage.py export_deck`)",
        "",
        "Cold export of one synthetic deck (heading, bullets nested two deep, a 10-line",
        "Python block every third slide) to one HTML page, beside Marp CLI and pandoc",
        f"(`pandoc -t revealjs -s --slide-level=0`), measured in one run: {options.rounds} rounds,",
        "interleaved, median wall-clock time of the whole process (start-up included); CPU",
        "time (user + system, workers included) is less disturbed by other work on the",
        "machine; peak memory is the largest resident size of the process plus the private",
        "memory of its child processes (forked workers share the parent's pages), sampled",
        "every 20 ms. Each tool runs once before the rounds, unmeasured; Python's",
        "bytecode cache is on for the measured runs (this machine's shell turns it off",
        "with PYTHONDONTWRITEBYTECODE=1, which no installed tool runs with). The warm",
        "re-export runs the same command again with `DECK_CACHE_URL=file://...` after one",
        "export filled that cache: the deck checks and the page are replayed from it.",
        "Run: `python benchmarks/bench_export.py`.",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (other work was running).",
        "Versions: " + "; ".join(f"{name}: {v}" for name, v in versions.items()) + ".",
        "",
        "| slides | tool | time (median) | runs | CPU time (median) | peak memory "
        "| time vs export_deck |",
        "| ---: | --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for size in options.sizes:
        base = median(ours.runs[size])
        for tool in tools:
            runs = tool.runs[size]
            if not all(run.ok for run in runs):
                lines.append(f"| {size} | {tool.name} | failed: {runs[-1].error} | | | | |")
                continue
            spread = ", ".join(f"{run.seconds:.2f}" for run in runs)
            peak = max(run.peak_mib for run in runs)
            lines.append(
                f"| {size} | {tool.name} | {median(runs):.2f} s | {spread} "
                f"| {statistics.median(run.cpu_seconds for run in runs):.2f} s | {peak:.0f} MiB "
                f"| {median(runs) / base:.2f}x |"
            )
    lines += [
        "",
        "Targets, judged on the median and on the best round (the round least disturbed",
        "by other work on the machine):",
        "",
    ]
    for size in options.sizes:
        for tool in others:
            if all(run.ok for run in tool.runs[size]):
                lines.extend(time_targets(size, ours.runs[size], tool))
        if size >= 5000:
            peak = max(run.peak_mib for run in ours.runs[size])
            verdict = "met" if peak < 150 else "MISSED"
            lines.append(f"- {size} slides, peak memory under 150 MiB: {peak:.0f} MiB — {verdict}")
    for tool in baselines:
        lines += ["", f"Before and after, against {tool.name} in the same rounds:", ""]
        for size in options.sizes:
            if all(run.ok for run in tool.runs[size]):
                mine, theirs = median(ours.runs[size]), median(tool.runs[size])
                peak = max(run.peak_mib for run in ours.runs[size])
                old_peak = max(run.peak_mib for run in tool.runs[size])
                lines.append(
                    f"- {size} slides: {mine:.2f} s now vs {theirs:.2f} s before "
                    f"({mine / theirs:.2f}x); peak memory {peak:.0f} vs {old_peak:.0f} MiB"
                )
    if warm:
        seconds = statistics.median(run.seconds for run in warm)
        verdict = "met" if seconds < 0.5 else "MISSED"
        spread = ", ".join(f"{run.seconds:.2f}" for run in warm)
        lines.append(
            f"- warm re-export of 1000 slides (file:// cache) under 0.5 s: median {seconds:.2f} s "
            f"({len(warm)} runs: {spread}; peak memory "
            f"{max(run.peak_mib for run in warm):.0f} MiB) — {verdict}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
