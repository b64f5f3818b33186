"""Plain text: URLs, e-mail addresses, file paths and handles are protected; blocks are paragraphs.

>>> doc = build_document("Mail me@example.org or see www.example.com.\\n\\nNext paragraph.")
>>> [doc.text[s:e] for s, e in doc.protected]
['me@example.org', 'www.example.com']
>>> [(b.start, b.end) for b in doc.blocks]
[(0, 43), (45, 60)]
"""

from __future__ import annotations

import regex

from ..document import Block, Document, merge_spans

# Trailing sentence punctuation is not part of a URL: "see https://x.org/a." ends at "a".
URL_TAIL = r"""(?<![.,;:!?'"’”)\]])"""
PROTECTED_PATTERN = regex.compile(
    r"""
      \b(?:https?|ftp|file)://[^\s<>"'`]+""" + URL_TAIL + r"""      # URLs with a scheme
    | \bwww\.[^\s<>"'`]+""" + URL_TAIL + r"""                       # www.example.com/path
    | \b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b                               # e-mail addresses
    | (?<![\w/])(?:[A-Za-z]:\\|\.{1,2}/|~/|/)(?:[\w.-]+[/\\])+[\w.-]*\w    # /usr/bin/x, ./a/b, C:\\x\\y
    | \b[\w-]+(?:/[\w.-]+)+\.[A-Za-z]\w{0,5}\b                       # docs/intro.md
    | \b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|co|uk|de|fr|ru|ua|info|biz|dev|app|ai|me|tv|us|eu|ly|gl|gg)\b(?:/[^\s<>"'`]*""" + URL_TAIL + r""")?   # bare domains
    | (?<![\w@])@[A-Za-z_]\w{1,30}                                   # @handles
    """,
    regex.VERBOSE,
)


def find_protected(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of URLs, e-mail addresses, file paths, bare domains and @handles."""
    return merge_spans(m.span() for m in PROTECTED_PATTERN.finditer(text))


BLANK_LINES = regex.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*")


def find_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Runs of non-blank lines between ``start`` and ``end``, newline excluded."""
    end = len(text) if end is None else end
    blocks = []
    position = start
    for match in BLANK_LINES.finditer(text, start, end):
        add_paragraph(blocks, text, position, match.start())
        position = match.end()
    add_paragraph(blocks, text, position, end)
    return blocks


def add_paragraph(blocks: list[Block], text: str, start: int, end: int) -> None:
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    if end > start:
        blocks.append(Block(start, end, "paragraph"))


def build_document(text: str) -> Document:
    return Document(text, find_protected(text), tuple(find_paragraphs(text)), "text")
