"""``manage.py export_deck --pdf`` / ``--handout``, and ``check_layout`` with
pictures: the commands as a teacher runs them, PDFs read with poppler-utils.

Each PDF's words are compared slide by slide with the slide's own text, as
tests/test_rendering.py compares the lesson's HTML with its Markdown.
"""

from __future__ import annotations

import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from deck.core.splitter import split
from deck.render.slides import markdown_to_html
from tests.conftest import CHROMIUM, FIXTURES, ROOT, require
from tests.test_check_layout import run_manage
from tests.test_rendering import text_of

PDF_FIXTURES = FIXTURES / "pdf"
LESSON = ROOT / "slides" / "lesson-09-advanced-django.md"


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x30\x60\x90" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


def needs_tools() -> None:
    require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    require(
        shutil.which("pdftotext") is not None, "pdftotext not found: apt-get install poppler-utils"
    )


def print_deck(slides_dir: Path, slug: str, target: Path, *args: str):
    needs_tools()
    result = run_manage(
        ["export_deck", slug, "--pdf", "-o", str(target), *args],
        {"DECK_SLIDES_DIR": str(slides_dir)},
    )
    assert result.returncode == 0, result.stderr
    return result


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert out.stderr == "", out.stderr  # poppler complains of a broken file here
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def page_text(path: Path, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_size(info: dict[str, str]) -> tuple[float, float]:
    width, _, height = info["Page size"].split()[:3]
    return float(width), float(height)


def slide_words(body: str) -> list[str]:
    """The words a slide shows, as typed (tags dropped, entities decoded; a
    zero-width space, an empty bullet's placeholder, is no word)."""
    return re.findall(r"[^\s\u200b-\u200d\u2060]+", text_of(markdown_to_html(body)))


def missing_words(words: list[str], text: str) -> list[str]:
    # Themes upper-case headings; a PDF's text keeps every character otherwise.
    seen = " ".join(text.split()).lower()
    return [word for word in words if word.lower() not in seen]


def printing_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "slides"
    (folder / "img").mkdir(parents=True)
    shutil.copy(PDF_FIXTURES / "print.md", folder / "print.md")
    (folder / "img" / "blue.png").write_bytes(png(400, 250))
    return folder


# The print fixture's outline: (depth, title as typed, page).
OUTLINE = [
    (0, "Printing everything", 1),
    (1, "Fragments appear", 2),
    (1, "A picture", 3),
    (1, "Down we go", 4),
    (1, "Further down", 5),
    (1, "A long code block", 6),
]


def outline_of(path: Path) -> list[tuple[int, str, int]]:
    import pikepdf

    entries = []
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:

        def walk(items, depth):
            for item in items:
                page = pikepdf.Page(item.destination[0]).index + 1
                entries.append((depth, str(item.title), page))
                walk(item.children, depth + 1)

        walk(outline.root, 0)
    return entries


def link_uris(path: Path) -> list[str]:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return [
            str(annotation.A.URI)
            for page in pdf.pages
            for annotation in page.obj.get("/Annots", [])
            if "/A" in annotation and "/URI" in annotation.A
        ]


# --- without a browser --------------------------------------------------------


def test_without_chromium_the_pdf_export_names_playwright_and_chromium(tmp_path):
    result = run_manage(
        ["export_deck", "print", "--pdf", "-o", str(tmp_path / "x.pdf")],
        {"DECK_SLIDES_DIR": str(printing_folder(tmp_path)), "DECK_CHROMIUM": str(tmp_path / "no")},
    )
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()[-1]
    assert "pip install playwright" in message and "apt-get install chromium" in message
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


# --- in Chromium --------------------------------------------------------------


@pytest.mark.browser
def test_the_lessons_pdf_has_one_page_per_slide_with_every_word(tmp_path):
    target = tmp_path / "lesson.pdf"
    print_deck(ROOT / "slides", "lesson-09-advanced-django", target)
    info = pdfinfo(target)
    slides = split(LESSON.read_text(encoding="utf-8")).slides
    assert len(slides) == 23
    assert int(info["Pages"]) == 23
    # The deck's size (960x700, reveal.js's default) and margin (4%), in points.
    width, height = page_size(info)
    assert width == pytest.approx(960 * 1.04 * 0.75, abs=1.5)
    assert height == pytest.approx(700 * 1.04 * 0.75, abs=1.5)
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip() == "MelbDjango School"
    for number, slide in enumerate(slides, start=1):
        text = page_text(target, number)
        assert missing_words(slide_words(slide.body), text) == [], f"page {number}"


@pytest.mark.browser
def test_every_kind_of_slide_prints_with_metadata_links_and_outline(tmp_path):
    folder = printing_folder(tmp_path)
    target = tmp_path / "print.pdf"
    result = print_deck(folder, "print", target)
    assert "print: 6 slides laid out" in result.stdout
    info = pdfinfo(target)
    slides = split((folder / "print.md").read_text()).slides
    assert int(info["Pages"]) == len(slides) == 6
    assert info["Author"].strip() == "Ada Lovelace"
    assert info["Title"].strip() == "Printing everything"
    # Dated by the deck's file, not the clock: the same deck prints the same bytes.
    mtime = datetime.fromtimestamp((folder / "print.md").stat().st_mtime, UTC)
    expected = [*mtime.strftime("%a %b").split(), str(mtime.day), mtime.strftime("%H:%M:%S %Y")]
    assert info["CreationDate"].split() == [*expected[:3], *expected[3].split(), "UTC"]
    for number, slide in enumerate(slides, start=1):
        text = page_text(target, number)
        assert missing_words(slide_words(slide.body), text) == [], f"page {number}"
        assert "welcome everyone" not in text  # notes never on the slide
    # Every fragment shown, both vertical slides, the last line of the long code.
    assert "third point appears" in page_text(target, 2)
    assert "second vertical slide" in page_text(target, 5)
    assert "line 40 of the long block" in page_text(target, 6)
    data = target.read_bytes()
    assert "https://www.djangoproject.com/" in link_uris(target)  # the link is clickable
    import pikepdf

    with pikepdf.open(target) as opened:
        assert str(opened.Root.Lang) == "en-AU"
    assert outline_of(target) == OUTLINE
    # Tagged for screen readers: every slide's heading, not the first alone
    # (reveal marks the slides it is not showing aria-hidden).
    struct = subprocess.run(
        ["pdfinfo", "-struct-text", str(target)], capture_output=True, text=True, check=True
    ).stdout
    assert struct.count("H2") == 5 and "further down" in struct.lower()
    # The picture is drawn (an image on page 3).
    images = subprocess.run(
        ["pdfimages", "-list", "-f", "3", "-l", "3", str(target)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert len(images) == 1 and images[0].split()[3:5] == ["400", "250"]
    again = tmp_path / "again.pdf"
    print_deck(folder, "print", again, "-v", "0")
    assert again.read_bytes() == data


@pytest.mark.browser
def test_a_deck_printed_in_parts_reads_as_the_deck_printed_whole(
    tmp_path, browser, settings, monkeypatch
):
    from deck import decks
    from deck.export import pdf, pdf_parts

    needs_tools()
    folder = printing_folder(tmp_path)
    settings.DECK = {"SLIDES_DIR": folder}
    deck = decks.get_deck("print")
    options = pdf.PdfOptions()
    html = pdf.print_page(deck, options)
    whole, in_parts = tmp_path / "whole.pdf", tmp_path / "parts.pdf"
    whole.write_bytes(pdf.render_pdf(browser, deck, html, options, lambda line: None))
    ranges: list[list[tuple[int, int]]] = []
    split_up = pdf_parts.parts

    def parts(sheets):
        ranges.append(split_up(sheets, most=2))
        return ranges[-1]

    monkeypatch.setattr(pdf_parts, "parts", parts)
    in_parts.write_bytes(pdf.render_pdf(browser, deck, html, options, lambda line: None))
    assert ranges == [[(0, 2), (2, 4), (4, 6)]]  # six pages, two at a time
    assert pdfinfo(in_parts)["Pages"] == pdfinfo(whole)["Pages"]
    assert pdfinfo(in_parts)["Tagged"].strip() == "yes"
    for number in range(1, 7):
        assert page_text(in_parts, number) == page_text(whole, number), f"page {number}"
    assert outline_of(in_parts) == outline_of(whole) == OUTLINE

    def structure(path: Path) -> str:
        args = ["pdfinfo", "-struct-text", str(path)]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout

    # The same tags, in the same order, under one Document.
    assert structure(in_parts).count("Document") == 1
    headings = [line.strip() for line in structure(whole).splitlines() if '"' in line]
    assert [line.strip() for line in structure(in_parts).splitlines() if '"' in line] == headings
    assert link_uris(in_parts) == link_uris(whole) != []


@pytest.mark.browser
def test_pdf_fragments_gives_a_page_per_step(tmp_path):
    folder = printing_folder(tmp_path)
    target = tmp_path / "steps.pdf"
    print_deck(folder, "print", target, "--pdf-fragments", "-v", "0")
    # reveal.js's own steps: the slide before any fragment, then one per fragment.
    assert int(pdfinfo(target)["Pages"]) == 6 - 1 + 4
    steps = [page_text(target, page) for page in (2, 3, 4, 5)]
    assert ["third point appears" in text for text in steps] == [False, False, False, True]
    assert ["first point appears" in text for text in steps] == [False, True, True, True]


@pytest.mark.browser
def test_the_handout_holds_each_slide_with_its_notes_beneath(tmp_path):
    folder = printing_folder(tmp_path)
    target = tmp_path / "handout.pdf"
    print_deck(folder, "print", target, "--handout", "-v", "0")
    info = pdfinfo(target)
    assert int(info["Pages"]) == 6
    width, height = page_size(info)
    assert height > width  # a sheet: the slide, and room for notes beneath
    notes = {
        1: "The title slide's notes: welcome everyone warmly.",
        2: "Reveal the points one by one, slowly.",
        5: "Vertical notes mention stacking.",
    }
    slides = split((folder / "print.md").read_text()).slides
    for number, slide in enumerate(slides, start=1):
        text = " ".join(page_text(target, number).split())
        assert missing_words(slide_words(slide.body), text) == [], f"page {number}"
        if number in notes:
            assert notes[number] in text
            # Beneath the slide: after its words.
            assert text.index(notes[number]) > text.lower().index(
                slide_words(slide.body)[-1].lower()
            )


@pytest.mark.browser
def test_a_killed_pdf_export_leaves_the_previous_pdf(tmp_path):
    needs_tools()
    from benchmarks.synthetic import deck

    folder = tmp_path / "slides"
    folder.mkdir()
    (folder / "big.md").write_text(deck(400), encoding="utf-8")
    target = tmp_path / "big.pdf"
    target.write_bytes(b"%PDF-1.4 the previous PDF\n")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "export_deck", "big", "--pdf", "-o", str(target)],
        cwd=ROOT,
        env={**__import__("os").environ, "DECK_SLIDES_DIR": str(folder), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        # Killed while Chromium prints: the PDF is being made, not yet written.
        # Before that, a long layout says every few seconds how long it has left.
        line = process.stdout.readline()
        while "laying out 400 slides" in line:
            assert "so far" in line and ("left" in line or "longer than estimated" in line), line
            line = process.stdout.readline()
        assert "400 slides laid out in" in line and "printing 400 pages, about" in line, line
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    assert target.read_bytes() == b"%PDF-1.4 the previous PDF\n"
    time.sleep(0.1)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("big")] == ["big.pdf"]


@pytest.mark.browser
def test_check_layout_reports_on_a_deck_with_a_local_picture(tmp_path):
    needs_tools()
    folder = printing_folder(tmp_path)
    result = run_manage(["check_layout", "print", "-v", "2"], {"DECK_SLIDES_DIR": str(folder)})
    assert "has no `content` attribute" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "print.md: 6 slides laid out at 960x700" in result.stdout
    assert "error in the page" not in result.stderr


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    import os

    from deck.export import pdf

    target = tmp_path / "deck.pdf"
    target.write_bytes(b"previous")

    def interrupted(fd):
        raise KeyboardInterrupt  # Ctrl+C after half the bytes reached the disk

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pdf.write_atomically(target, b"new " * 100_000)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pdf"]
    monkeypatch.undo()
    pdf.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_page_that_stalls_is_named_by_the_slide_it_waits_for(tmp_path):
    from django.test import override_settings

    from deck import decks
    from deck.layout.serving import DeckRoutes, stall_message, time_budget_ms

    folder = printing_folder(tmp_path)
    with override_settings(DECK={"SLIDES_DIR": folder}):
        deck = decks.get_deck("print")
    routes = DeckRoutes(deck, "<html></html>")
    routes._count(f"{routes.page_url}img/blue.png", 1)
    message = stall_message(deck, "loading the pictures", 31.2, routes, "")
    assert message == (
        "print.md: loading the pictures took over 31 s; "
        "print.md:32: slide 3 still waits for img/blue.png"
    )
    routes._count(f"{routes.page_url}img/blue.png", -1)
    assert routes.waiting_for() == ""
    # The time allowed grows with the deck: no deck is too big for it.
    bigger = replace(deck, split=split("x\n---\n" * 1000))
    assert time_budget_ms(deck) < time_budget_ms(bigger)


@pytest.mark.browser
def test_export_all_puts_each_decks_pdf_beside_its_html(tmp_path):
    needs_tools()
    folder = printing_folder(tmp_path)
    out = tmp_path / "site"
    result = run_manage(
        ["export_deck", "--all", "--pdf", "-o", str(out)], {"DECK_SLIDES_DIR": str(folder)}
    )
    assert result.returncode == 0, result.stderr
    assert (out / "print" / "index.html").is_file()
    assert (out / "print" / "transcript.html").is_file()
    assert int(pdfinfo(out / "print.pdf")["Pages"]) == 6
