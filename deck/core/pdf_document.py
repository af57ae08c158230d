"""A deck's PDF from the parts Chromium printed: joined, outlined, described.

Pure Python over pikepdf (qpdf): no Django, no browser. A big deck is
printed in parts, because Chromium's cost per page grows with the size of
the document it prints (benchmarks/results/pdf.md); here the parts become
one PDF again, tags included: each part's structure tree goes under the
first one's ``Document`` element, and the keys that tie pages and links to
it (``/StructParents``, ``/StructParent``, the parent tree) are moved past
the parts before. The outline is the deck's own (one entry per slide, titles
as typed, nested by heading level), the information dictionary the deck's
title, author, subject and dates, and the file is written with an ``/ID``
made from its content: the same deck prints to the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pikepdf

PRODUCER = "deck, printed by Chromium"


@dataclass(frozen=True)
class PdfInfo:
    title: str
    author: str = ""
    subject: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class OutlineEntry:
    """A slide in the outline: its title, heading level (1-6; 7 for a slide
    with no heading) and the index of its first page."""

    title: str
    level: int
    page: int


def pdf_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _copy(pdf: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` from another PDF, made ``pdf``'s (qpdf copies only
    indirect objects; a direct array or dictionary is copied item by item)."""
    if not isinstance(value, pikepdf.Object) or value.is_indirect:
        return pdf.copy_foreign(value) if isinstance(value, pikepdf.Object) else value
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copy(pdf, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(pdf, item) for key, item in value.items()})
    return value


def _shift_struct_keys(pages: Iterable[pikepdf.Page], offset: int) -> None:
    for page in pages:
        obj = page.obj
        if "/StructParents" in obj:
            obj.StructParents = int(obj.StructParents) + offset
        for annotation in obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset


def join(parts: Sequence[bytes]) -> pikepdf.Pdf:
    """The parts' pages in order, in one PDF, with one structure tree (or
    none, if a part has none)."""
    pdf = pikepdf.open(io.BytesIO(parts[0]))
    tree = pdf.Root.get("/StructTreeRoot")
    tagged = tree is not None and all(b"/StructTreeRoot" in part for part in parts[1:])
    if tree is not None and not tagged:
        for key in ("/StructTreeRoot", "/MarkInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
    if tagged:
        document = tree.K
        kids = _kids(document)
        parent_tree = pikepdf.NumberTree(tree.ParentTree)
        next_key = int(tree.get("/ParentTreeNextKey", 0))
    for part in parts[1:]:
        other = pikepdf.open(io.BytesIO(part))
        start = len(pdf.pages)
        pdf.pages.extend(other.pages)  # copied: later copies of the tree reuse them
        if not tagged:
            continue
        _shift_struct_keys(pdf.pages[start:], next_key)
        other_tree = other.Root.StructTreeRoot
        for kid in _kids(other_tree.K):
            kid = _copy(pdf, kid)
            kid.P = document
            kids.append(kid)
        for key, value in pikepdf.NumberTree(other_tree.ParentTree).items():
            parent_tree[int(key) + next_key] = _copy(pdf, value)
        next_key += int(other_tree.get("/ParentTreeNextKey", 0))
    if tagged and len(parts) > 1:
        document.K = pikepdf.Array(kids)
        tree.ParentTreeNextKey = next_key
    return pdf


def set_outline(pdf: pikepdf.Pdf, entries: Sequence[OutlineEntry]) -> None:
    """``entries`` as the PDF's outline, each under the last one before it
    with a lower level; the reader shows it when the PDF opens."""
    last = len(pdf.pages) - 1
    with pdf.open_outline() as outline:
        outline.root.clear()
        open_items: list[tuple[int, pikepdf.OutlineItem]] = []
        for entry in entries:
            item = pikepdf.OutlineItem(entry.title, min(max(entry.page, 0), last))
            while open_items and open_items[-1][0] >= entry.level:
                open_items.pop()
            (open_items[-1][1].children if open_items else outline.root).append(item)
            open_items.append((entry.level, item))
    if entries:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines


def set_info(pdf: pikepdf.Pdf, info: PdfInfo) -> None:
    docinfo = pdf.docinfo
    docinfo.Title = info.title
    docinfo.Producer = PRODUCER
    for key, value in (("/Author", info.author), ("/Subject", info.subject)):
        if value:
            docinfo[key] = value
        elif key in docinfo:
            del docinfo[key]
    if info.created is not None:
        docinfo.CreationDate = docinfo.ModDate = pdf_date(info.created)


def assemble(parts: Sequence[bytes], outline: Sequence[OutlineEntry], info: PdfInfo) -> bytes:
    """One PDF of ``parts``, with ``outline`` and ``info``."""
    pdf = join(parts)
    set_outline(pdf, outline)
    set_info(pdf, info)
    out = io.BytesIO()
    # Streams as Chromium compressed them; the many small objects of the
    # tags in object streams (a 1000-slide PDF: 5.5 MB instead of 13.8).
    pdf.save(
        out,
        deterministic_id=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return out.getvalue()
