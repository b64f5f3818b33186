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
import itertools
import re
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..config import ConfigError
from ..packs import is_builtin_pack
from ..document import MASK
from ..edits import Applicability, Issue
from ..rules.base import PATTERN_TIMEOUT
from .required_text import max_space_runs, piece_source, required_pieces, required_prefixes

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

LIST_MARKERS = regex.compile(r"^(?:\s*(?:#{1,6}\s+|>\s?|[-*+•·▪►]\s+))+")
WRAPPERS = regex.compile(r"^(?:\*\*|__|\[|\()\s*(.*?)\s*(?:\*\*|__|\]|\))$")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
HAS_APOSTROPHES = re.compile("[’‘`“”\u00a0]")  # translating only when needed: most lines have none
SPACES = regex.compile(r"\s+")
# A line with more runs of spaces than this is matched only against the patterns that allow
# as many (``max_space_runs``): a sentence of prose skips most of them.
SPACE_TIERS = (64, 32, 16, 8)
GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")
MARKER_STARTS = frozenset("#>-*+•·▪►")
EDGE_PUNCT = " \t:.!…»›>|-–—*•·_=~#"
# What normalization and phrase keys may strip from the start of a line (spaces, list markers,
# emphasis, brackets, masked markup, edge punctuation): a prefilter skips any run of it.
LINE_START_MARKS = re.escape(MASK + "#>-*+•·▪►_[(" + EDGE_PUNCT)
LINE_START_JUNK = "[\\s" + LINE_START_MARKS + "]*"
# The same in a whole document (multiline): spaces that do not run into the next line.
DOCUMENT_LINE_START = "(?m)^(?:[^\\S\n]|[" + LINE_START_MARKS + "])*"


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
        match = WRAPPERS.match(text)
        if not match or "[" in match.group(1) or "]" in match.group(1):
            break
        text = match.group(1)
    if HAS_APOSTROPHES.search(text):
        text = text.translate(APOSTROPHES)
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


