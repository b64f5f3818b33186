"""Line filters: whole lines of page furniture ("Leave a Comment", "Advertisement") removed.

A ``line-filter`` rule lists ``phrases`` (a whole line equal to one, ignoring case, list
markers and trailing punctuation) and ``patterns`` (regular expressions a whole normalized
line must match). Where the rule applies is its ``position``:

- ``edge`` (default): only in the leading or trailing block of the document: the lines
  before the first and after the last line of real prose. A sentence in the body that
  happens to equal a phrase stays.
- ``anywhere``: classic standalone widget lines ("Advertisement", "Image copyright Getty
  Images") that are furniture wherever they sit.

In the trailing block, furniture is removed only while it runs unbroken to the end of the
document. A rule with ``takes_following = true`` is a section header ("Related posts"); in
the trailing block, the short lines after it (a list of headlines) go with it. With
``takes_prose = true`` as well (a comment thread: "Top Rated Comments"), the lines it takes
may be sentences too, provided an article (three lines of prose) stands above it.

A removed line goes with its line break, and a paragraph that was only furniture goes with
one of the blank lines around it, so no blank-line debris is left. Each line is its own
issue, sane on its own, so selecting or suppressing some of the codes still leaves tidy text.

>>> from cleaner.edits import apply_edits
>>> from cleaner.formats import build_document
>>> rules = [{"code": "XYZ001", "phrases": ["Leave a Comment"], "message": "comment widget"}]
>>> checker = build(rules, [None], "example.toml")
>>> text = "The war goes on.\\n\\nLeave a Comment\\n"
>>> apply_edits(text, list(checker.check(build_document(text))))
'The war goes on.\\n'
"""

from __future__ import annotations

import bisect
import re
from functools import partial
from operator import attrgetter
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..config import ConfigError
from ..packs import is_builtin_pack
from ..document import MASK
from ..edits import Applicability, Issue
from ..rules.base import PATTERN_TIMEOUT
from .match_shape import pattern_shape
from .required_text import DIGIT as DIGIT_PIECE, UNBOUNDED, pattern_facts

STAGE = "boilerplate"
FIELDS = {"phrases": list, "patterns": list, "position": str, "takes_following": bool, "takes_prose": bool}
POSITIONS = ("edge", "anywhere")

# A line is prose (it ends the leading block or starts the trailing one) when it reads like a
# sentence: eight words or more with a closing mark, or twenty words or more.
PROSE_MIN_WORDS = 8
PROSE_LONG_WORDS = 20
PROSE_ENDS = frozenset(".!?…:;\"”’')]")  # how a line of prose ends
SENTENCE_MARKS = frozenset(".!?…")  # how a sentence ends (a title or byline does not)
CLOSING = frozenset("\"”’')")
# The leading/trailing block may pass over a few short lines that are not furniture (a title,
# a byline, a date); more than this many and the block is the article, not its frame.
MAX_WEAK_LINES = 4
# A header like "Related posts" takes at most this many short lines with it.
MAX_TAKEN_LINES = 20
MAX_TAKEN_WORDS = 20
MAX_TAKEN_SENTENCE_WORDS = 15  # a taken line ending in a period (a teaser's summary) is shorter
MAX_THREAD_WORDS = 400  # a reader's comment taken with a comment-thread header
MAX_THREAD_LINES = 40
MIN_ARTICLE_LINES = 3  # lines of prose above a comment-thread header: the article it follows
MAX_LINE_CHARS = 600  # furniture is short; longer lines are never matched (cookie banners fit)
MAX_ANYWHERE_CHARS = 360  # standalone widget lines are shorter still (a BBC caption fits)
FEW_LINES = 4  # a document of this many lines or fewer is not searched as a whole (candidate_lines)

LIST_MARKERS = regex.compile(r"^(?:\s*(?:#{1,6}\s+|>\s?|[-*+•·▪►]\s+))+")
WRAPPERS = regex.compile(r"^(?:\*\*|__|\[|\()\s*(.*?)\s*(?:\*\*|__|\]|\))$")
WRAPPER_OPENS, WRAPPER_CLOSES = frozenset("*_[("), frozenset("*_])")  # how a WRAPPERS match starts and ends
STRAIGHT = (("’", "'"), ("‘", "'"), ("`", "'"), ("“", '"'), ("”", '"'))  # the quotes loosen straightens
APOSTROPHES = (*STRAIGHT, ("\u00a0", " "))  # and normalize, with the no-break space
SPACES = regex.compile(r"\s+")
# A line with more runs of spaces than this is matched only against the patterns that allow
# as many (``max_space_runs``): a sentence of prose skips most of them.
SPACE_TIERS = (64, 32, 16, 8)  # (Matcher.match picks the tier with a chain of comparisons)
MARKER_STARTS = frozenset("#>-*+•·▪►")
EDGE_PUNCT = " \t:.!…»›>|-–—*•·_=~#"
# What normalization and phrase keys may strip from the start of a line (spaces, list markers,
# emphasis, brackets, masked markup, edge punctuation): a prefilter skips any run of it in a
# loosened line (``loosen``: its whitespace is spaces).
START_JUNK = " " + MASK + "#>-*+•·▪►_[(" + EDGE_PUNCT
# What normalization may strip from the end of a line (spaces, closing emphasis and brackets):
# the known end of a pattern's matches is looked for in a loosened line without these at its end.
END_MARKS = " *_])"
DIGIT = re.compile(r"\d")
NEWLINE = re.compile("\n")
FRAGMENT_BREAKS = re.compile("[ '\"]")  # a loosened piece is found in a raw line by a part without these
SEPARATORS = "\x1c\x1d\x1e\x1f"  # whitespace to Python, not to the patterns


def has_separators(text: str) -> bool:
    """Whether ``text`` holds a separator control character (four scans for one character are
    faster than a regular expression with a class)."""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text  # (SEPARATORS)
SEARCH_CHARS = 1 << 16  # the document is searched this many characters (whole lines) at a time
# A line's start is looked for by the first characters of a prefilter's starts: fewer compile
# faster, more find fewer lines to test (each costs more than all the search does per line).
KEY_CHARS = 10
# Whitespace as ``str.split`` sees it, but the line break (checked against the Unicode database by the tests).
LINE_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
LINE_SPACES = re.sub("(.)-(.)", lambda m: "".join(map(chr, range(ord(m[1]), ord(m[2]) + 1))), LINE_SPACES)
# Characters whose case folding is not one character ("ß" -> "ss"), or is ASCII although they are
# not ("ſ", the Kelvin sign): the byte search of ``candidate_lines`` cannot see through them, so a
# line holding one is always a candidate. Listed from the Unicode database of Python 3.11 (the
# tests check it against the running Python's).
FOLD_SPECIAL = re.compile("[\xdf\u0130\u0149\u017f\u01f0\u0390\u03b0\u0587\u1e96-\u1e9a\u1e9e\u1f50\u1f52\u1f54"
                          "\u1f56\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6\u1fb7\u1fbc\u1fc2-\u1fc4\u1fc6\u1fc7\u1fcc\u1fd2"
                          "\u1fd3\u1fd6\u1fd7\u1fe2-\u1fe4\u1fe6\u1fe7\u1ff2-\u1ff4\u1ff6\u1ff7\u1ffc\u212a"
                          "\ufb00-\ufb06\ufb13-\ufb17]")
