"""Formulas and diagrams in Chromium with no network: the served deck, a
``--single-file`` export opened alone from file://, and print view.

Every request that leaves the machine is aborted (and counted as a failure),
so anything the page fetched from elsewhere would show up here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import FIXTURES, PageWatch
from tests.test_export import run

pytestmark = pytest.mark.browser

MATH = FIXTURES / "math"

# What a person sees of the formulas and diagrams on the page.
INSPECT = """
() => ({
  typeset: document.querySelectorAll('.arithmatex[data-math="ok"] .katex').length,
  mathml: document.querySelectorAll('.arithmatex .katex-mathml math').length,
  rawTex: [...document.querySelectorAll('.slides .arithmatex')]
    .filter(el => !el.closest('aside.notes'))
    .filter(el => !el.querySelector('.katex') && el.dataset.math !== 'error').length,
  notes: [...document.querySelectorAll('aside.notes .arithmatex')].map(el => el.textContent),
  diagrams: [...document.querySelectorAll('.deck-diagram-figure > svg')].map(svg => ({
    labels: svg.textContent.replace(/\\s+/g, ' ').trim(),
    width: svg.viewBox.baseVal.width,
  })),
  pending: document.querySelectorAll('pre.deck-diagram:not([data-diagram-state="error"])').length,
  katexFont: [...document.fonts].some(f => f.family.includes('KaTeX_Main') && f.status === 'loaded'),
})
"""


def offline(page, allowed) -> list[str]:
    """Abort every request ``allowed`` refuses; the refused URLs."""
    refused: list[str] = []

    def route(route):
        if allowed(route.request.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return refused


def loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def open_ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.evaluate("document.fonts.ready.then(() => deckFit.whenSettled())")


def visible_text(page) -> str:
    return page.evaluate("document.querySelector('.slides section.present').innerText")


def assert_drawn(page) -> None:
    seen = page.evaluate(INSPECT)
    # 6 formulas on the fixture's slides, each typeset, each with MathML for screen readers.
    assert seen["typeset"] == 6 and seen["mathml"] == 6
    assert seen["rawTex"] == 0 and seen["pending"] == 0
    assert seen["katexFont"], "KaTeX's fonts did not load"
    assert len(seen["diagrams"]) == 2
    assert "Page from the cache" in seen["diagrams"][0]["labels"]
    assert all(diagram["width"] > 50 for diagram in seen["diagrams"])
    # The first slide: formulas typeset, not TeX; prices and prompts as typed.
    text = visible_text(page)
    assert "\\frac" not in text and "\\(" not in text and "$$" not in text
    assert "It costs $5 and $10; run $ ls first." in " ".join(text.split())
    # Speaker notes keep their TeX (the speaker view has no KaTeX) and stay off the slide.
    assert seen["notes"] == ["\\(0 \\le h \\le 1\\)"]
    assert "remind them" not in text


@pytest.fixture
def math_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()


def test_served_deck_draws_math_and_diagrams_offline(deck_server, math_page):
    server = deck_server(MATH)
    refused = offline(math_page, loopback)
    open_ready(math_page, f"{server.url}/formulas/")
    assert_drawn(math_page)
    plugins = math_page.evaluate("Object.keys(Reveal.getPlugins())")
    start = plugins.index("deck-math")
    assert plugins[start : start + 3] == ["deck-math", "deck-diagrams", "deck-fit"]
    assert refused == [] and math_page.watch.errors == []


def test_tall_diagram_is_scaled_to_the_slide(deck_server, math_page):
    server = deck_server(MATH)
    offline(math_page, loopback)
    open_ready(math_page, f"{server.url}/formulas/#/3")
    box = math_page.evaluate(
        """() => {
          const slides = document.querySelector('.reveal .slides').getBoundingClientRect();
          const svg = document.querySelector('section.present .deck-diagram-figure svg');
          const r = svg.getBoundingClientRect();
          const natural = svg.viewBox.baseVal.height * Reveal.getScale();
          return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, natural,
                  slideTop: slides.top, slideBottom: slides.bottom,
                  slideLeft: slides.left, slideRight: slides.right,
                  last: [...svg.querySelectorAll('.nodeLabel')].pop().getBoundingClientRect()};
        }"""
    )
    assert box["natural"] > box["slideBottom"] - box["slideTop"]  # taller than the slide...
    assert box["top"] >= box["slideTop"] - 1 and box["bottom"] <= box["slideBottom"] + 1
    assert box["left"] >= box["slideLeft"] - 1 and box["right"] <= box["slideRight"] + 1
    # ...and its last box ("Paint") is on the slide, not cut off.
    assert box["slideTop"] <= box["last"]["top"] and box["last"]["bottom"] <= box["slideBottom"]


def test_light_and_dark_themes_theme_the_diagram(tmp_path, deck_server, math_page):
    source = (MATH / "formulas.md").read_text()
    (tmp_path / "light.md").write_text("---\ntheme: white\n---\n" + source)
    (tmp_path / "dark.md").write_text("---\ntheme: black\n---\n" + source)
    server = deck_server(tmp_path)
    offline(math_page, loopback)
    fills = {}
    for name in ("light", "dark"):
        open_ready(math_page, f"{server.url}/{name}/#/2")
        fills[name] = math_page.evaluate(
            "getComputedStyle(document.querySelector('section.present .node rect')).fill"
        )
    assert fills["light"] != fills["dark"]
    lightness = {
        name: sum(int(part) for part in fill[fill.index("(") + 1 : -1].split(",")[:3])
        for name, fill in fills.items()
    }
    assert lightness["light"] > lightness["dark"]


def test_single_file_export_from_file_url_draws_everything_offline(tmp_path, math_page):
    out = tmp_path / "handout"
    run("formulas", "--single-file", "--output", str(out), slides=MATH)
    alone = tmp_path / "elsewhere"
    alone.mkdir()
    shutil.copy(out / "formulas.html", alone / "formulas.html")
    refused = offline(math_page, lambda url: url.startswith(("file:", "data:")))
    open_ready(math_page, (alone / "formulas.html").as_uri())
    assert_drawn(math_page)
    assert refused == [] and math_page.watch.errors == []


def test_folder_export_and_print_view_draw_the_same(tmp_path, math_page):
    out = tmp_path / "site"
    run("formulas", "--output", str(out), slides=MATH)
    refused = offline(math_page, lambda url: url.startswith(("file:", "data:")))
    index = (out / "formulas" / "index.html").as_uri()
    open_ready(math_page, index)
    assert_drawn(math_page)
    open_ready(math_page, index + "?print-pdf")
    seen = math_page.evaluate(INSPECT)
    assert seen["typeset"] == 6 and len(seen["diagrams"]) == 2 and seen["rawTex"] == 0
    assert refused == [] and math_page.watch.errors == []


def test_broken_formula_and_diagram_show_their_source_and_message(deck_server, math_page):
    server = deck_server(MATH)
    offline(math_page, loopback)
    open_ready(math_page, f"{server.url}/broken/")
    text = " ".join(visible_text(math_page).split())
    assert "Before the mistake: \\frac{a}{" in text
    assert "KaTeX parse error" in text and "and after it." in text
    math_page.keyboard.press("ArrowRight")
    math_page.wait_for_function("Reveal.getIndices().h === 1")
    text = visible_text(math_page)
    assert "this is not mermaid (((" in text and "Parse error on line 3" in text
    # Nothing of Mermaid's left outside the slides after the failure.
    assert (
        math_page.evaluate(
            "document.querySelectorAll('body > :not(.reveal, script, .deck-transcript-link)').length"
        )
        == 0
    )
    problems = math_page.evaluate("deckMath.problems().concat(deckDiagrams.problems())")
    assert [(p["kind"], p["line"], p["slide"]) for p in problems] == [
        ("formula", 1, "1"),
        ("diagram", 6, "2"),
    ]


def test_a_page_without_math_or_diagrams_loads_neither(lesson_server, math_page):
    requested: list[str] = []
    math_page.on("request", lambda request: requested.append(request.url))
    open_ready(math_page, f"{lesson_server.url}/lesson-09-advanced-django/")
    assert not [url for url in requested if "katex" in url or "mermaid" in url]
    assert "deck-math" not in math_page.evaluate("Object.keys(Reveal.getPlugins())")


def test_check_layout_names_file_and_line_of_each(tmp_path):
    from tests.test_check_layout import run_check

    slides = tmp_path / "slides"
    slides.mkdir()
    shutil.copy(MATH / "broken.md", slides / "broken.md")
    result = run_check(slides)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "cannot be drawn" in line]
    assert lines[0].startswith("broken.md:3: slide 1: formula '\\frac{a}{' cannot be drawn: ")
    assert lines[1].startswith("broken.md:12: slide 2: diagram 'flowchart LR A --> B --> ")
    assert "Parse error on line 3" in lines[1]
    assert "2 formula(s) or diagram(s) cannot be drawn" in result.stderr


def test_fixture_lines_are_where_the_test_says():
    lines = (MATH / "broken.md").read_text().split("\n")
    assert "\\frac{a}{" in lines[2] and "this is not mermaid" in lines[11]
    assert Path(MATH / "formulas.md").exists()


def test_a_live_edit_typesets_and_draws_what_it_brings(deck_server, tmp_path, page):
    from tests.test_live_browser import open_live, serve_deck, wait_for_present_text

    text = "# One $x_1$\n\n---\n\n# Two\n\n$$a$$\n\n```mermaid\nflowchart LR\n  A --> B\n```\n"
    server, deck_file = serve_deck(deck_server, tmp_path, "talk", text)
    open_live(page, f"{server.url}/talk/#/1")
    edited = text.replace("$$a$$", "$$\\frac{p}{q}$$").replace("A --> B", "A --> Edited")
    deck_file.write_text(edited)
    wait_for_present_text(page, "Edited")
    page.wait_for_function(
        "document.querySelector('section.present .deck-diagram-figure svg') &&"
        " document.querySelector('section.present .katex .mfrac')"
    )
    assert "\\frac" not in page.evaluate("Reveal.getCurrentSlide().innerText")
    assert page.evaluate("window.notReloaded") is True
    assert page.watch.errors == []
