"""``<!-- .element: class="fragment" -->`` sets attributes of an element.

The rule is reveal.js's own (its markdown plugin): the comment applies to the
nearest element before it among its siblings (``<br>`` skipped), else to the
element that contains it. A comment on a line of its own applies to the block
before it. The comment itself is removed from the output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from deck.splitter import parse_attributes

ELEMENT_COMMENT = re.compile(r"^<!--\s*\.element:\s*(?P<attrs>.*?)\s*-->$", re.DOTALL)


def apply_attributes(element: etree.Element, attrs: tuple[tuple[str, str], ...]) -> None:
    for name, value in attrs:
        if name == "class" and element.get("class"):
            value = f"{element.get('class')} {value}"
        element.set(name, value)


class ElementAttributesTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.root = root
        for parent in list(root.iter()):
            self._handle_block_comments(parent)
            self._handle_inline_comments(parent)

    def _apply(self, element: etree.Element, attrs: tuple[tuple[str, str], ...]) -> None:
        # A comment with nothing before it on the slide would go to Python-
        # Markdown's own root element, which must stay bare (it fails to strip
        # it otherwise); the slide's <section> is not in this tree.
        if element is not self.root:
            apply_attributes(element, attrs)

    def _comment_attrs(self, text: str | None):
        """Yield (placeholder match, attrs) for each element comment in text."""
        for match in HTML_PLACEHOLDER_RE.finditer(text or ""):
            raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            found = ELEMENT_COMMENT.match(str(raw).strip())
            if found:
                yield match, parse_attributes(found["attrs"])

    def _handle_block_comments(self, parent: etree.Element) -> None:
        # A comment on its own line is a paragraph holding only its placeholder.
        previous = None
        for child in list(parent):
            if child.tag == "p" and len(child) == 0 and child.text:
                comments = list(self._comment_attrs(child.text))
                leftover = HTML_PLACEHOLDER_RE.sub("", child.text).strip()
                if comments and not leftover:
                    for _, attrs in comments:
                        self._apply(previous if previous is not None else parent, attrs)
                    parent.remove(child)
                    continue
            previous = child

    def _handle_inline_comments(self, parent: etree.Element) -> None:
        for _, attrs in self._comment_attrs(parent.text):
            self._apply(parent, attrs)
        parent.text = self._strip(parent.text)
        children = list(parent)
        for index, child in enumerate(children):
            for _, attrs in self._comment_attrs(child.tail):
                target = next((c for c in reversed(children[: index + 1]) if c.tag != "br"), parent)
                self._apply(target, attrs)
            child.tail = self._strip(child.tail)

    def _strip(self, text: str | None) -> str | None:
        if not text:
            return text
        for match, _ in reversed(list(self._comment_attrs(text))):
            text = text[: match.start()] + text[match.end() :]
        return text.rstrip() if text.strip() else text.strip()


class ElementAttributesExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(ElementAttributesTreeprocessor(md), "deck_element_attrs", 15)
