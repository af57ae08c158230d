"""A deck's language and direction reach ``<html lang dir>``: front matter,
``reveal-md.json``, or ``DECK_LANG``; ``dir: rtl`` and reveal.js's
``rtl: true`` each turn on the other."""

from __future__ import annotations

import json
import re

import pytest

from deck import conf
from deck.core import language
from deck.core.options import merge
from tests.test_export import run


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def options_of(html: str) -> dict:
    return json.loads(re.search(r'id="deck-options"[^>]*>(.*?)</script>', html, re.S).group(1))


@pytest.mark.parametrize(
    ("value", "result"),
    [("fr", "fr"), (" pt-BR ", "pt-BR"), ("zh-Hant-TW", "zh-Hant-TW"), ("", "en"), (None, "en")],
)
def test_a_language_tag_or_the_default(value, result):
    assert language.language(value, "en") == result


@pytest.mark.parametrize("value", ["f", "français", "fr_FR", "en-", 12, "<script>", "fr fr"])
def test_what_is_no_language_tag_is_the_default(value):
    assert language.language(value, "de") == "de"


def test_direction_from_dir_or_reveal_rtl():
    assert language.direction("rtl", {}) == "rtl"
    assert language.direction("RTL", {}) == "rtl"
    assert language.direction("", {"rtl": True}) == "rtl"
    assert language.direction("ltr", {"rtl": True}) == "ltr"  # said outright, it wins
    assert language.direction("sideways", {}) == "ltr"
    assert language.direction(None, {"rtl": "yes"}) == "ltr"


def test_front_matter_wins_over_reveal_md_json_and_neither_leaks_into_reveal():
    options = merge([{"lang": "de", "dir": "rtl"}], [], {"lang": "fr"})
    assert (options.lang, options.dir) == ("fr", "rtl")
    assert "lang" not in options.reveal and "dir" not in options.reveal


def test_deck_lang_is_checked(settings):
    settings.DECK = {"LANG": "not a tag"}
    (error,) = conf.check_settings()
    assert error.id == "deck.E100"
    assert error.msg == "DECK[\"LANG\"]='not a tag' is not a language tag (en, fr, pt-BR, ar, ...)"
    assert conf.get("LANG") == "en"


@pytest.fixture
def slides(tmp_path, settings):
    folder = tmp_path / "slides"
    folder.mkdir()
    settings.DECK = {"SLIDES_DIR": folder}
    return folder


def test_lang_and_dir_reach_the_served_page(client, slides):
    (slides / "fr.md").write_text("---\nlang: fr\n---\n# Bonjour\n", encoding="utf-8")
    (slides / "ar.md").write_text("---\nlang: ar\ndir: rtl\n---\n# مرحبا\n", encoding="utf-8")
    (slides / "he.md").write_text("---\nlang: he\nrtl: true\n---\n# שלום\n", encoding="utf-8")
    (slides / "plain.md").write_text("# Hello\n", encoding="utf-8")
    assert html_tag(client.get("/fr/").content.decode()) == '<html lang="fr" dir="ltr">'
    arabic = client.get("/ar/").content.decode()
    assert html_tag(arabic) == '<html lang="ar" dir="rtl">'
    assert options_of(arabic)["rtl"] is True  # reveal.js turns its slide order round too
    assert html_tag(client.get("/he/").content.decode()) == '<html lang="he" dir="rtl">'
    assert html_tag(client.get("/plain/").content.decode()) == '<html lang="en" dir="ltr">'
    # The follow page is the same page.
    assert html_tag(client.get("/ar/follow/").content.decode()) == '<html lang="ar" dir="rtl">'


def test_deck_lang_and_reveal_md_json(client, slides, settings):
    settings.DECK = {"SLIDES_DIR": slides, "LANG": "nl"}
    (slides / "plain.md").write_text("# Hallo\n", encoding="utf-8")
    (slides / "course").mkdir()
    (slides / "course" / "CLASS.md").write_text("# Hola\n", encoding="utf-8")
    (slides / "course" / "reveal-md.json").write_text('{"lang": "es"}', encoding="utf-8")
    assert html_tag(client.get("/plain/").content.decode()) == '<html lang="nl" dir="ltr">'
    assert html_tag(client.get("/course/").content.decode()) == '<html lang="es" dir="ltr">'


def test_lang_and_dir_reach_the_export(tmp_path, slides):
    (slides / "ar.md").write_text("---\nlang: ar\ndir: rtl\n---\n# مرحبا\n", encoding="utf-8")
    run("ar", "--output", str(tmp_path / "site"), slides=slides)
    page = (tmp_path / "site" / "ar" / "index.html").read_text(encoding="utf-8")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'
    run("ar", "--single-file", "--output", str(tmp_path / "one"), slides=slides)
    page = (tmp_path / "one" / "ar.html").read_text(encoding="utf-8")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'


def test_deck_lang_reaches_the_index_and_error_pages(client, slides, settings):
    (slides / "plain.md").write_text("# Hello\n", encoding="utf-8")
    settings.DECK = {**settings.DECK, "LANG": "de"}
    assert html_tag(client.get("/").content.decode()) == '<html lang="de">'
    assert html_tag(client.get("/no-such-deck/").content.decode()) == '<html lang="de">'
    assert html_tag(client.get("/plain/").content.decode()) == '<html lang="de" dir="ltr">'
