"""Pieces of a long text, cut at ASCII whitespace, for word-level work that need not hold a
whole document's words in memory at once.

Both the ``str`` and the ``bytes`` ``split()`` break words at ASCII whitespace, so splitting
each piece gives the same words as splitting the whole text.

>>> list(chunk_spans("one two three", 4))
[(0, 7), (7, 13)]
"""

from __future__ import annotations

import re

CHUNK_SIZE = 1 << 16  # characters: big enough that the per-piece overhead does not count
ASCII_SPACE = re.compile(r"[ \t\n\r\x0b\x0c]")


def chunk_spans(text: str, size: int = CHUNK_SIZE):
    """``(start, end)`` spans that cover ``text`` in order; each piece but the last ends at an ASCII
    whitespace character found at or after ``size`` characters (a text without any stays whole)."""
    start, length = 0, len(text)
    while start < length:
        cut = ASCII_SPACE.search(text, start + size) if start + size < length else None
        end = length if cut is None else cut.start()
        yield start, end
        start = end
