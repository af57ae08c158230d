"""The transcript: every slide of a deck as one readable, printable document.

``/<slug>/transcript/`` (``<slug>/transcript.html`` in an export): the slides
in order, each a section under a real heading, with its speaker notes beneath
it, its pictures with their alt text, its code highlighted as on the slide,
and a link to the slide in the deck. For students who read rather than watch,
for screen readers, and for printing a handout without Chromium.
"""
