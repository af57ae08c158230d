"""Fenced code goes through the project's one highlighter.

pymdownx.superfences finds the fences (also inside list items); a catch-all
custom fence hands each block to :func:`deck.render.highlight.highlight`.

Fence options, on the opening line after the language:

- ``{2,4-5}``: highlight lines 2, 4 and 5;
- ``[2,4-5]`` (reveal.js's form): the same, with line numbers;
- ``linenos``: line numbers;
- superfences' own ``hl_lines="2 4"`` and ``linenums="1"`` also work.

Options are rewritten into superfences' ``key="value"`` form before it reads
the fence; an info string it cannot read still opens a fence (relaxed
headers), so no code block ever turns into a paragraph.
"""

from __future__ import annotations

import contextlib
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pymdownx.highlight import HighlightExtension
from pymdownx.superfences import SuperFencesBlockPreprocessor, SuperFencesCodeExtension

from deck.core import fences
from deck.render.highlight import highlight, parse_line_spec

BRACED = re.compile(r"(?P<open>[{\[])\s*(?P<spec>[\d\s,-]*)\s*[}\]]")


def rewrite_info(info: str, line_count: int | None = None) -> str:
    """``{2,4-5} linenos`` -> `` hl_lines="2 4 5" linenums="1"``; only lines
    up to ``line_count`` (the block's) are listed."""
    options = []
    match = BRACED.search(info)
    if match:
        try:
            spec = match["spec"]
            lines = parse_line_spec(spec, line_count) if spec.strip() else ()
        except ValueError:
            lines = ()
        if lines:
            options.append('hl_lines="{}"'.format(" ".join(map(str, lines))))
        if match["open"] == "[":
            options.append('linenums="1"')
        info = info[: match.start()] + info[match.end() :]
    if re.search(r"(^|\s)linenos(\s|$)", info):
        options.append('linenums="1"')
        info = re.sub(r"(^|\s)linenos(?=\s|$)", " ", info)
    return (" " + " ".join(options) if options else "") + (
        " " + info.strip() if info.strip() else ""
    )


class FenceInfoPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        scanned = list(fences.scan(lines))
        # So that a line spec costs no more than the block it highlights.
        code_lines = fences.code_line_counts(scanned)
        out = []
        for index, line, fence in scanned:
            if fence is not None and fence.index == index:
                # The opening line: marker and language stay, options are rewritten.
                options = rewrite_info(fence.options, code_lines.get(index, 0))
                line = line[: len(line) - len(fence.options)] + options
            elif fence is None and "`" in line and fences.OPENING.match(line):
                # ```x`y: text by the one rule (a backtick in the info string),
                # which superfences' relaxed headers would open a fence on. An
                # escaped first backtick keeps it text, as the splitter reads it.
                indent = len(line) - len(line.lstrip())
                line = line[:indent] + "\\" + line[indent:]
            out.append(line)
        return out


def validate(language, inputs, options, attrs, md) -> bool:
    """Accept every fence; keep the options the highlighter understands."""
    if "hl_lines" in inputs:
        with contextlib.suppress(ValueError):
            options["hl_lines"] = tuple(int(n) for n in inputs["hl_lines"].split())
    if "linenums" in inputs:
        options["linenos"] = True
    return True


def format_fence(src, language, class_name, options, md, **kwargs) -> str:
    return highlight(
        src,
        language or "",
        hl_lines=options.get("hl_lines", ()),
        linenos=options.get("linenos", False),
    )


class LinearFencesPreprocessor(SuperFencesBlockPreprocessor):
    """superfences' fence finder, putting the blocks back in one pass.

    pymdownx.superfences (13.1.2) ``SuperFencesBlockPreprocessor.reassemble``
    rebuilds the whole list of lines once per block
    (``lines = lines[:start] + [fenced] + lines[end:]``): quadratic in the
    blocks of a slide. Measured on one slide of short blocks, its time grows
    3.4x to 4x per doubling: 20 s against 4 s here for 400 KB (24,000 blocks);
    about an hour, extrapolated, for the 5 MB ``many_fences`` worst input in
    BENCHMARKS.md (under a minute with this class). Drop this class (and
    ``_SuperFences``) once upstream's ``reassemble`` is a single pass.
    """

    def reassemble(self, lines: list[str]) -> list[str]:
        """The lines with each fenced block in place; the blocks never overlap."""
        out: list[str] = []
        position = 0
        for fenced, start, end in sorted(self.stack, key=lambda block: block[1]):
            out.extend(lines[position:start])
            out.append(fenced)
            position = end
        self.stack.clear()
        out.extend(lines[position:])
        return out


class _SuperFences(SuperFencesCodeExtension):
    def patch_fenced_rule(self) -> None:
        # SuperFences adds pymdownx.highlight by its name, which Python-Markdown
        # looks up among every installed package's entry points
        # (importlib.metadata: a tenth of a second at start-up); hand it the class.
        register = self.md.registerExtensions

        def by_class(extensions, configs):
            named = {"pymdownx.highlight": HighlightExtension}
            return register(
                [
                    named[name](**configs.get(name, {})) if name in named else name
                    for name in extensions
                ],
                {name: config for name, config in configs.items() if name not in named},
            )

        self.md.registerExtensions = by_class
        try:
            super().patch_fenced_rule()
        finally:
            del self.md.registerExtensions
        registered = self.md.preprocessors["fenced_code_block"]
        linear = LinearFencesPreprocessor(self.md)
        linear.config, linear.extension = registered.config, registered.extension
        self.md.preprocessors.register(linear, "fenced_code_block", 25)


class FencesExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(FenceInfoPreprocessor(md), "deck_fence_info", 27)
        _SuperFences(
            relaxed_headers=True,
            custom_fences=[
                {"name": "*", "class": "highlight", "format": format_fence, "validator": validate}
            ],
        ).extendMarkdown(md)
