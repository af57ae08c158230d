"""Follow mode over real HTTP: a ``present --serve`` server process, a
presenter that redeems its link like a browser does, and a reader of the
server-sent-events stream. Used by the follow tests and the benchmark."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, DeckServer, free_port

LINK = re.compile(r"(https?://\S+/present/)#key=(\S+)")


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    """A throwaway redis-server on a free loopback port, answering; and its URL."""
    import redis

    port = free_port()
    args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
    args += ["--save", "", "--appendonly", "no"]
    process = subprocess.Popen(
        args, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return process, f"redis://127.0.0.1:{port}/0"
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.05)


def present_link(slug: str, port: int, env: dict) -> str:
    """A presenter link from ``manage.py present`` (no --serve), for a server
    that shares its cache with this command."""
    return subprocess.run(
        [sys.executable, "manage.py", "present", slug, "--port", str(port), "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


class FollowServer(DeckServer):
    """``manage.py present SLUG --serve`` (uvicorn) in a subprocess; restarts
    on the same port."""

    def __init__(self, slug: str, log_dir: Path, *, env=None):
        super().__init__(env=env)
        self.slug = slug
        self.log_dir = log_dir
        self.starts = 0
        self.start_args: list[str] = []
        self.presenter_link = ""
        self.key = ""

    def start(self, tmp_log: Path | None = None) -> FollowServer:
        self.starts += 1
        self.log_path = tmp_log or self.log_dir / f"follow-{self.port}-{self.starts}.log"
        self.log = self.log_path.open("wb")
        args = [sys.executable, "manage.py", "present", self.slug, "--serve"]
        args += ["--host", "127.0.0.1", "--port", str(self.port), *self.start_args]
        self.process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.output()}")
            match = LINK.search(self.output())
            if match:
                try:
                    urllib.request.urlopen(self.url + "/", timeout=2).read()
                except OSError:
                    pass
                else:
                    self.presenter_link = match.group(0)
                    self.key = match.group(2)
                    return self
            time.sleep(0.1)
        raise RuntimeError(f"server did not start: {self.output()}")

    def restart(self) -> FollowServer:
        self.stop()
        return self.start()

    @property
    def deck_url(self) -> str:
        return f"{self.url}/{self.slug}"


class Presenter:
    """A browser-like client with a cookie jar: redeems a link, then moves."""

    def __init__(self, server: FollowServer):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def claim(self, key: str | None = None) -> int:
        page = self.opener.open(self.server.deck_url + "/present/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "secret": key or self.server.key}
        ).encode()
        request = urllib.request.Request(self.server.deck_url + "/present/", data=body)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def move(self, h: int, v: int = 0, f: int | None = None) -> tuple[int, dict]:
        request = urllib.request.Request(
            self.server.deck_url + "/follow/position",
            data=json.dumps({"h": h, "v": v, "f": f}).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": self.cookie("csrftoken") or "",
            },
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, {}


class EventReader:
    """Reads ``event:``/``data:`` pairs from a follower's stream."""

    def __init__(self, url: str, timeout: float = 10):
        parts = urllib.parse.urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.connection.request("GET", parts.path, headers={"Accept": "text/event-stream"})
        self.response = self.connection.getresponse()

    def next(self, event: str = "position"):
        name = None
        while True:
            line = self.response.fp.readline()
            if not line:
                raise EOFError("the stream ended")
            line = line.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: ") :]
            elif line.startswith("data: ") and name == event:
                return json.loads(line[len("data: ") :])

    def close(self) -> None:
        self.connection.close()