# Their UTF-8 encodings (or more: the Greek Extended block), to look for them in bytes.
FOLD_SPECIAL_BYTES = re.compile(rb"\xc3\x9f|\xc4\xb0|\xc5[\x89\xbf]|\xc7\xb0|\xce[\x90\xb0]|\xd6\x87"
                                rb"|\xe1(?:\xba[\x96-\x9e]|[\xbd-\xbf])|\xe2\x84\xaa|\xef\xac[\x80-\x97]")
# One byte of the UTF-8 encoding of each of them (of each of FOLD_SPECIAL_BYTES's matches): a text
# without any of these bytes holds none of the characters. Rare in English text: not the bytes of
# curly quotes, dashes, the no-break space or the accented Latin letters but 'ß'.
# (As numbers: ``bytes.__contains__`` tries a bytes argument as a number first, failing.)
FOLD_SPECIAL_MARKS = (0x9f, 0xb0, 0xc5, 0xc7, 0xce, 0xd6, 0xe1, 0xaa, 0xac)
ASCII_BYTES = bytes(range(128))
# A global inline flag or a reference to a group number: the patterns can only be tried joined.
JOINED_ONLY = regex.compile(r"\(\?[a-zA-Z]+\)|\\[1-9]|\\g<|\(\?P=|\(\?\(")


def normalize(line: str) -> str:
    """The line as rules see it: markers, emphasis and brackets stripped, spaces collapsed.

    Case is kept so a pattern can ask for capitals (``(?-i:VIDEO)``); phrases ignore it.

    >>> normalize("  - **Share this:** ")
    'Share this:'
    >>> normalize("[ Read All Comments ]")
    'Read All Comments'
    """
    text = line.strip()
    if text[:1] in MARKER_STARTS:
        text = LIST_MARKERS.sub("", text).strip()
    for _ in range(2):
        if text[:1] not in WRAPPER_OPENS or text[-1:] not in WRAPPER_CLOSES:
            break  # (the cheap half of WRAPPERS: most lines are not wrapped)
        match = WRAPPERS.match(text)
        if not match or "[" in match.group(1) or "]" in match.group(1):
            break
        text = match.group(1)
    if not text.isascii() or "`" in text:  # (isascii costs nothing; replacing, less than searching first)
        for curly, straight in APOSTROPHES:  # (str.translate with a dict looks up every character)
            text = text.replace(curly, straight)
    return SPACES.sub(" ", text).strip() if "  " in text or "\t" in text else text


def unmarked(line: str) -> str:
    """The line without protected markup at its ends (Markdown "## ", "- [", "](url)").

    A protected character left inside (a URL in the middle of the line) keeps the line out of
    matching: what it says cannot be known.
    """
    return line.strip().strip(MASK) if MASK in line else line


def phrase_key(normalized: str) -> str:
    """A normalized line without punctuation at its ends, case folded: the key for phrase lookup."""
    return normalized.strip(EDGE_PUNCT).casefold()


@dataclass(frozen=True, slots=True)
class LineRule:
    code: str
    message: str
    anywhere: bool
    takes_following: bool
    takes_prose: bool = False


class Line(NamedTuple):  # a tuple: made for many lines, and cheaper to make than a frozen dataclass
    start: int  # offset of the first character
    end: int  # offset just after the line's text (before "\r\n" or "\n")
    next: int  # offset of the next line (after the line break), or len(text)
    words: int
    blank: bool
    prose: bool
    takeable: bool  # headline-sized: a header may take it along
    sentence: bool  # ends like a sentence (a title or byline does not)
    transparent: bool  # front matter: not part of the article, passes through the blocks
    heading: bool = False  # a Markdown heading: at the top of a document it is the title


new_line = partial(tuple.__new__, Line)  # Line(*values) without the Python-level __new__ of a NamedTuple


class Prefilter(NamedTuple):
    """What a line must show for any phrase or pattern of a matcher to match it (``may_match``).

    Texts are loosened (``loosen``): a line passes when, after the marks normalization
    strips, it starts with one of ``starts``, or passes the test of a pattern without a known
    start (``Screen``) that can match a line as long and with as many runs of spaces as this one.
    """

    starts: dict  # first character -> the starts beginning with it
    always: bool  # a start made only of marks: every line passes
    pieces: tuple
    digit: bool
    # For a whole document (``candidate_lines``): the first characters of the
    # starts, and a text without spaces or quotes from each piece, found with ``str.find``.
    heads: frozenset  # the first KEY_CHARS characters of each start (all of a shorter one; search_key)
    fragments: tuple | None  # None: some piece has no such text (or a digit is enough)
    # (most runs of spaces, most characters, pieces, digit, suffixes, marks) of each pattern without a known start
    tests: tuple
    run_marks: list  # the counts of runs of spaces and the lengths at which the tests that apply change
    width_marks: list
    screens: dict  # (runs of spaces, length), as places in the marks -> the screen of the tests that apply

    def passes(self, folded: str, loose: str, spaced: bool = False, view: tuple | None = None) -> bool:
        """``spaced``: each space of ``loose`` is whitespace to the patterns too (no separator
        control character in the text), so the spaces count runs that a match must hold;
        ``view``: ``line_view(loose, spaced)``, when known (the prefilters of a line share it)."""
        if self.always:
            return True
        head, runs, size, tail = view or line_view(loose, spaced)
        starts = self.starts.get(head[:1])
        if starts is not None and head.startswith(starts):
            return True
        if not self.tests:
            return False
        key = (bisect.bisect_right(self.run_marks, runs), bisect.bisect_right(self.width_marks, size))
        screen = self.screens.get(key)
        if screen is None:  # (the same tests apply to every line of the key's places)
            screen = self.screens[key] = Screen.of([
                (pieces, digit, suffixes, marks) for space_runs, max_chars, pieces, digit, suffixes, marks in self.tests
                if runs <= space_runs and (max_chars is None or size <= max_chars)])
        return screen.passes(folded, loose, tail)


