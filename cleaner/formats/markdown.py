"""Markdown: only prose is visible to the rules; code, HTML, URLs and the syntax itself are protected.

The document is parsed with markdown-it-py (CommonMark plus tables, strikethrough, YAML front
matter, footnotes and ``$``-math from mdit-py-plugins). Protection works as an allow-list:
a character is visible to the rules only when the inline parser consumed it as literal text
(the ``text`` rule, or the one-character fallback for punctuation no rule claimed), or it is a
line break or blank line between blocks. Everything else is protected: code (fenced, indented,
inline), HTML (blocks, inline, comments), math, front matter (YAML ``---`` and TOML ``+++``),
reference definitions, link destinations and titles, image alt text, autolinks, entities,
backslash escapes, and the syntax (``#``, list markers, ``>``, emphasis markers, link brackets,
table pipes and alignment rows, indentation, the trailing spaces of a hard break). Bare URLs,
e-mail addresses and paths inside prose are protected as in plain text.

Syntax is masked rather than left visible: a rule then cannot edit it by accident, and the
words stay where they are, so every edit is an offset into the source. In ``doc.masked``,
``**Kyiv** is`` reads ``￼￼Kyiv￼￼ is`` and ``[take kyiv](https://x)`` reads ``￼take kyiv￼…``:
rules see the words, with an opaque U+FFFC where markup was.

>>> doc = build_document("## kyiv news\\n\\nSee **Kyiv** and `code`.\\n")
>>> doc.masked.replace(MASK, "#")
'###kyiv news\\n\\nSee ##Kyiv## and ######.\\n'
>>> [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
[('heading', 'kyiv news'), ('paragraph', 'See **Kyiv** and `code`.')]

Inline comments switch rules off (see :mod:`cleaner.suppression`)::

    <!-- mtclean: disable CAS,BRK -->  ...  <!-- mtclean: enable -->
    <!-- mtclean: ignore-next-line -->
    <!-- mtclean: off -->
"""

from __future__ import annotations

import bisect
import functools

import regex

from ..document import MASK, Block, Document, merge_spans
from ..lazy_pattern import LazyPattern
from ..suppression import find_directives
from .text import find_protected

__all__ = ["build_document", "MASK"]

SINK = "mtclean.positions"  # key in markdown-it's env: where the inline rules record positions
LINE_BREAK = regex.compile(r"\r\n?|\n")
TOML_FRONT_MATTER = regex.compile(r"\A\+\+\+[ \t]*(?:\r\n?|\n).*?^\+\+\+[ \t]*$", regex.MULTILINE | regex.DOTALL)
CONTAINERS = {"list_item_open": "list_item", "blockquote_open": "quote"}
FULL_LINE_KINDS = {"fence": "code", "code_block": "code", "html_block": "html", "front_matter": "front_matter",
                   "math_block": "other", "math_block_label": "other", "hr": "other"}


