"""``manage.py check`` (W010) lists every remote file the export lists: what a
slide loads, and what a theme or ``css`` stylesheet pulls in, with file:line."""

from __future__ import annotations

from pathlib import Path

from django.test import override_settings

from deck.checks.folder import lint_folder
from deck.export import export

FONT = "https://fonts.googleapis.com/css?family=Lato"


def remote_problems(root: Path) -> list[tuple[str, int, str]]:
    """``(file relative to root, line, message)`` of each W010."""
    return [
        (p.path.relative_to(root).as_posix(), p.line, p.message)
        for p in lint_folder(root)
        if p.id == "W010"
    ]


def quoted(url: str) -> str:
    return f"{url!r} is loaded from another site"


def test_a_theme_beside_the_deck_that_imports_a_font(tmp_path):
    (tmp_path / "a" / "theme").mkdir(parents=True)
    (tmp_path / "a" / "CLASS.md").write_text("# A\n")
    (tmp_path / "a" / "reveal-md.json").write_text('{\n  "theme": "school"\n}\n')
    (tmp_path / "a" / "theme" / "school.css").write_text(
        f"/* the school's theme */\n@import url({FONT});\n.reveal {{ color: red; }}\n"
    )
    assert remote_problems(tmp_path) == [("a/theme/school.css", 2, quoted(FONT))]


def test_a_course_theme_is_followed_through_its_imports_and_listed_once(tmp_path):
    for lesson in ("one", "two"):
        (tmp_path / lesson).mkdir()
        (tmp_path / lesson / "CLASS.md").write_text(f"---\ntheme: school\n---\n# {lesson}\n")
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "school.css").write_text('@import "fonts.css";\nh1 { color: red; }\n')
    (tmp_path / "theme" / "fonts.css").write_text(
        "h1 {}\n\n@import url('https://fonts.example.org/a.css') screen;\n"
        "body { background: url(https://example.org/paper.png) }\n"
    )
    assert remote_problems(tmp_path) == [
        ("theme/fonts.css", 3, quoted("https://fonts.example.org/a.css")),
        ("theme/fonts.css", 4, quoted("https://example.org/paper.png")),
    ]


def test_a_css_option_file_that_imports_a_font(tmp_path):
    (tmp_path / "deck.md").write_text("---\ntitle: D\ncss: extra.css\n---\n# D\n")
    (tmp_path / "extra.css").write_text(f'.x {{}}\n@import "{FONT}";\n')
    assert remote_problems(tmp_path) == [("extra.css", 2, quoted(FONT))]


def test_backgrounds_posters_and_iframes_of_a_slide(tmp_path):
    (tmp_path / "deck.md").write_text(
        "# D\n\n"
        '<!-- .slide: data-background-image="https://example.org/bg.png" -->\n\n'
        '<video poster="https://example.org/p.jpg" src="https://example.org/v.mp4"></video>\n\n'
        "<iframe data-src='https://example.org/embed'></iframe>\n\n"
        '<a href="https://example.org/">a link is only followed</a>\n'
    )
    assert remote_problems(tmp_path) == [
        ("deck.md", 3, quoted("https://example.org/bg.png")),
        ("deck.md", 5, quoted("https://example.org/p.jpg")),
        ("deck.md", 5, quoted("https://example.org/v.mp4")),
        ("deck.md", 7, quoted("https://example.org/embed")),
    ]


def test_the_check_names_every_remote_file_the_export_lists(tmp_path):
    slides = tmp_path / "slides"
    (slides / "a" / "theme").mkdir(parents=True)
    (slides / "a" / "CLASS.md").write_text(
        "---\ntheme: school\ncss: extra.css\n---\n# A\n\n"
        "![remote](https://example.org/picture.png)\n\n"
        '<!-- .slide: data-background-video="https://example.org/a.mp4,https://example.org/a.webm" -->\n'
    )
    (slides / "a" / "theme" / "school.css").write_text(f"@import url({FONT});\n")
    (slides / "a" / "extra.css").write_text("p { background: url('https://example.org/x.svg') }\n")
    with override_settings(DECK={"SLIDES_DIR": slides}):
        listed = export(["a"], tmp_path / "site").remote
    checked = sorted(message.split("'")[1] for _, _, message in remote_problems(slides))
    assert checked == listed
    assert FONT in listed and len(listed) == 5
