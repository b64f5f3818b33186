"""SPC: spacing damage: a space before punctuation, a missing space after it, runs of spaces.

>>> from cleaner import clean
>>> clean("Really ? Yes , it works.Thank you.").text
'Really? Yes, it works. Thank you.'
"""

from __future__ import annotations

import functools
import re

from ..document import MASK
from ..edits import Issue
from ..lazy_pattern import LazyPattern
from .base import SAFE, FunctionChecker, doc
from .breaks import word_class
from .marks import SPACES_BEFORE, look_at_marks, marks_for

SPACE_BEFORE = doc(
    "SPC001", "space-before-punctuation", "Space before punctuation",
    what="Removes spaces (also no-break and narrow no-break spaces) between a word and a following "
         "`, . ; ? !`, and between a word and a colon that is followed by a word.",
    why="French typography puts a space before `? ! ; :` and tokenized MT output puts one before "
        "every mark; in English both read as errors.",
    bad="What happened ? Nobody knows , really .", good="What happened? Nobody knows, really.",
    applicability=SAFE,
    safety="Safe: only between a letter, digit or closing bracket/quote and punctuation that is followed by "
           "a space or the line end, so emoticons, times (`10 : 30`), ratios and ellipses stay; never after a bare "
           "URL, path or e-mail address, where the space keeps the address whole (`see https://x.org/conf .`).",
)
MISSING_SPACE = doc(
    "SPC002", "missing-space-after-punctuation", "Missing space after sentence punctuation",
    what="Inserts a space between a sentence-ending `. ! ?` and the capitalized word after it when the "
         "mark follows two lowercase letters: `you.Thank` becomes `you. Thank`.",
    why="Joined sentences come from extraction and MT detokenization; readers and sentence splitters "
        "both stumble on them.",
    bad="Thank you.Thank you all.", good="Thank you. Thank you all.",
    applicability=SAFE,
    safety="Safe: URLs, domains and e-mail addresses are protected, `Node.js` has a lowercase letter after "
           "the period, `U.S.A.` or `J.R.R.Tolkien` have capitals before it, and the dotted names of API "
           "documentation are left alone: a CamelCase word after the period (`fs.FileHandle`) or a brace, "
           "bar, slash or period before the first word (`{cluster.Worker}`, `google.oauth2.credentials.Credentials`); "
           "so are product names such as `Yandex.Direct` that the document writes so more than once (a "
           "capitalized word, a period, then a word that does not usually open a sentence, as `The` does).",
)
SPACE_RUN = doc(
    "SPC003", "space-run", "Run of spaces inside a line",
    what="Collapses two or three spaces between two words (not after sentence punctuation) into one.",
    why="Doubled spaces mark a word that was dropped or an extraction seam; they survive into the "
        "published page as uneven spacing.",
    bad="The  call was   important.", good="The call was important.",
    applicability=SAFE,
    safety="Safe: indentation, trailing spaces (Markdown hard breaks), two spaces after a sentence and "
           "lines that look aligned (two runs, or a run of four or more spaces) are left alone.",
)
DOCS = (SPACE_BEFORE, MISSING_SPACE, SPACE_RUN)

# The marks SPC001 and SPC002 start from are found by :mod:`cleaner.rules.marks`; these patterns
# check what surrounds them there, and are compiled on first use: they are needed only where a
# space before a mark or a run of spaces was found.
MARK_END = LazyPattern(r"[,.;?!](?:[ \t\r\n\"”’]|$)(?<!\.\.)|:[ \t]+[^\W\d_]", module="re")
WORD_BEFORE = LazyPattern(r"[\p{L}\p{N})\]\"”’»\ufffc]")  # U+FFFC: inline code, a link, a URL
SPACE_RUNS = LazyPattern(r"(?<! ) {2,3}(?! )(?<=[\p{L}\p{N},;]  +)(?=[\p{L}\p{N}(\[\"“‘])")
# Where SPACE_RUNS can match: runs of exactly two or three spaces after a character that is not
# ASCII other than a letter, digit, "," or ";" (a superset of [\p{L}\p{N},;]; the space is
# excluded too, so the run starts there). Led by the literal two spaces, so re jumps from one
# double space to the next in C, and two spaces after a sentence are passed over in C as well;
# SPACE_RUNS (lookbehinds and Unicode classes, in regex) is then tried at each candidate only.
SPACE_RUN_CANDIDATE = re.compile(r"  (?<=[^\x00-\x2b\x2d-\x2f\x3a\x3c-\x40\x5b-\x60\x7b-\x7f]  ) ?(?! )")
ALIGNED = LazyPattern(r"\S {4,}\S|\S {2,}\S.*\S {2,}\S.*\S {2,}\S")
COLUMN_GAP = LazyPattern(r"\S {2,}\S")