def search_key(head: str) -> str:
    """The start of ``head`` a whole-document search looks for (``candidate_lines``): its first
    KEY_CHARS characters, up to the first cased character that is not ASCII (the search lowers
    only ASCII letters). A shorter key finds more lines, never fewer.

    >>> search_key("leave a comment"), search_key("über uns")
    ('leave a co', '')
    """
    key = head[:KEY_CHARS]
    return key if key.isascii() else next(
        (key[:i] for i, c in enumerate(key) if not c.isascii() and c.lower() != c.upper()), key)


def line_view(loose: str, spaced: bool) -> tuple:
    """What the prefilters read of a loosened line: its start after the marks normalization
    strips, the runs of spaces (0 unless ``spaced``) and the length of its core (the start
    without END_MARKS at its end: the normalized line holds it, so it has at least as many of
    both), and the line without END_MARKS at its end."""
    head = loose.lstrip(START_JUNK)
    core = head.rstrip(END_MARKS)
    return head, core.count(" ") if spaced else 0, len(core), loose.rstrip(END_MARKS)


class Single(NamedTuple):
    """One pattern of a matcher with its cheap test, tried alone (``Matcher.match``)."""

    name: str  # the rule's group name
    pattern: str
    space_runs: int  # the most runs of whitespace a match holds
    prefixes: tuple | None  # loosened texts a match starts with
    pieces: tuple | None  # loosened texts a match holds (when no prefixes are known)
    digit: bool  # a match holds a digit (one of its pieces)
    min_chars: int = 0  # the fewest characters a match has
    max_chars: int | None = None  # the most (None: no limit)
    suffixes: tuple | None = None  # loosened texts a match ends with, without END_MARKS at their end
    marks: tuple = ()  # punctuation a match holds (Shape.marks)


class Screen(NamedTuple):
    """The union of the cheap tests of some patterns without a known start: a line that fails it
    fails each of them, and none is tried.

    A line passes a pattern's test when it holds one of the pattern's pieces (or a digit, or the
    pattern has no known text), one of each of its marks, and, if the pattern's ends are known,
    ends with one of them.
    """

    pieces: tuple  # every piece of the plain patterns (ends and marks not known)
    digit: bool  # one of them passes a line with a digit
    open: bool  # one of them has no known text: every line passes
    ended: tuple  # (pieces or None, digit, suffixes, marks) of the patterns whose ends are known
    ends: tuple  # every suffix of those
    marked: tuple  # the same of the patterns with marks but no known ends
    marks: str  # every character of the first marks of those

    @classmethod
    def of(cls, tests) -> "Screen":
        """The screen of ``tests``: (pieces or None, digit, suffixes or None, marks) of each pattern."""
        plain = [test for test in tests if test[2] is None and not test[3]]
        ended = tuple(test for test in tests if test[2] is not None)
        marked = tuple(test for test in tests if test[2] is None and test[3])
        pieces = {piece for pieces, *_ in plain for piece in pieces or ()}
        pieces = {piece for piece in pieces if not any(other in piece for other in pieces - {piece})}  # "cookies", not "we use cookies"
        return cls(tuple(sorted(pieces, key=len)),
                   any(digit for _, digit, *_ in plain), any(pieces is None and not digit for pieces, digit, *_ in plain),
                   ended, tuple({suffix for _, _, suffixes, _ in ended for suffix in suffixes}),
                   marked, "".join(sorted({c for *_, marks in marked for c in marks[0]})))

    def passes(self, folded: str, loose: str, tail: str) -> bool:
        """``loose``: the loosened line; ``tail``: the same without END_MARKS at its end."""
        if self.open or any(map(loose.__contains__, self.pieces)) or (self.digit and DIGIT.search(folded)):
            return True
        if self.ended and tail.endswith(self.ends):
            for pieces, digit, suffixes, marks in self.ended:
                if tail.endswith(suffixes) and passes_test(folded, loose, pieces, digit, marks):
                    return True
        if self.marked and any(map(loose.__contains__, self.marks)):
            for pieces, digit, _, marks in self.marked:
                if passes_test(folded, loose, pieces, digit, marks):
                    return True
        return False


def passes_test(folded: str, loose: str, pieces: tuple | None, digit: bool, marks: tuple) -> bool:
    """A pattern's test on a line (``Screen``), its known ends aside."""
    return holds_marks(loose, marks) and (pieces is None and not digit or any(map(loose.__contains__, pieces or ()))
                                         or digit and DIGIT.search(folded) is not None)


def holds_marks(text: str, marks: tuple) -> bool:
    """Whether ``text`` holds one of the characters of each of ``marks`` (``Shape.marks``)."""
    for chars in marks:
        if not any(map(text.__contains__, chars)):
            return False
    return True


class Plan(NamedTuple):
    """The patterns a matcher tries on lines of one kind (``Matcher.match``) and the union of their
    cheap tests: a line that fails it fails each of them, and no pattern is tried."""

    singles: list
    prefixes: tuple  # every prefix of the patterns that have some
    screen: Screen  # the tests of the others

    @classmethod
    def of(cls, singles: list) -> "Plan":
        return cls(singles, tuple({prefix for single in singles for prefix in single.prefixes or ()}),
                   Screen.of([(single.pieces, single.digit, single.suffixes, single.marks)
                              for single in singles if single.prefixes is None]))


UNKNOWN = object()  # Matcher.answers: not asked yet
MAX_ANSWERS = 4096