class Matcher:
    """Phrases (a dict) and patterns (one joined regex) of one position, anywhere or edge."""

    def __init__(self):
        self.phrases: dict[str, LineRule] = {}
        self.groups: list[str] = []
        self.by_group: dict[str, LineRule] = {}
        self.pattern: regex.Pattern | None = None
        self.sources: list[str] = []  # every phrase and pattern, for the prefilter
        self.prefilter: tuple | None = None
        self.grouped: list[tuple[str, list[str]]] = []  # group name and patterns of each rule
        self.singles = None  # compile_singles(), on first use
        self.line_starts: re.Pattern | None = None  # the prefilter's line starts, multiline

    def add(self, rule: LineRule, phrases: list[str], patterns: list[str]) -> None:
        for phrase in phrases:
            self.phrases.setdefault(phrase_key(normalize(phrase)), rule)
        self.sources.extend(patterns)
        if patterns:
            name = f"r{len(self.groups)}"
            self.groups.append(f"(?P<{name}>" + "|".join(f"(?:{p})" for p in patterns) + ")")
            self.by_group[name] = rule
            self.grouped.append((name, patterns))

    def compile(self) -> None:
        self.pattern = regex.compile("|".join(self.groups), regex.IGNORECASE) if self.groups else None

    def may_match(self, text: str) -> bool:
        """False when no phrase or pattern can match ``text`` (a line before normalization).

        A cheap test with the standard ``re`` module on the case-folded line: every match
        starts with a known text (a phrase, "javascript", "click here") after the marks that
        normalization strips, or, for a pattern without a fixed start, contains one.
        """
        if self.prefilter is None:
            self.prefilter = self.compile_prefilter()
        anchored, unanchored = self.prefilter
        folded = text.casefold()
        if anchored is None or len(folded) != len(text):
            return True  # no prefilter for these rules, or a character folding to several
        if anchored.match(folded):
            return True
        words, unanchored = unanchored
        return any(word in folded for word in words) or (unanchored is not None and unanchored.search(folded) is not None)

    def candidates(self, masked: str, lines) -> "SortedSet | None":
        """The lines of a document that ``may_match``, from one scan of it (None: unknown).

        The line starts are found with the prefilter's pattern in multiline mode, the texts
        found anywhere with ``str.find``; a walk over many lines then asks only a set.
        """
        if self.prefilter is None:
            self.prefilter = self.compile_prefilter()
        anchored, unanchored = self.prefilter
        folded = masked.casefold()
        if anchored is None or len(folded) != len(masked):
            return None
        if self.line_starts is None:
            self.line_starts = re.compile(DOCUMENT_LINE_START + "(?:" + alternation(self.starts, r"[^\S\n]+") + ")")
        starts = lines.starts
        found = {bisect.bisect_right(starts, hit.start()) - 1 for hit in self.line_starts.finditer(folded)}
        words, loose = unanchored
        for word in words:
            position = folded.find(word)
            while position >= 0:
                index = bisect.bisect_right(starts, position) - 1
                found.add(index)
                position = folded.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
        if loose is not None:
            hit = loose.search(folded)
            while hit is not None:
                index = bisect.bisect_right(starts, hit.start()) - 1
                found.add(index)
                hit = loose.search(folded, starts[index + 1]) if index + 1 < len(starts) else None
        return SortedSet(found)

    def compile_prefilter(self) -> tuple:
        """The prefilter: a pattern of line starts (None: off), and texts found anywhere.

        The texts found anywhere are plain strings (tested with ``in``) and a pattern of
        those with spaces or quotes in them, read loosely.
        """
        starts, pieces = {key for key in self.phrases if key}, set()
        if any(len(key.casefold()) != len(key) for key in starts):
            return None, None
        for pattern in self.sources:
            prefixes = required_prefixes(pattern)
            if prefixes:
                starts |= prefixes
                continue
            required = required_pieces(pattern)
            if not required:
                return None, None
            pieces |= required
        if not starts:
            starts = {"\ufffc"}  # never starts a line that is tried (masked text is skipped)
        plain = tuple(piece for piece in pieces if piece_source(piece) == re.escape(piece))  # str `in` is fastest
        loose = pieces.difference(plain)
        self.starts = starts
        return (re.compile(LINE_START_JUNK + "(?:" + alternation(starts) + ")"),
                (plain, re.compile(alternation(loose)) if loose else None))

    def match(self, normalized: str) -> LineRule | None:
        rule = self.phrases.get(phrase_key(normalized))
        if rule is not None or not self.groups:
            return rule
        if len(normalized) > 2 * SPACE_TIERS[-1]:
            runs = len(SPACES.findall(normalized))
            tier = next((tier for tier in SPACE_TIERS if runs > tier), None)
            if tier is not None and self.singles is not False:
                return self.match_singly(normalized, tier)
        if self.pattern is None:
            self.compile()  # on first use: compiling the joined patterns is most of the build time
        found = self.pattern.fullmatch(normalized, timeout=PATTERN_TIMEOUT)
        return self.by_group[found.lastgroup] if found else None

    def match_singly(self, normalized: str, tier: int) -> LineRule | None:
        """The joined patterns' answer for a long line, from the few patterns that could match.

        A pattern is tried only if it allows more than ``tier`` runs of spaces and its start
        or required text is in the line; patterns are tried in the joined order, so the first
        one that matches names the rule the joined pattern would.
        """
        if self.singles is None:
            self.singles = self.compile_singles()
            if self.singles is False:
                return self.match(normalized)
        folded = normalized.casefold()
        exact = len(folded) == len(normalized)
        for name, bound, test, compiled in self.singles:
            if bound > tier and (not exact or test(folded)):
                if compiled[0] is None:
                    compiled[0] = regex.compile(compiled[1], regex.IGNORECASE)
                if compiled[0].fullmatch(normalized, timeout=PATTERN_TIMEOUT):
                    return self.by_group[name]
        return None

    def compile_singles(self):
        """Each pattern with its bound of space runs and its cheap test (False: not possible).

        A pattern with a global inline flag ("(?s)") changes the others when joined, so then
        only the joined pattern is used.
        """
        if any(GLOBAL_FLAGS.search(pattern) for _, patterns in self.grouped for pattern in patterns):
            return False
        singles = []
        for name, patterns in self.grouped:
            for pattern in patterns:
                prefixes = required_prefixes(pattern)
                pieces = None if prefixes else required_pieces(pattern)
                if prefixes:
                    test = re.compile(alternation(prefixes)).match
                elif pieces:
                    test = re.compile(alternation(pieces)).search
                else:
                    test = bool  # nothing known: try it on every line (of text)
                singles.append((name, max_space_runs(pattern), test, [None, pattern]))
        return singles


