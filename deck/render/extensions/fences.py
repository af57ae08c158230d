"""Fenced code goes through the project's one highlighter.

pymdownx.superfences finds the fences (also inside list items); a catch-all
custom fence hands each block to :func:`deck.render.highlight.highlight`.

Fence options, on the opening line after the language (the grammar is in
:mod:`deck.render.line_specs`):

- ``{2,4-5}``: highlight lines 2, 4 and 5;
- ``[2,4-5]`` (reveal.js's form): the same, with line numbers;
- ``[1-2|3|5-7]`` or ``{1-2|3|5-7}``: highlight steps, one fragment each;
- ``[123: 1,3-4]``: numbers from 123, highlighting its lines 1, 3 and 4;
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
from deck.render import line_specs
from deck.render.extensions import tabs
from deck.render.extensions.diagrams import MERMAID_FENCE
from deck.render.extensions.math import MATH_FENCE
from deck.render.highlight import highlight
from deck.render.line_specs import LineSpec

# Fences drawn as something other than code (no Pygments, no W003).
RENDERED_FENCES = (MATH_FENCE, MERMAID_FENCE)
RENDERED_LANGUAGES = frozenset(fence["name"] for fence in RENDERED_FENCES)

# A line spec in brackets or braces: not superfences' attribute lists
# (``{.python #id key="value"}``), which hold a dot, a hash or an equals sign.
BRACED = re.compile(r"(?P<open>[{\[])(?P<spec>[^{}\[\]=.#\"']*)[}\]]")
# The options this module hands to superfences, in its key="value" form.
STEPS_KEY = "deck_lines"


def read_spec(info: str) -> tuple[re.Match[str] | None, LineSpec | None, str]:
    """The line spec of a fence's options: its match, the spec, and why it
    could not be read ('' when it could, or when there is none)."""
    match = BRACED.search(info)
    if match is None:
        return None, None, ""
    try:
        return match, line_specs.parse(match["spec"]), ""
    except ValueError as error:
        return match, None, str(error)


def rewrite_info(info: str, line_count: int | None = None) -> str:
    """``[10: 2|4-5] linenos`` -> `` deck_lines="2|4-5" linenums="10"``; only
    lines up to ``line_count`` (the block's) are named."""
    options = []
    match, spec, _ = read_spec(info)
    if match:
        # A spec that cannot be read highlights nothing (deck.W012 says why).
        if spec is not None:
            if line_count is not None:
                spec = spec.clipped(line_count)
            if spec.stepped or spec.highlights:
                options.append(f'{STEPS_KEY}="{spec.serialize()}"')
        numbered = match["open"] == "[" or (spec is not None and spec.start is not None)
        if numbered:
            start = spec.start if spec is not None and spec.start is not None else 1
            options.append(f'linenums="{start}"')
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
    if STEPS_KEY in inputs:
        with contextlib.suppress(ValueError):
            options["spec"] = line_specs.parse(inputs[STEPS_KEY])
    if "linenums" in inputs:
        options["linenos"] = True
        start = inputs["linenums"].split()[0] if inputs["linenums"].strip() else "1"
        if start.isdigit() and start != "1":
            spec = options.get("spec") or LineSpec()
            options["spec"] = LineSpec(spec.steps, int(start))
    return True


def format_fence(src, language, class_name, options, md, **kwargs) -> str:
    return highlight(
        tabs.restore(src, md),
        language or "",
        hl_lines=options.get("hl_lines", ()),
        linenos=options.get("linenos", False),
        spec=options.get("spec"),
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
                {"name": "*", "class": "highlight", "format": format_fence, "validator": validate},
                # After the catch-all: superfences tries the last entries first.
                *RENDERED_FENCES,
            ],
        ).extendMarkdown(md)
