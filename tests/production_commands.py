"""The README's production commands, as written there, run on a free port:
shared by the slow-client and deploy-settings tests and the load benchmark."""

from __future__ import annotations

import re
import secrets
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, free_port

ASSIGNMENT = re.compile(r"^[A-Z_]+=")


def production_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Production\n") :].split("\n## ", 1)[0]


def readme_command(program: str) -> tuple[dict[str, str], list[str]]:
    """The environment and argv of the README's ``.venv/bin/<program>`` command."""
    for block in re.findall(r"```\n(.*?)```", production_block(), re.DOTALL):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            words = shlex.split(line)
            at = next((i for i, w in enumerate(words) if w == f".venv/bin/{program}"), None)
            if at is None:
                continue
            env = dict(word.split("=", 1) for word in words[:at] if ASSIGNMENT.match(word))
            return env, words[at:]
    raise LookupError(f"no .venv/bin/{program} command in the README's Production section")


class ProductionServer:
    """The README's command for ``program`` on loopback, on a free port,
    with a secret key made here and the test's own hosts and cache."""

    def __init__(self, program: str, log: Path, **overrides: str) -> None:
        env, argv = readme_command(program)
        self.port = free_port()
        argv = [str(Path(sys.executable).parent / program), *argv[1:]]
        argv = [w.replace("127.0.0.1:8000", f"127.0.0.1:{self.port}") for w in argv]
        if "--port" in argv:
            argv[argv.index("--port") + 1] = str(self.port)
        env.update(
            DECK_SECRET_KEY=secrets.token_urlsafe(50),
            DECK_ALLOWED_HOSTS="127.0.0.1",
            DECK_CACHE_URL="locmem://",
        )
        env.update(overrides)
        self.env = env
        self.argv = argv
        self.log_path = log
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> ProductionServer:
        import os

        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.argv[0]} exited: {self.log_path.read_text()}")
            try:
                request = urllib.request.Request(
                    self.url + "/", headers={"X-Forwarded-Proto": "https"}
                )
                urllib.request.urlopen(request, timeout=5).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.argv[0]} did not start: {self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