class Matcher:
    """Phrases (a dict) and patterns of one position, anywhere or edge.

    The patterns are tried one by one, in order, each compiled on first use and only on the
    lines its cheap test lets through: the first that matches names the rule, as one pattern
    joining them all would (but a short run compiles only the few patterns it needs).
    """

    def __init__(self):
        self.phrases: dict[str, LineRule] = {}
        self.groups: list[str] = []
        self.by_group: dict[str, LineRule] = {}
        self.pattern: regex.Pattern | None = None
        self.grouped: list[tuple[str, list[str]]] = []  # group name and patterns of each rule
        self._prefilter: Prefilter | None | bool = False  # False: not made yet; None: off
        self._singles: list[Single] | None | bool = False  # False: not made yet; None: joined pattern only
        self.compiled: dict[str, regex.Pattern] = {}
        self.answers: dict[str, LineRule | None] = {}  # normalized line -> its rule (see match)
        self.dispatch: dict[tuple, Plan] = {}  # (tier, first character, length) -> the patterns to try

    def add(self, rule: LineRule, phrases: list[str], patterns: list[str]) -> None:
        for phrase in phrases:
            self.phrases.setdefault(phrase_key(normalize(phrase)), rule)
        if patterns:
            name = f"r{len(self.groups)}"
            self.groups.append(f"(?P<{name}>" + "|".join(f"(?:{p})" for p in patterns) + ")")
            self.by_group[name] = rule
            self.grouped.append((name, patterns))

    def compile(self) -> None:
        self.pattern = regex.compile("|".join(self.groups), regex.IGNORECASE) if self.groups else None

    @property
    def prefilter(self) -> Prefilter | None:
        if self._prefilter is False:
            self._prefilter = self.make_prefilter()
        return self._prefilter

    @property
    def singles(self) -> list[Single] | None:
        if self._singles is False:
            self._singles = singles = self.make_singles()
            if singles is not None:  # the patterns a line with more runs of spaces than the tier may match
                self.tiers = {tier: [s for s in singles if s.space_runs > tier] for tier in SPACE_TIERS}
                # the lengths at which the set of patterns a line of that length may match changes
                self.width_marks = sorted({s.min_chars for s in singles} | {
                    s.max_chars + 1 for s in singles if s.max_chars is not None})
        return self._singles

    def may_match(self, text: str) -> bool:
        """False when no phrase or pattern can match ``text`` (a line before normalization).

        A cheap test on the case-folded line: every match starts with a known text (a
        phrase, "javascript", "click here") after the marks that normalization strips, or,
        for a pattern without a fixed start, contains one.
        """
        folded = text.casefold()
        return self.may_match_folded(folded, loosen(folded) if len(folded) == len(text) else None)

    def may_match_folded(self, folded: str, loose: str | None, spaced: bool = False) -> bool:
        """``may_match`` of a line from its case-folded and loosened forms (None: folding changed
        its length); ``spaced``: see ``Prefilter.passes``."""
        prefilter = self.prefilter
        return prefilter is None or loose is None or prefilter.passes(folded, loose, spaced)

    def make_prefilter(self) -> Prefilter | None:
        """The prefilter of the phrases and patterns (None: off, some pattern has no known text)."""
        starts, pieces, tests = {key for key in self.phrases if key}, set(), []
        if any(len(key.casefold()) != len(key) for key in starts):
            return None
        tried_alone = self.singles is not None  # (joined, a pattern's bounds may not hold)
        for _, patterns in self.grouped:
            for pattern in patterns:
                facts = pattern_facts(pattern)
                if facts.prefixes:
                    starts |= facts.prefixes
                elif facts.pieces:
                    pieces |= facts.pieces
                    _, max_chars, suffixes, marks = shape_bounds(pattern) if tried_alone else (0, None, None, ())
                    tests.append((facts.space_runs if tried_alone else UNBOUNDED, max_chars,
                                  tuple(loosen(p) for p in facts.pieces if p != DIGIT_PIECE),
                                  DIGIT_PIECE in facts.pieces, suffixes, marks))
                else:
                    return None
        heads = {loosen(start).lstrip(START_JUNK) for start in starts}
        by_first: dict[str, list[str]] = {}
        for head in heads:
            by_first.setdefault(head[:1], []).append(head)
        loose_pieces = tuple(loosen(piece) for piece in pieces if piece != DIGIT_PIECE)
        fragments = tuple(max(FRAGMENT_BREAKS.split(piece), key=len) for piece in loose_pieces)
        return Prefilter({first: tuple(texts) for first, texts in by_first.items()}, "" in heads,
                         loose_pieces, DIGIT_PIECE in pieces,
                         frozenset(map(search_key, heads)),
                         None if DIGIT_PIECE in pieces or not all(fragments) else tuple(set(fragments)),
                         tuple(tests), sorted({test[0] + 1 for test in tests}),
                         sorted({test[1] + 1 for test in tests if test[1] is not None}), {})

    def make_singles(self) -> list[Single] | None:
        """Each pattern with its bound of space runs and its cheap test (None: only joined).

        A pattern with a global inline flag ("(?s)") changes the others when joined, and a
        backreference counts the groups of the joined pattern: then only the joined pattern
        gives the answer.
        """
        if any(JOINED_ONLY.search(pattern) for _, patterns in self.grouped for pattern in patterns):
            return None
        singles = []
        for name, patterns in self.grouped:
            for pattern in patterns:
                facts = pattern_facts(pattern)
                pieces = facts.pieces or ()
                singles.append(Single(
                    name, pattern, facts.space_runs,
                    tuple(map(loosen, facts.prefixes)) if facts.prefixes else None,
                    None if facts.prefixes or not pieces else tuple(loosen(p) for p in pieces if p != DIGIT_PIECE),
                    DIGIT_PIECE in pieces, *shape_bounds(pattern)))
        return singles

    def match(self, normalized: str, forms: tuple | None = None) -> LineRule | None:
        """The rule whose phrase or pattern the whole normalized line is (None: no rule).

        ``forms``: the line's case-folded and loosened forms (``may_match_folded``), when known.
        The answers for the last few thousand lines are kept: pages repeat their furniture
        (a photo credit under every picture, the same dateline on many articles).
        """
        rule = self.answers.get(normalized, UNKNOWN)
        if rule is UNKNOWN:
            rule = self.find(normalized, forms)
            if len(self.answers) >= MAX_ANSWERS:
                self.answers.clear()
            self.answers[normalized] = rule
        return rule

    def find(self, normalized: str, forms: tuple | None) -> LineRule | None:
        """``match`` without the kept answers."""
        rule = self.phrases.get(phrase_key(normalized))
        if rule is not None or not self.groups:
            return rule
        singles = self.singles
        if singles is None:
            if self.pattern is None:
                self.compile()
            found = self.pattern.fullmatch(normalized, timeout=PATTERN_TIMEOUT)
            return self.by_group[found.lastgroup] if found else None
        if forms is None:
            folded = normalized.casefold()
            forms = folded, loosen(folded) if len(folded) == len(normalized) else None
        folded, loose = forms
        if len(normalized) > 2 * SPACE_TIERS[-1]:  # many runs of spaces: skip the patterns that allow fewer
            # the loosened line has a space for each run (unless a separator control character,
            # whitespace to Python but not to the patterns, is in it)
            runs = (loose.count(" ") if loose is not None and not has_separators(normalized)
                    else len(SPACES.findall(normalized)))
            tier = 64 if runs > 64 else 32 if runs > 32 else 16 if runs > 16 else 8 if runs > 8 else None  # (SPACE_TIERS)
        else:
            tier = None
        if loose is not None:  # only the patterns whose start can be the line's first character
            size = len(normalized)  # and whose matches can be as long as the line
            key = (tier, loose[:1], bisect.bisect_right(self.width_marks, size))
            plan = self.dispatch.get(key)
            if plan is None:
                plan = self.dispatch[key] = Plan.of([
                    single for single in (self.singles if tier is None else self.tiers[tier])
                    if (single.prefixes is None or any(prefix.startswith(key[1]) for prefix in single.prefixes))
                    and single.min_chars <= size and (single.max_chars is None or size <= single.max_chars)])
            if not loose.startswith(plan.prefixes) and not plan.screen.passes(folded, loose, loose.rstrip(END_MARKS)):
                return None  # no pattern's cheap test passes (each is tried below)
            singles = plan.singles
        elif tier is not None:
            singles = self.tiers[tier]
        compiled = self.compiled
        digit = tail = None  # whether the line holds a digit, and its end: found when first needed
        for single in singles:
            if loose is not None:
                if single.marks and not holds_marks(loose, single.marks):
                    continue
                if single.prefixes is not None:
                    if not loose.startswith(single.prefixes):
                        continue
                else:  # its pieces (or a digit), then its ends: the line's digit and end looked for once
                    if single.pieces is not None and not any(map(loose.__contains__, single.pieces)):
                        if not single.digit:
                            continue
                        if digit is None:
                            digit = DIGIT.search(folded) is not None
                        if not digit:
                            continue
                    if single.suffixes is not None:
                        if tail is None:
                            tail = loose.rstrip(END_MARKS)
                        if not tail.endswith(single.suffixes):
                            continue
            pattern = compiled.get(single.pattern)
            if pattern is None:
                pattern = compiled[single.pattern] = regex.compile(single.pattern, regex.IGNORECASE)
            if pattern.fullmatch(normalized, timeout=PATTERN_TIMEOUT):
                return self.by_group[single.name]
        return None


