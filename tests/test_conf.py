"""deck.conf: every DECK key and its default in one place, each value checked
once at start-up (deck.E100) and never reported as a broken deck."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from deck import conf
from tests.conftest import ROOT

READS = re.compile(
    r"""(?:conf\.get|deck_settings\(\)\.get|deck_settings\(\)\[)\(?\s*["'](?P<key>[A-Z_]+)["']"""
)


def keys_the_code_reads() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "deck").rglob("*.py"):
        found.update(match["key"] for match in READS.finditer(path.read_text(encoding="utf-8")))
    return found


def test_defaults_hold_every_key_the_code_reads_and_no_other():
    read = keys_the_code_reads()
    assert {"SLIDES_DIR", "MAX_BYTES", "FIT_MIN_FONT_PX", "LIVE_WATCHER"} <= read
    assert read - conf.DEFAULTS.keys() == set(), "read, but no default in deck.conf.DEFAULTS"
    assert conf.DEFAULTS.keys() - read == set(), "a default that no code reads"


def test_every_default_says_what_it_is_for():
    # A comment on the key's line, or above it (one comment may cover a pair of keys).
    source = (ROOT / "deck" / "conf.py").read_text(encoding="utf-8").splitlines()
    start = source.index("DEFAULTS: dict[str, Any] = {")
    for key in conf.DEFAULTS:
        index = next(i for i in range(start, len(source)) if source[i].startswith(f'    "{key}":'))
        while "#" not in source[index] and source[index - 1].startswith('    "'):
            index -= 1
        assert "#" in source[index] or source[index - 1].strip().startswith("#"), key


def test_no_other_module_writes_a_default_of_its_own():
    # The 5 MB limit and the fitting sizes were written three times.
    for path in [ROOT / "deck" / "project" / "settings.py", *(ROOT / "deck" / "core").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "5 * 1024 * 1024" not in text, path
        assert not re.search(r"FIT_(MIN|COMFORT)_FONT_PX\D{1,12}\b(9|20)\b", text), path


def test_values_from_the_environment_are_converted(settings, tmp_path):
    settings.DECK = {
        "SLIDES_DIR": str(tmp_path),
        "MAX_BYTES": "200",
        "FIT": "0",
        "FIT_MIN_FONT_PX": "9.5",
        "LIVE_WATCHER": "off",
    }
    assert conf.get("SLIDES_DIR") == tmp_path
    assert conf.get("MAX_BYTES") == 200
    assert conf.get("FIT") is False and conf.get("LIVE_WATCHER") is False
    assert conf.get("FIT_MIN_FONT_PX") == 9.5
    assert conf.get("FIT_COMFORT_FONT_PX") == 20
    assert conf.get("CACHE_LOCAL_BYTES") == 32 * 1024 * 1024
    assert conf.check_settings() == []
    conf.validate()


def test_an_unset_slides_dir_is_the_projects_slides_folder(settings):
    settings.DECK = {}
    assert conf.get("SLIDES_DIR") == Path(settings.BASE_DIR) / "slides"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"FIT_MIN_FONT_PX": "abc"}, """DECK["FIT_MIN_FONT_PX"]='abc' is not a number"""),
        ({"FIT_MIN_FONT_PX": True}, """DECK["FIT_MIN_FONT_PX"]=True is not a number"""),
        ({"MAX_BYTES": 1.5}, """DECK["MAX_BYTES"]=1.5 is not a whole number"""),
        ({"MAX_BYTES": 0}, """DECK["MAX_BYTES"]=0 must be at least 1"""),
        ({"FIT": "maybe"}, """DECK["FIT"]='maybe': use 1 or 0"""),
        ({"CACHE_RETRY_SECONDS": -1}, """DECK["CACHE_RETRY_SECONDS"]=-1 must be at least 0"""),
        (
            {"FIT_MIN_FONT_PX": 30},
            'DECK["FIT_MIN_FONT_PX"]=30 and FIT_COMFORT_FONT_PX=20 (the default): both must '
            "be positive and the comfortable size at least the floor",
        ),
        (
            {"FIT_MIN_FONT_PX": 12, "FIT_COMFORT_FONT_PX": 10},
            'DECK["FIT_MIN_FONT_PX"]=12 and DECK["FIT_COMFORT_FONT_PX"]=10: both must '
            "be positive and the comfortable size at least the floor",
        ),
    ],
)
def test_a_wrong_value_is_one_check_error_naming_it(settings, given, message):
    settings.DECK = given
    (error,) = conf.check_settings()
    assert (error.id, error.msg) == ("deck.E100", message)
    assert error.hint and error.is_serious()
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        conf.validate()
    # Meanwhile its default stands in, so the other checks and pages still work.
    assert conf.get("FIT_MIN_FONT_PX") == 9 and conf.get("MAX_BYTES") == 5 * 1024 * 1024


