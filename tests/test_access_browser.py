"""Legible and readable for everyone, in Chromium: the slide number, arrows
and progress bar at 4.5:1 or more over every bundled theme and the course's
(computed from their computed colours), right-to-left decks that read right
to left with code left to right, transitions off for reduced motion, a live
region that says the slide's title, and a speaker view whose parts never
overlap on a tablet or a phone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, PageWatch, open_speaker_view

pytestmark = pytest.mark.browser

THEMES = sorted(path.stem for path in (ROOT / "static/reveal/dist/theme").glob("*.css"))
DECK = """\
---
theme: {theme}
---
# First

---

# Second

* a point of the second slide, which the live region must not read out

----

# Below the second

---

A slide without a heading that runs on and on, far longer than anyone would want read out on every change

---

# Last
"""
RTL_DECK = """\
---
lang: ar
dir: rtl
---
# قائمة

* البند الأول
* البند الثاني

```python
print("hello")
```
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.conftest import DeckServer

    root = tmp_path_factory.mktemp("access")
    slides = root / "slides"
    slides.mkdir()
    for theme in THEMES:
        (slides / f"theme-{theme}.md").write_text(DECK.format(theme=theme), encoding="utf-8")
    (slides / "rtl.md").write_text(RTL_DECK, encoding="utf-8")
    (slides / "french.md").write_text(DECK.format(theme="white\nlang: fr"), encoding="utf-8")
    # The school's course, with its own theme (theme/melbdjango.css).
    shutil.copytree(FIXTURES / "course" / "lesson-two", slides / "lesson-two")
    shutil.copytree(FIXTURES / "course" / "theme", slides / "theme")
    server = DeckServer(slides).start(root / "server.log")
    yield server
    server.stop()


CONTRAST = """() => {
  const parse = (text) => {
    const found = /rgba?\\(([^)]*)\\)/.exec(text || '');
    if (!found) return null;
    const p = found[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const colours = (text) => [...(text || '').matchAll(/rgba?\\([^)]*\\)/g)].map((m) => parse(m[0]));
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (x, y) => {
    const [a, b] = [luminance(x), luminance(y)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  const opacity = (element) => {
    let value = 1;
    for (let e = element; e && e.nodeType === 1; e = e.parentElement) value *= +getComputedStyle(e).opacity;
    return value;
  };
  // Behind them: the theme's background (colour and gradient stops), and a
  // white or black picture a slide may put there.
  const viewport = document.querySelector('.reveal-viewport');
  const style = getComputedStyle(viewport);
  const base = parse(style.backgroundColor);
  const behind = [base, ...colours(style.backgroundImage), {r: 255, g: 255, b: 255, a: 1},
                  {r: 0, g: 0, b: 0, a: 1}].filter((c) => c).map((c) => over(c, {r: 255, g: 255, b: 255, a: 1}));
  const parts = [];
  const number = document.querySelector('.slide-number');
  parts.push(['slide number', parse(getComputedStyle(number).color), opacity(number),
              parse(getComputedStyle(number).backgroundColor)]);
  for (const button of document.querySelectorAll('.controls button.enabled')) {
    const arrow = button.querySelector('.controls-arrow');
    parts.push([button.className.split(' ')[0], parse(getComputedStyle(arrow, '::before').backgroundColor),
                opacity(button), colours(getComputedStyle(arrow).backgroundImage)[0] || {r: 0, g: 0, b: 0, a: 0}]);
  }
  const progress = document.querySelector('.progress');
  parts.push(['progress', parse(getComputedStyle(progress.querySelector('span')).backgroundColor),
              opacity(progress), parse(getComputedStyle(progress).backgroundColor)]);
  const worst = {};
  for (const [name, ink, alpha, plate] of parts) {
    for (const ground of behind) {
      const under = over(plate, ground);
      const seen = over({...ink, a: ink.a * alpha}, under);
      worst[name] = Math.min(worst[name] || 99, ratio(seen, under));
    }
  }
  return {worst, arrows: document.querySelectorAll('.controls button.enabled').length,
          numberPx: parseFloat(getComputedStyle(number).fontSize)};
}"""


