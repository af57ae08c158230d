"""Benchmark: what goes over the wire, and how fast, with compression.

    python benchmarks/bench_wire.py            # figures into benchmarks/results/wire.md
    python benchmarks/bench_wire.py --quick    # shorter runs, a smoke test

1. Bytes on the wire (response bodies) for the lesson, the 1000- and the
   5000-slide page, and for the static files the lesson's page loads, with no
   ``Accept-Encoding``, with ``gzip`` and with ``br``, from a real server
   (gunicorn, DEBUG off) whose static files were compressed by whitenoise at
   ``collectstatic`` (into a STATIC_ROOT of the benchmark's own).
2. Warm throughput of the compressed 1000-slide page (``Accept-Encoding: br``)
   under gunicorn (2 sync workers) and uvicorn (2 workers), as a ratio to
   whitenoise serving the very same compressed bytes as a static file from
   the same server, with ``wrk`` (as bench_cache.py does); rounds interleaved.
3. The cold first request of the 1000- and 5000-slide pages in a fresh
   uvicorn, before (``DECK_RENDER_PROCESSES_MIN_SLIDES=0``: one process) and
   after (the default: uncached slides on every core), interleaved; with the
   peak memory of the server's process tree (resident size plus the private
   memory of its children: the forkserver and the workers).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_cache import PRODUCTION_ENV, free_port, wrk  # noqa: E402
from benchmarks.bench_export import _tree_memory  # noqa: E402
from benchmarks.synthetic import write_deck  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "wire"
RESULTS = ROOT / "benchmarks" / "results" / "wire.md"
LESSON = "lesson-09-advanced-django"
ENCODINGS = ("identity", "gzip", "br")
SETTINGS = """from deck.project.settings import *  # noqa: F403