@functools.cache
def parser():
    """The markdown-it parser, built once, with rules that record where prose text lies."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import emphasis, escape, html_inline, link, strikethrough, text
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(footnote_plugin, move_to_end=False)
    # Tight math: `$5 and $10` stays prose; `$x^2$` and `$$` blocks are math.
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_blank_lines=False)
    md.inline.ruler.at("text", recording(text, "prose"))
    md.inline.ruler.at("html_inline", recording(html_inline, "html"))
    md.inline.ruler.at("escape", recording(escape, "escapes"))
    md.inline.ruler.at("emphasis", recording_delimiters(emphasis.tokenize))
    md.inline.ruler.at("strikethrough", recording_delimiters(strikethrough.tokenize))
    md.inline.ruler.at("link", hiding_label_text(link))
    md.inline.ruler.push("literal", take_literal)
    md.core.ruler.at("inline", parse_inlines)
    # Only positions matter, not rendered link targets: skip URL normalization (a third of link parsing).
    md.normalizeLink = md.normalizeLinkText = str
    return md


class Sink:
    """Positions recorded while one inline token's content is parsed (offsets into that content)."""

    __slots__ = ("src", "prose", "html", "escapes", "delimiters")

    def __init__(self, src: str):
        self.src = src
        self.prose: list[tuple[int, int]] = []  # consumed as literal text
        self.html: list[tuple[int, int]] = []  # inline HTML, comments included
        self.escapes: list[tuple[int, int]] = []  # backslash escapes and backslash hard breaks
        self.delimiters: list[tuple[int, list]] = []  # emphasis/strikethrough runs: (start, [(token, marker)])

    def mark(self) -> tuple:
        return len(self.prose), len(self.escapes), len(self.delimiters)

    def rewind(self, mark: tuple) -> None:
        """Forget what was recorded since ``mark`` (the text of a link that is also its label)."""
        del self.prose[mark[0]:], self.escapes[mark[1]:], self.delimiters[mark[2]:]

    def finish(self) -> list[tuple[int, int]]:
        """Prose spans: literal text, escaped characters, and delimiters that stayed literal (``snake_case``)."""
        prose = list(self.prose)
        for start, end in self.escapes:
            if end - start == 2 and self.src[start + 1] != "\n":
                prose.append((start + 1, end))  # the escaped character is text; the backslash is syntax
        for position, markers in self.delimiters:
            for token, marker in markers:
                # Unmatched delimiters stay text tokens with their marker; matched ones become
                # em/strong/s tokens, or text tokens emptied (the second `*` of `**`) or merged.
                if token.type == "text" and token.content == marker:
                    prose.append((position, position + len(marker)))
                position += len(marker)
        prose.sort()
        return prose


def current_sink(state):
    """The sink of the inline token being parsed, or None inside a nested parse (image alt text)."""
    sink = state.env.get(SINK)
    return sink if sink is not None and sink.src is state.src else None


def recording(rule, slot: str):
    """Wrap inline ``rule`` so the spans it consumes are recorded in the sink's list ``slot``."""

    def recorded(state, silent):
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            sink = current_sink(state)
            if sink is not None:
                add_span(getattr(sink, slot), start, state.pos)
        return True

    return recorded


def recording_delimiters(rule):
    """Wrap an emphasis-like rule: remember its delimiter tokens, which stay ``text`` when unmatched."""

    def recorded(state, silent):
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        sink = None if silent else current_sink(state)
        if sink is not None:
            consumed, total, markers = state.pos - start, 0, []
            for token in reversed(state.tokens[count:]):  # skip a flushed pending-text token before them
                if total >= consumed:
                    break
                markers.append((token, token.content))
                total += len(token.content)
            if total == consumed:
                sink.delimiters.append((start, markers[::-1]))
        return True

    return recorded


def hiding_label_text(rule):
    """Wrap the link rule: the text of ``[text]`` and ``[text][]`` links stays protected.

    In shortcut and collapsed reference links the text is also the label that finds the
    reference definition; editing it (``[cafÃ©]`` -> ``[café]``) would break the link, since
    the definition is protected. ``[text](url)`` and ``[text][label]`` keep their text visible.
    """

    def recorded(state, silent):
        start = state.pos
        sink = None if silent else current_sink(state)
        mark = sink.mark() if sink is not None else None
        if not rule(state, silent):
            return False
        if sink is not None:
            end = state.pos
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
            state.pos = end
            if state.src[label_end + 1:end] in ("", "[]"):
                sink.rewind(mark)
        return True

    return recorded


def add_span(spans: list, start: int, end: int) -> None:
    """Append ``[start, end)``, extending the last span when they touch (keeps the lists short)."""
    if spans and spans[-1][1] == start:
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def take_literal(state, silent):
    """The tokenizer's fallback (a character no rule claims is literal text), recorded as prose.

    Runs last, so it sees exactly the characters the fallback would: `!` `:` `-` `&` and the
    like in ordinary sentences.
    """
    if not silent:
        if hasattr(state, "append_pending"):  # markdown-it-py 4: O(1) appends
            state.append_pending(state.src[state.pos])
        else:
            state.pending += state.src[state.pos]
        sink = current_sink(state)
        if sink is not None:
            add_span(sink.prose, state.pos, state.pos + 1)
    state.pos += 1
    return True


