"""The transcript page: ``/<slug>/transcript/`` and ``transcript.html`` in exports."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from deck.core.splitter import split
from deck.follow import secret
from tests.conftest import CHROMIUM, ROOT, require
from tests.test_pdf import missing_words, printing_folder, slide_words


class Outline(HTMLParser):
    """The headings, notes and slide links of a page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self._open: str | None = None
        self._text: list[str] = []
        self.html_attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if re.fullmatch(r"h[1-6]", tag) or tag == "aside":
            self._open, self._text = tag, []
        if tag == "a" and attrs.get("href", "").count("#/"):
            self.items.append(("link", attrs["href"]))
        if tag == "img":
            self.items.append(("img", f"{attrs.get('src')}|{attrs.get('alt')}"))

    def handle_data(self, data) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag) -> None:
        if tag == self._open:
            self.items.append((tag, " ".join("".join(self._text).split())))
            self._open = None


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.fixture
def slides_dir(tmp_path):
    folder = printing_folder(tmp_path)
    with override_settings(DECK={"SLIDES_DIR": folder}):
        yield folder


def test_the_transcript_holds_every_slide_in_order_with_headings_and_notes(
    client, slides_dir, settings
):
    settings.DEBUG = True  # the teacher's laptop: notes included (deck.speaker_notes)
    response = client.get("/print/transcript/")
    assert response.status_code == 200
    html = response.content.decode()
    page = outline(html)
    assert page.html_attrs == {"lang": "en-AU", "dir": "ltr"}
    headings = [text for kind, text in page.items if kind[0] == "h"]
    # One <h1>, the deck's; each slide's own heading one level down (# is h2, ## h3).
    assert headings == [
        "Printing everything",
        "Printing everything",
        "Fragments appear",
        "A picture",
        "Down we go",
        "Further down",
        "A long code block",
    ]
    assert [kind for kind, _ in page.items if kind[0] == "h"] == ["h1", "h2"] + ["h3"] * 5
    notes = [text for kind, text in page.items if kind == "aside"]
    assert notes == [
        "Speaker notes The title slide's notes: welcome everyone warmly.",
        "Speaker notes Reveal the points one by one, slowly.",
        "Speaker notes Vertical notes mention stacking.",
    ]
    links = [href for kind, href in page.items if kind == "link"]
    assert links == [f"/print/#/{n}" for n in ("0", "1", "2", "3", "3/1", "4")]
    assert ("img", "img/blue.png|A blue rectangle") in page.items
    assert '<base href="/print/">' in html  # so img/blue.png is the deck's picture
    assert client.get("/print/img/blue.png").status_code == 200
    # Code highlighted by the deck's highlighter, every line there.
    assert 'class="highlight language-python"' in html and "line 40 of the long block" in html
    assert "/_deck/pygments/" in html
    # Each slide's words, in the slide's order.
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    positions = [text.find("Printing everything A deck"), text.find("Fragments appear")]
    positions += [text.find(w) for w in ("A picture", "Down we go", "Further down", "A long code")]
    assert positions == sorted(positions) and -1 not in positions


def test_with_debug_off_only_the_presenter_reads_the_transcripts_notes(slides_dir, settings):
    settings.DEBUG = False
    room = Client().get("/print/transcript/").content.decode()
    assert "welcome everyone" not in room and "Speaker notes" not in room
    assert "Fragments appear" in room  # the slides themselves are there
    presenter = Client()
    page = presenter.get("/print/present/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    claimed = presenter.post(
        "/print/present/", {"csrfmiddlewaretoken": token, "secret": secret.issue("print")}
    )
    assert claimed.status_code == 303
    assert "welcome everyone warmly" in presenter.get("/print/transcript/").content.decode()


def test_the_transcript_can_leave_the_notes_out():
    from django.template.loader import render_to_string

    from deck import decks
    from deck.transcript.sections import transcript_context

    with override_settings(DECK={"SLIDES_DIR": ROOT / "tests" / "fixtures" / "pdf"}):
        deck = decks.get_deck("print")
        html = render_to_string("deck/transcript.html", transcript_context(deck, show_notes=False))
    assert "welcome everyone" not in html and "Speaker notes" not in html
    assert "Fragments appear" in html


def test_the_index_and_the_deck_link_to_the_transcript(client, slides_dir):
    assert 'href="/print/transcript/"' in client.get("/").content.decode()
    deck_page = client.get("/print/").content.decode()
    assert 'class="deck-transcript-link" href="/print/transcript/"' in deck_page
    # Outside the slides: never fitted, never on a slide.
    assert deck_page.index("deck-transcript-link") > deck_page.index("</div>\n</div>")


def test_unknown_deck_has_no_transcript(client, slides_dir):
    assert client.get("/nope/transcript/").status_code == 404


def test_the_export_holds_the_transcript_beside_the_deck(tmp_path, slides_dir):
    out = tmp_path / "site"
    call_command("export_deck", "--all", "--output", str(out), stdout=StringIO())
    html = (out / "print" / "transcript.html").read_text()
    page = outline(html)
    links = [href for kind, href in page.items if kind == "link"]
    assert links[0] == "../print/index.html#/0" and len(links) == 6
    assert ("img", "img/blue.png|A blue rectangle") in page.items
    assert (out / "print" / "img" / "blue.png").is_file()
    assert "<base" not in html
    assert 'href="../static/deck/transcript.css"' in html
    assert (out / "static" / "deck" / "transcript.css").is_file()
    assert 'href="../print/transcript.html"' in (out / "print" / "index.html").read_text()
    assert 'href="print/transcript.html"' in (out / "index.html").read_text()


# The text of each section that is drawn, visible, inside the page's width.
READ_SECTIONS = """() => Array.from(document.querySelectorAll('.transcript-slide'), (section) => {
  const seen = [];
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    // Whole text nodes, joined as they are: highlighted code splits a word
    // into several spans.
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
    if (!node.data.trim()) seen.push(node.data);
    else if (rects.length && rects.every((r) => r.left >= 0 && r.right <= innerWidth + 1)) {
      seen.push(node.data);
    }
  }
  return seen.join("");
})"""


@pytest.mark.browser
def test_every_word_of_the_transcript_is_visible_and_prints(browser, deck_server, tmp_path):
    require(
        shutil.which("pdftotext") is not None, "pdftotext not found: apt-get install poppler-utils"
    )
    folder = printing_folder(tmp_path)
    server = deck_server(folder)
    slides = split((folder / "print.md").read_text()).slides
    context = browser.new_context(viewport={"width": 800, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
        page.goto(f"{server.url}/print/transcript/")
        assert page.evaluate("document.querySelector('img').naturalWidth") == 400
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            sections = page.evaluate(READ_SECTIONS)
            assert len(sections) == len(slides)
            for slide, seen in zip(slides, sections, strict=True):
                assert missing_words(slide_words(slide.body), seen) == [], (media, slide.number)
                if slide.notes:
                    assert missing_words(slide_words(slide.notes), seen) == [], slide.number
        # On paper: no navigation, every word still there.
        assert not page.is_visible(".transcript-contents")
        pdf = tmp_path / "transcript.pdf"
        page.pdf(path=str(pdf))
        printed = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for slide in slides:
            assert missing_words(slide_words(slide.body + "\n" + slide.notes), printed) == []
        assert errors == []
    finally:
        context.close()
    assert CHROMIUM
