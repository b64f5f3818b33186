"""Plain text: URLs, e-mail addresses, file paths and handles are protected; blocks are paragraphs.

Finding them is on the hot path of every document, so it works from anchors (``://``,
``@``, ``/``, ``www.``, a known top-level domain): a cheap scan finds the anchors, and only
the whitespace-delimited token around each anchor is classified.

>>> doc = build_document("Mail me@example.org or see www.example.com.\\n\\nNext paragraph.")
>>> [doc.text[s:e] for s, e in doc.protected]
['me@example.org', 'www.example.com']
>>> [(b.start, b.end) for b in doc.blocks]
[(0, 43), (45, 60)]
"""

from __future__ import annotations

import re
from functools import partial
from itertools import chain

from ..document import Block, Document, find_all, merge_spans
from ..lazy_pattern import LazyPattern

TLDS = "com|org|net|edu|gov|io|co|uk|de|fr|ru|ua|info|biz|dev|app|ai|me|tv|us|eu|ly|gl|gg|js|py|rs|md"
# Separate simple patterns scan far faster than one alternation (each has a literal start);
# single characters are found faster still with ``str.find``.
ANCHOR_CHARS = "/\\@"
WWW = re.compile(r"www\.")
# A period and the letters after it, looked up in TOP_LEVEL_DOMAINS: one character class per
# period of the prose instead of trying each domain's first letter (a period followed by a
# domain and a word boundary is a period followed by a run of 2-4 lowercase letters that is one).
DOMAIN_END = re.compile(r"\.([a-z]{2,4})\b")
TOP_LEVEL_DOMAINS = frozenset(TLDS.split("|"))
WHITESPACE = re.compile(r"\s")
# Brackets and quotes around a token and sentence punctuation after it are not part of it.
LEADING = "([{<\"'“‘«"
TRAILING = ".,;:!?)]}>\"'’”»"
# Each kind of token, with texts one of which every match holds: a token without any is not
# tried, and a pattern no token of a run needed is never compiled.
KINDS = (
    (LazyPattern(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+"), ("://", "www.")),  # URL
    (LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), ("@",)),  # e-mail address
    (LazyPattern(r"@[A-Za-z_]\w{1,30}"), ("@",)),  # handle
    (LazyPattern(r"(?:[A-Za-z]:\\|\.{1,2}/|~/|/)(?:[\w.-]+[/\\])*[\w.-]*\w"
                 r"|[\w-]+(?:/[\w.-]+)+\.[A-Za-z]\w{0,5}"), ("/", "\\")),  # file path
    (LazyPattern(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:" + TLDS + r")(?:/\S*)?"), (".",)),  # bare domain
)


def classify_token(token: str) -> int:
    """Length of the protected prefix of ``token`` (0 when it is prose).

    >>> [classify_token(t) for t in ("https://x.org/a", "and/or", "/usr/bin", "me@x.io", "Node.js", "U.S.")]
    [15, 0, 8, 7, 7, 0]
    """
    for pattern, needles in KINDS:
        if any(needle in token for needle in needles) and pattern.fullmatch(token):
            return len(token)
    return 0


LONGEST_TOKEN = 2048  # a protected token longer than this is cut at its first 2 KB: scanning stays linear


def token_start(text: str, position: int) -> int:
    """Where the whitespace-delimited token holding ``position`` starts (looking back at most 2 KB).

    ``str.rfind`` finds the last space or line break; only the few characters after it are
    then searched for other whitespace (a tab, a no-break space).

    >>> token_start("see and/or this", 7), token_start("a\u00a0b/c", 3)
    (4, 2)
    """
    low = max(0, position - LONGEST_TOKEN)
    start = max(low, text.rfind(" ", low, position) + 1, text.rfind("\n", low, position) + 1)
    for space in WHITESPACE.finditer(text, start, position):
        start = space.end()
    return start


def find_protected(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of URLs, e-mail addresses, file paths, bare domains and @handles."""
    # Most documents have few anchors and a short one none: each is looked for with ``in`` (C,
    # memchr speed) before it is scanned for, and a text without any has nothing to protect.
    positions = []
    if "." in text:
        for match in DOMAIN_END.finditer(text):
            if match.group(1) in TOP_LEVEL_DOMAINS:
                positions.append(match.start())
        if "www." in text:
            positions.extend(match.start() for match in WWW.finditer(text))
    for char in ANCHOR_CHARS:
        if char in text:
            positions.extend(find_all(text, char))
    if not positions:
        return ()
    positions.sort()
    spans = []
    last_token_start = -1
    for position in positions:
        start = token_start(text, position)
        if start == last_token_start:
            continue
        last_token_start = start
        after = WHITESPACE.search(text, position)
        end = after.start() if after else len(text)
        while start < end and text[start] in LEADING:
            start += 1
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        if end > start and classify_token(text[start:end]):
            spans.append((start, end))
    return merge_spans(spans)


# A blank line and the whitespace after it, up to the next paragraph's first character (a
# paragraph is trimmed of that whitespace anyway, so it may as well be skipped here).
BLANK_LINES = re.compile(r"\n[ \t\r]*\n[ \t\r\n]*")
SPACE = " \t\r\n"
make_block = partial(tuple.__new__, Block)  # Block(start, end, kind) from a tuple, in C


def find_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Runs of non-blank lines between ``start`` and ``end``, newline excluded.

    Every document is split into paragraphs, so this runs once per paragraph of every text:
    a text of one line (an MT segment) is one paragraph at once, and each block is made in C
    (a NamedTuple's ``__new__`` is a Python call).

    >>> [(b.start, b.end) for b in find_paragraphs(" One.\\n \\nTwo\\nlines. \\n")]
    [(1, 5), (8, 18)]
    """
    if "\n" not in text and start == 0 and end is None:
        body = text.strip(SPACE)
        if not body:
            return []
        first = len(text) - len(text.lstrip(SPACE))
        return [make_block((first, first + len(body), "paragraph"))]
    end = len(text) if end is None else end
    blocks = []
    append = blocks.append
    position = start
    for gap in chain(BLANK_LINES.finditer(text, start, end), (None,)):
        stop = end if gap is None else gap.start()
        while position < stop and text[position] in SPACE:
            position += 1
        while stop > position and text[stop - 1] in SPACE:
            stop -= 1
        if stop > position:
            append(make_block((position, stop, "paragraph")))
        if gap is not None:
            position = gap.end()
    return blocks


def build_document(text: str, references: dict | None = None) -> Document:
    """Plain text's document (``references``, Markdown's link definitions, mean nothing here)."""
    return Document(text, find_protected(text), tuple(find_paragraphs(text)), "text")