class SortedSet(set):
    """A set of line indices that also knows its smallest one."""

    def __init__(self, items):
        super().__init__(items)
        self.first = min(self) if self else None

    def __getitem__(self, position: int) -> int:  # only [0]: the smallest index
        return self.first


def alternation(texts, space: str = r"\s+") -> str:
    """Standard ``re`` source finding any of ``texts`` (longest first), spaces and quotes loose."""
    return "|".join(piece_source(text, space) for text in sorted(texts, key=len, reverse=True))


NO_MORE_HEADERS = LineRule("", "", False, False)  # header(): no line above can be a header


class LineFilter:
    """One checker for every line-filter rule of a pack.

    Anywhere-rules are tried on every line; edge rules only on the lines the walks from the
    two ends of the document reach, so a long article costs one pass of the short patterns.
    """

    def __init__(self, anywhere: Matcher, edge: Matcher, headers: Matcher, docs: tuple, takes_prose: bool):
        self.anywhere = anywhere
        self.edge = edge
        self.headers = headers
        self.docs = docs
        self.takes_prose = takes_prose

    def check(self, doc):
        lines = split_lines(doc)
        masked = doc.masked
        found: dict[int, LineRule | None] = {}

        def match(index: int) -> LineRule | None:
            if index not in found:
                line = lines[index]
                text = unmarked(masked[line.start:line.end])
                found[index] = None
                if not line.blank and len(text) <= MAX_LINE_CHARS and MASK not in text:
                    anywhere, edge = self.anywhere.may_match(text), self.edge.may_match(text)
                    if anywhere or edge:
                        normalized = normalize(text)
                        found[index] = (anywhere and self.anywhere.match(normalized)
                                        or edge and self.edge.match(normalized) or None)
            return found[index]

        header_lines: list = []  # lines a header rule may match, found on first use (None: any line)

        def header(index: int):
            if not header_lines:
                header_lines.append(self.headers.candidates(masked, lines))
            candidates = header_lines[0]
            if candidates is not None:
                if not candidates or candidates[0] > index:
                    return NO_MORE_HEADERS  # walking up, no line left that a header rule may match
                if index not in candidates:
                    return None
            if index in found:
                rule = found[index]
                return rule if rule is not None and rule.takes_following else None
            text = unmarked(masked[lines[index].start:lines[index].end])
            if lines[index].blank or len(text) > MAX_LINE_CHARS or MASK in text or not self.headers.may_match(text):
                return None
            return self.headers.match(normalize(text))

        removed = {}
        may_match = self.anywhere.may_match
        for index in range(len(lines)):
            content = lines.content(index)
            text = unmarked(content)
            if len(text) > MAX_ANYWHERE_CHARS or MASK in text or not content.strip() or not may_match(text):
                continue
            if lines[index].heading:
                continue  # a heading in the body is a section title, however short
            rule = self.anywhere.match(normalize(text))
            if rule is not None:
                removed[index] = found[index] = rule
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


