"""Start-up figures for bench_export.py: the real lesson exported beside pandoc
and Marp CLI, and ``manage.py runserver`` ready to serve.

- The lesson (``slides/lesson-09-advanced-django.md``, 23 slides): the whole
  process of each tool, interleaved rounds, median wall clock and CPU time.
  Target: ``export_deck`` within 1.5x pandoc's time.
- runserver: from starting the process to the first 200 for the index, with
  ``--noreload`` and with the autoreloader (which starts the server in a child
  process). Target: within a second.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

LESSON = "lesson-09-advanced-django"


def lesson_rounds(tools, measure, decks: Path, root: Path, work: Path, rounds: int) -> dict:
    """``{tool name: [Run, ...]}`` for the lesson, interleaved."""
    deck = decks / f"{LESSON}.md"
    shutil.copy(root / "slides" / f"{LESSON}.md", deck)
    runs: dict[str, list] = {tool.name: [] for tool in tools}
    for tool in tools:  # once, unmeasured: bytecode and page caches as in daily use
        measure(tool.command(23, deck, work), tool.env)
    for _ in range(rounds):
        for tool in tools:
            run = measure(tool.command(23, deck, work), tool.env)
            runs[tool.name].append(run)
            print(f"lesson  {tool.name:<22} {run.seconds:6.2f} s  cpu {run.cpu_seconds:5.2f} s")
    return runs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def runserver_ready(checkout: Path, env: dict[str, str], reload: bool) -> float:
    """Seconds from starting runserver to the first 200 for ``/``."""
    port = _free_port()
    args = [sys.executable, str(checkout / "manage.py"), "runserver", f"127.0.0.1:{port}"]
    if not reload:
        args.append("--noreload")
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = start + 60
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("runserver did not answer within 60 s")
    finally:
        # The autoreloader's child is in the same session: end them both.
        import os
        import signal

        os.killpg(process.pid, signal.SIGTERM)
        process.wait(30)


def runserver_rounds(checkouts: dict[str, Path], env: dict[str, str], rounds: int) -> dict:
    """``{(name, reload): [seconds, ...]}``, interleaved."""
    times: dict[tuple[str, bool], list[float]] = {}
    for checkout in checkouts.values():  # once, unmeasured
        runserver_ready(checkout, env, reload=False)
    for _ in range(rounds):
        for name, checkout in checkouts.items():
            for reload in (False, True):
                seconds = runserver_ready(checkout, env, reload)
                times.setdefault((name, reload), []).append(seconds)
                print(f"runserver {name:<22} reload={reload!s:<5} {seconds:.2f} s")
    return times


def report(lesson: dict, ours: str, pandoc: str | None, server: dict) -> list[str]:
    lines = [
        "",
        "### Start-up: the lesson, and runserver",
        "",
        f"The real lesson (`slides/{LESSON}.md`, 23 slides) exported by each tool, whole",
        "process, rounds interleaved with the same tools as above (bytecode cache on).",
        "",
        "| tool | time (median) | runs | CPU time (median) | vs pandoc |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    base = statistics.median(r.seconds for r in lesson[pandoc]) if pandoc in lesson else None
    for name, runs in lesson.items():
        if not all(run.ok for run in runs):
            lines.append(f"| {name} | failed: {runs[-1].error} | | | |")
            continue
        wall = statistics.median(r.seconds for r in runs)
        cpu = statistics.median(r.cpu_seconds for r in runs)
        spread = ", ".join(f"{r.seconds:.2f}" for r in runs)
        versus = f"{wall / base:.2f}x" if base else "-"
        lines.append(f"| {name} | {wall:.2f} s | {spread} | {cpu:.2f} s | {versus} |")
    if base and ours in lesson:
        wall = statistics.median(r.seconds for r in lesson[ours])
        best = min(r.seconds for r in lesson[ours]) / min(r.seconds for r in lesson[pandoc])
        verdict = "met" if wall <= 1.5 * base else "MISSED"
        cpu = statistics.median(r.cpu_seconds for r in lesson[ours])
        pandoc_cpu = statistics.median(r.cpu_seconds for r in lesson[pandoc])
        lines += [
            "",
            f"- the lesson within 1.5x pandoc's time: median {wall:.2f} s vs {base:.2f} s "
            f"({wall / base:.2f}x, {verdict}); best rounds {best:.2f}x; CPU time "
            f"{cpu:.2f} s vs {pandoc_cpu:.2f} s ({cpu / pandoc_cpu:.1f}x)",
        ]
        for name, runs in lesson.items():
            if name.startswith(f"{ours} at "):
                before = statistics.median(r.cpu_seconds for r in runs)
                lines.append(
                    f"- CPU time against {name}: {cpu:.2f} s vs {before:.2f} s "
                    f"({cpu / before:.2f}x)"
                )
    if server:
        lines += [
            "",
            "`manage.py runserver`: start to the first 200 for `/` (median of the rounds):",
            "",
        ]
        for (name, reload), times in server.items():
            seconds = statistics.median(times)
            verdict = "met" if seconds <= 1.0 else "MISSED"
            mode = "with the autoreloader" if reload else "--noreload"
            spread = ", ".join(f"{t:.2f}" for t in times)
            lines.append(f"- {name}, {mode}: {seconds:.2f} s ({spread}) — {verdict}")
    return lines