def shape_bounds(pattern: str) -> tuple:
    """The fewest and most characters of ``pattern``'s matches, the texts they end with, loosened
    and without END_MARKS at their end (None: not known, or one is only such marks), and their marks.

    >>> shape_bounds("(?:share|like) this[.:]?")[:2]
    (9, 11)
    >>> shape_bounds("[^.!?]{1,80} by clicking here")
    (18, 97, (' by clicking here',), ())
    """
    shape = pattern_shape(pattern)
    ends = None if shape.suffixes is None else {loosen(suffix).rstrip(END_MARKS) for suffix in shape.suffixes}
    return shape.min_chars, shape.max_chars, tuple(sorted(ends)) if ends and all(ends) else None, shape.marks


def loosen(folded: str, words: list | None = None, plain: bool = False) -> str:
    """A case-folded text as the prefilters compare it: whitespace runs as one space, quotes straight.

    Normalization collapses spaces and straightens quotes, so a text read this way is found
    in the loosened line whatever spaces or quotes the raw line has. ``words``: the text's
    ``split()`` before folding, when known (folding changes no whitespace); ``plain``: the text
    before folding was printable, its whitespace single spaces and none at its ends, and folding
    kept its length (``Lines.make`` tells): then so is the folded text (each character folds to
    one, printable and no whitespace but from a space: checked by the tests against the Unicode
    database), and the scan for such whitespace is not repeated.

    >>> loosen("don’t   miss\t")
    "don't miss "
    """
    if plain or "  " not in folded and folded.isprintable() and folded != " ":
        # (every whitespace character but the space is unprintable: the text's whitespace is
        # single spaces already, and splitting and joining it would give it back)
        loose = folded
    else:
        loose = " ".join(folded.split()) if words is None else " ".join(words).casefold()
        if loose and folded[0].isspace():
            loose = " " + loose
        if loose and folded[-1].isspace():
            loose += " "
    if not loose.isascii() or "`" in loose:  # (isascii costs nothing; replacing, less than searching first)
        for curly, straight in STRAIGHT:
            loose = loose.replace(curly, straight)
    return loose


NO_MORE_HEADERS = LineRule("", "", False, False)  # header(): no line above can be a header


class LineFilter:
    """One checker for every line-filter rule of a pack.

    Anywhere-rules are tried on every short line; edge rules only on the lines the walks from
    the two ends of the document reach, so a long article costs one pass of cheap string tests.
    """

    def __init__(self, anywhere: Matcher, edge: Matcher, headers: Matcher, docs: tuple, takes_prose: bool):
        self.anywhere = anywhere
        self.edge = edge
        self.headers = headers
        self.docs = docs
        self.takes_prose = takes_prose
        self.search: LineSearch | None | bool = False  # made on first use

    def check(self, doc):
        if "\n" not in doc.masked.strip():
            # At most one line that is not blank: removed or not, nothing is (a document that is
            # nothing but furniture is left alone, below). One MT segment, a title, an empty text.
            return []
        lines = split_lines(doc)
        anywhere, edge, headers = self.anywhere, self.edge, self.headers
        found: dict[int, LineRule | None] = {}

        made, make, words_of = lines.made, lines.make, lines.words_of

        def match(index: int) -> LineRule | None:
            if index in found:
                return found[index]
            found[index] = None
            if (made.get(index) or make(index)).blank:
                return None
            content, words = words_of[index]
            if MASK in content:
                text, words = unmarked(content), None
                if MASK in text:
                    return None
            else:
                text = content
            if len(text) > MAX_LINE_CHARS:
                return None
            folded = text.casefold()
            # (make found the line printable with single spaces: so is its folding, see loosen)
            loose = loosen(folded, words, plain=words is None and text is content) if len(folded) == len(text) else None
            in_anywhere = index in anywhere_lines
            in_edge = edge_prefilter is None or loose is None or edge_prefilter.passes(folded, loose, spaced)
            if in_anywhere or in_edge:
                normalized = normalize(text)
                forms = (folded, loose) if normalized is text else None
                rule = found[index] = (in_anywhere and anywhere.match(normalized, forms)
                                       or in_edge and edge.match(normalized, forms) or None)
                return rule
            return None

        spaced = not has_separators(lines.masked)  # (see Prefilter.passes)
        edge_prefilter, anywhere_prefilter = edge.prefilter, anywhere.prefilter
        removed = {}
        anywhere_lines = set()  # the lines an anywhere rule may match (its prefilter passes)
        header_lines = []  # lines a header rule matches, in order
        header_rules: dict[int, LineRule | None] = {}
        header_prefilter = headers.prefilter
        if len(lines) <= FEW_LINES:  # (each line tried: cheaper than searching, and no search to compile)
            candidates = lines.short_lines(MAX_LINE_CHARS)
        else:
            if self.search is False:
                self.search = LineSearch.of((anywhere.prefilter, headers.prefilter))
            candidates = candidate_lines(lines, self.search)
        for index in candidates:
            text = unmarked(lines.content(index))
            if len(text) > MAX_LINE_CHARS or MASK in text:
                continue
            folded = text.casefold()
            loose = loosen(folded) if len(folded) == len(text) else None
            view = None if loose is None else line_view(loose, spaced)
            if header_prefilter is not None:
                # (a line whose folding changes its length passes every prefilter: tried in full)
                if loose is None or header_prefilter.passes(folded, loose, spaced, view):
                    normalized = normalize(text)
                    rule = header_rules[index] = headers.match(normalized, (folded, loose) if normalized is text else None)
                    if rule is not None:
                        header_lines.append(index)
            if not (anywhere_prefilter is None or loose is None or anywhere_prefilter.passes(folded, loose, spaced, view)):
                continue
            anywhere_lines.add(index)
            if len(text) > MAX_ANYWHERE_CHARS or lines[index].heading:
                continue  # a heading in the body is a section title, however short
            normalized = normalize(text)
            rule = anywhere.match(normalized, (folded, loose) if normalized is text else None)
            if rule is not None:
                removed[index] = found[index] = rule
        header_set = None if header_prefilter is None else set(header_lines)

        def header(index: int) -> LineRule | None:
            if header_set is not None:
                if not header_lines or header_lines[0] > index:
                    return NO_MORE_HEADERS  # walking up, no line left that a header rule matches
                if index not in header_set:
                    return None
            if index in found:
                rule = found[index]
                return rule if rule is not None and rule.takes_following else None
            if index in header_rules:
                return header_rules[index]
            text = unmarked(lines.content(index))
            if lines[index].blank or len(text) > MAX_LINE_CHARS or MASK in text or not headers.may_match(text):
                return None
            return headers.match(normalize(text))

        # A part of a longer document (see cleaner.parts) has the document's leading or trailing
        # block only at the document's own ends.
        if not doc.continues_before:
            scan_block(lines, match, range(len(lines)), removed, headers=None, takes_prose=False)
        if not doc.continues_after:
            scan_block(lines, match, range(len(lines) - 1, -1, -1), removed, headers=header,
                       takes_prose=self.takes_prose)
        if not removed or all(line.blank or line.transparent or index in removed
                              for index, line in enumerate(lines)):
            return []  # a document that is nothing but furniture is left alone
        return list(line_issues(doc.text, lines, removed, doc.continues_after))