def parse_inlines(state) -> None:
    """markdown-it's core ``inline`` rule, keeping each inline token's prose and HTML spans in its meta."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            sink = Sink(token.content)
            state.env[SINK] = sink
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta["prose"], token.meta["html"] = sink.finish(), sink.html
    state.env.pop(SINK, None)


class Lines:
    """Where each source line starts and ends (terminator excluded), as markdown-it counts lines."""

    def __init__(self, text: str):
        self.starts = [0]
        self.ends = []
        for match in LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        self.text = text

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Source span of lines ``first`` to ``last - 1``, without the final terminator."""
        last = min(last, len(self.starts))
        return self.starts[first], self.ends[last - 1]


def locate(lines: Lines, token, cursors: dict) -> list[int | None]:
    """Source offset of each line of an inline token's content (``None`` where it cannot be placed).

    markdown-it builds inline content from the block's lines minus their prefixes (indentation,
    ``>``, list markers, ``#``) and trims the ends, so each content line is found in its source
    line; ``cursors`` keeps table cells on one row in order. A line that is not found exactly
    (a tab expanded to spaces, an escaped table pipe) stays protected.
    """
    text = lines.text
    placed = []
    for index, content in enumerate(token.content.split("\n")):
        number = token.map[0] + index
        if number >= len(lines.starts):
            placed.append(None)
            continue
        start, end = lines.starts[number], lines.ends[number]
        lowest = cursors.get(number, start)
        if lowest == start and token.meta.get("atx"):
            lowest = token.meta["atx"]
        offset = None
        if text.endswith(content, lowest, end):
            offset = end - len(content)
        else:
            trimmed = len(text[start:end].rstrip())
            if trimmed >= len(content) and text.endswith(content, lowest, start + trimmed):
                offset = start + trimmed - len(content)
            else:
                found = text.find(content, lowest, end)
                offset = found if found != -1 else None
        if offset is not None and offset >= lowest:
            placed.append(offset)
            cursors[number] = offset + len(content)
        else:
            placed.append(None)
    return placed


def to_source(token, placed: list[int | None], spans) -> list[tuple[int, int]]:
    """Map spans of an inline token's content to source spans, split at line ends."""
    content = token.content
    line_starts = [0]
    position = content.find("\n")
    while position != -1:
        line_starts.append(position + 1)
        position = content.find("\n", position + 1)
    result = []
    for start, end in spans:
        index = bisect.bisect_right(line_starts, start) - 1
        while start < end and index < len(line_starts):
            line_end = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(content)
            piece_end = min(end, line_end)
            if placed[index] is not None and piece_end > start:
                base = placed[index] - line_starts[index]
                result.append((base + start, base + piece_end))
            index += 1
            start = max(start, line_starts[index]) if index < len(line_starts) else end
    return result


def trim_hard_breaks(content: str, spans) -> list[tuple[int, int]]:
    """Drop trailing spaces before a line break from prose spans: two or more are a hard break.

    One trailing space stays visible (it is only whitespace), two or more are Markdown syntax.
    """
    result = []
    for start, end in spans:
        if end < len(content) and content[end] == "\n":
            trimmed = end
            while trimmed > start and content[trimmed - 1] == " ":
                trimmed -= 1
            if end - trimmed >= 2:
                end = trimmed
        if end > start:
            result.append((start, end))
    return result


def mark_atx(lines: Lines, tokens) -> None:
    """Remember where an ATX heading's text may begin (after the ``#`` run) in its inline token."""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.markup.startswith("#") and index + 1 < len(tokens):
            start, end = lines.starts[token.map[0]], lines.ends[token.map[0]]
            hashes = lines.text.find(token.markup, start, end)
            if hashes != -1:
                tokens[index + 1].meta["atx"] = hashes + len(token.markup)


