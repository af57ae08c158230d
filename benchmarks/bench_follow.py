"""Follow mode under load: 200 followers on one server, on loopback.

    PYTHONPATH=$PWD python benchmarks/bench_follow.py [--followers 200] [--moves 60]

Starts ``manage.py present SLUG --serve`` (uvicorn), redeems the presenter
link, connects the followers' event streams with plain asyncio sockets, then
moves the presenter again and again. For each move: the time from sending
the move to the LAST follower receiving it. Also the server's resident
memory and thread count, idle and with every follower connected.

Scenarios, measured in one run so they compare as ratios on a noisy machine:
1. ``present --serve``: one process, in-memory cache (the embedded default);
2. ``present --serve`` twice, sharing Redis: followers split between them;
   the move is posted to the first, the second learns it by polling Redis;
3. ``uvicorn deck.project.asgi:application`` with Redis (the production command);
4. ``uvicorn deck.project.asgi:django_application`` with Redis: Django's handler
   for the streams too, i.e. what deck/project/asgi.py's bypass saves (a parked
   thread per follower).
Scenarios 2-4 need redis-server.

Writes benchmarks/results/follow.md. Targets: p95 < 500 ms, memory < 200 MiB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.follow_server import FollowServer, Presenter, present_link, start_redis  # noqa: E402

SLUG = "lesson-09-advanced-django"
RESULTS = ROOT / "benchmarks" / "results" / "follow.md"
# Bounds: every wait below ends by itself.
CONNECT_SECONDS = 60
MOVE_SECONDS = 10


def proc_status(pid: int) -> dict[str, str]:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if ":" in line)


def rss_mib(pid: int) -> float:
    return int(proc_status(pid)["VmRSS"].split()[0]) / 1024


def threads(pid: int) -> int:
    return int(proc_status(pid)["Threads"])


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass
class Follower:
    arrivals: dict[int, float] = field(default_factory=dict)
    first: asyncio.Event = field(default_factory=asyncio.Event)


async def follow(url_host: str, port: int, path: str, follower: Follower, stop: asyncio.Event):
    reader, writer = await asyncio.open_connection(url_host, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {url_host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    try:
        while not stop.is_set():
            line = await reader.readline()
            if not line:
                return
            if line.startswith(b"data: "):
                now = time.perf_counter()
                payload = line[6:].strip()
                if payload.startswith(b"{"):
                    version = int(payload.rsplit(b'"version": ', 1)[1].rstrip(b"}"))
                    follower.arrivals.setdefault(version, now)
                follower.first.set()
    finally:
        writer.close()


async def run_scenario(
    name: str, servers: list[FollowServer], followers: int, moves: int
) -> dict[str, object]:
    pids = [s.process.pid for s in servers]
    idle_rss = [rss_mib(pid) for pid in pids]
    idle_threads = [threads(pid) for pid in pids]
    presenter = Presenter(servers[0])
    # With a shared cache the last server's link replaced the others'.
    assert presenter.claim(servers[-1].key) == 200, "presenter link refused"
    stop = asyncio.Event()
    crowd = [Follower() for _ in range(followers)]
    tasks = [
        asyncio.create_task(
            follow("127.0.0.1", servers[i % len(servers)].port, f"/{SLUG}/follow/events", f, stop)
        )
        for i, f in enumerate(crowd)
    ]
    await asyncio.wait_for(asyncio.gather(*(f.first.wait() for f in crowd)), CONNECT_SECONDS)
    await asyncio.sleep(1)  # let the servers settle before measuring memory
    busy_rss = [rss_mib(pid) for pid in pids]
    busy_threads = [threads(pid) for pid in pids]

    loop = asyncio.get_running_loop()
    last: list[float] = []
    each: list[float] = []
    missed = 0
    for n in range(moves):
        h = 1 + n % 20
        start = time.perf_counter()
        status, moved = await loop.run_in_executor(None, presenter.move, h, 0, None)
        assert status == 200, f"move refused: {status}"
        version = moved["version"]
        deadline = start + MOVE_SECONDS
        while time.perf_counter() < deadline:
            if all(version in f.arrivals for f in crowd):
                break
            await asyncio.sleep(0.002)
        got = [f.arrivals[version] - start for f in crowd if version in f.arrivals]
        missed += followers - len(got)
        each.extend(got)
        if got:
            last.append(max(got))
        await asyncio.sleep(0.25)  # a presenter does not click faster than this
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "name": name,
        "processes": len(servers),
        "followers": followers,
        "moves": moves,
        "missed": missed,
        "last_median_ms": statistics.median(last) * 1000,
        "last_p95_ms": percentile(last, 95) * 1000,
        "each_p95_ms": percentile(each, 95) * 1000,
        "idle_rss": sum(idle_rss),
        "busy_rss": sum(busy_rss),
        "max_process_rss": max(busy_rss),
        "idle_threads": sum(idle_threads),
        "busy_threads": sum(busy_threads),
    }


class UvicornServer(FollowServer):
    """``uvicorn APP`` as in production; the presenter link comes from
    ``manage.py present`` (no --serve) through the shared cache."""

    def __init__(self, app: str, log_dir: Path, env: dict):
        super().__init__(SLUG, log_dir, env=env)
        self.app = app

    def start(self, tmp_log: Path | None = None) -> UvicornServer:
        self.log_path = self.log_dir / f"uvicorn-{self.port}.log"
        self.log = self.log_path.open("wb")
        args = [sys.executable, "-m", "uvicorn", self.app, "--port", str(self.port)]
        args += ["--lifespan", "off", "--no-access-log", "--timeout-graceful-shutdown", "2"]
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        link = present_link(SLUG, self.port, self.env)
        self.presenter_link, self.key = link, link.split("#key=")[1]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"uvicorn did not start: {self.output()}")


def scenario(name: str, followers: int, moves: int, servers: list[FollowServer]) -> dict:
    try:
        for server in servers:
            server.start()
        return asyncio.run(run_scenario(name, servers, followers, moves))
    finally:
        for server in servers:
            server.stop()


def write(results: list[dict], followers: int, moves: int) -> None:
    rows = [
        "| scenario | processes | median to last follower | p95 to last follower | p95 per delivery"
        " | missed | RSS idle → with followers (MiB, all processes) | largest process | threads idle → with followers |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        rows.append(
            f"| {r['name']} | {r['processes']} | {r['last_median_ms']:.0f} ms | {r['last_p95_ms']:.0f} ms"
            f" | {r['each_p95_ms']:.0f} ms | {r['missed']} | {r['idle_rss']:.0f} → {r['busy_rss']:.0f}"
            f" | {r['max_process_rss']:.0f} | {r['idle_threads']} → {r['busy_threads']} |"
        )
    base = results[0]
    per_follower_kib = (base["busy_rss"] - base["idle_rss"]) * 1024 / followers
    lines = [
        "## Follow mode: 200 followers on loopback",
        "",
        f"`PYTHONPATH=$PWD python benchmarks/bench_follow.py` — {followers} followers, {moves} moves"
        f" of the presenter, {time.strftime('%Y-%m-%d')}, {platform.python_implementation()}"
        f" {platform.python_version()}, {os.cpu_count()} cores (shared, noisy).",
        "",
        "Time: from the presenter's POST being sent to the last follower reading the move off its"
        " event stream (the POST's own round trip included). Memory: resident set of the server"
        " process(es), `VmRSS`. Followers are plain asyncio sockets in one client process.",
        "",
        *rows,
        "",
        f"Targets: p95 < 500 ms: **{'met' if base['last_p95_ms'] < 500 else 'MISSED'}**"
        f" ({base['last_p95_ms']:.0f} ms); memory < 200 MiB:"
        f" **{'met' if base['busy_rss'] < 200 else 'MISSED'}** ({base['busy_rss']:.0f} MiB).",
        "",
        f"Ratios: each connected follower costs about {per_follower_kib:.0f} KiB of server memory;"
        f" with {followers} followers the server holds {base['busy_threads'] - base['idle_threads']:+d}"
        " threads compared with idle (no thread per follower).",
    ]
    if len(results) > 1:
        for r in results[1:]:
            lines.append(
                f"{r['name']}: to the last follower, median"
                f" {r['last_median_ms'] / base['last_median_ms']:.1f}× and p95"
                f" {r['last_p95_ms'] / base['last_p95_ms']:.1f}× the first scenario's;"
                f" threads {r['idle_threads']} → {r['busy_threads']}."
            )
    lines.append("")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--moves", type=int, default=60)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        n, m = args.followers, args.moves
        results.append(
            scenario("present --serve, in-memory cache", n, m, [FollowServer(SLUG, tmp)])
        )
        if shutil.which("redis-server"):
            process, url = start_redis(tmp)
            env = {
                "DJANGO_SETTINGS_MODULE": "tests.shared_cache_settings",
                "DECK_TEST_REDIS_URL": url,
            }
            try:
                two = [FollowServer(SLUG, tmp, env=env) for _ in range(2)]
                results.append(scenario("present --serve ×2, sharing Redis", n, m, two))
                for app in (
                    "deck.project.asgi:application",
                    "deck.project.asgi:django_application",
                ):
                    server = UvicornServer(app, tmp, env)
                    results.append(scenario(f"uvicorn {app}, Redis", n, m, [server]))
            finally:
                process.terminate()
                process.wait(10)
    write(results, args.followers, args.moves)


if __name__ == "__main__":
    main()