def find_spaces_before_marks(masked: str, marks=look_at_marks):
    """Spans of the runs of spaces (no-break ones too) right before ``, . ; ? ! :``.

    The marks come from :mod:`cleaner.rules.marks` (``marks``: a checker's shared
    :class:`~cleaner.rules.textmemo.TextMemo`): marks are rarer than spaces.

    >>> list(find_spaces_before_marks("Yes  , no\u00a0! ok"))
    [(3, 5), (9, 10)]
    """
    for end in marks(masked).after_space:
        start = end - 1
        while start and masked[start - 1] in SPACES_BEFORE:
            start -= 1
        yield start, end


# The last characters of protected stretches that close themselves (`code`, [link](url), <url>, **bold**):
# a mark may follow them directly. After a bare URL, path or address the space keeps it whole.
CLOSED_PROTECTED_ENDS = "`)]>*_~"


def find_space_before(doc, marks=look_at_marks):
    masked = doc.masked
    if not marks(masked).after_space:
        return ()  # the usual case: a plain function returns at once, where a generator is made first
    return list(spaces_before(doc, masked, marks))


def spaces_before(doc, masked: str, marks):
    for start, end in find_spaces_before_marks(masked, marks):
        if not start or masked[start - 1] in SPACES_BEFORE or not WORD_BEFORE.match(masked, start - 1):
            continue
        if not MARK_END.match(masked, end) or masked.startswith("..", end):
            continue
        if masked[start - 1] == MASK and doc.text[start - 1] not in CLOSED_PROTECTED_ENDS:
            continue  # "see https://x.org/conf ." or "<https://x.org/a , b>": the space keeps a bare URL whole
        if masked[end] == ":" and not masked[start - 1].isalpha():
            continue
        if is_literal_mark(masked, start, end):
            continue
        yield Issue("SPC001", start, end, SPACE_BEFORE.message, "", SAFE)


def is_literal_mark(text: str, start: int, end: int) -> bool:
    """Whether the ``?`` or ``!`` at ``end``, after the plain spaces ``text[start:end]``, is a
    symbol written between words ("the ? wildcard", "the ! operator"), not a sentence's end:
    a lowercase word follows it. A no-break space before it is French typography all the same.

    >>> is_literal_mark("use ? to match", 3, 4), is_literal_mark("Really ? Yes", 6, 7), is_literal_mark("pas\u00a0? he", 3, 4)
    (True, False, False)
    """
    if text[end] not in "?!" or text[start:end].strip(" "):
        return False
    after = text[end + 1:end + 3]
    return len(after) == 2 and after[0] == " " and after[1].islower()


def find_missing_space(doc, marks=look_at_marks):
    masked = doc.masked
    positions = marks(masked).before_letter
    if not positions:
        return ()
    return list(missing_spaces(masked, positions))


def missing_spaces(masked: str, positions: list[int]):
    for position in positions:  # a mark with a letter right after it: rare, so check the rest here
        before, after = masked[max(position - 2, 0):position], masked[position + 1:position + 3]
        if len(before) == 2 and before.isalpha() and before.islower() and len(after) == 2 \
                and after[0].isupper() and after[1].islower() and not is_dotted_name(masked, position):
            yield Issue("SPC002", position + 1, position + 1, MISSING_SPACE.message, " ", SAFE)


