"""deck/core/pdf_document.py and deck/export/pdf_parts.py without a browser:
PDFs made with pikepdf stand in for the parts Chromium prints."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pikepdf

from deck.core.pdf_document import OutlineEntry, PdfInfo, assemble, join, set_outline
from deck.core.splitter import split
from deck.export.pdf_parts import outline, parts


def tagged_part(pages: int, label: str) -> bytes:
    """A PDF as Chromium tags one: a Document element over a NonStruct, a
    parent tree keyed by each page's /StructParents and each link's
    /StructParent."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(720, 540))
    document = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document)
    )
    body = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.NonStruct, P=document)
    )
    document.K = body
    leaves = []
    nums = []
    key = 0
    for page in pdf.pages:
        leaf = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=body, Pg=page.obj, T=label
            )
        )
        leaves.append(leaf)
        page.obj.StructParents = key
        nums += [key, pikepdf.Array([leaf])]
        key += 1
        link = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=[0, 0, 10, 10],
                StructParent=key,
            )
        )
        page.obj.Annots = pikepdf.Array([link])
        nums += [key, leaf]
        key += 1
    body.K = pikepdf.Array(leaves)
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot,
            K=document,
            ParentTree=pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums))),
            ParentTreeNextKey=key,
        )
    )
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def leaves_in_order(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    document = pdf.Root.StructTreeRoot.K
    bodies = document.K if isinstance(document.K, pikepdf.Array) else [document.K]
    for body in bodies:
        assert document == body.P
    return [leaf for body in bodies for leaf in body.K]


def test_joined_parts_keep_pages_and_tags_in_order():
    pdf = join([tagged_part(2, "a"), tagged_part(3, "b"), tagged_part(1, "c")])
    assert len(pdf.pages) == 6
    leaves = leaves_in_order(pdf)
    assert [str(leaf.T) for leaf in leaves] == ["a", "a", "b", "b", "b", "c"]
    tree = pdf.Root.StructTreeRoot
    parent_tree = pikepdf.NumberTree(tree.ParentTree)
    assert int(tree.ParentTreeNextKey) == 12
    for index, page in enumerate(pdf.pages):
        leaf = leaves[index]
        # Each tag points at its own page, and the page's keys lead back to it.
        assert leaf.Pg.objgen == page.obj.objgen
        assert parent_tree[int(page.obj.StructParents)][0].objgen == leaf.objgen
        link = page.obj.Annots[0]
        assert parent_tree[int(link.StructParent)].objgen == leaf.objgen
    keys = [int(page.obj.StructParents) for page in pdf.pages]
    assert len(set(keys)) == 6


def test_a_part_without_tags_leaves_the_whole_untagged():
    untagged = pikepdf.new()
    untagged.add_blank_page()
    out = io.BytesIO()
    untagged.save(out)
    pdf = join([tagged_part(2, "a"), out.getvalue()])
    assert len(pdf.pages) == 3
    assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root


def titles(items, depth=0):
    for item in items:
        yield depth, str(item.title)
        yield from titles(item.children, depth + 1)


def test_the_outline_nests_by_heading_level_and_points_at_each_page():
    pdf = join([tagged_part(5, "a")])
    set_outline(
        pdf,
        [
            OutlineEntry("Management Commands", 1, 0),
            OutlineEntry("Familiar ones", 2, 1),
            OutlineEntry("A slide with no heading", 7, 2),
            OutlineEntry("Sessions & Cookies", 1, 3),
            OutlineEntry("Past the end", 2, 9),
        ],
    )
    with pdf.open_outline() as tree:
        assert list(titles(tree.root)) == [
            (0, "Management Commands"),
            (1, "Familiar ones"),
            (2, "A slide with no heading"),
            (0, "Sessions & Cookies"),
            (1, "Past the end"),
        ]
        last = tree.root[1].children[0]
        assert pikepdf.Page(last.destination[0]).index == 4  # clamped to the last page
    assert pdf.Root.PageMode == pikepdf.Name.UseOutlines


def test_assembled_pdf_is_described_and_the_same_bytes_every_time():
    when = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    info = PdfInfo("Lesson — nine", "Ada Lovelace", "Signals", when)
    entries = [OutlineEntry("One", 2, 0), OutlineEntry("Two", 2, 2)]
    chunks = [tagged_part(2, "a"), tagged_part(2, "b")]
    data = assemble(chunks, entries, info)
    assert data == assemble(chunks, entries, info)
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) == 4
    assert str(pdf.docinfo.Title) == "Lesson — nine"
    assert str(pdf.docinfo.Author) == "Ada Lovelace"
    assert str(pdf.docinfo.Subject) == "Signals"
    assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate) == "D:20240501120000+00'00'"
    without = pikepdf.open(io.BytesIO(assemble(chunks, entries, PdfInfo("T"))))
    assert "/Author" not in without.docinfo and "/Subject" not in without.docinfo


def test_parts_are_few_nearly_equal_and_never_split_a_page():
    assert parts([1] * 23, most=200) == [(0, 23)]
    assert parts([1] * 1000, most=200) == [
        (0, 200),
        (200, 400),
        (400, 600),
        (600, 800),
        (800, 1000),
    ]
    assert parts([1] * 201, most=200) == [(0, 100), (100, 201)]
    # A page of 50 sheets (a slide too long to fit) stays whole.
    uneven = parts([1, 1, 50, 1, 1, 1], most=20)
    assert uneven[0][1] == 3 and uneven[-1][1] == 6
    covered = [index for start, end in uneven for index in range(start, end)]
    assert covered == list(range(6))
    assert parts([], most=200) == [(0, 0)]


def test_the_outline_has_each_slide_once_at_its_first_sheet():
    deck = SimpleNamespace(split=split("# One\n\n---\n\n## Two\n\n---\n\nno heading\n"))
    lines = [slide.line for slide in deck.split.slides]
    pages = [
        {"line": lines[0], "title": "One", "level": 1, "sheets": 1},
        # A fragment step of slide two, then the next, which runs onto two sheets.
        {"line": lines[1], "title": "Two", "level": 2, "sheets": 1},
        {"line": lines[1], "title": "Two", "level": 2, "sheets": 2},
        {"line": lines[2], "title": "", "level": 7, "sheets": 1},
    ]
    assert outline(deck, pages) == [
        OutlineEntry("One", 1, 0),
        OutlineEntry("Two", 2, 1),
        OutlineEntry("Slide 3", 7, 4),
    ]
