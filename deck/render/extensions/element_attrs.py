"""``<!-- .element: class="fragment" -->`` sets attributes of an element.

The rule is reveal.js's own (its markdown plugin): the comment applies to the
nearest element before it among its siblings (``<br>`` skipped), else to the
element that contains it. A comment on a line of its own applies to the block
before it. The comment itself is removed from the output.

Blocks that Python-Markdown keeps as raw HTML (highlighted code, the author's
own ``<div>``) are placeholders in the tree until the very end; for those the
attributes are written into the stashed HTML's first tag.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from deck.core.splitter import parse_attributes

ELEMENT_COMMENT = re.compile(r"^<!--\s*\.element:\s*(?P<attrs>.*?)\s*-->$", re.DOTALL)
FIRST_TAG = re.compile(r"^(?P<space>\s*)<(?P<name>[A-Za-z][\w-]*)(?P<attrs>[^>]*?)(?P<end>/?>)")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")

Attrs = tuple[tuple[str, str], ...]


def apply_attributes(element: etree.Element, attrs: Attrs) -> None:
    for name, value in attrs:
        if name == "class" and element.get("class"):
            value = f"{element.get('class')} {value}"
        element.set(name, value)


def apply_attributes_to_html(raw: str, attrs: Attrs) -> str:
    """Add attributes to the first start tag of a piece of HTML."""
    match = FIRST_TAG.match(raw)
    if not match:
        return raw
    tag_attrs = match["attrs"]
    for name, value in attrs:
        existing = CLASS_ATTR.search(tag_attrs) if name == "class" else None
        if existing:
            merged = f"{existing.group(1) or existing.group(2)} {value}"
            tag_attrs = (
                tag_attrs[: existing.start()]
                + f' class="{html.escape(merged)}"'
                + tag_attrs[existing.end() :]
            )
        else:
            tag_attrs += f' {name}="{html.escape(value)}"'
    return f"{match['space']}<{match['name']}{tag_attrs}{match['end']}" + raw[match.end() :]


class ElementAttributesTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.root = root
        for parent in list(root.iter()):
            self._block_comments(parent)
            self._inline_comments(parent)

    def _comment(self, index: int) -> Attrs | None:
        found = ELEMENT_COMMENT.match(str(self.md.htmlStash.rawHtmlBlocks[index]).strip())
        return parse_attributes(found["attrs"]) if found else None

    def _placeholders_only(self, element: etree.Element) -> list[int] | None:
        """Stash indexes if ``element`` is a <p> holding only placeholders."""
        if element.tag != "p" or len(element) or not element.text:
            return None
        if HTML_PLACEHOLDER_RE.sub("", element.text).strip():
            return None
        return [int(m.group(1)) for m in HTML_PLACEHOLDER_RE.finditer(element.text)]

    def _apply(self, target: etree.Element, attrs: Attrs) -> None:
        # A comment with nothing before it on the slide would go to
        # Python-Markdown's own root element, which must stay bare (it fails to
        # strip it otherwise); the slide's <section> is not in this tree.
        if target is self.root:
            return
        stashed = self._placeholders_only(target)
        if stashed and self._comment(stashed[-1]) is None:
            blocks = self.md.htmlStash.rawHtmlBlocks
            blocks[stashed[-1]] = apply_attributes_to_html(str(blocks[stashed[-1]]), attrs)
        else:
            apply_attributes(target, attrs)

    def _block_comments(self, parent: etree.Element) -> None:
        previous: etree.Element | None = None
        for child in list(parent):
            stashed = self._placeholders_only(child)
            if not stashed or all(self._comment(i) is None for i in stashed):
                previous = child
                continue
            kept: list[int] = []
            for index in stashed:
                attrs = self._comment(index)
                if attrs is None:
                    kept.append(index)
                elif kept:  # a raw block earlier in the same paragraph
                    blocks = self.md.htmlStash.rawHtmlBlocks
                    blocks[kept[-1]] = apply_attributes_to_html(str(blocks[kept[-1]]), attrs)
                else:
                    self._apply(previous if previous is not None else parent, attrs)
            if kept:
                # Each raw block alone in its paragraph, as Python-Markdown expects.
                child.text = self.md.htmlStash.get_placeholder(kept[0])
                position = list(parent).index(child)
                for offset, index in enumerate(kept[1:], start=1):
                    paragraph = etree.Element("p")
                    paragraph.text = self.md.htmlStash.get_placeholder(index)
                    parent.insert(position + offset, paragraph)
                previous = parent[position + len(kept) - 1]
            else:
                parent.remove(child)

    def _inline_comments(self, parent: etree.Element) -> None:
        children = list(parent)
        parent.text = self._take(parent.text, lambda attrs: self._apply(parent, attrs))
        for position, child in enumerate(children):

            def before(attrs: Attrs, position: int = position) -> None:
                target = next(
                    (c for c in reversed(children[: position + 1]) if c.tag != "br"), parent
                )
                self._apply(target, attrs)

            child.tail = self._take(child.tail, before)

    def _take(self, text: str | None, apply) -> str | None:
        """Apply and remove the element comments in ``text``; keep all else."""
        if not text or "wzxhzdk" not in text:
            return text
        removed = False
        for match in reversed(list(HTML_PLACEHOLDER_RE.finditer(text))):
            attrs = self._comment(int(match.group(1)))
            if attrs is not None:
                apply(attrs)
                # The space that stood before the comment went with it.
                start = match.start()
                while start > 0 and text[start - 1] in " \t":
                    start -= 1
                text = text[:start] + text[match.end() :]
                removed = True
        if removed and not text.strip():
            return ""
        return text


class ElementAttributesExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(ElementAttributesTreeprocessor(md), "deck_element_attrs", 15)