# A name of API documentation, not two sentences: "{cluster.Worker}", "google.oauth2.credentials.Credentials"
# (a path or markup before the first word) or "fs.FileHandle" (a CamelCase word after the period).
PATH_BEFORE_WORD = re.compile(r"[{|._/\\#<@$][^\W_]+\Z")
WORD_AFTER = re.compile(r"[^\W\d_]+")


WORD_BEFORE_PERIOD = re.compile(r"(?<![^\W\d_])[^\W\d_]+\Z")


def is_dotted_name(text: str, period: int) -> bool:
    """Whether the period at ``period`` joins the parts of a dotted name (``errors.Error``), or of
    a product's name that the document writes so more than once ("Yandex.Direct": a capitalized
    word before and, after, a word that does not usually open a sentence, as "The" does in
    "Moscow.The"; a lost space after a sentence ending in a name, "Poland.Following", is a slip
    made once).

    >>> is_dotted_name("{errors.Error}", 7), is_dotted_name("use fs.FileHandle", 6), is_dotted_name("you.Thank", 3)
    (True, True, False)
    >>> is_dotted_name("Yandex.Direct ads. Yandex.Direct", 6), is_dotted_name("in Poland.Following", 9)
    (True, False)
    """
    after = WORD_AFTER.match(text, period + 1).group()
    if not after[1:].islower() or PATH_BEFORE_WORD.search(text, max(period - 80, 0), period) is not None:
        return True
    before = WORD_BEFORE_PERIOD.search(text, max(period - 80, 0), period)
    if before is None or not before.group()[0].isupper() or after.lower() in word_class("starters"):
        return False
    return text.count(f"{before.group()}.{after}") > 1


def find_space_runs(doc):
    masked = doc.masked
    if SPACE_RUN_CANDIDATE.search(masked) is None:  # as fast as a test for "  " first
        return ()  # the usual case: a plain function returns at once, where a generator is made first
    return list(space_runs(masked))


def space_runs(masked: str):
    for candidate in SPACE_RUN_CANDIDATE.finditer(masked):
        match = SPACE_RUNS.match(masked, candidate.start())  # a run of two or three spaces: bounded
        if match is None:
            continue
        line_start = masked.rfind("\n", 0, match.start()) + 1
        line_end = masked.find("\n", match.end())
        line = masked[line_start: len(masked) if line_end == -1 else line_end]
        if looks_aligned(line) or in_table(masked, line_start, line_end):
            continue
        yield Issue("SPC003", match.start(), match.end(), SPACE_RUN.message, " ", SAFE)


def looks_aligned(line: str) -> bool:
    """ALIGNED's search of ``line``, asked only of a line with four spaces in a row or three pairs
    of spaces (what a match needs): most lines with a run of spaces have neither, and the
    pattern reads the whole line.

    >>> looks_aligned("a  b c  d e  f"), looks_aligned("a     b"), looks_aligned("a  b c  d")
    (True, True, False)
    """
    return ("    " in line or line.count("  ") >= 3) and ALIGNED.search(line) is not None


def in_table(text: str, line_start: int, line_end: int) -> bool:
    """True when a neighbouring line also has a gap of two or more spaces: aligned columns."""
    previous_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    previous = text[previous_start:line_start - 1] if line_start else ""
    following = "" if line_end == -1 else text[line_end + 1: (text.find("\n", line_end + 1) + 1 or len(text) + 1) - 1]
    return any("  " in line and COLUMN_GAP.search(line) for line in (previous, following))


def checkers(config):
    marks = marks_for(config)  # shared with PUN003 and BRK
    return [FunctionChecker((SPACE_BEFORE,), functools.partial(find_space_before, marks=marks)),
            FunctionChecker((MISSING_SPACE,), functools.partial(find_missing_space, marks=marks)),
            FunctionChecker((SPACE_RUN,), find_space_runs)]
