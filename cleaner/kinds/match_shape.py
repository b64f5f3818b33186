"""Match shapes: how long a full match of a pattern can be, and the texts it must end with.

A line filter tries its patterns on whole lines. A line longer than every match of a pattern,
or not ending the way every match ends, needs no attempt: the bounds derived here let the
prefilters pass over most lines of prose without a regular-expression call. Like the facts of
``required_text``, they are derived with the standard ``re`` parser and shipped for the built-in
pack (``scripts/build_line_filter_facts.py``); a pattern not in the shipped file is derived when
first used, and one that cannot be read gives no bounds, so results never depend on them.

>>> derive_shape("(?:page|part) \\\\d{1,3} of \\\\d+").suffixes is None
True
>>> sorted(derive_shape("[^.!?]{1,80} by clicking here(?: now)?").suffixes)
[' by clicking here', ' by clicking here now']
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .required_text import (ASSERT, ASSERT_NOT, AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN,
                            UNBOUNDED, UNICODE_CLASS, sre_parse)

SHAPES_FILE = Path(__file__).with_name("line_filter_shapes.json")
# Syntax the standard parser reads otherwise than the ``regex`` module: POSIX classes ("[[:alpha:]]")
# and braces that are not a repeat count (fuzzy matching, "(?:cat){e<=1}").
OTHER_SYNTAX = re.compile(r"\[:\^?[a-z]+:\]|(?<!\\)(?:\\\\)*\{(?!\d*(?:,\d*)?\})")
MAX_SUFFIXES = 64  # a longer list of ends is cut at the literal text after it
MAX_CLASS = 8  # a class of at most this many characters ends a match with one of them
QUOTES = "'\"`’‘“”"


class Shape(NamedTuple):
    """What every full match of one pattern looks like (see ``derive_shape``)."""

    min_chars: int  # the fewest characters
    max_chars: int | None  # the most (None: no limit)
    suffixes: frozenset | None  # case-folded texts one of which it ends with (None: any text)
    marks: tuple = ()  # strings of punctuation: it holds one character of each ("[:.]" in a time)


UNKNOWN = Shape(0, None, None)


def pattern_shape(pattern: str) -> Shape:
    """The shape of ``pattern``'s matches: from the shipped file, or derived now.

    >>> pattern_shape("(?:page|part) \\\\d{1,3}")
    Shape(min_chars=6, max_chars=8, suffixes=None, marks=())
    """
    return shipped_shapes().get(pattern) or derive_shape(pattern)


@lru_cache(maxsize=4096)
def derive_shape(pattern: str) -> Shape:
    """``pattern_shape`` from one parse of the pattern (``UNKNOWN`` when it cannot be read)."""
    if OTHER_SYNTAX.search(UNICODE_CLASS.sub("", pattern)):
        return UNKNOWN
    try:  # (a \p{..} class is one character, as \w)
        parsed = sre_parse.parse(UNICODE_CLASS.sub(r"\1\\w", pattern))
        low, high = parsed.getwidth()
        suffixes = suffixes_of(list(parsed))
        marks = tuple(sorted(set(marks_of(list(parsed)))))
    except (re.error, OverflowError, RecursionError):
        return UNKNOWN
    return Shape(low, high if high < UNBOUNDED else None, frozenset(suffixes) if suffixes else None, marks)


def marks_of(items: list) -> list[str]:
    """Punctuation every match of the sequence ``items`` holds: for each character class of a few
    marks (or single mark) it cannot skip, the marks (quotes and spaces left out: a line's
    loosened form changes them).

    >>> marks_of(list(sre_parse.parse(r"\\d{1,2}[:.]\\d{2}(?: ?[ap]m)?")))
    ['.:']
    """
    found = []
    for op, arg in items:
        if op is LITERAL or (op is IN and len(arg) <= MAX_CLASS and all(kind is LITERAL for kind, _ in arg)):
            chars = {chr(arg)} if op is LITERAL else {chr(code) for _, code in arg}
            if all(not c.isalnum() and not c.isspace() and c not in QUOTES and c.casefold() == c for c in chars):
                found.append("".join(sorted(chars)))
        elif op is SUBPATTERN:
            found += marks_of(list(arg[-1]))
        elif (op is MAX_REPEAT or op is MIN_REPEAT) and arg[0] >= 1:
            found += marks_of(list(arg[2]))
    return found


def suffixes_of(items: list) -> set[str] | None:
    """Case-folded texts one of which a match of the sequence ``items`` ends with (None: any text).

    >>> sorted(suffixes_of(list(sre_parse.parse("(?:ab|cd)e(?:fg)?"))))
    ['abe', 'abefg', 'cde', 'cdefg']
    >>> sorted(suffixes_of(list(sre_parse.parse("x(?:ab)+"))))
    ['ab']
    >>> sorted(suffixes_of(list(sre_parse.parse("by clicking here[.!]?"))))
    ['by clicking here', 'by clicking here!', 'by clicking here.']
    """
    if not items:
        return None
    op, arg = items[-1]
    rest = items[:-1]
    if op is LITERAL:
        run = []
        for op, arg in reversed(items):
            if op is not LITERAL:
                break
            run.append(chr(arg))
        text = "".join(reversed(run))
        folded = text.casefold()
        if len(folded) != len(text):
            return None
        before = suffixes_of(items[:len(items) - len(run)])  # "(?:a|b)c" ends in "ac" or "bc"
        if before is None or len(before) > MAX_SUFFIXES:
            return {folded}
        return {found + folded for found in before}
    if op is AT or op is ASSERT or op is ASSERT_NOT:
        return suffixes_of(rest)  # an anchor or a lookaround takes no text
    if op is SUBPATTERN:
        return suffixes_of(rest + list(arg[-1]))
    if op is IN and len(arg) <= MAX_CLASS and all(kind is LITERAL for kind, _ in arg):
        branches = [[(LITERAL, code)] for _, code in arg]  # a class of a few characters ("[.!]"): one of them
    elif op is BRANCH:
        branches = [list(branch) for branch in arg[1]]
    else:
        branches = None
    if branches is not None:
        found: set[str] = set()
        for branch in branches:
            alternative = suffixes_of(rest + branch)
            if alternative is None:
                return None
            found |= alternative
        return found
    if op is MAX_REPEAT or op is MIN_REPEAT:
        low, high, item = arg
        # the last repetition ends the match; before it comes another one, or (at most once) the rest
        last = suffixes_of((rest if high == 1 else []) + list(item))
        if low >= 1 or last is None:
            return last
        skipped = suffixes_of(rest)
        return None if skipped is None else last | skipped
    return None  # a character class: the match may end with anything


@lru_cache(maxsize=1)
def shipped_shapes() -> dict[str, Shape]:
    try:
        data = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}  # derived on use: slower, same results
    return {pattern: Shape(low, high, suffixes and frozenset(suffixes), tuple(marks))
            for pattern, (low, high, suffixes, marks) in data.items()}


def shapes_file_text(patterns) -> str:
    """The shipped file's text for ``patterns`` (the test suite checks the file is current)."""
    lines = []
    for pattern in sorted(set(patterns)):
        shape = derive_shape(pattern)
        data = [shape.min_chars, shape.max_chars, None if shape.suffixes is None else sorted(shape.suffixes),
                list(shape.marks)]
        lines.append(f"{json.dumps(pattern, ensure_ascii=False)}: {json.dumps(data, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
