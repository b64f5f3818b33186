"""Required text: pieces that every match of a pattern (or every phrase) must contain.

A line filter tries its anywhere-rules on every short line of a document; most lines cannot
match, and finding that out with the joined pattern costs a full regex attempt per line. The
pieces derived here (``{"javascript"}``, ``{"getty", "reuters", ...}``) are searched for once
over the whole case-folded document with the standard ``re`` module; only lines that hold one
of them are tried. A pattern whose required text cannot be derived (``.{2,40}`` alone) gives
``None`` and turns the prefilter off, so the result never depends on the derivation.

>>> sorted(required_pieces("please enable javascript\\\\b.{0,150}"))
['please enable javascript']
>>> sorted(required_pieces("(?:ap|afp|reuters)\\\\s*/\\\\s*\\\\w+"))
['/']
>>> required_pieces("[a-z]{3,9}") is None
True
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

try:  # the parser of the standard ``re`` module (renamed in Python 3.11)
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ANY, ASSERT, ASSERT_NOT, AT, BRANCH = (sre_constants.ANY, sre_constants.ASSERT, sre_constants.ASSERT_NOT,
                                      sre_constants.AT, sre_constants.BRANCH)
CATEGORY, CATEGORY_DIGIT, CATEGORY_SPACE, CATEGORY_WORD = (sre_constants.CATEGORY, sre_constants.CATEGORY_DIGIT,
                                                          sre_constants.CATEGORY_SPACE, sre_constants.CATEGORY_WORD)
IN, LITERAL, MAXREPEAT, MAX_REPEAT, MIN_REPEAT = (sre_constants.IN, sre_constants.LITERAL, sre_constants.MAXREPEAT,
                                                 sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
NOT_LITERAL, RANGE, SUBPATTERN = sre_constants.NOT_LITERAL, sre_constants.RANGE, sre_constants.SUBPATTERN

# A line is normalized by stripping its ends (spaces, list markers, emphasis, brackets),
# collapsing spaces and straightening quotes: the normalized line is a piece of the raw one
# with these changes, so a piece of it, with spaces and quotes read loosely, is in the raw line.
SPACE_RUN = re.compile(r"\s+")
DIGIT = "\x00digit"  # the piece "any decimal digit" (a date pattern has no fixed text)
SOURCES = {" ": r"\s+", "'": "['’‘`]", '"': '["“”]', DIGIT: r"\d"}
# \p{..} classes (regex module syntax) read as \w by the standard parser: a class is never
# required text, so the substitution cannot invent a piece.
UNICODE_CLASS = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}")


class Facts(NamedTuple):
    """What the prefilters know of one pattern (see ``pattern_facts``)."""

    prefixes: frozenset | None  # texts every match starts with (``required_prefixes``)
    pieces: frozenset | None  # texts every match holds, derived only without prefixes (``required_pieces``)
    space_runs: int  # the most runs of whitespace a match holds (``max_space_runs``)


# The facts of the built-in pack's patterns, derived once and shipped (scripts/build_line_filter_facts.py):
# deriving them means parsing every pattern with the pure-Python ``re`` parser, most of the
# start-up time of a short run. A pattern that is not in the file (a user's pack, an edited
# built-in pack) is derived when it is first used, so a stale file costs time, never results.
FACTS_FILE = Path(__file__).with_name("line_filter_facts.json")


def pattern_facts(pattern: str) -> Facts:
    """The prefilter facts of ``pattern``: from the shipped file, or derived now.

    >>> pattern_facts("(?:this|the) video").prefixes == {"this video", "the video"}
    True
    """
    return shipped_facts().get(pattern) or derive_facts(pattern)


@lru_cache(maxsize=4096)
def derive_facts(pattern: str) -> Facts:
    """The facts of ``pattern`` from one parse of it (``pattern_facts`` without the shipped file)."""
    try:
        items = list(sre_parse.parse(UNICODE_CLASS.sub(r"\1\\w", pattern)))
    except (re.error, OverflowError, RecursionError):
        return Facts(None, None, UNBOUNDED)
    prefixes = prefixes_of(items)
    pieces = None if prefixes else pieces_of(items)
    return Facts(frozenset(prefixes) if prefixes else None, frozenset(pieces) if pieces else None,
                 min(runs_of(items), UNBOUNDED))


@lru_cache(maxsize=1)
def shipped_facts() -> dict[str, Facts]:
    try:
        with open(FACTS_FILE, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}  # derived on use: slower, same results
    return {pattern: Facts(None if prefixes is None else frozenset(prefixes),
                           None if pieces is None else frozenset(pieces), runs)
            for pattern, (prefixes, pieces, runs) in data.items()}


def builtin_line_filter_patterns() -> list[str]:
    """Every pattern of the built-in packs' line-filter rules (what the shipped file covers)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    from ..packs import builtin_pack_paths

    patterns = []
    for path in builtin_pack_paths():
        with open(path, "rb") as handle:
            rules = tomllib.load(handle).get("rule", [])
        patterns += [p for rule in rules if rule.get("kind") == "line-filter" for p in rule.get("patterns", [])]
    return patterns


