"""Where the sentence marks are: one scan per mark of a text, shared by the spacing,
punctuation and sentence-break checkers.

Four checkers start from the same few characters: SPC001 from a mark with a space before it,
SPC002 from a mark with a letter after it, PUN003 from a doubled comma or period, BRK from a
period followed by spaces and a lowercase letter. Each scanned the text for its marks (a pattern
led by a literal mark, which re finds in C at some six instructions per character), so a
text was read about eight times. Here one pattern per mark finds every occurrence any of them
starts from (the others, such as a period before a space and a capital, are passed over in C),
and each is sorted into the lists of the checkers that start from it. The checkers of one
Cleaner share a :class:`~cleaner.rules.textmemo.TextMemo` of the lists, released by BRK, the
last of them: they run one after the other on the same text, so one look serves all four (a
fix in between makes a new text, which is looked at again).

>>> look_at_marks("Yes , it works.Thank you.. Then. to go")
Marks(after_space=[4], before_letter=[14], doubled=[24], period_break=[31])
"""

from __future__ import annotations

import re
import weakref
from typing import NamedTuple

from .textmemo import TextMemo

SPACES_BEFORE = frozenset(" \u00a0\u202f")  # spaces before a mark that SPC001 removes
BREAK_SPACES = frozenset(" \t\u00a0")  # spaces between a period and the word after it (BRK)
# The rest of BRK's candidate after its period: spaces, then a lowercase ASCII letter or any
# character outside ASCII (the exact test of the word is BRK's CANDIDATE).
PERIOD_BREAK_REST = re.compile("[ \t\u00a0]+[a-z\u0080-\U0010ffff]")
# For each mark, its occurrences that some checker starts from (a superset of each list): a
# space before it (SPC001), a letter after it (SPC002), the same mark after it (PUN003), spaces
# and a lowercase letter or a character outside ASCII after a period (BRK). Led by the literal
# mark: re skips to each in C and tries the lookarounds there.
SPACE_BEFORE = "(?<=[ \u00a0\u202f].)"
MARK_SCANS = (
    (".", re.compile(r"\.(?:" + SPACE_BEFORE + r"|(?=[^\W\d_]|\.|[ \t\u00a0]+[a-z\u0080-\U0010ffff]))")),
    (",", re.compile(",(?:" + SPACE_BEFORE + "|(?=,))")),
    (";", re.compile(";" + SPACE_BEFORE)),
    (":", re.compile(":" + SPACE_BEFORE)),
    ("?", re.compile(r"\?(?:" + SPACE_BEFORE + r"|(?=[^\W\d_]))")),
    ("!", re.compile("!(?:" + SPACE_BEFORE + r"|(?=[^\W\d_]))")),
)


class Marks(NamedTuple):
    """Offsets of marks, in order, that each checker starts from."""

    after_space: list[int]  # SPC001: ``, . ; ? ! :`` right after a space, no-break or narrow no-break space
    before_letter: list[int]  # SPC002: ``. ! ?`` right before a letter (``[^\\W\\d_]``)
    doubled: list[int]  # PUN003: the non-overlapping ``,,`` and ``..`` (their first mark)
    period_break: list[int]  # BRK: a period, then spaces or tabs on the line, then ``[a-z]`` or a character outside ASCII


NOTHING_SEEN = Marks([], [], [], [])  # what a memo holds before a text and after its release


_MEMOS: weakref.WeakValueDictionary[int, TextMemo] = weakref.WeakValueDictionary()


def marks_for(config) -> TextMemo:
    """The :class:`~cleaner.rules.textmemo.TextMemo` of :func:`look_at_marks` that the checkers
    built for ``config`` share (each module builds its checkers from the configuration alone; one
    configuration object serves one Cleaner's build). It lives as long as a checker holds it.
    """
    memo = _MEMOS.get(id(config))
    if memo is None:
        memo = _MEMOS[id(config)] = TextMemo(look_at_marks, NOTHING_SEEN)
    return memo


def look_at_marks(text: str) -> Marks:
    """The :class:`Marks` of ``text``: each mark's candidates (see :data:`MARK_SCANS`), sorted
    into the lists by the exact tests of each checker's start."""
    after_space: list[int] = []
    before_letter: list[int] = []
    doubled: list[int] = []
    period_break: list[int] = []
    for mark, scan in MARK_SCANS:
        if mark not in text:  # memchr speed: most texts lack some of the marks
            continue
        letter_after, pairs = mark in ".!?", mark in ".,"
        pair_end = 0  # a pair starts at or after the end of the previous one (a literal scan's matches)
        for match in scan.finditer(text):
            position = match.start()
            if position and text[position - 1] in SPACES_BEFORE:
                after_space.append(position)
            after = text[position + 1:position + 2]
            if letter_after and after.isalnum() and not after.isdecimal():  # [^\W\d_], as re has it
                before_letter.append(position)
            if pairs and after == mark and position >= pair_end:
                doubled.append(position)
                pair_end = position + 2
            if mark == "." and after in BREAK_SPACES and PERIOD_BREAK_REST.match(text, position + 1):
                period_break.append(position)
    # Each list was filled mark by mark; most hold one mark's offsets or none.
    return Marks(*(sorted(found) if len(found) > 1 else found
                   for found in (after_space, before_letter, doubled, period_break)))
