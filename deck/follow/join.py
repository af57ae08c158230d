"""Join by code: the audience link as a QR code, for the presenter's screen
(the join overlay, key Q) and for the terminal (``manage.py present``).

segno makes the code in pure Python, offline. Error correction M (15 % of the
code may be lost) reads from the back of a room off a projector, where the
picture is big but not sharp; a LAN link fits in a small version (about 29
modules across), so each module stays large on the screen.
"""

from __future__ import annotations

import io

import segno
from django.http import HttpRequest
from django.urls import reverse

ERROR_CORRECTION = "m"
# The quiet zone that scanners need around the code, in modules (the standard's).
BORDER = 4


def audience_url(request: HttpRequest, slug: str) -> str:
    """The follow page's address as this request reached the server (the
    host the presenter's browser uses, which ALLOWED_HOSTS already vetted)."""
    return request.build_absolute_uri(reverse("follow", args=[slug]))


def code(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def svg(url: str) -> str:
    """The code as inline SVG, one unit per module, scaled by CSS; an image
    named by its title for screen readers."""
    drawn = code(url).svg_inline(
        scale=1,
        border=BORDER,
        dark="#000",
        light="#fff",
        omitsize=True,
        title=f"QR code of {url}",
        svgclass="follow-join-code",
        lineclass=None,
    )
    return drawn.replace("<svg ", '<svg role="img" ', 1)


def terminal(url: str) -> str:
    """The code drawn with half blocks, two module rows per line, for the
    terminal ``present`` runs in."""
    out = io.StringIO()
    code(url).terminal(out=out, compact=True, border=BORDER)
    return out.getvalue()