def facts_file_text(patterns) -> str:
    """The shipped file's text for ``patterns`` (the test suite checks the file is current)."""
    data = {}
    for pattern in sorted(set(patterns)):
        facts = derive_facts(pattern)
        data[pattern] = [None if facts.prefixes is None else sorted(facts.prefixes),
                         None if facts.pieces is None else sorted(facts.pieces), facts.space_runs]
    lines = (f"{json.dumps(pattern, ensure_ascii=False)}: {json.dumps(facts, ensure_ascii=False)}"
             for pattern, facts in data.items())
    return "{\n" + ",\n".join(lines) + "\n}\n"


def required_pieces(pattern: str) -> set[str] | None:
    """Case-folded strings one of which every full match of ``pattern`` contains, or None."""
    try:
        parsed = sre_parse.parse(UNICODE_CLASS.sub(r"\1\\w", pattern))
    except (re.error, OverflowError, RecursionError):
        return None
    return pieces_of(list(parsed))


def piece_source(piece: str, space: str = r"\s+") -> str:
    """Standard ``re`` source finding ``piece`` in a raw, case-folded line.

    Normalization collapses spaces and straightens quotes, so a space in the piece matches
    any run of whitespace and a quote any of its curly forms.

    >>> piece_source("don't miss")
    "don['’‘`]t\\\\s+miss"
    """
    if piece in SOURCES:
        return SOURCES[piece]
    sources = {**SOURCES, " ": space}
    return "".join(sources.get(char, re.escape(char)) for char in SPACE_RUN.sub(" ", piece))


def pieces_of(items: list) -> set[str] | None:
    """Best required set of a sequence: a literal run or one required item, the most selective."""
    options: list[set[str]] = []
    run: list[str] = []

    def close_run() -> None:
        piece = stable("".join(run))
        if piece:
            options.append({piece})
        run.clear()

    for op, arg in items:
        if op is LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is SUBPATTERN:
            found = pieces_of(list(arg[-1]))
        elif op is BRANCH:
            found = set()
            for branch in arg[1]:
                alternative = pieces_of(list(branch))
                if alternative is None:
                    found = None
                    break
                found |= alternative
        elif op in (MAX_REPEAT, MIN_REPEAT) and arg[0] >= 1:
            found = pieces_of(list(arg[2]))
        elif op is IN and arg == [(CATEGORY, CATEGORY_DIGIT)]:
            found = {DIGIT}
        else:
            found = None  # character classes, optional items, lookarounds, anchors
        if found:
            options.append(found)
    close_run()
    if not options:
        return None
    return max(options, key=lambda option: (min(map(rarity, option)), -len(option)))


def rarity(piece: str) -> int:
    """How rare a piece is in prose, by its length; a mark like "/" or "[" counts as a word."""
    return 4 if len(piece) == 1 and not piece.isalnum() else 2 if piece == DIGIT else len(piece)


def stable(text: str) -> str:
    """``text`` case folded, without spaces at its ends (a line's ends lose theirs)."""
    folded = text.casefold()
    if len(folded) != len(text):
        return ""  # a character that folds to several (ß -> ss): leave such text to the full match
    return folded.strip()


def required_prefixes(pattern: str) -> set[str] | None:
    """Case-folded texts one of which every full match of ``pattern`` starts with, or None.

    >>> sorted(required_prefixes("(?:sorry, )?your (?:web )?browser"))
    ['sorry, your browser', 'sorry, your web browser', 'your browser', 'your web browser']
    >>> required_prefixes("[a-z]+ by clicking here") is None
    True
    """
    try:
        parsed = sre_parse.parse(UNICODE_CLASS.sub(r"\1\\w", pattern))
    except (re.error, OverflowError, RecursionError):
        return None
    return prefixes_of(list(parsed))