SPAN_KINDS = {"front_matter": 0, "code": 1, "html": 1, "other": 1, "heading": 2}  # Lines: which spans a block's kind goes to
BLOCK_KIND = attrgetter("kind")


class Lines:
    """The document's lines with their offsets and whether each is prose, made on first use.

    The walks from the two ends reach only a few lines of a long article, and the anywhere
    pass needs only the text of the short lines: a ``Line`` is built for the lines asked for,
    and only the offsets of the others are kept (no list of every line's text).
    """

    def __init__(self, doc):
        self.length = length = len(doc.text)
        self.masked = masked = doc.masked
        # (a regular expression's matches cost less than the lines' texts from a split)
        starts = [0]
        starts += [match.end() for match in NEWLINE.finditer(masked)]
        if starts[-1] != length:
            starts.append(length + 1)  # the last line has no line break: as if it had one
        self.starts = starts  # line i is masked[starts[i]:starts[i + 1] - 1]; one more entry than lines
        self.count = len(starts) - 1
        self.transparent_spans, self.stop_spans, self.heading_spans = spans = [], [], []
        blocks = doc.blocks
        if any(map(SPAN_KINDS.__contains__, map(BLOCK_KIND, blocks))):  # (in C: most documents have only paragraphs)
            for block in blocks:
                kind = block.kind
                if kind in SPAN_KINDS:
                    spans[SPAN_KINDS[kind]].append((block.start, block.end))
            for kind_spans in spans:
                kind_spans.sort()
        self.made: dict[int, Line] = {}
        self.words_of: dict[int, tuple] = {}  # the text and words of each line made

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return (self[index] for index in range(self.count))

    def __getitem__(self, index):
        line = self.made.get(index) if type(index) is int else None  # (the common case first)
        if line is not None:
            return line
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        line = self.made.get(index)
        if line is None:
            if not 0 <= index < self.count:
                raise IndexError(index)
            line = self.make(index)
        return line

    def is_blank(self, index: int) -> bool:
        """Whether line ``index`` is empty or only whitespace (``Line.blank``, without making the line)."""
        start, end = self.starts[index], self.starts[index + 1] - 1
        return end == start or self.masked[start:end].isspace()

    def content(self, index: int) -> str:
        """The masked text of line ``index``, without its line break."""
        raw = self.masked[self.starts[index]:self.starts[index + 1] - 1]
        return raw[:-1] if raw.endswith("\r") else raw

    def short_lines(self, limit: int, first: int = 0, last: int | None = None):
        """Indices of the lines (from ``first`` up to ``last``) that are not blank and may be
        ``limit`` characters long once unmarked."""
        starts, masked = self.starts, self.masked
        for index in range(first, self.count if last is None else last):
            start, end = starts[index], starts[index + 1] - 1
            if end == start or (end - start > limit + 1 and masked.find(MASK, start, end) < 0):
                continue  # empty, or too long (unmarked strips only when a protected character is in it)
            if masked[start:end].isspace():
                continue
            yield index

    def make(self, index: int) -> Line:
        """Line ``index``, made now and kept (``self.made.get(index) or self.make(index)`` is the
        fast way to a line: ``__getitem__`` also takes slices and negative indices)."""
        starts = self.starts
        position, following = starts[index], starts[index + 1]
        content = self.masked[position:following - 1]
        if content[-1:] == "\r":
            content = content[:-1]
        if "  " not in content and content.isprintable() and content[:1] != " " and content[-1:] != " ":
            split = None  # single spaces between words (see loosen): counted, not split
            words = content.count(" ") + 1 if content else 0
        else:
            split = content.split()
            words = len(split)
        self.words_of[index] = content, split  # (kept: a walk's match reads them)
        transparent = bool(self.transparent_spans) and inside(position, self.transparent_spans)
        if not words:
            line = new_line((position, position + len(content), min(following, self.length), 0, True,
                             False, False, False, transparent, False))
        else:
            stripped = content.rstrip()
            last = stripped[-1]
            ends_mark = last in SENTENCE_MARKS or (last in CLOSING and stripped[-2:-1] in SENTENCE_MARKS)
            prose = words >= PROSE_LONG_WORDS or (words >= PROSE_MIN_WORDS and last in PROSE_ENDS)
            takeable = words <= MAX_TAKEN_WORDS and not (words > MAX_TAKEN_SENTENCE_WORDS and last == ".")
            if self.stop_spans and inside(position, self.stop_spans):
                prose, takeable = True, False  # code and HTML end the frame: never removed, never passed over
            line = new_line((position, position + len(content), min(following, self.length), words, False,
                             prose, takeable, ends_mark, transparent,
                             bool(self.heading_spans) and inside(position + len(stripped) - 1, self.heading_spans)))
        self.made[index] = line
        return line


