"""Old slides against new: which stacks to send, where an open browser lands."""

from __future__ import annotations

from deck.core.slidediff import Indices, Shape, diff_key, landing, stacks_to_send
from deck.core.splitter import split


def shape(text: str) -> Shape:
    return Shape.of(split(text))


LESSON = "# One\n\n---\n\n## Two\n\n---\n\n## Three\n\n---\n\n## Four\n"


def test_key_ignores_the_line_but_not_the_words():
    a, b = (
        split("# One\n\n---\n\n## Two\n").slides[1],
        split("# One\n\nmore\n\n---\n\n## Two\n").slides[1],
    )
    assert a.line != b.line
    assert diff_key(a) == diff_key(b)
    c = split("# One\n\n---\n\n## Two!\n").slides[1]
    assert diff_key(a) != diff_key(c)


def test_key_covers_notes_and_attributes():
    plain = split("## A\n").slides[0]
    noted = split("## A\n\nNote: say hello\n").slides[0]
    styled = split('## A\n<!-- .slide: data-background="#123" -->\n').slides[0]
    assert len({diff_key(plain), diff_key(noted), diff_key(styled)}) == 3


def test_nothing_changed_keeps_position_and_fragment():
    old = shape(LESSON)
    new = shape("---\ntheme: white\n---\n" + LESSON)
    assert landing(old, new, Indices(2, 0, 1)) == Indices(2, 0, 1)


def test_edit_on_the_current_slide_stays_there_with_its_fragment():
    old = shape(LESSON)
    new = shape(LESSON.replace("## Three", "## Three, edited"))
    assert landing(old, new, Indices(2, 0, 3)) == Indices(2, 0, 3)


def test_edit_elsewhere_moves_to_the_first_changed_slide_shown_whole():
    old = shape(LESSON)
    new = shape(LESSON.replace("## Four", "## Four, edited"))
    assert landing(old, new, Indices(0, 0, -1)) == Indices(3, 0, None)


def test_appended_slide_is_shown():
    old = shape(LESSON)
    new = shape(LESSON + "\n---\n\n## Five\n")
    assert landing(old, new, Indices(1, 0, -1)) == Indices(4, 0, None)


def test_slide_inserted_before_the_current_one_is_shown():
    old = shape(LESSON)
    new = shape(LESSON.replace("## Three", "## New\n\n---\n\n## Three"))
    assert landing(old, new, Indices(3, 0, -1)) == Indices(2, 0, None)


def test_edit_of_current_slide_wins_over_an_earlier_edit():
    old = shape(LESSON)
    new = shape(LESSON.replace("## Two", "## 2").replace("## Four", "## 4"))
    assert landing(old, new, Indices(3, 0, 0)) == Indices(3, 0, 0)


def test_deleting_the_current_slide_lands_on_the_one_after():
    old = shape(LESSON)
    new = shape(LESSON.replace("## Three\n\n---\n\n", ""))
    assert landing(old, new, Indices(2, 0, -1)) == Indices(2, 0, None)


def test_deleting_the_last_slide_lands_on_the_new_last():
    old = shape(LESSON)
    new = shape(LESSON.replace("\n---\n\n## Four\n", "\n"))
    assert landing(old, new, Indices(3, 0, -1)) == Indices(2, 0, None)


def test_vertical_slides_keep_their_place():
    text = "# One\n\n---\n\n## Two\n\n----\n\n## Two below\n\n---\n\n## Three\n"
    old = shape(text)
    new = shape(text.replace("## Two below", "## Two below, edited"))
    assert landing(old, new, Indices(1, 1, 0)) == Indices(1, 1, 0)
    assert landing(old, new, Indices(0, 0, -1)) == Indices(1, 1, None)


def test_indices_past_the_end_are_clamped():
    old = shape(LESSON)
    assert landing(old, old, Indices(9, 3, 2)) == Indices(3, 0, -1)


def test_only_missing_stacks_are_sent():
    old = shape(LESSON)
    new = shape(LESSON.replace("## Three", "## Three, edited") + "\n---\n\n## Five\n")
    assert stacks_to_send(old, new) == [False, False, True, False, True]
    assert stacks_to_send(None, new) == [True] * 5


def test_identical_stacks_are_counted_not_merged():
    old = shape("## Same\n\n---\n\n## Other\n")
    new = shape("## Same\n\n---\n\n## Same\n\n---\n\n## Other\n")
    assert stacks_to_send(old, new) == [False, True, False]