MAX_PREFIXES = 64  # a longer list of starts is cut at the literal text before it


def prefixes_of(items: list) -> set[str] | None:
    """Texts one of which a match of the sequence ``items`` starts with (None: any text)."""
    if not items:
        return None
    op, arg = items[0]
    if op is LITERAL:
        run = []
        for op, arg in items:
            if op is not LITERAL:
                break
            run.append(chr(arg))
        folded = "".join(run).casefold()
        if len(folded) != len(run):
            return None
        following = prefixes_of(items[len(run):])  # "th" + ("is " | "e ") is more selective
        if following is None or len(following) > MAX_PREFIXES:
            return {folded}
        return {folded + text for text in following}
    rest = items[1:]
    if op is AT:
        return prefixes_of(rest)  # an anchor takes no text
    if op is SUBPATTERN:
        return prefixes_of(list(arg[-1]) + rest)
    if op is BRANCH:
        found: set[str] = set()
        for branch in arg[1]:
            alternative = prefixes_of(list(branch) + rest)
            if alternative is None:
                return None
            found |= alternative
        return found
    if op in (MAX_REPEAT, MIN_REPEAT):
        # One repetition comes first; the rest follows it only when no second one may ("a{2}b"
        # starts "aa", "(?:ab)+c" may start "abab"), so then the repeated part alone is the prefix.
        first = prefixes_of(list(arg[2]) + rest if arg[1] == 1 else list(arg[2]))
        if arg[0] >= 1 or first is None:
            return first
        skipped = prefixes_of(rest)
        return None if skipped is None else first | skipped
    return None  # a character class or lookaround: the match may start with anything



UNBOUNDED = 1 << 30
# Class members that never match whitespace (anything else in a class may).
SOLID_MEMBERS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~»›…–—•·’‘“”©")


def max_space_runs(pattern: str) -> int:
    """The most runs of whitespace a full match of ``pattern`` can hold (UNBOUNDED: no limit).

    A line of prose has more spaces than most furniture patterns can match, so a line with
    more runs than this needs no match attempt.

    >>> max_space_runs("share (?:on|to)\\\\s*(?:facebook|x)")
    2
    >>> max_space_runs("tags?: .{1,200}")
    201
    >>> max_space_runs("by [\\\\w.-]+") == 1
    True
    """
    try:
        parsed = sre_parse.parse(UNICODE_CLASS.sub(r"\1\\w", pattern))
    except (re.error, OverflowError, RecursionError):
        return UNBOUNDED
    return min(runs_of(list(parsed)), UNBOUNDED)


def runs_of(items: list) -> int:
    """Upper bound of whitespace runs in a match of the sequence ``items``."""
    total = 0
    for op, arg in items:
        if op in (AT, ASSERT, ASSERT_NOT):
            continue  # takes no text
        if op is LITERAL or op is IN or op is NOT_LITERAL or op is ANY:
            total += 0 if is_solid(op, arg) else 1
        elif op is SUBPATTERN:
            total += runs_of(list(arg[-1]))
        elif op is BRANCH:
            total += max(runs_of(list(branch)) for branch in arg[1])
        elif op in (MAX_REPEAT, MIN_REPEAT):
            inner = runs_of(list(arg[2]))
            if inner and arg[1] is MAXREPEAT:
                total += 1 if is_space_only(list(arg[2])) else UNBOUNDED
            else:
                total += arg[1] * inner
        else:
            return UNBOUNDED
    return total


def is_solid(op, arg) -> bool:
    """Whether one character item never matches whitespace."""
    if op is LITERAL:
        return chr(arg).isalnum() or chr(arg) in SOLID_MEMBERS
    if op is not IN:
        return False
    for kind, value in arg:
        if kind is LITERAL and (chr(value).isalnum() or chr(value) in SOLID_MEMBERS):
            continue
        if kind is RANGE and all(chr(end).isascii() and chr(end).isalnum() for end in value):
            continue
        if kind is CATEGORY and value in (CATEGORY_DIGIT, CATEGORY_WORD):
            continue
        return False
    return True


def is_space_only(items: list) -> bool:
    """Whether ``items`` is one character item that matches only whitespace (a space or a space class)."""
    if len(items) != 1:
        return False
    op, arg = items[0]
    return (op is LITERAL and arg == 32) or (op is IN and arg in ([(CATEGORY, CATEGORY_SPACE)], [(LITERAL, 32)]))
