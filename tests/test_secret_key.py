"""Presenter rights nobody can forge: no key written in the source signs a
session; without DECK_SECRET_KEY a random key is kept outside the repository."""

from __future__ import annotations

import ast
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core import signing
from django.test import Client

from deck.follow import rights
from deck.project.secret_key import FILE_NAME, kept_key

ROOT = Path(__file__).resolve().parent.parent
SLUG = "lesson-09-advanced-django"
# The key the settings once fell back to with DEBUG on.
OLD_LITERAL = "insecure-development-key-only-for-DEBUG"


def string_literals() -> set[str]:
    """Every string of 16 characters or more in the project's Python source."""
    found = {OLD_LITERAL}
    for path in [*(ROOT / "deck").rglob("*.py"), ROOT / "manage.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and len(value) >= 16 and "\n" not in value:
                found.add(value)
    return found


def forged_session(key: str) -> str:
    """A signed-cookie session granting presenter rights, signed with ``key``."""
    return signing.dumps(
        {rights.SESSION_KEY: [SLUG]},
        key=key,
        salt="django.contrib.sessions.backends.signed_cookies",
        serializer=SessionStore().serializer,
        compress=True,
    )


def test_the_key_is_made_once_readable_by_its_owner_only(tmp_path):
    folder = tmp_path / "state"
    key = kept_key(folder)
    assert len(key) >= 50 and kept_key(folder) == key
    mode = (folder / FILE_NAME).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == [FILE_NAME]  # no leftovers


def test_processes_starting_together_share_one_key(tmp_path):
    code = "import sys; from deck.project.secret_key import kept_key; print(kept_key())"
    env = {**os.environ, "DECK_STATE_DIR": str(tmp_path / "state")}
    started = [
        subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE)
        for _ in range(6)
    ]
    keys = {process.communicate(timeout=60)[0].strip() for process in started}
    assert len(keys) == 1 and keys != {b""}


def test_the_settings_sign_with_the_kept_key_never_a_literal(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DECK_") and k != "CI"} | {
        "DECK_STATE_DIR": str(tmp_path)
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.DEBUG, settings.SECRET_KEY]))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "deck.project.settings"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    debug, key = json.loads(out.stdout)
    assert debug is True  # the embedded defaults
    assert key == (tmp_path / FILE_NAME).read_text().strip()
    assert key not in string_literals()


def test_this_test_run_signs_with_no_key_from_the_source():
    assert settings.SECRET_KEY not in string_literals()


def presenter_answers(client: Client) -> tuple[bool, int]:
    """(the presenter's page was served, the status of a move with a CSRF token)."""
    page = client.get(f"/{SLUG}/present/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        f"/{SLUG}/follow/position",
        json.dumps({"h": 1, "v": 0}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    return b'id="deck-follow"' in page.content, response.status_code


def test_a_session_signed_with_any_string_in_the_source_gives_no_rights():
    granted = []
    for key in sorted(string_literals()):
        client = Client(enforce_csrf_checks=True)
        client.cookies[settings.SESSION_COOKIE_NAME] = forged_session(key)
        if presenter_answers(client) != (False, 403):
            granted.append(key)
    assert granted == []


def test_the_same_forgery_with_the_real_key_would_work():
    # The test above can fail: signed with the key in use, the cookie is rights.
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = forged_session(settings.SECRET_KEY)
    assert presenter_answers(client) == (True, 200)