class LineSearch(NamedTuple):
    """Prefilters joined for a whole document (``candidate_lines``), searched in its UTF-8 bytes.

    ``heads`` finds a line break, marks that normalization strips, and the first characters of
    a start; ``ends`` the same for the known ends of patterns, in the reversed bytes (a line
    break, then the end of a line backwards); ``fragments`` are the other pieces' texts without
    spaces or quotes (``bytes.find``-able).
    """

    heads: re.Pattern | None  # None: no prefilter has starts
    ends: re.Pattern | None  # None: no pattern has known ends
    fragments: tuple

    @classmethod
    def of(cls, prefilters) -> "LineSearch | None":
        """None when some prefilter cannot be searched so (off, a piece without such a text, or a
        text with a cased character that is not ASCII: only ASCII letters are lowered in bytes)."""
        if any(p is None or p.always or p.fragments is None for p in prefilters):
            return None
        keys = frozenset().union(*(p.heads for p in prefilters))
        ends, fragments = set(), set()
        for prefilter in prefilters:
            for *_, pieces, digit, suffixes, _ in prefilter.tests:
                if suffixes is not None and all(len(ALNUM.findall(suffix)) >= MIN_END_CHARS for suffix in suffixes):
                    ends.update(suffixes)  # (a line that may pass ends with one of them)
                else:
                    fragments.update(max(FRAGMENT_BREAKS.split(piece), key=len) for piece in pieces)
        if not all(c.isascii() or c.lower() == c.upper() == c for text in keys | ends | fragments for c in text):
            return None
        # (a match takes only the line break: the next line's is free for the next match; a blank
        # line, more than half the lines of an article, fails at its first byte instead of trying
        # every branch of the trie: neither class of marks holds the line break, no text is empty)
        return cls(re.compile(b"\n(?!\n)(?=" + MARK_BYTES + trie_pattern(sorted(keys)) + b")") if keys else None,
                   re.compile(b"\n(?!\n)(?=" + TRAIL_BYTES + trie_pattern(sorted(end[::-1] for end in ends), True) + b")")
                   if ends else None,
                   tuple(sorted(f.encode() for f in fragments)))


# How a character of a loosened text shows in the line's bytes (lowered): a space is a run of
# whitespace (any bytes but letters and digits: spaces, and characters that are not ASCII), a
# straight quote one of the quotes that ``loosen`` straightens (one to three such bytes). A
# superset, in a pattern small enough to compile fast (it may run into the next line: the
# patterns look ahead from a line break and take only it).
LOOSE_BYTES = {" ": rb"\W+", "'": rb"\W{1,3}", '"': rb"\W{1,3}"}
# A known end is looked for (instead of a piece) when it has this many letters or digits: a
# shorter one ("'", the end of a quotation) ends too many lines.
MIN_END_CHARS = 3
ALNUM = re.compile(r"[^\W_]")
# What may follow a known end in a line: END_MARKS, whitespace but the line break, protected text.
TRAIL_BYTES = b"[" + re.escape("".join(sorted(set(END_MARKS + LINE_SPACES) - {"\n"})).encode("ascii", "ignore")) + rb"\x80-\xff]*"
# Marks that normalization strips before a line's start, and whitespace but the line break.
MARK_BYTES = b"[" + re.escape("".join(sorted(set(START_JUNK + LINE_SPACES) - {"\n"}))
                               .encode("ascii", "ignore")) + rb"\x80-\xff]*"


def trie_pattern(texts: list[str], backwards: bool = False) -> bytes:
    """A bytes pattern for a line that starts with one of ``texts`` (loosened), as a trie of
    alternatives (the regular expression engine tries each alternative in turn); ``backwards``:
    texts and line are reversed (each character's bytes too)."""
    if "" in texts:
        return b""  # a text ends here: whatever follows, the line starts with it
    by_first: dict[str, list[str]] = {}
    for text in texts:
        by_first.setdefault(text[0], []).append(text[1:])
    options = [LOOSE_BYTES.get(first, re.escape(first.encode()[::-1] if backwards else first.encode()))
               + trie_pattern(rest, backwards) for first, rest in sorted(by_first.items())]
    return options[0] if len(options) == 1 else b"(?:" + b"|".join(options) + b")"


def candidate_lines(lines: Lines, search: LineSearch | None):
    """The lines (in order) that may pass the prefilters of ``search``: a superset, found cheaply.

    Most lines fail every prefilter; instead of loosening each, the document's UTF-8 bytes, with
    ASCII letters lowered, are searched for each piece's text (``bytes.find``) and, with one
    regular expression, for the lines whose start may be a prefilter's start. Lowering bytes
    folds the case of the ASCII letters only: the texts searched are ASCII or uncased, and a line
    with one of the few other characters that fold to ASCII or to more than one character
    (``FOLD_SPECIAL``) is a candidate whatever it says. The document is searched a stretch of
    lines at a time (bounded memory for long documents). Without a search every line is a
    candidate (the exact test follows in the caller).
    """
    if search is None:
        return lines.short_lines(MAX_LINE_CHARS)
    found = set()
    masked, starts, count = lines.masked, lines.starts, len(lines)
    fragments = search.fragments
    first = 0
    while first < count:
        last = min(max(bisect.bisect_left(starts, starts[first] + SEARCH_CHARS), first + 1), count)
        base, end = starts[first], min(starts[last], len(masked))
        # the stretch from the line break before it (one made up before the first line)
        stretch = masked[base - 1:end] if base else "\n" + masked[:end]
        if stretch.isascii():
            data = stretch.encode("ascii").lower()
        else:
            data = stretch.encode("utf-8", "surrogatepass").lower()
            # (first a byte of each special character, each found by memchr; then in the bytes that
            # are not ASCII: the few there are, in a fast scan)
            if any(map(data.__contains__, FOLD_SPECIAL_MARKS)) and FOLD_SPECIAL_BYTES.search(
                    data.translate(None, ASCII_BYTES)):
                position = base
                while (special := FOLD_SPECIAL.search(masked, position, end)) is not None:
                    index = bisect.bisect_right(starts, special.start()) - 1
                    found.add(index)
                    position = starts[index + 1]
        # byte offsets of matches in lines; a line's index is counted from the line breaks before it
        offsets = [match.start() + 1 for match in search.heads.finditer(data)] if search.heads else []
        if search.ends:  # (a match from a line break backwards: the line's last byte)
            size = len(data)
            offsets += [size - match.start() - 1 for match in search.ends.finditer(b"\n" + data[::-1])]
        for fragment in fragments:
            position = data.find(fragment)
            while position >= 0:
                offsets.append(position)
                position = data.find(b"\n", position)  # the next line
                if position < 0:
                    break
                position = data.find(fragment, position)
        offsets.sort()
        index, counted = first - 1, 0
        for offset in offsets:
            index += data.count(b"\n", counted, offset)
            counted = offset
            found.add(index)
        first = last
    return sorted(found)


