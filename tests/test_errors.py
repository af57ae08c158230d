"""deck.core.errors: one family for every mistake a person can fix, each with
path, line, message and hint, and ``str()`` as ``file:line: message``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404

from deck.core import errors
from deck.core.errors import BadFrontMatter, DeckError, DeckSyntaxError, UnclosedFence, UserError
from deck.core.reading import parse
from deck.core.splitter import split
from deck.decks import DeckNotFound
from deck.export.errors import ExportError
from deck.export.output_folder import TargetError
from deck.follow.position import InvalidPosition
from deck.follow.position import parse as parse_position
from tests.conftest import ROOT

PATH = Path("/lessons/intro.md")


def family(cls: type) -> list[type]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in family(child))]


def make(cls: type, path: Path | None, line: int | None) -> UserError:
    if issubclass(cls, DeckError):
        return cls(path, line, "something is wrong", "do this")
    return cls("something is wrong", path=path, line=line, hint="do this")


def test_the_family_has_every_kind():
    names = {cls.__name__ for cls in family(UserError)}
    assert names >= {
        "DeckError",
        "Unreadable",
        "TooLarge",
        "BinaryFile",
        "NotUTF8",
        "BadOptions",
        "DeckSyntaxError",
        "BadFrontMatter",
        "UnclosedFence",
        "ExportError",
        "TargetError",
    }


@pytest.mark.parametrize("cls", family(UserError), ids=lambda cls: cls.__name__)
def test_every_error_carries_path_line_message_and_hint(cls):
    error = make(cls, PATH, 12)
    assert (error.path, error.line, error.message, error.hint) == (
        PATH,
        12,
        "something is wrong",
        "do this",
    )
    assert str(error) == "intro.md:12: something is wrong"


@pytest.mark.parametrize(
    ("path", "line", "text"),
    [
        (None, 3, "line 3: something is wrong"),
        (PATH, None, "intro.md: something is wrong"),
        (None, None, "something is wrong"),
    ],
)
def test_str_says_as_much_of_where_as_is_known(path, line, text):
    assert str(UserError("something is wrong", path=path, line=line)) == text


def test_a_kind_with_one_advice_gives_it_when_no_hint_is_given():
    assert "'---'" in BadFrontMatter(PATH, 2, "bad").hint
    assert "backticks or tildes" in UnclosedFence(PATH, 5, "open").hint
    assert "one JSON object" in errors.BadOptions(PATH, 1, "bad").hint
    assert UserError("x").hint == "" and DeckError(PATH, 1, "x").hint == ""


def test_the_splitter_names_the_line_and_the_reader_adds_the_file():
    text = "# One\n---\n\n```python\nx = 1\n"
    with pytest.raises(UnclosedFence) as split_error:
        split(text)
    assert (split_error.value.path, split_error.value.line) == (None, 4)
    assert str(split_error.value).startswith("line 4: code block opened with ```")

    with pytest.raises(UnclosedFence) as parse_error:
        parse("intro", PATH, text)
    error = parse_error.value
    assert (error.path, error.line, error.message) == (PATH, 4, split_error.value.message)
    assert str(error) == f"intro.md:4: {error.message}"
    assert error.hint == "close it with a line of the same backticks or tildes"


def test_bad_front_matter_names_file_line_and_how_to_write_it():
    with pytest.raises(BadFrontMatter) as raised:
        parse("intro", PATH, "---\ntitle: ok\ntheme: [unclosed\n---\n# Hi")
    error = raised.value
    assert isinstance(error, DeckSyntaxError) and error.path == PATH and error.line >= 3
    assert str(error).startswith(f"intro.md:{error.line}: front matter is not valid YAML")
    assert error.hint == "front matter is YAML between two '---' lines, e.g. 'title: My talk'"


def test_export_errors_are_not_deck_errors():
    # deck.export turns a DeckError into an ExportError; an ExportError must pass through.
    assert not issubclass(ExportError, DeckError) and not issubclass(TargetError, DeckError)
    assert str(ExportError("name the decks to export, or pass --all")) == (
        "name the decks to export, or pass --all"
    )


def test_what_is_not_a_persons_mistake_in_a_file_is_djangos_own():
    assert issubclass(DeckNotFound, Http404)
    assert issubclass(InvalidPosition, BadRequest)
    with pytest.raises(InvalidPosition, match="h must be a whole number"):
        parse_position({"h": "one", "v": 0})


def test_the_errors_and_the_model_import_no_django():
    code = (
        "import sys, deck.core.errors, deck.core.model, deck.core.reading, deck.core.fit; "
        "print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
