"""deck.core.fit, the pure part of slide fitting: the options fit.js reads and
the lines ``manage.py check_layout`` prints (the command: test_check_layout.py)."""

from __future__ import annotations

import pytest

from deck.core.fit import SlideLayout, fit_options, font_sizes_problem, format_line

SIZES = {"enabled": True, "min_font_px": 9.0, "comfort_font_px": 20.0}


def test_fit_options_are_the_settings_given():
    assert fit_options({}, "lesson.md", **SIZES) == {
        "enabled": True,
        "minFontPx": 9.0,
        "comfortFontPx": 20.0,
        "file": "lesson.md",
    }
    assert fit_options({}, "x.md", **{**SIZES, "min_font_px": 14.0})["minFontPx"] == 14.0


def test_front_matter_turns_fitting_off_for_a_deck_but_not_on():
    assert fit_options({"fit": False}, "x.md", **SIZES)["enabled"] is False
    assert fit_options({"fit": "off"}, "x.md", **SIZES)["enabled"] is False
    assert fit_options({"fit": True}, "x.md", **{**SIZES, "enabled": False})["enabled"] is False


@pytest.mark.parametrize(("minimum", "comfort"), [(0, 20), (-1, 20), (30, 20)])
def test_a_floor_that_makes_no_sense_is_a_problem(minimum, comfort):
    assert "comfortable size at least the floor" in font_sizes_problem(minimum, comfort)


def test_a_floor_at_or_below_the_comfortable_size_is_fine():
    assert font_sizes_problem(9, 20) == ""
    assert font_sizes_problem(12.5, 12.5) == ""


def test_report_lines_name_file_line_slide_and_scale():
    small = SlideLayout.from_report(
        {
            "file": "a.md",
            "line": 12,
            "slide": "3.2",
            "status": "small",
            "scale": 0.4,
            "needed": 0.4,
            "smallestFontPx": 16.8,
            "minFontPx": 9,
        }
    )
    assert format_line(small) == "a.md:12: slide 3.2 needed scale 0.40; smallest text 16.8px"
    assert small.reported and not small.overflows

    stuck = SlideLayout.from_report(
        {
            "file": "a.md",
            "line": 40,
            "slide": "4",
            "status": "cannot-fit",
            "scale": 0.39,
            "needed": 0.17,
            "smallestFontPx": 9,
            "minFontPx": 9,
        }
    )
    assert format_line(stuck) == (
        "a.md:40: slide 4 needed scale 0.17; cannot fit: text stops shrinking at 9px "
        "(scale 0.39) and runs past the slide"
    )
    assert stuck.overflows

    fine = SlideLayout.from_report({"file": "a.md", "line": 1, "slide": "1", "status": "fits"})
    assert not fine.reported and not fine.shrunk