def blank_toml_front_matter(text: str) -> tuple[str, tuple[int, int] | None]:
    """Hide TOML front matter (``+++`` … ``+++``) from markdown-it, keeping the line count."""
    match = TOML_FRONT_MATTER.match(text)
    if not match:
        return text, None
    return "\n" * len(LINE_BREAK.findall(match.group())) + text[match.end():], match.span()


def link_references(text: str) -> dict:
    """The link reference definitions of ``text`` (``[label]: target``), as markdown-it keeps them.

    A long document is cleaned in parts (:mod:`cleaner.parts`); each part is parsed with the
    whole document's definitions, so ``[text][label]`` is a link in every part, as it is in the
    whole, though its definition sits at the end.

    >>> sorted(link_references("See [the report][kyiv].\\n\\n[kyiv]: https://example.org\\n"))
    ['KYIV']
    """
    md = parser()
    env: dict = {}
    md.block.parse(blank_toml_front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"))[0], md, env, [])
    return env.get("references", {})


def build_document(text: str, references: dict | None = None) -> Document:
    """Parse Markdown ``text`` into protected spans, blocks and suppression comments; ``references``:
    link definitions of the whole document when ``text`` is a part of it."""
    bom = 1 if text.startswith("\ufeff") else 0  # markdown-it would read "\ufeff# Title" as a paragraph
    source, toml = blank_toml_front_matter(text[bom:])
    if toml:
        toml = (toml[0] + bom, toml[1] + bom)
    env: dict = {"references": dict(references)} if references else {}
    tokens = parser().parse(source, env)
    lines = Lines(text)
    mark_atx(lines, tokens)
    anchored = linked_headings(tokens, env)

    visible: list[tuple[int, int]] = []
    blocks: list[Block] = []
    comment_spans: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []  # line ranges of code-like blocks and tables
    containers: list[str] = []
    cursors: dict = {}
    table_start = None
    if toml:
        blocks.append(Block(toml[0], toml[1], "front_matter"))
        covered.append((0, len(LINE_BREAK.findall(text, 0, toml[1])) + 1))

    for index, token in enumerate(tokens):
        kind = token.type
        if kind in CONTAINERS:
            containers.append(CONTAINERS[kind])
        elif kind in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif kind == "table_open":
            table_start = token.map
        elif kind == "table_close" and table_start:
            blocks.append(Block(*lines.span(*table_start), "table"))
            covered.append(tuple(table_start))
            table_start = None
        elif kind in FULL_LINE_KINDS and token.map:
            start, end = lines.span(*token.map)
            blocks.append(Block(start, end, FULL_LINE_KINDS[kind]))
            covered.append(tuple(token.map))
            if kind == "html_block":
                comment_spans.append((start, end))
        elif kind == "inline" and token.map:
            placed = locate(lines, token, cursors)
            if id(token) not in anchored:
                prose = trim_hard_breaks(token.content, token.meta.get("prose", ()))
                visible.extend(to_source(token, placed, prose))
            for span in token.meta.get("html", ()):  # one source span per piece of HTML, even over lines
                pieces = to_source(token, placed, [span])
                if pieces:
                    comment_spans.append((pieces[0][0], pieces[-1][1]))
            if table_start is None:
                blocks.append(prose_block(token, placed, tokens[index - 1].type, containers))

    visible.extend(separators(lines, covered))
    visible.sort()
    protected = complement(visible, len(text))  # complement() copes with overlapping spans
    protected = merge_spans([*protected, *find_protected(text), *find_template_tags(text)])
    suppressions, comments = find_directives(text, comment_spans, lines.starts)
    blocks.sort(key=lambda b: (b.start, b.end))
    return Document(text, protected, tuple(blocks), "markdown", suppressions=suppressions,
                    suppression_comments=comments)


# Tags of the template languages static-site generators run over Markdown: Liquid and Jinja
# ("{% include note.html %}", "{{ page.title }}"), Hugo's shortcodes ("{{< figure >}}", "{{% note %}}"),
# and a Liquid raw block, whose content is literal.
TEMPLATE_TAG = LazyPattern(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}|\{%.{0,2000}?%\}|\{\{.{0,2000}?\}\}",
                           regex.DOTALL)


