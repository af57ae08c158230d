"""Re-exporting with a persistent cache: unchanged decks render nothing, an
edit renders only what changed, and the files a page uses are copied afresh."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.test import override_settings

from deck import pages
from deck.render import slides
from tests.test_export import make_image_slides, png, run, tree


@pytest.fixture
def image_slides(tmp_path):
    """A deck with a picture beside it, one from the folder above and a remote one."""
    return make_image_slides(tmp_path)


@pytest.fixture
def file_cache(tmp_path):
    """Django's file cache in a folder of its own, as DECK_CACHE_URL=file://... sets it."""
    location = tmp_path / "cache"
    caches = {
        "default": {
            "BACKEND": "deck.caching.file_backend.FileBasedCache",
            "LOCATION": str(location),
            "KEY_PREFIX": "deck",
        }
    }
    with override_settings(CACHES=caches):
        yield location


@pytest.fixture
def renders(monkeypatch):
    """Counts the Markdown conversions and deck pages drawn from here on."""
    counts = {"markdown": 0, "pages": 0}
    markdown_to_html = slides.markdown_to_html
    page_context = pages.page_context

    def counting_markdown(text):
        counts["markdown"] += 1
        return markdown_to_html(text)

    def counting_page(*args, **kwargs):
        counts["pages"] += 1
        return page_context(*args, **kwargs)

    monkeypatch.setattr(slides, "markdown_to_html", counting_markdown)
    monkeypatch.setattr(pages, "page_context", counting_page)
    return counts


def test_unchanged_decks_render_nothing_and_give_the_same_files(
    tmp_path, image_slides, file_cache, renders
):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    assert renders == {"markdown": 4, "pages": 1}  # 3 slides and one note
    first = tree(out)
    assert any(file_cache.iterdir())

    run("--all", "--output", str(out), slides=image_slides)
    assert renders == {"markdown": 4, "pages": 1}  # nothing more
    assert tree(out) == first


def test_an_edit_renders_only_the_slide_that_changed(tmp_path, image_slides, file_cache, renders):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    deck = image_slides / "pictures.md"
    deck.write_text(deck.read_text().replace("## From the folder above", "## From upstairs"))
    run("--all", "--output", str(out), slides=image_slides)
    assert renders == {"markdown": 5, "pages": 2}
    page = (out / "pictures" / "index.html").read_text()
    assert "From upstairs" in page and "From the folder above" not in page


def test_files_the_page_uses_are_copied_again(tmp_path, image_slides, file_cache, renders):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    new_picture = png(5, 5, (0, 200, 0))
    (image_slides / "img" / "red.png").write_bytes(new_picture)
    run("--all", "--output", str(out), slides=image_slides)
    assert renders["pages"] == 1  # the page itself did not change
    assert (out / "pictures" / "img" / "red.png").read_bytes() == new_picture


def test_a_file_gone_since_the_last_export_is_named_with_its_line(
    tmp_path, image_slides, file_cache
):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    before = tree(out)
    (image_slides / "img" / "red.png").unlink()
    errors = StringIO()
    with pytest.raises(CommandError, match=r"1 missing file \(--strict\)"):
        run("--all", "--output", str(out), "--strict", slides=image_slides, stderr=errors)
    assert re.search(r"pictures\.md:7: .*img/red\.png.*does not exist", errors.getvalue())
    assert tree(out) == before  # the earlier export stays as it was


def test_a_missing_file_is_listed_again_when_the_page_is_replayed(
    tmp_path, image_slides, file_cache, renders
):
    (image_slides / "img" / "red.png").unlink()
    out = tmp_path / "site"
    for _ in range(2):
        errors = StringIO()
        run("--all", "--output", str(out), slides=image_slides, stderr=errors)
        assert "pictures.md:7: the slide refers to 'img/red.png'" in errors.getvalue()
    assert renders["pages"] == 1  # the second was replayed from the cache
    # With --strict the replayed page fails as a drawn one would.
    with pytest.raises(CommandError, match=r"1 missing file \(--strict\)"):
        run("--all", "--output", str(out), "--strict", slides=image_slides)
    assert renders["pages"] == 1


def test_a_missing_file_that_appears_is_exported(tmp_path, image_slides, file_cache, renders):
    picture = image_slides / "img" / "red.png"
    data = picture.read_bytes()
    picture.unlink()
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    picture.write_bytes(data)
    errors = StringIO()
    run("--all", "--output", str(out), slides=image_slides, stderr=errors)
    assert (out / "pictures" / "img" / "red.png").read_bytes() == data
    assert "does not exist" not in errors.getvalue()


def test_a_changed_options_file_is_a_new_page(tmp_path, image_slides, file_cache, renders):
    out = tmp_path / "site"
    run("--all", "--output", str(out), slides=image_slides)
    Path(image_slides / "reveal-md.json").write_text('{"theme": "white"}')
    run("--all", "--output", str(out), slides=image_slides)
    assert renders["pages"] == 2
    assert "reveal/dist/theme/white.css" in (out / "pictures" / "index.html").read_text()


def test_a_single_file_export_is_not_a_folder_export(tmp_path, image_slides, file_cache):
    folder, single = tmp_path / "site", tmp_path / "single"
    run("--all", "--output", str(folder), slides=image_slides)
    run("--all", "--single-file", "--output", str(single), slides=image_slides)
    assert sorted(tree(single)) == [
        ".deck-export",
        "index.html",
        "pictures.html",
        "pictures.transcript.html",
    ]
    assert "data:image/png;base64," in (single / "pictures.html").read_text()
