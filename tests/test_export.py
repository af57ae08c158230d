"""``manage.py export_deck``: what lands on disk, and what never does."""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import time
import zlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from deck import decks, pages
from deck.export.output_folder import MARKER, STAGING_SUFFIX

ROOT = Path(__file__).resolve().parent.parent
LESSON = "lesson-09-advanced-django"


def png(width: int = 3, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real PNG, made with the standard library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def run(*args: str, slides: Path | None = None, stderr: StringIO | None = None) -> str:
    """Run the command in this process; its output (its errors go to ``stderr``)."""
    out = StringIO()
    settings = (
        {"DECK": {"SLIDES_DIR": slides}} if slides else {"DECK": {"SLIDES_DIR": ROOT / "slides"}}
    )
    with override_settings(**settings):
        call_command("export_deck", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


IMAGE_DECK = """\
---
title: Pictures
---

# A picture

![a red square](img/red.png)

Note: the speaker sees this.

---

## From the folder above

![logo](../shared/logo.png "Logo")

----

## Remote and a handout

![remote](https://example.org/picture.png)

[the handout](handout.txt), [a site](https://example.org/)
"""


@pytest.fixture
def image_slides(tmp_path) -> Path:
    """A slides folder with a deck that uses local and remote files."""
    return make_image_slides(tmp_path)


def make_image_slides(tmp_path: Path) -> Path:
    slides = tmp_path / "slides"
    (slides / "img").mkdir(parents=True)
    (slides / "img" / "red.png").write_bytes(png())
    (slides / "handout.txt").write_text("Read this.\n")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "logo.png").write_bytes(png(4, 4, (20, 20, 220)))
    (slides / "pictures.md").write_text(IMAGE_DECK)
    return slides


def test_lesson_export_layout(tmp_path):
    out = tmp_path / "site"
    printed = run(LESSON, "--output", str(out))
    assert f"{LESSON}: 23 slides" in printed
    assert "Exported 1 deck" in printed
    files = tree(out)
    assert MARKER in files
    assert "index.html" in files and f"{LESSON}/index.html" in files
    page = files[f"{LESSON}/index.html"].decode()
    # Only what the page uses, found by reading it; the theme's fonts are inside its CSS.
    assert sorted(name for name in files if name.startswith("static/")) == [
        "static/_deck/pygments/monokai.css",
        "static/deck/access.css",
        "static/deck/access.js",
        "static/deck/code.css",
        "static/deck/code.js",
        "static/deck/deck.css",
        "static/deck/deck.js",
        "static/deck/deeplink.js",
        "static/deck/fit-report.js",
        "static/deck/fit-slide.js",
        "static/deck/fit.css",
        "static/deck/fit.js",
        "static/deck/print.css",
        "static/deck/site.css",
        "static/deck/speaker.css",
        "static/deck/transcript-link.css",
        "static/deck/transcript.css",
        "static/deck/window.js",
        "static/reveal/dist/plugin/notes.js",
        "static/reveal/dist/plugin/search.js",
        "static/reveal/dist/plugin/zoom.js",
        "static/reveal/dist/reset.css",
        "static/reveal/dist/reveal.css",
        "static/reveal/dist/reveal.js",
        "static/reveal/dist/theme/black.css",
    ]
    # Every URL relative: no "/static/..." or "/_deck/..." left.
    urls = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert urls and all(not url.startswith("/") for url in urls), urls
    assert '<script src="../static/reveal/dist/reveal.js">' in page
    # The same slide HTML as the server's, from the same renderer.
    with override_settings(DECK={"SLIDES_DIR": ROOT / "slides"}):
        assert pages.slides_html(decks.get_deck(LESSON)) in page
    index = files["index.html"].decode()
    assert f'href="{LESSON}/index.html"' in index
    assert 'href="static/deck/site.css"' in index


def test_served_pages_keep_their_urls(client):
    """The templates' new URL tags give the server what it had before."""
    with override_settings(DECK={"SLIDES_DIR": ROOT / "slides"}):
        page = client.get(f"/{LESSON}/").content.decode()
        index = client.get("/").content.decode()
    assert 'href="/static/reveal/dist/reveal.css"' in page
    assert 'href="/_deck/pygments/monokai.css"' in page
    assert f'href="/{LESSON}/"' in index


def test_export_is_deterministic(tmp_path, image_slides):
    first, second = tmp_path / "one", tmp_path / "two"
    run("--all", "--output", str(first), slides=image_slides)
    run("--all", "--output", str(second), slides=image_slides)
    assert tree(first) == tree(second)
    before = tree(first)
    run("--all", "--output", str(first), slides=image_slides)  # over itself
    assert tree(first) == before
    single_one, single_two = tmp_path / "s1", tmp_path / "s2"
    run("--all", "--single-file", "--output", str(single_one), slides=image_slides)
    run("--all", "--single-file", "--output", str(single_two), slides=image_slides)
    assert tree(single_one) == tree(single_two)


def test_slides_files_are_copied_and_remote_ones_listed(tmp_path, image_slides):
    out = tmp_path / "site"
    printed = run("pictures", "--output", str(out), slides=image_slides)
    files = tree(out)
    assert files["pictures/img/red.png"] == (image_slides / "img" / "red.png").read_bytes()
    assert files["pictures/_up/shared/logo.png"] == png(4, 4, (20, 20, 220))
    assert files["pictures/handout.txt"] == b"Read this.\n"
    page = files["pictures/index.html"].decode()
    assert 'src="img/red.png"' in page  # where the Markdown has it: unchanged
    assert 'src="_up/shared/logo.png"' in page
    assert 'src="https://example.org/picture.png"' in page
    assert '<aside class="notes">' in page and "the speaker sees this." in page
    assert "pictures: 2 slides, 3 files" in printed
    assert "https://example.org/picture.png" in printed
    assert "Links to 1 web page(s)" in printed


def test_search_zoom_and_notes_plugins_are_exported(tmp_path, image_slides):
    out = tmp_path / "site"
    run("pictures", "--output", str(out), slides=image_slides)
    page = (out / "pictures" / "index.html").read_text()
    for plugin in ("notes", "search", "zoom"):
        assert f'src="../static/reveal/dist/plugin/{plugin}.js"' in page
        assert (out / "static" / "reveal" / "dist" / "plugin" / f"{plugin}.js").is_file()


def test_single_file_has_everything_inside(tmp_path, image_slides):
    out = tmp_path / "site"
    run("pictures", "--single-file", "--output", str(out), slides=image_slides)
    assert sorted(tree(out)) == [
        MARKER,
        "index.html",
        "pictures.html",
        "pictures.transcript.html",
    ]
    transcript = (out / "pictures.transcript.html").read_text()
    assert '<link rel="stylesheet"' not in transcript
    assert 'src="data:image/png;base64,' in transcript
    page = (out / "pictures.html").read_text()
    assert '<link rel="stylesheet"' not in page
    assert "<script src=" not in page
    assert 'src="data:image/png;base64,' in page
    assert 'src="https://example.org/picture.png"' in page
    assert "Reveal" in page and "RevealSearch" in page
    assert 'href="pictures.html"' in (out / "index.html").read_text()


MISSING_LESSON = """\
# NoSQL and Mongo

---

## Homework

Make it fun:

![fun](./img/make-homework-fun.jpg)
"""


def make_course_with_a_missing_picture(tmp_path: Path) -> Path:
    """Two lesson folders; one names a picture its img/ folder does not have."""
    slides = make_image_slides(tmp_path)
    (slides / "09-nosql").mkdir()
    (slides / "09-nosql" / "img").mkdir()
    (slides / "09-nosql" / "09-NoSql-and-Mongo.md").write_text(MISSING_LESSON)
    (slides / "10-next").mkdir()
    (slides / "10-next" / "CLASS.md").write_text("# Next\n\n![ok](../img/red.png)\n")
    return slides


def test_a_missing_picture_is_listed_and_every_deck_is_exported(tmp_path):
    slides = make_course_with_a_missing_picture(tmp_path)
    out, errors = tmp_path / "site", StringIO()
    printed = run("--all", "--output", str(out), slides=slides, stderr=errors)
    assert sorted(p.parent.name for p in out.glob("*/index.html")) == [
        "09-nosql",
        "10-next",
        "pictures",
    ]
    # The slide keeps the URL it wrote: a broken picture, as with reveal-md.
    assert 'src="./img/make-homework-fun.jpg"' in (out / "09-nosql" / "index.html").read_text()
    assert not (out / "09-nosql" / "img").exists()
    assert re.search(
        r"^  \S*09-nosql/09-NoSql-and-Mongo\.md:9: the slide refers to "
        r"'\./img/make-homework-fun\.jpg', which does not exist$",
        errors.getvalue(),
        re.MULTILINE,
    )
    assert "1 file the decks refer to does not exist" in errors.getvalue()
    assert "Exported 3 decks" in printed and "with 1 missing file" in printed


def test_missing_files_are_listed_even_with_verbosity_zero(tmp_path):
    slides = make_course_with_a_missing_picture(tmp_path)
    errors = StringIO()
    assert run("--all", "-o", str(tmp_path / "site"), "-v", "0", slides=slides, stderr=errors) == ""
    assert "09-NoSql-and-Mongo.md:9:" in errors.getvalue()


def test_strict_refuses_missing_files_and_keeps_the_earlier_export(tmp_path, image_slides):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    before = tree(out)
    (image_slides / "later.md").write_text("# Later\n\n![x](missing.png)\n\n[y](gone.pdf)\n")
    errors = StringIO()
    with pytest.raises(CommandError, match=r"2 missing files \(--strict\): nothing exported"):
        run("--all", "--output", str(out), "--strict", slides=image_slides, stderr=errors)
    assert "later.md:3: the slide refers to 'missing.png'" in errors.getvalue()
    assert "later.md:5: the slide refers to 'gone.pdf'" in errors.getvalue()
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared", "site", "slides"]
    # Without --strict the same export goes through.
    run("--all", "--output", str(out), slides=image_slides)
    assert (out / "later" / "index.html").is_file()


def test_a_missing_file_is_quoted_as_the_markdown_wrote_it(tmp_path, image_slides):
    (image_slides / "spaces.md").write_text("# Spaces\n\n![x](<my picture.png>)\n")
    errors = StringIO()
    run("spaces", "--output", str(tmp_path / "site"), slides=image_slides, stderr=errors)
    assert "spaces.md:3: the slide refers to 'my picture.png', which" in errors.getvalue()


def test_a_single_file_export_keeps_a_missing_picture_as_written(tmp_path):
    slides = make_course_with_a_missing_picture(tmp_path)
    out = tmp_path / "handout"
    run("--all", "--single-file", "--output", str(out), slides=slides)
    page = (out / "09-nosql.html").read_text()
    assert 'src="./img/make-homework-fun.jpg"' in page
    assert 'src="data:image/png;base64,' in (out / "10-next.html").read_text()


def test_a_theme_naming_a_missing_font_is_listed_with_its_own_line(tmp_path, image_slides):
    # A course theme whose font was never downloaded: every lesson still exports.
    theme = image_slides / "theme"
    theme.mkdir()
    (theme / "school.css").write_text(
        "body { color: red; }\n@font-face { src: url(fonts/school.woff2); }\n"
    )
    (image_slides / "themed.md").write_text("---\ntheme: school\n---\n\n# Themed\n")
    out, errors = tmp_path / "site", StringIO()
    printed = run("--all", "--output", str(out), slides=image_slides, stderr=errors)
    assert (out / "themed" / "index.html").is_file() and (out / "pictures" / "index.html").is_file()
    assert re.search(
        r"theme/school\.css:2: the stylesheet refers to 'fonts/school\.woff2', which does not exist",
        errors.getvalue(),
    )
    assert "with 1 missing file" in printed
    with pytest.raises(CommandError, match=r"1 missing file \(--strict\)"):
        run("--all", "--output", str(out), "--strict", slides=image_slides, stderr=StringIO())


def test_absolute_path_in_a_slide_is_refused(tmp_path, image_slides):
    (image_slides / "abs.md").write_text("# Abs\n\n![x](/etc/hostname)\n")
    with pytest.raises(CommandError, match=r"abs\.md:3: .*absolute path"):
        run("abs", "--output", str(tmp_path / "site"), slides=image_slides)


def test_failed_export_leaves_the_earlier_one_intact(tmp_path, image_slides):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    before = tree(out)
    (image_slides / "later.md").write_text("# Later\n\n![x](/etc/hostname)\n")
    with pytest.raises(CommandError, match=r"later\.md:3"):
        run("--all", "--output", str(out), slides=image_slides)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared", "site", "slides"]


def test_refuses_a_folder_that_is_not_an_export(tmp_path, image_slides):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my own notes")
    with pytest.raises(CommandError, match=r"not empty and is not an earlier export"):
        run("--all", "--output", str(out), slides=image_slides)
    assert tree(out) == {"notes.txt": b"my own notes"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "shared", "slides"]
    # --force: the user asked for it.
    run("--all", "--output", str(out), "--force", slides=image_slides)
    assert (out / MARKER).is_file() and not (out / "notes.txt").exists()


def test_an_empty_folder_is_fine(tmp_path, image_slides):
    out = tmp_path / "empty"
    out.mkdir()
    run("pictures", "--output", str(out), slides=image_slides)
    assert (out / "pictures" / "index.html").is_file()


def test_never_replaces_the_project_or_the_slides(tmp_path, image_slides):
    with pytest.raises(CommandError, match="name a folder of its own"):
        run("--all", "--output", str(image_slides), "--force", slides=image_slides)
    with pytest.raises(CommandError, match="name a folder of its own"):
        run("--all", "--output", str(ROOT), "--force", slides=image_slides)
    assert (image_slides / "pictures.md").is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope"], r"no deck called nope .* there are: pictures"),
        ([], r"name the decks to export, or pass --all"),
        (["pictures", "--output-missing-parent"], r"does not exist: create it first"),
    ],
)
def test_user_mistakes_are_one_line_errors(tmp_path, image_slides, args, message):
    out = tmp_path / "site"
    if "--output-missing-parent" in args:
        args = [args[0]]
        out = tmp_path / "no" / "such" / "site"
    with pytest.raises(CommandError, match=message) as raised:
        run(*args, "--output", str(out), slides=image_slides)
    assert "\n" not in str(raised.value)