def find_template_tags(text: str) -> list[tuple[int, int]]:
    """Spans of template tags in ``text``: markup of a site generator, never prose.

    >>> find_template_tags("See {{ page.title }} and {% include x.html %}.")
    [(4, 20), (25, 45)]
    """
    if "{%" not in text and "{{" not in text:
        return []
    return [match.span() for match in TEMPLATE_TAG.finditer(text)]  # bounded: no backtracking to fear


SLUG_DROP = regex.compile(r"[^\p{L}\p{M}\p{N}\p{Pc} -]")
SLUG_NUMBER = regex.compile(r"-\d+$")


def slug(text: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped, each space a hyphen.

    >>> slug("Installation , setup")
    'installation--setup'
    """
    return SLUG_DROP.sub("", text.lower()).replace(" ", "-")


def linked_headings(tokens, env) -> set[int]:
    """Inline tokens of headings that a ``#anchor`` link in the document points to.

    Their text stays protected: fixing ``## Installation , setup`` would change its anchor
    and break the table of contents that links to ``#installation--setup``.
    """
    targets = {ref.get("href", "") for ref in env.get("references", {}).values()}
    for token in tokens:
        if token.type == "inline":
            targets.update(child.attrs.get("href", "") for child in token.children or () if child.type == "link_open")
    anchors = {target[1:].lower() for target in targets if target.startswith("#")}
    if not anchors:
        return set()
    anchors |= {SLUG_NUMBER.sub("", anchor) for anchor in anchors}  # "#intro-1": the second "Intro"
    linked = set()
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            heading = tokens[index + 1]
            words = "".join(c.content for c in heading.children or () if c.type in ("text", "code_inline"))
            if slug(words) in anchors:
                linked.add(id(heading))
    return linked


def prose_block(token, placed, opener: str, containers: list[str]) -> Block:
    """The block of one inline token: from its first to its last character in the source."""
    lines = token.content.split("\n")
    first = next((p for p in placed if p is not None), None)
    last_index = max((i for i, p in enumerate(placed) if p is not None), default=None)
    if first is None or last_index is None:
        return Block(0, 0, "other")
    end = placed[last_index] + len(lines[last_index])
    if opener == "heading_open":
        kind = "heading"
    else:
        kind = containers[-1] if containers else "paragraph"
    return Block(first, end, kind)


def separators(lines: Lines, covered) -> list[tuple[int, int]]:
    """Line breaks and whitespace-only lines outside code-like blocks and tables.

    Rules may delete a whole line or paragraph, which takes its line break with it. A line
    break inside a code, HTML, math or front-matter block or a table stays protected (the
    break after the block's last line is a boundary, not part of the block).
    """
    inner = bytearray(len(lines.starts))  # 1: the line's break is inside a block; 2: the line is in one
    for first, last in covered:
        last = min(last, len(inner))
        for number in range(first, last):
            inner[number] = 1 if number < last - 1 else max(inner[number], 2)
    text = lines.text
    spans = []
    count = len(lines.starts)
    for number in range(count):
        start, end = lines.starts[number], lines.ends[number]
        following = lines.starts[number + 1] if number + 1 < count else end
        if inner[number] == 1:
            continue
        if not inner[number] and (start == end or text[start:end].isspace()):
            spans.append((start, following))
        elif following > end:
            spans.append((end, following))
    return spans


def complement(spans, length: int) -> list[tuple[int, int]]:
    """The parts of ``[0, length)`` outside ``spans`` (sorted, merged)."""
    result = []
    position = 0
    for start, end in spans:
        if start > position:
            result.append((position, start))
        position = max(position, end)
    if position < length:
        result.append((position, length))
    return result
