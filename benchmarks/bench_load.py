"""A slow deck under load does not hold up the other decks.

    PYTHONPATH=$PWD python benchmarks/bench_load.py [--seconds 5] [--slides 600]

Runs the README's production commands exactly as written there (uvicorn,
and gunicorn with gthread workers; tests/production_commands.py reads them
from the README), on loopback, with ``DECK_CACHE_URL=dummy://``: nothing is
cached, so every request of the slow deck renders it cold. For each server:

1. quiet: ``wrk`` on a small deck alone, its p50 and p99;
2. loaded: the same ``wrk`` run while two clients request a big deck
   (``--slides`` slides of code and nested lists) over and over.

The ratio loaded/quiet of the small deck's p99 is the figure: it should stay
within a few times. The same two runs against gunicorn's default sync
workers (``--workers 2``, what the README said before) are the contrast.
Runs are short (``--seconds`` each) and bounded by wrk's own duration.

Writes benchmarks/results/load.md. Needs wrk (``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_deck  # noqa: E402
from tests.production_commands import ProductionServer  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "load.md"
SMALL = "small"
BIG = "big"
HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy in front sends it


def slides_folder(folder: Path, slides: int) -> Path:
    folder.mkdir(parents=True)
    (folder / f"{SMALL}.md").write_text("# A small deck\n\n* one\n* two\n", encoding="utf-8")
    write_deck(folder, slides, BIG)
    return folder


def wrk(url: str, seconds: float) -> dict[str, float]:
    """p50 and p99 in ms, and requests per second, of ``url`` for ``seconds``."""
    args = ["wrk", "-t1", "-c4", f"-d{seconds:g}s", "--latency", "--timeout", "30s"]
    args += ["-H", "X-Forwarded-Proto: https", url]
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
    result = {}
    for name, key in (("50%", "p50"), ("99%", "p99")):
        match = re.search(rf"^\s+{re.escape(name)}\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE)
        value, unit = float(match[1]), match[2]
        result[key] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["errors"] = float(errors[1]) if errors else 0.0
    return result


class SlowLoop:
    """Clients requesting the big deck again and again until stopped."""

    def __init__(self, url: str, clients: int = 2) -> None:
        self.url = url
        self.stop_event = threading.Event()
        self.seconds: list[float] = []
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(clients)]

    def run(self) -> None:
        while not self.stop_event.is_set():
            start = time.perf_counter()
            request = urllib.request.Request(self.url, headers=HEADERS)
            urllib.request.urlopen(request, timeout=120).read()
            self.seconds.append(time.perf_counter() - start)

    def __enter__(self) -> SlowLoop:
        for thread in self.threads:
            thread.start()
        while not self.seconds:  # the slow deck is being served before wrk starts
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_event.set()
        for thread in self.threads:
            thread.join(150)


def measure(server: ProductionServer, seconds: float) -> dict[str, object]:
    server.start()
    try:
        small = f"{server.url}/{SMALL}/"
        big = f"{server.url}/{BIG}/"
        wrk(small, 1)  # warm-up: imports, first template load
        quiet = wrk(small, seconds)
        with SlowLoop(big) as slow:
            loaded = wrk(small, seconds)
        slow_seconds = sorted(slow.seconds)
        return {
            "quiet": quiet,
            "loaded": loaded,
            "big_median_ms": slow_seconds[len(slow_seconds) // 2] * 1000,
            "big_requests": len(slow_seconds),
        }
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--slides", type=int, default=150)
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    folder = slides_folder(work / "slides", options.slides)
    env = {"DECK_CACHE_URL": "dummy://", "DECK_SLIDES_DIR": str(folder)}
    servers = []
    for program in ("uvicorn", "gunicorn"):
        server = ProductionServer(program, work / f"{program}.log", **env)
        label = " ".join([program, *server.argv[1:]]).replace(str(server.port), "PORT")
        servers.append((label, server))
    sync = ProductionServer("gunicorn", work / "gunicorn-sync.log", **env)
    sync.argv = [sync.argv[0], "deck.project.wsgi", "--bind", f"127.0.0.1:{sync.port}"]
    sync.argv += ["--workers", "2"]
    servers.append(("gunicorn deck.project.wsgi --workers 2 (sync workers: the contrast)", sync))
    rows = []
    for label, server in servers:
        print(f"{label} …", flush=True)
        result = measure(server, options.seconds)
        rows.append((label, result))
        print(f"  {result}", flush=True)
    write(rows, options)
    shutil.rmtree(work, ignore_errors=True)


def write(rows: list[tuple[str, dict]], options: argparse.Namespace) -> None:
    lines = [
        "## Load: a slow deck does not hold up the others",
        "",
        f"`PYTHONPATH=$PWD python benchmarks/bench_load.py --seconds {options.seconds:g} "
        f"--slides {options.slides}` — {time.strftime('%Y-%m-%d')}, CPython "
        f"{platform.python_version()}, {os.cpu_count()} cores (shared, noisy).",
        "",
        "The README's production commands as written (with a free port, a made-up key, "
        "`DECK_CACHE_URL=dummy://` so that every request renders cold), on loopback. "
        f"`wrk -t1 -c4 -d{options.seconds:g}s` on a small deck, first alone (quiet), then while "
        f"two clients request a {options.slides}-slide deck over and over (loaded).",
        "",
        "wrk counts only the requests that finished: a server that holds the small deck's "
        "requests behind the big one shows it as fewer requests per second as much as in p99.",
        "",
        "| server | small deck p50 quiet → loaded | small deck p99 quiet → loaded | p99 ratio "
        "| small deck req/s quiet → loaded | big deck cold render (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, result in rows:
        quiet, loaded = result["quiet"], result["loaded"]
        ratio = loaded["p99"] / quiet["p99"] if quiet["p99"] else float("inf")
        lines.append(
            f"| `{label}` | {quiet['p50']:.1f} → {loaded['p50']:.1f} ms "
            f"| {quiet['p99']:.1f} → {loaded['p99']:.1f} ms | ×{ratio:.1f} "
            f"| {quiet['rps']:.0f} → {loaded['rps']:.0f} | {result['big_median_ms']:.0f} ms |"
        )
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
