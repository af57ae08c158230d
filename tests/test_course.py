"""Lesson folders written for reveal-md, copied under slides/ unchanged."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from deck.checks.folder import lint_folder
from deck.core.discovery import duplicates, find_decks, natural_key, scan
from deck.core.errors import BadOptions
from deck.core.options import deck_options, line_separator, merge
from deck.core.splitter import split
from deck.core.themes import resolve_theme
from deck.render.slides import markdown_to_html
from tests.conftest import FIXTURES

COURSE = FIXTURES / "course"


@pytest.fixture
def course(tmp_path, settings):
    """A copy of the course fixture as the slides folder."""
    root = tmp_path / "slides"
    shutil.copytree(COURSE, root)
    settings.DECK = {**settings.DECK, "SLIDES_DIR": root}
    return root


# --- which files are decks ------------------------------------------------


def test_slugs_follow_the_folders():
    decks = find_decks(COURSE)
    assert sorted(decks) == [
        "custom",
        "custom/notes",
        "first",
        "lesson-10",
        "lesson-9",
        "lesson-two",
        "talks/a",
        "talks/b",
    ]
    assert decks["lesson-two"].path.name == "CLASS.md"
    assert decks["custom"].path.name == "index.md"


def test_two_files_for_one_slug_are_reported_and_the_first_wins(tmp_path):
    (tmp_path / "intro.md").write_text("# File\n")
    (tmp_path / "intro").mkdir()
    (tmp_path / "intro" / "CLASS.md").write_text("# Folder\n")
    assert list(duplicates(scan(tmp_path))) == ["intro"]
    assert find_decks(tmp_path)["intro"].path == tmp_path / "intro.md"


def test_hidden_folders_and_links_outside_are_not_decks(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n")
    root = tmp_path / "slides"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "x.md").write_text("# no\n")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "leak.md").symlink_to(outside / "secret.md")
    assert find_decks(root) == {}


def test_natural_order():
    slugs = ["lesson-10", "lesson-2", "Lesson-1", "intro"]
    assert sorted(slugs, key=natural_key) == ["intro", "Lesson-1", "lesson-2", "lesson-10"]


# --- options ----------------------------------------------------------------


def test_options_files_then_front_matter():
    folder = COURSE / "lesson-two"
    options = deck_options(folder, COURSE, {})
    assert options.theme == "melbdjango"
    assert options.highlight_style == "zenburn"
    assert options.css == ("extra.css",)
    assert options.reveal == {"transition": "none", "controls": False}
    assert "port" not in options.reveal
    overridden = deck_options(
        folder, COURSE, {"theme": "white", "revealOptions": {"controls": True}, "loop": True}
    )
    assert overridden.theme == "white"
    assert overridden.reveal == {"transition": "none", "controls": True, "loop": True}


def test_root_options_apply_to_every_deck_and_the_folder_wins(tmp_path):
    (tmp_path / "reveal-md.json").write_text('{"theme": "sky", "title": "Course"}')
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "reveal-md.json").write_text('{"theme": "moon"}')
    assert deck_options(tmp_path / "a", tmp_path, {}).theme == "moon"
    assert deck_options(tmp_path / "a", tmp_path, {}).title == "Course"
    assert deck_options(tmp_path, tmp_path, {}).theme == "sky"


def test_malformed_options_file_names_file_and_line(tmp_path):
    (tmp_path / "reveal-md.json").write_text('{\n  "theme": "sky",\n  oops\n}')
    with pytest.raises(BadOptions) as raised:
        deck_options(tmp_path, tmp_path, {})
    assert raised.value.path.name == "reveal-md.json"
    assert raised.value.line == 3
    assert str(raised.value).startswith("reveal-md.json:3: not valid JSON")
    assert "one JSON object" in raised.value.hint


def test_css_option_as_comma_list_or_list():
    assert merge([{"css": "a.css, b.css"}], [], {}).css == ("a.css", "b.css")
    assert merge([], [], {"css": ["x.css"]}).css == ("x.css",)


@pytest.mark.parametrize(
    ("pattern", "line", "matches"),
    [
        (r"^(\r\n?|\n)---(\r\n?|\n)$", "---", True),
        (r"^\r?\n<!--s-->\r?\n$", "<!--s-->", True),
        ("<!--v-->", "<!--v-->", True),
        ("<!--v-->", "text <!--v-->", False),
        ("^\r?\n---\r?\n$", "---", True),  # real newlines, as JSON gives them
        (r"^\n\n\n", "", False),  # blank-line separators: the default stays
    ],
)
def test_reveal_md_separators_become_line_patterns(pattern, line, matches):
    assert bool(re.match(line_separator(pattern, "^---$"), line)) is matches


def test_custom_separators_split_the_deck():
    folder = COURSE / "custom"
    options = deck_options(folder, COURSE, {})
    deck = split(
        (folder / "index.md").read_text(),
        separator=options.separator,
        vertical_separator=options.vertical_separator,
    )
    assert [len(stack) for stack in deck.stacks] == [1, 2]
    assert "This line of dashes" in deck.slides[-1].body


# --- themes -------------------------------------------------------------------


def test_theme_by_name_path_builtin_and_unknown():
    folder = COURSE / "lesson-two"
    assert resolve_theme("sky", folder, COURSE, "black").builtin == "sky"
    named = resolve_theme("melbdjango", folder, COURSE, "black")
    assert named.path == (folder / "theme" / "melbdjango.css").resolve()
    by_path = resolve_theme("theme/melbdjango.css", folder, COURSE, "black")
    assert by_path.path == named.path
    unknown = resolve_theme("nope", folder, COURSE, "black")
    assert unknown.builtin == "black" and "nope" in unknown.warning
    assert resolve_theme("../../etc/passwd", folder, COURSE, "black").path is None


# --- Markdown as reveal-md users write it ---------------------------------------


def test_github_flavoured_markdown():
    html = markdown_to_html(
        "- [x] done\n- [ ] todo\n\n~~old~~ new\n\nSee https://example.com/docs now"
    )
    assert html.count('type="checkbox"') == 2 and "checked" in html
    assert "<del>old</del> new" in html
    assert '<a href="https://example.com/docs">https://example.com/docs</a>' in html


def test_code_inside_a_numbered_list_item():
    text = (COURSE / "lesson-two" / "CLASS.md").read_text()
    slide = split(text).slides[3]
    html = markdown_to_html(slide.body)
    first_item = re.search(r"<li>(.*?)</li>", html, re.S).group(1)
    assert "highlight language-python" in first_item
    assert "<del>with <code>url()</code></del>" in html


def test_same_line_lowercase_notes():
    slide = split((COURSE / "lesson-two" / "CLASS.md").read_text()).slides[2]
    assert slide.notes == "lower-case notes marker, text on the same line"
    assert "notes:" not in slide.body


# --- pages ----------------------------------------------------------------------


def test_index_lists_the_course_in_order(client, course):
    html = client.get("/").content.decode()
    titles = re.findall(r'class="deck-title" href="/([^"]*)/"', html)
    assert titles == [
        "first",
        "custom",
        "custom/notes",
        "lesson-9",
        "lesson-10",
        "lesson-two",
        "talks/a",
        "talks/b",
    ]
    assert "Start here" in html


def test_deck_page_uses_the_folder_options(client, course):
    html = client.get("/lesson-two/").content.decode()
    assert 'href="/_deck/files/lesson-two/theme/melbdjango.css" id="theme"' in html
    assert 'href="/_deck/files/lesson-two/extra.css"' in html
    assert "/_deck/pygments/zenburn.css" in html
    options = json.loads(re.search(r'id="deck-options"[^>]*>(.*?)</script>', html).group(1))
    assert options["transition"] == "none" and options["controls"] is False
    assert 'src="./img/pony.png"' in html


def test_nested_slug_pages(client, course):
    assert client.get("/talks/b/").status_code == 200
    assert client.get("/talks/").status_code == 404
    response = client.get("/talks/b")
    assert response.status_code == 302 and response["Location"] == "/talks/b/"


def test_a_deck_address_without_its_slash_keeps_the_script_prefix(client, course):
    # A site served under a prefix (SCRIPT_NAME=/school): the redirect stays under it.
    from django.urls import get_script_prefix, set_script_prefix

    before = get_script_prefix()
    set_script_prefix("/school/")
    try:
        response = client.get("/talks/b")
    finally:
        set_script_prefix(before)
    assert response.status_code == 302 and response["Location"] == "/school/talks/b/"


def test_files_beside_the_markdown_are_served(client, course):
    response = client.get("/lesson-two/img/pony.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-cache" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == (course / "lesson-two" / "img" / "pony.png").read_bytes()
    again = client.get("/lesson-two/img/pony.png", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_theme_imports_resolve_through_the_mirrored_urls(client, course):
    assert client.get("/_deck/files/lesson-two/theme/melbdjango.css").status_code == 200
    # The theme's @import "../../theme/shared.css", resolved by the browser:
    assert client.get("/_deck/files/theme/shared.css").status_code == 200


def test_files_of_a_deck_in_a_shared_folder(client, course):
    (course / "talks" / "img").mkdir()
    (course / "talks" / "img" / "x.png").write_bytes(b"\x89PNG fake")
    # img/x.png on /talks/a/ is img/x.png beside talks/a.md.
    assert client.get("/talks/a/img/x.png").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/lesson-two/../first.md",
        "/lesson-two/%2e%2e/%2e%2e/etc/passwd",
        "/lesson-two/img/..%2fpony.png",
        "/lesson-two/.hidden",
        "/_deck/files/../conftest.py",
        "/_deck/files/%2e%2e/conftest.py",
        "/_deck/files/lesson-two/%00.png",
        "/_deck/files//etc/passwd",
        "/lesson-two/img/nope.png",
    ],
)
def test_hostile_file_paths_read_nothing(client, course, url):
    assert client.get(url).status_code in {400, 404}


def test_links_out_of_the_slides_folder_are_not_followed(client, course, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (course / "lesson-two" / "leak.txt").symlink_to(secret)
    assert client.get("/lesson-two/leak.txt").status_code == 404
    assert client.get("/_deck/files/lesson-two/leak.txt").status_code == 404


# --- manage.py check for lesson folders ------------------------------------------


def problems_of(root, id_):
    return [p for p in lint_folder(root) if p.id == id_]


def test_check_lists_remote_pictures_with_file_and_line():
    (problem,) = problems_of(COURSE, "W010")
    assert problem.path.name == "CLASS.md" and problem.line == 54
    assert "example.invalid" in problem.message


def test_check_malformed_options_file_is_an_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "CLASS.md").write_text("# A\n")
    (tmp_path / "a" / "reveal-md.json").write_text('{\n  "theme": "sky",\n}\n')
    (problem,) = problems_of(tmp_path, "E007")
    assert problem.level == "error"
    assert problem.path.name == "reveal-md.json" and problem.line == 3


@pytest.mark.parametrize(
    "content", ["[" * 100_000, '{"a": "' + "x" * (1024 * 1024) + '"}'], ids=["deep", "huge"]
)
def test_a_deep_or_huge_options_file_is_e007_and_the_rest_keeps_working(tmp_path, content):
    from django.test import Client, override_settings

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "CLASS.md").write_text("# A\n")
    (tmp_path / "a" / "reveal.json").write_text(content)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "CLASS.md").write_text("# B\n\n* \n")  # a W002 of its own
    (problem,) = problems_of(tmp_path, "E007")
    assert problem.path.name == "reveal.json" and problem.path.parent.name == "a"
    assert problems_of(tmp_path, "W002")  # every other check still runs
    with override_settings(DECK={"SLIDES_DIR": tmp_path}):
        client = Client()
        index = client.get("/")
        assert index.status_code == 200
        assert b"cannot be shown" in index.content and b"<code>b</code>" in index.content
        assert client.get("/b/").status_code == 200
        assert client.get("/a/").status_code == 500  # the broken-deck page, the rest serves


def test_check_unknown_theme_and_missing_stylesheet_name_where_they_are_set(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "CLASS.md").write_text("---\ntitle: A\ncss: gone.css\n---\n# A\n")
    (tmp_path / "a" / "reveal-md.json").write_text('{\n  "theme": "nosuch"\n}\n')
    (theme,) = problems_of(tmp_path, "W008")
    assert theme.path.name == "reveal-md.json" and theme.line == 2
    (css,) = problems_of(tmp_path, "W009")
    assert css.path.name == "CLASS.md" and css.line == 3


def test_check_two_files_for_one_slug(tmp_path):
    (tmp_path / "intro.md").write_text("# File\n")
    (tmp_path / "intro").mkdir()
    (tmp_path / "intro" / "CLASS.md").write_text("# Folder\n")
    (problem,) = problems_of(tmp_path, "W011")
    assert problem.path == tmp_path / "intro" / "CLASS.md"


def test_course_fixture_has_no_other_problems():
    assert [p.id for p in lint_folder(COURSE)] == ["W010"]


# --- the course exported ----------------------------------------------------------


def export_course(out):
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    printed = StringIO()
    with override_settings(DECK={"SLIDES_DIR": COURSE}):
        call_command("export_deck", "--all", "--output", str(out), stdout=printed)
    return printed.getvalue()


def test_export_copies_pictures_theme_and_its_imports(tmp_path):
    out = tmp_path / "site"
    printed = export_course(out)
    assert "example.invalid/remote.png" in printed  # kept remote, and said so
    assert (out / "lesson-two" / "img" / "pony.png").read_bytes() == (
        COURSE / "lesson-two" / "img" / "pony.png"
    ).read_bytes()
    page = (out / "lesson-two" / "index.html").read_text()
    assert 'href="../static/_deck/files/lesson-two/theme/melbdjango.css" id="theme"' in page
    assert 'href="../static/_deck/files/lesson-two/extra.css"' in page
    # The theme's relative @import came along, where the import expects it.
    assert (out / "static" / "_deck" / "files" / "theme" / "shared.css").is_file()
    # A deck two folders down links two folders up.
    nested = (out / "talks" / "b" / "index.html").read_text()
    assert '<script src="../../static/reveal/dist/reveal.js">' in nested
    assert 'href="talks/b/index.html"' in (out / "index.html").read_text()
