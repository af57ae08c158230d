"""Phones and tablets in Chromium (390x844, 768x1024, touch): followers keep
up with every kind of presenter move and stay in follow mode; the follow
badge stays one line, off the slide's text; deep links open their slide on a
fresh phone load, served and exported (reveal.js's scroll view, which it turns
on below 435 px, otherwise lands on the first slide and clears the link)."""

from __future__ import annotations

import pytest

from tests.follow_server import FollowServer
from tests.test_export import run

pytestmark = pytest.mark.browser

MOVES = 10
WAIT_MS = 20_000
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}


def talk() -> str:
    """A start slide, ten more across, a stack of eleven, ten fragments."""
    parts = ["# Start\n\nWelcome to the phone test"]
    parts += [f"# Across {n}\n\nText of slide {n}" for n in range(1, MOVES + 1)]
    stack = [f"# Down {n}\n\nBelow, {n}" for n in range(MOVES + 1)]
    parts.append("\n\n----\n\n".join(stack))
    points = "\n".join(
        f'* point {n}\n<!-- .element: class="fragment" -->' for n in range(1, MOVES + 1)
    )
    parts.append("# Points\n\n" + points)
    parts.append('<!-- .slide: id="the-end" -->\n\n# The end\n\nThank you')
    return "\n\n---\n\n".join(parts) + "\n"


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone") / "slides"
    folder.mkdir()
    (folder / "talk.md").write_text(talk(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(slides):
    server = FollowServer("talk", slides.parent, env={"DECK_SLIDES_DIR": str(slides)}).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def presenter(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(server.presenter_link)
    page.wait_for_url(server.deck_url + "/present/", timeout=WAIT_MS)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    yield page
    context.close()


def device(browser, viewport):
    return browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)


def indices(page) -> tuple:
    i = page.evaluate("Reveal.getIndices()")
    return i["h"], i.get("v") or 0, i.get("f")


def wait_at(page, place: tuple) -> None:
    h, v, f = place
    expected = "undefined" if f is None else str(f)
    page.wait_for_function(
        f"(() => {{ const i = Reveal.getIndices(); return i.h === {h} && (i.v || 0) === {v}"
        f" && String(i.f) === '{expected}'; }})()",
        timeout=WAIT_MS,
    )


def state(page) -> str:
    return page.evaluate("document.querySelector('.follow-badge').dataset.state")


def overlaps(page) -> list[str]:
    """Text of the shown slide whose boxes meet the follow badge's box."""
    return page.evaluate(
        """() => {
          const badge = document.querySelector('.follow-badge').getBoundingClientRect();
          const slide = document.querySelector('.slides section.present:not(.stack)');
          const hits = [];
          const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const box of range.getClientRects()) {
              if (box.width && box.height && box.left < badge.right && badge.left < box.right
                  && box.top < badge.bottom && badge.top < box.bottom) hits.push(node.textContent);
            }
          }
          return hits;
        }"""
    )


@pytest.mark.parametrize("viewport", [PHONE, TABLET], ids=["phone", "tablet"])
def test_a_follower_keeps_up_with_ten_moves_of_each_kind(browser, server, presenter, viewport):
    presenter.evaluate("Reveal.slide(0, 0)")
    context = device(browser, viewport)
    follower = context.new_page()
    follower.goto(server.deck_url + "/follow/")
    follower.wait_for_function("window.Reveal && Reveal.isReady()")
    wait_at(follower, (0, 0, None))
    # The slide view, whatever the width: the scroll view cannot follow.
    assert follower.evaluate("Reveal.isScrollView()") is False

    kinds = [("ArrowRight", "horizontal"), ("ArrowDown", "vertical"), ("Space", "fragment")]
    for key, kind in kinds:
        if kind != "horizontal":
            presenter.keyboard.press("ArrowRight")  # onto the stack, then the points
            wait_at(follower, indices(presenter))
        for move in range(MOVES):
            before = indices(presenter)
            presenter.keyboard.press(key)
            wait_at(presenter, _after(before, kind))
            wait_at(follower, indices(presenter))
            assert state(follower) == "following", f"{kind} move {move + 1}"
        if kind == "horizontal":
            assert indices(follower) == (MOVES, 0, None)
        elif kind == "vertical":
            assert indices(follower) == (MOVES + 1, MOVES, None)
    assert indices(follower) == (MOVES + 2, 0, MOVES - 1)
    assert follower.get_by_text(f"point {MOVES}", exact=True).is_visible()
    assert state(follower) == "following"
    context.close()


def _after(place: tuple, kind: str) -> tuple:
    h, v, f = place
    if kind == "horizontal":
        return h + 1, 0, None
    if kind == "vertical":
        return h, v + 1, None
    return h, v, (-1 if f is None else f) + 1


VIEWPORTS = [PHONE, TABLET, {"width": 844, "height": 390}, {"width": 1024, "height": 768}]


@pytest.mark.parametrize(
    "viewport", VIEWPORTS, ids=["phone", "tablet", "phone-side", "tablet-side"]
)
def test_the_badge_is_one_line_off_the_slide_text(browser, server, presenter, viewport):
    presenter.evaluate(f"Reveal.slide({MOVES + 2}, 0, -1)")  # the slide with the most text
    context = device(browser, viewport)
    follower = context.new_page()
    follower.goto(server.deck_url + "/follow/")
    follower.wait_for_function("window.Reveal && Reveal.isReady()")
    wait_at(follower, (MOVES + 2, 0, -1))
    presenter.keyboard.press("Space")
    presenter.keyboard.press("Space")
    wait_at(follower, (MOVES + 2, 0, 1))
    for expected in ("following", "detached"):
        if expected == "detached":
            follower.evaluate("Reveal.slide(1)")  # as a swipe does
        follower.wait_for_function(
            f"document.querySelector('.follow-badge').dataset.state === '{expected}'"
        )
        box = follower.locator(".follow-badge").bounding_box()
        line = follower.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.follow-badge')).fontSize)"
        )
        assert box["height"] < 2.6 * line, f"{expected}: the badge wraps ({box})"
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        assert overlaps(follower) == [], expected
    # The short words are what shows; a screen reader still gets the sentence.
    assert follower.locator(".follow-badge-short").first.inner_text().startswith("On your own")
    assert "Browsing on your own" in follower.locator(".follow-badge").text_content()
    follower.get_by_role("button", name="Back to the presenter (R)").click()
    wait_at(follower, (MOVES + 2, 0, 1))
    context.close()


DEEP_LINKS = [
    ("#/3", (3, 0), "Across 3"),
    ("#/11/4", (11, 4), "Down 4"),
    ("#/the-end", (13, 0), "The end"),
]


def shown_heading(page) -> str:
    """The heading of the slide in the middle of the screen (scroll view or not)."""
    return page.evaluate(
        """() => {
          const x = innerWidth / 2, y = innerHeight / 2;
          for (const section of document.querySelectorAll('.slides section:not(.stack)')) {
            const box = section.getBoundingClientRect();
            const shown = getComputedStyle(section).visibility !== 'hidden'
              && getComputedStyle(section).display !== 'none';
            if (shown && box.left <= x && x <= box.right && box.top <= y && y <= box.bottom)
              return section.querySelector('h1').textContent;
          }
          return null;
        }"""
    )


def open_fresh(browser, url: str):
    context = device(browser, PHONE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    return context, page


def check_deep_links(browser, deck_url: str) -> None:
    for link, (h, v), heading in DEEP_LINKS:
        context, page = open_fresh(browser, deck_url + link)
        # It is the phone layout reveal.js chooses: the scroll view.
        assert page.evaluate("Reveal.isScrollView()") is True
        page.wait_for_function(
            f"Reveal.getIndices().h === {h} && (Reveal.getIndices().v || 0) === {v}",
            timeout=WAIT_MS,
        )
        assert shown_heading(page) == heading, link
        page.wait_for_timeout(400)  # the address is written 200 ms after a scroll
        assert page.evaluate("location.hash") == link
        context.close()


def test_deep_links_open_their_slide_on_a_phone(browser, slides, deck_server):
    served = deck_server(slides)
    check_deep_links(browser, served.url + "/talk/")


def test_deep_links_open_their_slide_on_a_phone_exported(browser, slides, tmp_path):
    run("talk", "--output", str(tmp_path / "site"), slides=slides)
    check_deep_links(browser, (tmp_path / "site" / "talk" / "index.html").as_uri())


def test_a_phone_follower_opened_on_a_deep_link_still_follows(browser, server, presenter):
    presenter.evaluate("Reveal.slide(2, 0)")
    context, page = open_fresh(browser, server.deck_url + "/follow/#/5")
    wait_at(page, (2, 0, None))
    presenter.keyboard.press("ArrowRight")
    wait_at(page, (3, 0, None))
    assert state(page) == "following"
    context.close()