def split_lines(doc) -> Lines:
    """The document's lines with their offsets and whether each is prose (see ``Lines``)."""
    return Lines(doc)


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, non-overlapping block spans)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def scan_block(lines, match, order, removed: dict[int, LineRule], headers, takes_prose: bool) -> None:
    """Walk from one end of the document until the first line of prose that is not furniture.

    Forwards (the leading block), furniture lines are removed and a few short other lines
    (title, byline) are passed over. Backwards (the trailing block, ``headers``), furniture is
    removed only while it runs unbroken to the end; a header rule ("Related posts") also takes
    the short lines between it and the end: the list of links it introduces. ``headers`` is
    then the cheap test for header rules only: once a line that is not furniture has been
    passed, only a header can still remove anything.
    """
    pending: list[int] = []  # lines passed over since the last removal (backwards: to take)
    weak = 0
    prose_takers = bool(headers) and takes_prose  # a comment-thread header may be further up
    starts, masked, made, make = lines.starts, lines.masked, lines.made, lines.make
    for index in order:
        start, end = starts[index], starts[index + 1] - 1
        if end == start or masked[start:end].isspace():
            continue  # a blank line (Lines.is_blank)
        if headers and weak:
            rule = headers(index)
            if rule is NO_MORE_HEADERS:
                return  # past the last furniture line, only a header could still remove lines
            line = made.get(index) or make(index)
        else:
            line = made.get(index) or make(index)
            rule = None if line.transparent else match(index)
        if line.transparent:
            continue
        if rule is not None and not headers and line.heading:
            rule = None  # walking from the top, a heading is the title, whatever it says
        if rule is not None:
            if headers and rule.takes_following and (
                    has_prose_before(lines, index, MIN_ARTICLE_LINES) if rule.takes_prose
                    else all(lines[i].takeable for i in pending if match(i) is None)):
                removed[index] = rule
                removed.update((taken, match(taken) or rule) for taken in pending)
                pending, weak = [], 0
            elif weak == 0 or not headers:
                removed[index] = rule
            else:
                pending.append(index)
            continue
        if headers:
            if weak >= (MAX_THREAD_LINES if prose_takers else MAX_TAKEN_LINES) or not (
                    line.takeable or (prose_takers and line.words <= MAX_THREAD_WORDS)):
                return
        elif line.prose or line.sentence or weak >= MAX_WEAK_LINES:
            return  # a sentence, however short, is the article: only titles and bylines pass
        pending.append(index)
        weak += 1


def has_prose_before(lines: Lines, index: int, count: int) -> bool:
    """Whether ``count`` lines of prose come before ``index`` (a comment thread needs an article above it)."""
    seen = 0
    for above in range(index):
        if lines[above].prose:
            seen += 1
            if seen >= count:
                return True
    return False


def line_issues(text: str, lines: Lines, removed: dict[int, LineRule], continues_after: bool = False):
    """One deletion per removed line, so that runs of them leave no blank-line debris.

    Each piece is sane on its own (a rule that is not selected drops its pieces and the
    rest still reads well): in a run at the end of the document every line goes with the
    line break and blank lines before it; elsewhere with those after it, and the last line
    of a run keeps the blank line that separated the run from the text before.
    """
    def is_kept(index: int) -> bool:
        return not lines[index].blank and index not in removed

    for run in removed_runs(lines, removed):
        first, last = run[0], run[-1]
        # the nearest kept lines around the run (runs are apart by kept lines: each walk is short)
        before = next((i for i in range(first - 1, -1, -1) if is_kept(i)), None)
        after = next((i for i in range(last + 1, len(lines)) if is_kept(i)), None)
        if after is None and not continues_after:  # at the end: cut from the end of the line before, keep a final line break
            if before is None:
                continue
            final = len(text) - (2 if text.endswith("\r\n") else 1 if text.endswith("\n") else 0)
            ends = [lines[i].end for i in run[:-1]] + [max(final, lines[last].end)]
            starts = [lines[before].end] + [lines[i].end for i in run[:-1]]
        else:  # before the next kept line, or before the next part of a longer document
            following, following_start = (len(lines), len(text)) if after is None else (after, lines[after].start)
            gap_has_blank = any(lines[i].blank for i in range(last + 1, following))
            starts_paragraph = before is None or any(lines[i].blank for i in range(before + 1, first))
            starts = [lines[i].start for i in run]
            ends = starts[1:] + [following_start if starts_paragraph or not gap_has_blank else lines[last].next]
        for index, start, end in zip(run, starts, ends):
            if start < end:
                rule = removed[index]
                yield Issue(rule.code, start, end, rule.message, "", Applicability.SAFE)


def removed_runs(lines: list[Line], removed: dict[int, LineRule]) -> list[list[int]]:
    """Removed line indices grouped into runs that only blank lines separate."""
    runs: list[list[int]] = []
    for index in sorted(removed):
        if runs and all(lines[i].blank for i in range(runs[-1][-1] + 1, index)):
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def build(entries: list[dict], docs: list, path) -> LineFilter:
    """One checker for the pack's line-filter rules; bad patterns are reported with the rule code."""
    anywhere, edge, headers = Matcher(), Matcher(), Matcher()
    takes_prose = False
    all_patterns: list[tuple[str, str]] = []
    for entry, doc in zip(entries, docs):
        code = entry["code"]
        position = entry.get("position", "edge")
        if position not in POSITIONS:
            raise ConfigError(f"{path}: {code}: position must be one of {', '.join(POSITIONS)}")
        rule = LineRule(code, entry.get("message", doc.message if doc else code), position == "anywhere",
                        entry.get("takes_following", False) or entry.get("takes_prose", False),
                        entry.get("takes_prose", False))
        takes_prose = takes_prose or rule.takes_prose
        phrases = entry.get("phrases", [])
        if not all(isinstance(p, str) and phrase_key(normalize(p)) for p in phrases):
            raise ConfigError(f"{path}: {code}: every phrase must be a non-empty string")
        patterns = entry.get("patterns", [])
        if not phrases and not patterns:
            raise ConfigError(f"{path}: {code}: a line-filter rule needs phrases or patterns")
        if not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{path}: {code}: every pattern must be a string")
        all_patterns.extend((code, pattern) for pattern in patterns)
        (anywhere if rule.anywhere else edge).add(rule, phrases, patterns)
        if rule.takes_following:
            headers.add(rule, phrases, patterns)
    try:  # a user's pack is checked now; the built-in pack is checked by the tests and compiled on first use
        for matcher in (anywhere, edge, headers):
            if matcher.groups and not is_builtin_pack(path):
                matcher.compile()
    except regex.error:  # compiling each pattern alone (slow) only to name the one that is wrong
        for code, pattern in all_patterns:
            try:
                regex.compile(pattern)
            except regex.error as error:
                raise ConfigError(f"{path}: {code}: bad pattern {pattern!r}: {error}") from None
        raise
    return LineFilter(anywhere, edge, headers, tuple(d for d in docs if d is not None), takes_prose)
