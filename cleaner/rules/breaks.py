"""BRK: sentence breaks in the wrong place: "word. lowercase" inside a sentence.

Machine translation sometimes ends a sentence too early ("Moscow's struggle. to save") or
starts the next one without its capital ("secretary. his accusations"), and sometimes leaves
a garbled one- or two-word "sentence" behind ("ended. distorted."). Every candidate is a
lowercase word right after a period on the same line, where the word before the period is
not an abbreviation (data: ``rules/data/abbreviations.toml``), an initial, a number, part of
a dotted form (``e.g.``, ``U.S.``, ``os.path.``) or a protected URL or domain. Then:

* a one- or two-word fragment after a real sentence is reported (BRK003), never changed;
* a continuation word after the period (``to``, ``of``, ``than``...) or a word before it that
  cannot end a sentence (``the``, ``and``...) means the period is spurious (BRK001);
* a usual sentence opener after it (``his``, ``the``, ``however``...) means a lost capital (BRK002);
* anything else is reported as undecided (BRK004).

>>> from cleaner import clean
>>> r = clean("It was a sign of Moscow's struggle. to save a war that ended. distorted.")
>>> r.text
"It was a sign of Moscow's struggle to save a war that ended. distorted."
>>> [(f.rule, r.text[f.start - 1:f.end - 1]) for f in r.findings]
[('BRK003', 'distorted.')]
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache

import regex

from ..builtin_data import builtin_toml
from ..edits import Issue
from ..lazy_pattern import LazyPattern
from .base import PATTERN_TIMEOUT, REPORT, SAFE, UNSAFE, FunctionChecker, doc
from .marks import marks_for

SPURIOUS = doc(
    "BRK001", "spurious-period", "Spurious period inside a sentence",
    what="Removes a period that splits one sentence in two: the word after it is lowercase and "
         "continues the clause (`to`, `of`, `than`, `which`, `and`...), or the word before it cannot "
         "end a sentence (`the`, `and`, `their`, `very`...).",
    why="Machine translation sometimes closes a sentence too early (`struggle. to save`); the "
        "period makes the rest of the sentence read as a fragment.",
    bad="It was another sign of Moscow's struggle. to save a war that was lost.",
    good="It was another sign of Moscow's struggle to save a war that was lost.",
    applicability=SAFE,
    safety="Safe when the word after the period is `to`, `of` or `than`, or the word before it is a "
           "determiner or conjunction (`the`, `and`, `their`...), the word before is a lowercase word of "
           "three letters or more that is not an abbreviation (`etc.`, `co.`, `st.`, `vs.`, units after "
           "a number; see `rules/data/abbreviations.toml`, extended with the `accept` setting), the "
           "sentence before has three words or more, "
           "the part after it two or more, and the paragraph is English prose outside a heading. Other "
           "continuation words (`and`, `which`, `from`...) give an unsafe fix: a sentence can start with them.",
)
LOST_CAPITAL = doc(
    "BRK002", "lowercase-sentence-start", "Lowercase sentence start after a period",
    what="Capitalizes the first word of a sentence that starts lowercase after a period, when that "
         "word is a usual sentence opener (`his`, `the`, `however`, `they`...).",
    why="A sentence boundary whose capital was lost (`secretary. his accusations`) looks like a "
        "spurious period to a reader and to sentence splitters.",
    bad="He resigned as secretary. his accusations were never proven.",
    good="He resigned as secretary. His accusations were never proven.",
    applicability=UNSAFE,
    safety="Unsafe: the same pattern can be a spurious period (the sentence should go on) or a "
           "lowercase brand or name; applied only with --unsafe-fixes.",
)
ORPHAN = doc(
    "BRK003", "orphan-fragment", "Orphan sentence fragment: the passage is probably garbled",
    what="Reports a \"sentence\" of one or two lowercase words after a period (`ended. distorted.`) "
         "that follows a full sentence.",
    why="Such fragments are what is left of a mistranslated phrase; neither removing the period nor "
        "capitalizing gives a correct sentence, so a human has to rewrite the passage.",
    bad="It was a sign of a war that ended. distorted.",
    good="It was a sign of a war that went wrong.",
    applicability=REPORT,
    safety="Report only: the right wording is unknown. Runs of short fragments (`on. meth. dot. com.`) "
           "are a style and are not reported.",
)
UNDECIDED = doc(
    "BRK004", "lowercase-after-period", "Lowercase word after a period: spurious period or lost capital",
    what="Reports a lowercase word after a period when neither the words around it say the period is "
         "spurious nor that a new sentence starts there.",
    why="One of the two is wrong: the period, or the case of the next word. Which one needs a reader.",
    bad="The plan was approved. thousands of people celebrated.",
    good="The plan was approved. Thousands of people celebrated.",
    applicability=REPORT,
    safety="Report only: removing the period and capitalizing are both plausible. A word that is no English "
           "word and that the document also writes in lowercase mid-sentence is a name spelled in lowercase "
           "(\"libuv also provides\") and is not reported.",
)
DOCS = (SPURIOUS, LOST_CAPITAL, ORPHAN, UNDECIDED)

# The period is found first (a lookbehind holds the word before it): scanning for "." is far
# faster than trying a word start at every letter.
CANDIDATE = regex.compile(
    r"(?<=(?<![\p{L}\p{M}\p{N}.'’\-_/@#&])"         # the word starts here: not after a dot or digit
    r"(\p{L}[\p{L}\p{M}'’\-]*))"                       # the word before the period
    r"\.([ \t\u00a0]+)"                                # period, then spaces on the same line
    r"(\p{Ll}[\p{L}\p{M}'’\-]*)"                        # a lowercase word
)
# Every CANDIDATE match starts at a period followed by spaces and a lowercase letter, which is
# ASCII a-z or outside ASCII: :mod:`cleaner.rules.marks` finds those periods
# (a superset, shared with the spacing checkers), and CANDIDATE, with its lookbehind and Unicode
# classes, is tried at each of them only.
# The rest is compiled on first use: only a candidate needs them, and most documents have few.
LAST_BOUNDARY = LazyPattern(r"[.!?…][\"”’)\]]*[ \t\u00a0]+", regex.REVERSE)  # searched from the right: the last one
SEGMENT_END = LazyPattern(r"[.!?…]+(?=[\"”’)\]]*(?:[ \t\u00a0\r\n]|$))")
NUMBER_BEFORE = LazyPattern(r"(?:\d[\d,./]*|[½¼¾⅓⅔⅛])[ \t\u00a0-]*$")
LINE_LEAD = LazyPattern(r"^[ \t\ufffc]*(?:[-*+•>#]+[ \t]*|\(?\w{1,3}[.)][ \t]+)?$")
DOTTED_NEXT = LazyPattern(r"\.\p{L}")
LETTERS = LazyPattern(r"\p{L}+")
VOWELS = frozenset("aeiouyAEIOUYàáâäèéêëìíîïòóôöùúûü")


def read_data(name: str) -> dict:
    """One data file of ``rules/data/`` (shipped in the wheel), parsed once; shared, never changed."""
    return builtin_toml(f"data/{name}")


@lru_cache(maxsize=None)
def word_class(name: str) -> frozenset:
    """A word list of ``rules/data/sentence-words.toml``."""
    return frozenset(read_data("sentence-words.toml")["words"][name])


@lru_cache(maxsize=None)
def abbreviations(kind: str) -> frozenset:
    """``always``, ``capitalized``, ``after_number`` abbreviations or ``phrases``, lowercase."""
    return frozenset(word.lower() for word in read_data("abbreviations.toml")["abbreviations"][kind])


@lru_cache(maxsize=1)
def function_words() -> tuple[frozenset, frozenset]:
    """English function words, and those of other languages that are not English words.

    The lists are shared with the untranslated-text rules (``rules/data/stopwords.toml``), plus a
    few languages they do not cover (``foreign_extra`` in ``rules/data/sentence-words.toml``).
    """
    lists = {name: words for name, words in read_data("stopwords.toml").items() if isinstance(words, list)}
    english = frozenset(lists.pop("english"))
    return english, frozenset().union(*lists.values(), word_class("foreign_extra")) - english


def looks_english(text: str) -> bool:
    """True unless ``text`` has more function words of other languages than English ones.

    It keeps German, French or Indonesian paragraphs (quoted or mixed into English pages) out
    of the rules, while a short English headline with few function words still counts.

    >>> looks_english("Der Arzt kann mit der Akte etc. aufklären, bzw. lebenslange Akte anlegen und pflegen.")
    False
    >>> looks_english("Long-dated U.S. Treasury yields slipped as risk appetite weakened.")
    True
    """
    words = LETTERS.findall(text[:3000].lower())
    english, foreign = function_words()
    return sum(word in english for word in words) >= sum(word in foreign for word in words)


def paragraph_at(text: str, position: int) -> tuple[int, int]:
    """Bounds of the paragraph (text between blank lines) around ``position``."""
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return (0 if start == -1 else start + 2), (len(text) if end == -1 else end)


SENTENCE_WINDOW = 600  # characters looked back for a sentence's start: enough to tell a fragment


def words_before(text: str, line_start: int, period: int) -> int:
    """Words in the sentence that ends at ``period``, counted back to the previous boundary.

    Only the last :data:`SENTENCE_WINDOW` characters are read, so long lines cost linear time;
    a sentence longer than that has far more words than any fragment anyway.
    """
    start = max(line_start, period - SENTENCE_WINDOW)
    last = LAST_BOUNDARY.search(text, start, period)  # a line of short sentences has many
    if last is not None:
        start = last.end()
    return len(text[start:period].split())


class Layout:
    """Line, paragraph and block positions of one document, found once and then looked up.

    Looking them up per candidate with ``rfind``/``find`` would read a long line or paragraph
    again for every period in it.
    """

    def __init__(self, document, text: str):
        self.text = text
        self.blocks = document.blocks
        self.english: dict[int, bool] = {}

    # Each list is made the first time a candidate needs it: most candidates are ruled out before.
    @cached_property
    def newlines(self) -> list[int]:
        return [m.start() for m in NEWLINE.finditer(self.text)]

    @cached_property
    def breaks(self) -> list[int]:
        return [m.start() for m in PARAGRAPH_BREAK.finditer(self.text)]

    @cached_property
    def block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def line_bounds(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_left(self.newlines, position)
        start = self.newlines[index - 1] + 1 if index else 0
        end = self.newlines[index] if index < len(self.newlines) else len(self.text)
        return start, end

    def paragraph_is_english(self, position: int) -> bool:
        index = bisect.bisect_left(self.breaks, position)
        start = self.breaks[index - 1] + 2 if index else 0
        if start not in self.english:
            end = self.breaks[index] if index < len(self.breaks) else len(self.text)
            self.english[start] = looks_english(self.text[start:end])
        return self.english[start]

    def block_kind(self, position: int) -> str:
        """The kind of the block containing ``position`` (``paragraph`` when none does)."""
        index = bisect.bisect_right(self.block_starts, position) - 1
        if index >= 0 and self.blocks[index].start <= position < self.blocks[index].end:
            return self.blocks[index].kind
        return "paragraph"


NEWLINE = re.compile("\n")
PARAGRAPH_BREAK = re.compile("\n\n")


def next_segment(text: str, start: int, line_end: int) -> tuple[int, int, bool]:
    """End, word count and "ends with sentence punctuation" of the sentence starting at ``start``."""
    match = SEGMENT_END.search(text, start, line_end)
    end = match.end() if match else line_end
    return end, len(text[start:end].split()), match is not None


def is_abbreviation(word: str, text: str, word_start: int, extra: frozenset) -> bool:
    """``word`` (before a period) is an abbreviation, not a sentence's last word.

    >>> is_abbreviation("etc", "taxes, etc.", 7, frozenset())
    True
    >>> is_abbreviation("in", "12 in.", 3, frozenset()), is_abbreviation("in", "came in.", 5, frozenset())
    (True, False)
    """
    lower = word.lower()
    if lower in abbreviations("always") or lower in extra:
        return True
    if word[0].isupper() and lower in abbreviations("capitalized"):
        return True
    if lower in abbreviations("after_number") and NUMBER_BEFORE.search(text, max(0, word_start - 24), word_start):
        return True
    # Vowel-less words are abbreviations too ("Mgmt.", "tsp.", "hrs.").
    return not VOWELS.intersection(word)


def opens_sentence(text: str, start: int, line_end: int) -> bool:
    """True when the words at ``start`` are a usual sentence opener ("of course", "to be honest").

    >>> opens_sentence("of course, he left", 0, 18), opens_sentence("of a long winter", 0, 16)
    (True, False)
    """
    head = " ".join(LETTERS.findall(text[start:min(line_end, start + 40)].lower())[:4])
    return any(head == phrase or head.startswith(phrase + " ") for phrase in word_class("opening_phrases"))


def extra_abbreviations(config) -> frozenset:
    options = getattr(config, "options", None) or {}
    return frozenset(str(word).lower().rstrip(".") for word in options.get("abbreviations", ()))


def make_finder(config):
    """The BRK finder for one configuration (user abbreviations and accepted words)."""
    extra = extra_abbreviations(config)
    accepted = frozenset(word.lower() for word in getattr(config, "accept", ()) or ())
    marks = marks_for(config)  # shared with the spacing and punctuation checkers

    def find_breaks(doc):
        text = doc.masked
        issues = []  # a list, not a generator: most documents have no candidate, and return at once
        layout = None  # made for the first candidate
        for period in marks(text).period_break:
            # No timeout: a match at one period reads two words and the spaces between them, and
            # regex's timeout costs several times the match itself.
            match = CANDIDATE.match(text, period)
            if match is None:
                continue
            if layout is None:
                layout = Layout(doc, text)
            issue = judge(layout, text, match, extra, accepted)
            if issue is not None:
                issues.append(issue)
        marks.release(text)  # the last checker to read them: a Cleaner keeps nothing between documents
        return issues

    return find_breaks


def judge(layout: Layout, text: str, match, extra: frozenset, accepted: frozenset):
    """Decide what one "word. lowercase" candidate is; ``None`` when it is fine."""
    before, after = match.group(1), match.group(3)
    period = match.start()
    after_start, after_end = match.start(3), match.end(3)
    last_part = before.rsplit("-", 1)[-1]
    if len(last_part) <= 1 or is_abbreviation(last_part, text, period - len(last_part), extra):
        return None  # initials and abbreviations, also after a hyphen: "ESBL-E. coli"
    if any(ch.isupper() for ch in after[1:]) or DOTTED_NEXT.match(text, after_end):
        return None  # iPhone, eBay; a dotted abbreviation such as "e.g." opens the next part
    if before.isupper():
        return None  # acronyms and headings in capitals: "CONDITIONING. of Atmospheres"
    lower_before, lower_after = before.lower(), after.lower()
    if lower_before in accepted or lower_after in accepted or lower_after.rstrip("’'") in abbreviations("always"):
        return None
    if f"{lower_before}. {lower_after}" in abbreviations("phrases"):
        return None  # "the no. of cases"
    line_start, line_end = layout.line_bounds(period)
    if LINE_LEAD.match(text[line_start:match.start(1)]) and (
            lower_before in word_class("list_markers") or len(before) <= 3):
        return None  # "ii. the method", "a) iv. the ..." list items
    if not layout.paragraph_is_english(period):
        return None
    words_left = words_before(text, line_start, period)
    segment_end, words_right, closed = next_segment(text, after_start, line_end)
    if words_left <= 2 and words_right <= 2:
        return None  # a run of short fragments is a style: "on. meth. dot. com."
    strong = lower_after in word_class("continuation_safe") or lower_before in word_class("non_final_safe")
    if closed and words_right <= 2 and not strong:
        return Issue("BRK003", after_start, segment_end, ORPHAN.message, None, REPORT)
    if strong or lower_after in word_class("continuation") or lower_before in word_class("non_final"):
        safe = (strong and before.islower() and len(before) >= 3 and words_left >= 3 and words_right >= 2
                and layout.block_kind(period) not in ("heading", "table", "list_item")
                and not opens_sentence(text, after_start, line_end))
        # The span runs to the next word's first letter, so the finding points at the whole break.
        return Issue("BRK001", period, after_start + 1, SPURIOUS.message, text[period + 1:after_start + 1],
                     SAFE if safe else UNSAFE)
    if lower_after in word_class("starters"):
        # The span starts at the period, so the finding points at the break, not only at the letter.
        return Issue("BRK002", period, after_start + 1, LOST_CAPITAL.message,
                     text[period:after_start] + after[0].upper(), UNSAFE)
    if is_lowercase_name(text, lower_after, after_start) and after == lower_after:
        return None  # "libuv also provides": a name the document writes in lowercase
    return Issue("BRK004", period, after_end, UNDECIDED.message, None, REPORT)


def is_lowercase_name(text: str, word: str, position: int) -> bool:
    """Whether ``word`` (at ``position``) is no English word and the text also writes it in
    lowercase after a lowercase word: a name spelled in lowercase ("libuv", "gsutil"), which
    starts a sentence in lowercase by design.

    >>> is_lowercase_name("Built on libuv. libuv runs it.", "libuv", 16)
    True
    >>> is_lowercase_name("We met thousands. thousands came.", "thousands", 18)
    False
    """
    from ..kinds.casing_lexicon import is_common_word  # the English word list, loaded on first use

    if is_common_word(word):
        return False
    elsewhere = regex.compile(r"(?<=\p{Ll}[,;:]? )" + regex.escape(word) + r"(?![\p{L}\p{M}\p{N}])")
    return any(match.start() != position for match in elsewhere.finditer(text, timeout=PATTERN_TIMEOUT))


def checkers(config):
    return [FunctionChecker(DOCS, make_finder(config), forget=marks_for(config).forget)]