def test_no_decks_is_an_error(tmp_path):
    empty = tmp_path / "slides"
    empty.mkdir()
    with pytest.raises(CommandError, match="there are no decks"):
        run("--all", "--output", str(tmp_path / "site"), slides=empty)


def test_output_that_is_a_file(tmp_path, image_slides):
    target = tmp_path / "file.html"
    target.write_text("mine")
    with pytest.raises(CommandError, match="is a file, not a folder"):
        run("--all", "--output", str(target), slides=image_slides)
    assert target.read_text() == "mine"


def test_verbosity_zero_prints_nothing(tmp_path, image_slides):
    assert run("--all", "--output", str(tmp_path / "site"), "-v", "0", slides=image_slides) == ""


def test_verbosity_zero_prints_nothing_not_even_the_checks_warnings(tmp_path):
    """The lesson has warnings (empty bullets): manage.py prints them, -v 0 does not."""
    command = [sys.executable, "manage.py", "export_deck", "--all", "-o", str(tmp_path / "site")]
    loud = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert "deck.W002" in loud.stderr and "lesson-09-advanced-django: 23 slides" in loud.stdout
    quiet = subprocess.run([*command, "-v", "0"], cwd=ROOT, capture_output=True, text=True)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def synthetic(slides: int) -> str:
    """Slides with headings, nested bullets, code and a vertical stack now and then."""
    parts = []
    for n in range(slides):
        separator = "\n\n----\n\n" if n % 10 == 9 else "\n\n---\n\n"
        body = f"## Slide {n}\n\n* point {n}\n  * nested [link](https://example.org/{n})\n"
        if n % 3 == 0:
            body += f"\n```python\ndef f{n}(x):\n    return x * {n}\n```\n"
        parts.append(body + (separator if n < slides - 1 else ""))
    return "".join(parts)