def test_each_wrong_value_is_its_own_error_in_the_order_of_the_defaults(settings):
    settings.DECK = {"LIVE_WATCHER": "sometimes", "MAX_BYTES": "5MB", "THEME": ""}
    assert [error.msg for error in conf.check_settings()] == [
        """DECK["MAX_BYTES"]='5MB' is not a whole number""",
        """DECK["THEME"]='' must be a non-empty text""",
        """DECK["LIVE_WATCHER"]='sometimes': use 1 or 0""",
    ]


def test_a_wrong_setting_is_not_a_broken_deck(settings, client, tmp_path):
    (tmp_path / "talk.md").write_text("# Hello\n")
    settings.DECK = {"SLIDES_DIR": tmp_path, "FIT_MIN_FONT_PX": 0}
    response = client.get("/talk/")
    assert response.status_code == 200
    assert '"minFontPx": 9' in response.content.decode()


def test_the_settings_reach_the_page(settings, client, tmp_path):
    (tmp_path / "talk.md").write_text("---\nfit: false\n---\n# Hello\n")
    settings.DECK = {"SLIDES_DIR": tmp_path, "FIT_MIN_FONT_PX": 14}
    html = client.get("/talk/").content.decode()
    assert '"minFontPx": 14' in html and '"enabled": false' in html


def test_an_unknown_key_is_a_warning_with_the_likely_one(settings):
    settings.DECK = {"FIT_MIN_FONT": 12}
    (warning,) = conf.check_settings()
    assert warning.id == "deck.W100" and not warning.is_serious()
    assert warning.hint == "did you mean FIT_MIN_FONT_PX?"


# -- as a deployer meets it: environment variables, in a fresh process ----------


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DECK_")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "deck.project.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_pass_only_the_environment_variables_that_are_set(tmp_path):
    code = "from django.conf import settings; print(sorted(settings.DECK.items()))"
    assert run(["-c", code]).stdout.strip() == "[]"
    result = run(["-c", code], DECK_MAX_BYTES="1234", DECK_FIT="", DECK_SLIDES_DIR=str(tmp_path))
    assert result.stdout.strip() == str(
        sorted({"MAX_BYTES": "1234", "SLIDES_DIR": str(tmp_path)}.items())
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "(deck.E100) DECK_FIT_MIN_FONT_PX='abc' is not a number"),
        ("30", "(deck.E100) DECK_FIT_MIN_FONT_PX='30' and FIT_COMFORT_FONT_PX=20 (the default)"),
    ],
)
def test_manage_py_check_names_a_wrong_environment_variable(tmp_path, value, message):
    result = run(["manage.py", "check"], DECK_SLIDES_DIR=str(tmp_path), DECK_FIT_MIN_FONT_PX=value)
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.count("deck.E100") == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_runserver_refuses_to_start(tmp_path):
    result = run(
        ["manage.py", "runserver", "--noreload", "127.0.0.1:0"],
        DECK_SLIDES_DIR=str(tmp_path),
        DECK_FIT_MIN_FONT_PX="abc",
    )
    assert result.returncode == 1
    assert "DECK_FIT_MIN_FONT_PX='abc' is not a number" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("entry_point", ["deck.project.wsgi", "deck.project.asgi"])
def test_the_servers_refuse_to_start(tmp_path, entry_point):
    result = run(["-c", f"import {entry_point}"], DECK_MAX_BYTES="5MB")
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: DECK_MAX_BYTES='5MB' is not a whole number"
    )