class Lines:
    """The document's lines with their offsets and whether each is prose, made on first use.

    The walks from the two ends reach only a few lines of a long article, and the anywhere
    pass needs only the text of most lines: a ``Line`` is built for the lines asked for.
    """

    def __init__(self, doc):
        self.length = len(doc.text)
        masked = doc.masked
        raws = masked.split("\n")
        if raws[-1] == "":
            raws.pop()  # the empty "line" after a final newline (or of an empty document)
        self.raws = raws
        self.starts = list(itertools.accumulate((len(raw) + 1 for raw in raws), initial=0))
        self.transparent_spans = sorted((b.start, b.end) for b in doc.blocks if b.kind == "front_matter")
        self.stop_spans = sorted((b.start, b.end) for b in doc.blocks if b.kind in ("code", "html", "other"))
        self.heading_spans = sorted((b.start, b.end) for b in doc.blocks if b.kind == "heading")
        self.made: list[Line | None] = [None] * len(raws)

    def __len__(self) -> int:
        return len(self.raws)

    def __iter__(self):
        return (self[index] for index in range(len(self.raws)))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.raws)))]
        line = self.made[index]
        if line is None:
            line = self.made[index] = self.make(index if index >= 0 else index + len(self.raws))
        return line

    def content(self, index: int) -> str:
        """The masked text of line ``index``, without its line break."""
        raw = self.raws[index]
        return raw[:-1] if raw.endswith("\r") else raw

    def make(self, index: int) -> Line:
        position, content = self.starts[index], self.content(index)
        words = len(content.split())
        tail = content.rstrip()[-2:]
        ends_mark = bool(tail) and (tail[-1] in SENTENCE_MARKS or (tail[-1] in CLOSING and tail[:1] in SENTENCE_MARKS))
        prose = words >= PROSE_LONG_WORDS or (words >= PROSE_MIN_WORDS and bool(tail) and tail[-1] in PROSE_ENDS)
        takeable = 0 < words <= MAX_TAKEN_WORDS and not (words > MAX_TAKEN_SENTENCE_WORDS and tail.endswith("."))
        if self.stop_spans and words and inside(position, self.stop_spans):
            prose, takeable = True, False  # code and HTML end the frame: never removed, never passed over
        return Line(position, position + len(content), min(self.starts[index + 1], self.length), words, words == 0,
                    prose, takeable, ends_mark, bool(self.transparent_spans) and inside(position, self.transparent_spans),
                    bool(self.heading_spans) and words > 0
                    and inside(position + len(content.rstrip()) - 1, self.heading_spans))


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
    for index in order:
        line = lines[index]
        if line.blank or line.transparent:
            continue
        rule = headers(index) if headers and weak else match(index)
        if rule is NO_MORE_HEADERS:
            return  # past the last furniture line, only a header could still remove lines
        if rule is not None and not headers and line.heading:
            rule = None  # walking from the top, a heading is the title, whatever it says
        if rule is not None:
            if headers and rule.takes_following and (
                    prose_before(lines, index) >= MIN_ARTICLE_LINES if rule.takes_prose
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


def prose_before(lines: list[Line], index: int) -> int:
    """How many lines of prose come before ``index`` (a comment thread needs an article above it)."""
    return sum(1 for line in lines[:index] if line.prose)


def line_issues(text: str, lines: list[Line], removed: dict[int, LineRule], continues_after: bool = False):
    """One deletion per removed line, so that runs of them leave no blank-line debris.

    Each piece is sane on its own (a rule that is not selected drops its pieces and the
    rest still reads well): in a run at the end of the document every line goes with the
    line break and blank lines before it; elsewhere with those after it, and the last line
    of a run keeps the blank line that separated the run from the text before.
    """
    kept = [i for i, line in enumerate(lines) if not line.blank and i not in removed]
    for run in removed_runs(lines, removed):
        first, last = run[0], run[-1]
        position = bisect.bisect_left(kept, first)
        before = kept[position - 1] if position else None
        after = kept[position] if position < len(kept) else None  # no kept line inside a run
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
