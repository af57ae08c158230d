"""`manage.py check --deploy` under the README's production environment:
no warning about HSTS, the SSL redirect or X-Frame-Options; and what those
settings do on a request."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from django.conf import settings as django_settings
from django.test import Client

from tests.conftest import ROOT
from tests.production_commands import readme_command

SETTLED = ("security.W004", "security.W005", "security.W008", "security.W019", "security.W021")


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **env, "DECK_SECRET_KEY": secrets.token_urlsafe(50)}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_the_readmes_production_environment():
    for program in ("uvicorn", "gunicorn"):
        env, _ = readme_command(program)
        assert env["DECK_DEBUG"] == "0" and env["DECK_HTTPS"] == "1"
        done = check_deploy(env)
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert "security.W" not in output, output
        assert "no issues" in output


def test_without_https_check_deploy_still_says_what_is_missing():
    done = check_deploy({"DECK_DEBUG": "0", "DECK_ALLOWED_HOSTS": "deck.example.org"})
    output = done.stdout + done.stderr
    assert "security.W004" in output and "security.W008" in output
    assert "security.W019" not in output  # SAMEORIGIN is on purpose: the speaker view


def test_https_settings_redirect_and_send_hsts(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    plain = Client().get("/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = Client().get("/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert secure["X-Frame-Options"] == "SAMEORIGIN"


def test_the_laptop_and_the_room_are_not_redirected():
    # Loaded without DECK_HTTPS, as every test and `present --serve` are.
    assert django_settings.SECURE_SSL_REDIRECT is False
    assert django_settings.SECURE_HSTS_SECONDS == 0
