"""A PDF's document information, set after Chromium printed it.

Pure Python (no Django). Chromium writes the title (from ``<title>``), the
language (from ``<html lang>``), an outline and tags, but no author, and
stamps the time of printing. Both are fixed here without a PDF library:
Skia writes a classic cross-reference table, so

- the dates are overwritten in place (a PDF date has one length), with the
  deck's modification time: the same deck prints to the same bytes;
- a new information dictionary (title, author, subject, dates) is appended
  as an incremental update (PDF 1.7, 7.5.6), which every reader applies and
  which costs nothing however many pages the PDF has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+-]\d\d'\d\d'\)")
TRAILER = re.compile(
    rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s*(?P<xref>\d+)\s*%%EOF\s*$", re.DOTALL
)


class PdfInfoError(ValueError):
    """The PDF is not laid out as Chromium writes them."""


@dataclass(frozen=True)
class PdfInfo:
    title: str
    author: str = ""
    subject: str = ""
    created: datetime | None = None


def pdf_date(moment: datetime) -> bytes:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()


def pdf_text(text: str) -> bytes:
    """A PDF text string for any Unicode text: UTF-16BE, hex, so nothing needs escaping."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _trailer_entry(body: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"/" + key + rb"\s+(\d+\s+\d+\s+R|\d+)", body)
    return match.group(1) if match else None


def set_info(pdf: bytes, info: PdfInfo) -> bytes:
    """``pdf`` with ``info`` as its document information."""
    trailer = TRAILER.search(pdf, max(0, len(pdf) - 4096))
    if trailer is None:
        raise PdfInfoError("no trailer at the end of the PDF")
    body = trailer.group("body")
    size, root, old_info = (_trailer_entry(body, key) for key in (b"Size", b"Root", b"Info"))
    if size is None or root is None:
        raise PdfInfoError("the PDF's trailer has no /Size or /Root")
    if info.created is not None:
        stamp = pdf_date(info.created)
        pdf = DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf[:4096]) + pdf[4096:]
    number = int(old_info.split()[0]) if old_info else int(size)
    new_size = max(int(size), number + 1)
    entries = [
        (b"Title", pdf_text(info.title)),
        (b"Producer", pdf_text("deck, printed by Chromium")),
    ]
    if info.author:
        entries.append((b"Author", pdf_text(info.author)))
    if info.subject:
        entries.append((b"Subject", pdf_text(info.subject)))
    if info.created is not None:
        entries += [(b"CreationDate", b"(" + stamp + b")"), (b"ModDate", b"(" + stamp + b")")]
    separator = b"" if pdf.endswith(b"\n") else b"\n"
    offset = len(pdf) + len(separator)
    obj = (
        b"%d 0 obj\n<<" % number
        + b"\n".join(b"/" + key + b" " + value for key, value in entries)
        + b">>\nendobj\n"
    )
    xref_at = offset + len(obj)
    update = (
        obj
        + b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (number, offset)
        + b"trailer\n<</Size %d\n/Root %s\n/Info %d 0 R\n/Prev %s>>\n"
        % (new_size, root, number, trailer.group("xref"))
        + b"startxref\n%d\n%%%%EOF\n" % xref_at
    )
    return pdf + separator + update