def test_parallel_rendering_is_slides_html(tmp_path):
    """Cut into runs, rendered in worker processes: the very same HTML."""
    from deck.export import parallel_render

    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "big.md").write_text(synthetic(700))
    with override_settings(DECK={"SLIDES_DIR": slides}):
        deck = decks.get_deck("big")
        assert parallel_render.render_in_parallel(deck, jobs=3) == pages.slides_html(deck)
        assert len(parallel_render.cut_into_runs(deck, 3)) == 3


def test_jobs_must_be_positive(tmp_path, image_slides):
    with pytest.raises(CommandError, match="--jobs must be 1 or more"):
        run("--all", "--jobs", "0", "--output", str(tmp_path / "site"), slides=image_slides)


def start_big_export(slides: Path, out: Path) -> subprocess.Popen:
    """``export_deck --all`` of a 3000-slide deck in its own process, returned
    once its staging folder exists beside ``out`` (the export is under way)."""
    (slides / "big.md").write_text(synthetic(3000))
    process = subprocess.Popen(
        [sys.executable, "manage.py", "export_deck", "--all", "--jobs", "1", "--output", str(out)],
        cwd=ROOT,
        env={**os.environ, "DECK_SLIDES_DIR": str(slides), "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.endswith(STAGING_SUFFIX) for p in out.parent.iterdir()):
            break
        time.sleep(0.01)
    if process.poll() is not None:
        process.wait()
        pytest.fail("the export finished before it could be stopped")
    return process


def test_interrupted_export_leaves_the_earlier_one_intact(tmp_path, image_slides):
    """Ctrl-C while the new export is being built: the old one stays, whole."""
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    before = tree(out)
    process = start_big_export(image_slides, out)
    try:
        process.send_signal(signal.SIGINT)
        process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode != 0
    assert "interrupted" in process.stderr.read().decode()
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared", "site", "slides"]


def test_a_killed_export_is_cleaned_up_by_the_next(tmp_path, image_slides):
    """kill -9 leaves the half-built export beside DIR; the next export removes
    it, and nothing that is not a stopped export of DIR."""
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    before = tree(out)
    process = start_big_export(image_slides, out)
    process.kill()
    process.wait()
    process.stderr.close()
    (abandoned,) = [p for p in tmp_path.iterdir() if p.name.endswith(STAGING_SUFFIX)]
    assert (abandoned / MARKER).is_file() and tree(out) == before
    # Not ours to remove: a running export's (this process is alive), another
    # folder's (site.2 beside site), a folder without the marker.
    running = tmp_path / f".site.{os.getpid()}.abcd1234{STAGING_SUFFIX}"
    other = tmp_path / f".site.2.{process.pid}.abcd1234{STAGING_SUFFIX}"
    unmarked = tmp_path / f".site.{process.pid}.zzzz9999{STAGING_SUFFIX}"
    for folder in (running, other):
        folder.mkdir()
        (folder / MARKER).write_text("")
    unmarked.mkdir()
    (image_slides / "big.md").unlink()
    run("--all", "--output", str(out), slides=image_slides)
    assert not abandoned.exists()
    assert running.is_dir() and other.is_dir() and unmarked.is_dir()
    assert tree(out) == before


def test_reused_formatters_highlight_like_fresh_ones():
    """highlight() keeps one Pygments formatter per set of options (speed);
    a block's own line highlights go on a copy, never on the kept one."""
    from deck.render import highlight as highlighter
    from deck.render.line_specs import parse

    code = "def f(x):\n    return x < 1\n\nprint(f(2))"
    cases = [
        {},
        {"hl_lines": (2, 4)},
        {"linenos": True},
        {"hl_lines": (2,), "linenos": True},
        {"spec": parse("10: 1|2-3")},
        {},
    ]
    reused = [highlighter.highlight(code, "python", **case) for case in cases]
    fresh = []
    for case in cases:
        highlighter._formatter.cache_clear()
        fresh.append(highlighter.highlight(code, "python", **case))
    assert reused == fresh
    assert reused[0] == reused[-1] and 'class="line' not in reused[0]


def test_a_place_that_cannot_be_written(tmp_path, image_slides):
    """Even root cannot make a folder in /proc: one line, nothing left behind."""
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux's /proc")
    with pytest.raises(CommandError, match=r"^cannot write in /proc: ") as raised:
        run("--all", "--output", "/proc/deck-export-test", slides=image_slides)
    assert "\n" not in str(raised.value)


def children_of(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/task/{current}/children") as handle:
                kids = {int(p) for p in handle.read().split()}
        except OSError:
            kids = set()
        found |= kids
        todo.extend(kids)
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_export_leaves_no_worker_behind(tmp_path):
    from benchmarks.synthetic import deck as synthetic_deck

    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "big.md").write_text(synthetic_deck(6000))
    env = {**os.environ, "DECK_SLIDES_DIR": str(slides), "DECK_CACHE_URL": ""}
    command = [sys.executable, "manage.py", "export_deck", "big", "-o", str(tmp_path / "out")]
    export = subprocess.Popen(
        [*command, "--jobs", "2", "-v", "0"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while not workers and export.poll() is None and time.monotonic() < deadline:
            workers = children_of(export.pid)
            time.sleep(0.02)
        assert workers, "the export forked no worker"
        export.kill()  # SIGKILL: the export runs no cleanup of its own
        export.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        if export.poll() is None:
            export.kill()