@pytest.mark.parametrize("viewport", [(1280, 720), (1024, 768)], ids=["laptop", "projector"])
@pytest.mark.parametrize("slug", [f"theme-{theme}" for theme in THEMES] + ["lesson-two"])
def test_slide_number_arrows_and_progress_are_legible(browser, server, slug, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    # The second slide: back, forward and down are all there.
    page.goto(f"{server.url}/{slug}/#/1" if slug != "lesson-two" else f"{server.url}/{slug}/#/1")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_timeout(300)  # reveal.js fades the arrows in
    result = page.evaluate(CONTRAST)
    assert result["arrows"] >= 2
    assert result["numberPx"] >= 16
    assert {name: round(value, 2) for name, value in result["worst"].items() if value < 4.5} == {}
    context.close()


def test_right_to_left_reads_right_to_left_and_code_left_to_right(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(server.url + "/rtl/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    assert page.evaluate("Reveal.getConfig().rtl") is True
    layout = page.evaluate(
        """() => {
          const ul = document.querySelector('.present ul').getBoundingClientRect();
          const li = document.querySelector('.present li');
          const range = document.createRange(); range.selectNodeContents(li);
          const text = range.getBoundingClientRect();
          const code = document.querySelector('.present pre');
          const line = document.createRange(); line.selectNodeContents(code);
          return {li: getComputedStyle(li).direction, textRight: text.right, ulRight: ul.right,
                  textLeft: text.left, ulLeft: ul.left,
                  code: getComputedStyle(code).direction, codeLeft: line.getBoundingClientRect().left,
                  preLeft: code.getBoundingClientRect().left,
                  codeText: code.textContent.trim()};
        }"""
    )
    assert layout["li"] == "rtl"
    # The bullet's text hugs the right of its list, not the left.
    assert layout["ulRight"] - layout["textRight"] < layout["textLeft"] - layout["ulLeft"]
    assert layout["code"] == "ltr"
    assert layout["codeLeft"] - layout["preLeft"] < 40  # code starts at the left
    assert layout["codeText"] == 'print("hello")'
    context.close()


def test_reduced_motion_turns_transitions_off(browser, server):
    for motion, transition in (("reduce", "none"), ("no-preference", "slide")):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        page.goto(server.url + "/theme-white/")
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        assert page.evaluate("Reveal.getConfig().transition") == transition
        duration = page.evaluate(
            "getComputedStyle(document.querySelector('.slides > section')).transitionDuration"
        )
        assert (set(duration.replace(" ", "").split(",")) == {"0s"}) is (motion == "reduce")
        context.close()


def test_the_live_region_says_the_title_not_the_whole_slide(page, server):
    page.goto(server.url + "/theme-white/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.keyboard.press("ArrowRight")
    announce = page.locator(".deck-announce")
    page.wait_for_function("document.querySelector('.deck-announce').textContent !== ''")
    assert announce.text_content() == "Second (slide 2 of 5)"
    assert announce.get_attribute("aria-live") == "polite"
    # reveal.js's own region (the whole slide's text) is silenced.
    status = page.locator(".aria-status")
    assert status.get_attribute("aria-live") == "off"
    assert status.get_attribute("aria-hidden") == "true"
    page.keyboard.press("ArrowRight")  # past the stack: the slide with no heading
    page.wait_for_function("document.querySelector('.deck-announce').textContent.includes('4 of')")
    text = announce.text_content()
    assert text.startswith("A slide without a heading") and text.endswith("… (slide 4 of 5)")
    assert len(text) < 100
    # Focus is visible on the arrows.
    page.focus(".controls .navigate-left")
    outline = page.evaluate(
        "getComputedStyle(document.querySelector('.controls .navigate-left')).outlineStyle"
    )
    assert outline == "solid"
    assert page.watch.errors == []


def boxes_overlapping(speaker) -> list[str]:
    return speaker.evaluate(
        """() => {
          const pick = (selector) => {
            const e = document.querySelector(selector);
            const box = e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect();
            return box && box.width && box.height ? box : null;
          };
          const parts = ['#current-slide', '#upcoming-slide', '#speaker-controls', '#speaker-layout'];
          const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                              && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          const hits = [];
          const pairs = [];
          for (let i = 0; i < parts.length; i++)
            for (let j = i + 1; j < parts.length; j++) pairs.push([parts[i], parts[j]]);
          pairs.push(['.speaker-controls-time .timer', '.speaker-controls-time .clock']);
          pairs.push(['#upcoming-slide .label', '#speaker-layout']);
          for (const [x, y] of pairs) {
            const a = pick(x), b = pick(y);
            if (a && b && meet(a, b)) hits.push(x + ' over ' + y);
          }
          return hits;
        }"""
    )


def test_the_speaker_view_never_overlaps_itself_and_speaks_the_decks_language(page, server):
    page.goto(server.url + "/french/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    speaker = open_speaker_view(page)
    speaker.wait_for_function("document.getElementById('deck-speaker-css')", timeout=20_000)
    assert speaker.evaluate("document.documentElement.lang") == "fr"
    watch = PageWatch(speaker)
    for width, height in ((768, 1024), (1024, 768), (390, 844), (844, 390), (1100, 700)):
        speaker.set_viewport_size({"width": width, "height": height})
        speaker.wait_for_timeout(200)
        assert boxes_overlapping(speaker) == [], (width, height)
    assert watch.errors == []


def test_the_speaker_view_stylesheet_is_in_every_export(tmp_path):
    from tests.test_export import run

    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "talk.md").write_text("# One\n", encoding="utf-8")
    run("talk", "--output", str(tmp_path / "site"), slides=slides)
    assert (tmp_path / "site" / "static" / "deck" / "speaker.css").is_file()
    run("talk", "--single-file", "--output", str(tmp_path / "one"), slides=slides)
    page = Path(tmp_path / "one" / "talk.html").read_text(encoding="utf-8")
    assert '<style media="not all" id="deck-speaker-css">' in page
