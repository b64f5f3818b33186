"""The text a rule looks at: the string, its protected regions, its blocks, and positions.

Protected regions (code, URLs, e-mail addresses, front matter...) are decided once per
document by the format layer. Rules read :attr:`Document.masked`, where every protected
character is replaced by :data:`MASK` (line breaks kept), so offsets are the same as in
:attr:`Document.text` but no pattern can match inside code or a URL. The pipeline also
drops any edit that touches a protected region, so a rule cannot forget to check.

>>> doc = Document("see https://x.io/a. ok", protected=((4, 18),))
>>> doc.masked[4:18] == MASK * 14
True
>>> doc.line_col(19)
(1, 20)
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import NamedTuple

MASK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: not a letter, digit, space or punctuation


class Block(NamedTuple):
    """A unit of the document's structure: a paragraph, heading, list item, code block...

    ``kind`` is one of ``paragraph``, ``heading``, ``list_item``, ``quote``, ``table``,
    ``code``, ``html``, ``front_matter``, ``other``. Line and paragraph rules (boilerplate,
    repeated paragraphs) work on prose blocks; the others are protected anyway.

    A named tuple: every document makes one per paragraph, and a tuple is made in half the
    time of a frozen dataclass, which sets each field through ``object.__setattr__``.
    """

    start: int
    end: int
    kind: str = "paragraph"


PROSE_KINDS = frozenset({"paragraph", "heading", "list_item", "quote", "table"})
LINE_DELETABLE_KINDS = PROSE_KINDS - {"table"}


@dataclass(slots=True)
class Document:
    """A text with its protected spans (sorted, non-overlapping) and its blocks."""

    text: str
    protected: tuple[tuple[int, int], ...] = ()
    blocks: tuple[Block, ...] = ()
    fmt: str = "text"
    suppressions: tuple[tuple[int, int, frozenset | None], ...] = ()
    """Spans where rule codes are switched off by inline comments (``None``: every code)."""
    suppression_comments: tuple[tuple[int, int, str | None], ...] = ()
    """The comment behind each suppression (same order): its span and, for a comment that can
    suppress nothing (an unknown directive, an unmatched ``enable``), why; see :mod:`cleaner.suppression`."""
    continues_before: bool = False
    """The document is a part of a longer one (see :mod:`cleaner.parts`) and text comes before it."""
    continues_after: bool = False
    """Text of the longer document comes after this part."""
    _masked: str | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)
    _protected_starts: list[int] | None = field(default=None, repr=False)

    @property
    def masked(self) -> str:
        """The text with protected characters replaced by :data:`MASK`, line breaks kept."""
        if self._masked is None:
            self._masked = mask_spans(self.text, self.protected)
        return self._masked

    def touches_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a protected span (an insertion strictly inside one counts)."""
        if not self.protected:
            return False
        if self._protected_starts is None:
            self._protected_starts = [s for s, _ in self.protected]
        index = bisect.bisect_right(self._protected_starts, max(start, end - 1) if end > start else start) - 1
        if index < 0:
            return False
        p_start, p_end = self.protected[index]
        if end == start:
            return p_start < start < p_end
        return start < p_end and p_start < end

    def deletes_whole_lines(self, start: int, end: int) -> bool:
        """True when deleting ``[start, end)`` removes whole prose lines and every protected span it meets.

        Page furniture in Markdown is often markup (``## Related posts``, ``- [Share](url)``,
        ``**Advertisement**``): the markers and link targets are protected, yet removing the
        whole line removes them intact. Code, HTML, front matter and tables never qualify.

        >>> doc = Document("Text.\\n[Share](https://x.io)\\n", protected=((6, 7), (12, 28)),
        ...                blocks=(Block(0, 5), Block(6, 28)))
        >>> doc.deletes_whole_lines(5, 28), doc.deletes_whole_lines(6, 13)
        (True, False)
        """
        text = self.text
        if end <= start:
            return False
        starts_line = start == 0 or text[start - 1] == "\n" or text[start] in "\r\n"
        ends_line = end == len(text) or text[end - 1] == "\n" or text[end] in "\r\n"
        if not (starts_line and ends_line):
            return False
        for p_start, p_end in self.protected:
            if p_start < end and start < p_end:
                if not (start <= p_start and p_end <= end):
                    return False
                content = text[p_start:p_end]
                if "`" in content or content.startswith("<!--"):
                    return False  # inline code or a comment is content, not furniture
        return not any(b.start < end and start < b.end and b.kind not in LINE_DELETABLE_KINDS for b in self.blocks)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset``."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def prose_blocks(self) -> list[Block]:
        """The blocks whose text is prose (not code, HTML or front matter)."""
        return [b for b in self.blocks if b.kind in PROSE_KINDS]


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins (``\\n`` ends a line; ``\\r\\n`` too)."""
    return [0, *(position + 1 for position in find_all(text, "\n"))]


def find_all(text: str, needle: str, start: int = 0):
    """Every offset of ``needle`` in ``text`` (overlaps skipped), found with ``str.find``.

    For a rare character or pair this beats a pattern scan many times over: a pattern that
    starts with a character class tries a match at every character.

    >>> list(find_all("a , b , c", " ,"))
    [1, 5]
    """
    position = text.find(needle, start)
    while position != -1:
        yield position
        position = text.find(needle, position + len(needle))


def mask_spans(text: str, spans) -> str:
    """Replace every character inside ``spans`` by :data:`MASK`, keeping ``\\n`` and ``\\r``.

    >>> mask_spans("a `b\\nc` d", [(2, 7)]) == "a " + MASK * 2 + "\\n" + MASK * 2 + " d"
    True
    """
    if not spans:
        return text
    parts = []
    position = 0
    for start, end in spans:
        parts.append(text[position:start])
        chunk = text[start:end]
        parts.append("".join(ch if ch in "\r\n" else MASK for ch in chunk) if ("\n" in chunk or "\r" in chunk) else MASK * (end - start))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def merge_spans(spans) -> tuple[tuple[int, int], ...]:
    """Sort spans and merge the ones that overlap or touch."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


class Spans:
    """Spans that may overlap (quotations, blocks, suppression ranges), for the question "does
    one of them cover this span?" in logarithmic time.

    >>> Spans([(0, 10), (2, 4), (20, 30)]).covers(3, 9), Spans([(2, 4)]).covers(3, 5)
    (True, False)
    """

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(itertools.accumulate((end for _, end in spans), max))  # furthest end so far

    def covers(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end