STATIC_ROOT = {static_root!r}
# The page's own compressed bytes, served by whitenoise at /bench/...
WHITENOISE_ROOT = {whitenoise_root!r}
"""


def get(url: str, encoding: str = "identity") -> tuple[Message, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.headers, response.read()


class Server:
    """gunicorn or uvicorn on loopback, DEBUG off, the benchmark's settings."""

    def __init__(self, kind: str, workers: int = 2, env: dict[str, str] | None = None) -> None:
        self.kind, self.workers, self.extra = kind, workers, env or {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = {**os.environ, **PRODUCTION_ENV, **self.extra}
        env.update(
            DECK_SLIDES_DIR=str(OUT / "slides"),
            DJANGO_SETTINGS_MODULE="bench_wire_settings",
            PYTHONPATH=f"{ROOT}:{OUT}",
        )
        bind = ["--host", "127.0.0.1", "--port", str(self.port)]
        if self.kind == "gunicorn":
            args = ["-m", "gunicorn", "deck.project.wsgi", "-w", str(self.workers)]
            args += ["-b", f"127.0.0.1:{self.port}", "--log-level", "warning", "--timeout", "600"]
        else:
            args = ["-m", "uvicorn", "deck.project.asgi:application", *bind]
            args += ["--workers", str(self.workers), "--log-level", "warning", "--lifespan", "off"]
        self.log = (OUT / f"{self.kind}.log").open("ab")
        self.process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stderr=self.log)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                get(self.url + "/favicon-probe-404")
            except urllib.error.HTTPError:
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.kind} exited; see {self.log.name}") from None
                time.sleep(0.05)
        raise RuntimeError(f"{self.kind} did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def static_urls(page: bytes) -> list[str]:
    """The stylesheets and scripts the page loads from this server."""
    found = re.findall(rb'(?:src|href)="(/(?:static|_deck)/[^"]+)"', page)
    return sorted({url.decode() for url in found if not url.endswith(b"/")})


def wire_bytes(url: str, paths: dict[str, str], statics: list[str]) -> dict:
    """Body bytes per page and for the static files, in each encoding."""
    table: dict[str, dict[str, int]] = {}
    for name, path in {**paths, "static files": ""}.items():
        table[name] = {}
        for encoding in ENCODINGS:
            if name == "static files":
                total = 0
                for static in statics:
                    headers, body = get(url + static, encoding)
                    total += len(body)
                table[name][encoding] = total
            else:
                headers, body = get(url + path, encoding)
                if encoding != "identity":
                    assert headers.get("Content-Encoding") == encoding, (path, headers)
                table[name][encoding] = len(body)
    return table


def throughput(kind: str, seconds: int, rounds: int) -> dict:
    page, static = "/synthetic-1000/", "/bench/synthetic-1000.html"
    header = ["-H", "Accept-Encoding: br"]
    with Server(kind) as server:
        for _ in range(20):  # every worker warm
            served = get(server.url + page, "br")
        copy = get(server.url + static, "br")
        assert copy[0].get("Content-Encoding") == "br" and copy[1] == served[1], (
            "not the same bytes"
        )
        runs = {"page": [], "static": []}
        for _ in range(rounds):
            for name, path in (("page", page), ("static", static)):
                runs[name].append(wrk(server.url + path, seconds, extra=header)[0])
    ratios = [p / s for p, s in zip(runs["page"], runs["static"], strict=True)]
    return {
        "kind": kind,
        "bytes": len(served[1]),
        "page": statistics.median(runs["page"]),
        "static": statistics.median(runs["static"]),
        "ratio": statistics.median(ratios),
        "rounds": ratios,
    }


def cold_request(slides: int, threshold: str) -> dict:
    """A fresh uvicorn (one worker), its first request for the page, timed."""
    env = {"DECK_RENDER_PROCESSES_MIN_SLIDES": threshold}
    with Server("uvicorn", workers=1, env=env) as server:
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_memory(server.process.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        headers, _ = get(f"{server.url}/synthetic-{slides}/", "br")
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        assert headers["X-Deck-Cache"] == "miss", headers
    return {"seconds": seconds, "peak_mib": peak[0] / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, for a smoke test")
    args = parser.parse_args()
    seconds, rounds, cold_rounds = (2, 1, 1) if args.quick else (4, 3, 2)
    shutil.rmtree(OUT / "slides", ignore_errors=True)
    (OUT / "root" / "bench").mkdir(parents=True, exist_ok=True)
    for size in (1000, 5000):
        write_deck(OUT / "slides", size)
    shutil.copy(ROOT / "slides" / f"{LESSON}.md", OUT / "slides")
    static_root = OUT / "collected"
    (OUT / "bench_wire_settings.py").write_text(
        SETTINGS.format(static_root=str(static_root), whitenoise_root=str(OUT / "root"))
    )
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "bench_wire_settings"}
    env["PYTHONPATH"] = f"{ROOT}:{OUT}"
    # whitenoise's variants of every static file (a no-op when already fresh).
    subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from deck.project.static_files import collect_if_stale; collect_if_stale()"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    paths = {"lesson": f"/{LESSON}/", "1000 slides": "/synthetic-1000/"}
    paths["5000 slides"] = "/synthetic-5000/"
    with Server("gunicorn") as server:
        lesson = get(server.url + paths["lesson"])[1]
        statics = static_urls(lesson)
        table = wire_bytes(server.url, paths, statics)
        # The page's compressed bytes as a static file, for the throughput ratio.
        plain = get(server.url + "/synthetic-1000/")[1]
        target = OUT / "root" / "bench" / "synthetic-1000.html"
        target.write_bytes(plain)
        target.with_name(target.name + ".br").write_bytes(
            get(server.url + "/synthetic-1000/", "br")[1]
        )
    print(table, file=sys.stderr)

    served = []
    if shutil.which("wrk"):
        for kind in ("gunicorn", "uvicorn"):
            served.append(throughput(kind, seconds, rounds))
            print(served[-1], file=sys.stderr)
    else:
        print("wrk not found (apt-get install wrk): no throughput figures", file=sys.stderr)

    cold: dict[tuple[int, str], list[dict]] = {}
    for _ in range(cold_rounds):
        for size in (1000, 5000):
            for label, threshold in (("before", "0"), ("after", "")):
                run = cold_request(size, threshold or "400")
                cold.setdefault((size, label), []).append(run)
                print(size, label, run, file=sys.stderr)
    RESULTS.write_text(report(table, statics, served, cold, seconds, rounds), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB"


def report(table, statics, served, cold, seconds, rounds) -> str:
    load = os.getloadavg()[0]
    lines = [
        "## On the wire: compression, warm throughput, cold big pages",
        "",
        "Response bodies from gunicorn (DEBUG off) with no `Accept-Encoding`, with `gzip`",
        "and with `br`. Pages are compressed by deck/compression/ (a cached page once per",
        "encoding, Brotli quality 9); static files by whitenoise at `collectstatic`",
        "(Brotli 11, gzip 9). Run: `python benchmarks/bench_wire.py`.",
        f"Machine: {os.cpu_count()} cores; load average {load:.1f} at the end (figures of"
        " time and rate are only as good as that allows; bytes do not depend on it).",
        "",
        "| what | identity | gzip | br | br vs identity |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, row in table.items():
        ratio = row["identity"] / max(1, row["br"])
        lines.append(
            f"| {name} | {kib(row['identity'])} | {kib(row['gzip'])} | {kib(row['br'])} "
            f"| {ratio:.0f}x smaller |"
        )
    lines += ["", f"Static files of the lesson's page ({len(statics)}): " + ", ".join(
        f"`{s}`" for s in statics) + ". Most of their bytes are the theme's fonts, which "
        "`black.css` holds inline as WOFF data (compressed already): its 562 KiB only go "
        "to 414 KiB; the scripts and the other stylesheets shrink 4 to 5 times.", ""]  # fmt: skip
    if served:
        lines += [
            f"Warm compressed 1000-slide page (`Accept-Encoding: br`) against whitenoise serving "
            f"the same bytes from the same server: wrk, 1 thread, 4 connections, {seconds} s, "
            f"{rounds} rounds interleaved, 2 workers (target >= 0.8).",
            "",
            "| server | br bytes | page req/s | static req/s | ratio | each round |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for row in served:
            each = ", ".join(f"{r:.2f}" for r in row["rounds"])
            met = "met" if row["ratio"] >= 0.8 else "MISSED"
            lines.append(
                f"| {row['kind']} | {row['bytes']:,} | {row['page']:,.0f} | "
                f"{row['static']:,.0f} | **{row['ratio']:.2f}** ({met}) | {each} |"
            )
        lines.append("")
    lines += [
        "Cold first request (`Accept-Encoding: br`, compression included) in a fresh uvicorn",
        "worker; before: one process (`DECK_RENDER_PROCESSES_MIN_SLIDES=0`), after: uncached",
        "slides on every core (workers from a forkserver, whose start is in the first request).",
        "Peak memory: the server's process tree (resident plus children's private memory).",
        "",
        "| slides | before | after | after / before | peak memory before | after |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in (1000, 5000):
        before, after = cold[(size, "before")], cold[(size, "after")]
        b = statistics.median(r["seconds"] for r in before)
        a = statistics.median(r["seconds"] for r in after)
        mb = max(r["peak_mib"] for r in before)
        ma = max(r["peak_mib"] for r in after)
        lines.append(
            f"| {size} | {b:.2f} s | {a:.2f} s | {a / b:.2f}x | {mb:.0f} MiB | {ma:.0f} MiB |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
