"""Join by code: the audience link as a QR code, in the presenter's window
(key Q) and in ``manage.py present``'s output. Each code is read back, from
the pixels Chromium shows or the characters the terminal gets, and compared
module by module with segno's own code for the link."""

from __future__ import annotations

import base64
from io import StringIO

import pytest
import segno
from django.core.management import call_command

from deck.follow import join
from tests.follow_server import FollowServer
from tests.test_present_command import SLUG, hosts, shared_cache  # noqa: F401 (fixtures)

WAIT_MS = 20_000


def expected(url: str) -> list[list[bool]]:
    """segno's module matrix for ``url``, with the quiet zone around it."""
    qr = segno.make(url, error=join.ERROR_CORRECTION)
    size = len(qr.matrix) + 2 * join.BORDER
    rows = [[False] * size for _ in range(size)]
    for y, row in enumerate(qr.matrix):
        for x, module in enumerate(row):
            rows[y + join.BORDER][x + join.BORDER] = bool(module)
    return rows


def test_the_terminal_code_reads_back_as_the_audience_link(shared_cache):  # noqa: F811
    out = StringIO()
    call_command("present", SLUG, stdout=out)
    text = out.getvalue()
    audience = f"http://127.0.0.1:8000/{SLUG}/follow/"
    assert f"Audience: {audience}" in text
    # Compact drawing: two module rows per line; a light module is ink (for
    # dark terminals), so "█" is light over light, " " dark over dark.
    halves = {"█": (False, False), " ": (True, True), "▀": (False, True), "▄": (True, False)}
    lines = [line for line in text.splitlines() if line and set(line) <= set(halves)]
    want = expected(audience)
    rows: list[list[bool]] = []
    for line in lines:
        top = [halves[c][0] for c in line]
        bottom = [halves[c][1] for c in line]
        rows += [top, bottom]
    assert rows[: len(want)] == want
    # An odd number of rows: the last line's lower half is the terminal's own.
    assert len(rows) - len(want) in (0, 1)


def test_present_prints_no_code_with_verbosity_0(shared_cache):  # noqa: F811
    out = StringIO()
    call_command("present", SLUG, "-v", "0", stdout=out)
    assert "█" not in out.getvalue() and out.getvalue().count("\n") == 1


@pytest.fixture
def server(tmp_path):
    slides = tmp_path / "slides"
    slides.mkdir()
    (slides / "talk.md").write_text("# One\n\n---\n\n# Two\n", encoding="utf-8")
    server = FollowServer("talk", tmp_path, env={"DECK_SLIDES_DIR": str(slides)}).start()
    yield server
    server.stop()


READ_PIXELS = """async ([png, size]) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const step = image.width / size;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [];
    for (let x = 0; x < size; x++) {
      const [r, g, b] = context.getImageData(
        Math.floor((x + 0.5) * step), Math.floor((y + 0.5) * step), 1, 1).data;
      row.push((r + g + b) / 3 < 128);
    }
    rows.push(row);
  }
  return rows;
}"""


@pytest.mark.browser
def test_q_shows_a_code_that_reads_back_as_the_audience_link(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(server.presenter_link)
    page.wait_for_url(server.deck_url + "/present/", timeout=WAIT_MS)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    overlay = page.locator(".follow-join")
    assert overlay.is_hidden()
    page.keyboard.press("q")
    overlay.wait_for(state="visible")
    audience = server.deck_url + "/follow/"
    assert page.locator(".follow-join-link").inner_text() == audience
    assert page.get_by_role("img", name=f"QR code of {audience}").is_visible()
    picture = page.locator(".follow-join-picture svg")
    box = picture.bounding_box()
    assert box["width"] >= 300  # big enough to scan from the back of a room
    want = expected(audience)
    png = base64.b64encode(picture.screenshot()).decode()
    assert page.evaluate(READ_PIXELS, [png, len(want)]) == want
    # A code for another link would not match.
    assert expected(audience + "x") != want
    # Q again, or Esc, hides it; Esc does not open reveal.js's overview.
    page.keyboard.press("q")
    overlay.wait_for(state="hidden")
    page.keyboard.press("q")
    overlay.wait_for(state="visible")
    page.keyboard.press("Escape")
    overlay.wait_for(state="hidden")
    assert page.evaluate("Reveal.isOverview()") is False
    # Followers get no code to hand out.
    follower = context.browser.new_context().new_page()
    follower.goto(audience)
    follower.wait_for_function("window.Reveal && Reveal.isReady()")
    follower.keyboard.press("q")
    assert follower.locator(".follow-join").count() == 0
    follower.context.close()
    context.close()
