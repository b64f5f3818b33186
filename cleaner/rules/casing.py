"""CAS: casing that needs the whole document or grammar, next to the name lexicons in ``rules/casing.toml``.

The lexicon rules (CAS001 curated names, CAS002 places, nationalities and languages, CAS006
preferred spellings) are data: packs of kind ``casing-lexicon``. This module adds what a list
cannot decide alone:

- CAS003: a word the document itself writes capitalized mid-sentence, lowercase here
  ("Goguryeo ... the goguryeo army"), when the word is no common English word;
- CAS004: the same evidence for a place or language name that is also a common word
  ("China ... china"): reported, never changed;
- CAS005: the pronoun "i".

>>> from cleaner import Cleaner, Config
>>> Cleaner(Config(select=("CAS003", "CAS005"))).clean("Then i met Tamang people; the tamang dance.").text
'Then I met Tamang people; the Tamang dance.'
"""

from __future__ import annotations

import itertools
import re

import regex

from ..edits import Issue
from ..lazy_pattern import LazyPattern
from ..kinds.casing_lexicon import (
    LETTER_OR_DIGIT,
    NEIGHBOUR_REACH,
    Lexicon,
    WordMemo,
    document_words,
    homographs,
    is_standalone,
)
from ..wordspans import FIND_BUDGET, locate_words
from .base import PATTERN_TIMEOUT, REPORT, SAFE, FunctionChecker, doc

CAPITALIZED_ELSEWHERE = doc(
    "CAS003", "name-capitalized-elsewhere", "Lowercased name the document capitalizes elsewhere",
    what="Capitalizes a lowercase word that the same document writes capitalized in the middle of a "
         "sentence (after a lowercase word or a comma), when the word is not a common English word: "
         "\"Goguryeo\" in one sentence and \"goguryeo\" in the next.",
    why="MT output translates sentence by sentence and lowercases a rare name in some sentences only; "
        "the document's own spelling is the best evidence for its casing.",
    bad="The army of Goguryeo marched south. Later the goguryeo army retreated.",
    good="The army of Goguryeo marched south. Later the Goguryeo army retreated.",
    applicability=SAFE,
    safety="Safe: the word must be capitalized mid-sentence elsewhere (not only at sentence starts or in "
           "headings), must not be a common lowercase English word (\"bill\" and \"Bill\" are both words), "
           "must stand alone (no URL or identifier) and its sentence must read as English; a word the document "
           "writes in lowercase more than twice as often as capitalized mid-sentence is left alone (a tool's "
           "name such as \"gsutil\" is its own spelling).",
)
AMBIGUOUS_NAME = doc(
    "CAS004", "ambiguous-lowercase-name", "Place or language name that is also a common word",
    what="Reports a lowercase word that is both a place, nationality or language name and a common "
         "English word (\"china\", \"turkey\", \"polish\", \"jordan\") when the same document writes it "
         "capitalized mid-sentence elsewhere.",
    why="\"fine china\" and \"China\", \"polish\" and \"Polish\": only a reader can tell which one is meant, "
        "but a document that names the country elsewhere makes the lowercase form suspicious.",
    bad="Exports to China grew. Most of it went to china and india.",
    good="Exports to China grew. Most of it went to China and India.",
    applicability=REPORT,
    safety="Report only: the lowercase word may be the common word (porcelain, the bird, the verb).",
)
PRONOUN_I = doc(
    "CAS005", "lowercase-pronoun-i", "Lowercase pronoun \"i\"",
    what="Capitalizes the pronoun \"i\" (and \"i'm\", \"i've\", \"i'd\", \"i'll\") when it is followed by a word "
         "in an English sentence.",
    why="The pronoun is always capitalized in English; MT systems and chat-style sources lowercase it.",
    bad="Yesterday i went home and i'm tired.", good="Yesterday I went home and I'm tired.",
    applicability=SAFE,
    safety="Safe: not in code, math or lists (\"for i in\", \"i = 0\", \"(i)\", \"i.e.\", \"x_i\", \"i-th\"), not "
           "before \"is\" (\"where i is the index\"), and only in sentences that read as English (Italian "
           "\"i bambini\" is left alone).",
)
DOCS = (CAPITALIZED_ELSEWHERE, AMBIGUOUS_NAME, PRONOUN_I)

# A capitalized word standing alone in the middle of a sentence: after a lowercase word (or a
# comma after one) and not followed by another capitalized word, so "Audi Quattro" or
# "Hurricane Dorian" say nothing about "quattro" or "hurricane" alone.
MID_SENTENCE_CAPITAL = LazyPattern(
    r"(?<=(?<![\p{L}\p{M}\p{N}_])\p{Ll}+[,;]? )\p{Lu}\p{Ll}+(?![\p{L}\p{M}\p{N}_]|-| \p{Lu}| of \p{Lu})")
# A capitalized word, then a lowercase word: a capital after them may be title case (see
# is_mid_sentence_capital) when the lowercase word is one that titles leave in lowercase.
TITLE_WORD_BEFORE = LazyPattern(r"(?<![\p{L}\p{M}\p{N}_])\p{Lu}[\p{L}\p{M}]* (\p{Ll}+) $")
TITLE_MINOR_WORDS = frozenset("a an the and or nor but of in on at to for with by from as into onto over via per vs".split())
# "i" as a pronoun: at a word start after space or an opening quote, followed by a contraction
# or by a space and a lowercase word.
PRONOUN = LazyPattern(
    r"(?<=(?:^|[\s\"“‘]))i(?=(?:['’](?:m|ve|d|ll)(?![\p{L}\p{N}]))|(?:[ \t]+(\p{Ll}+)(?![\p{L}\p{N}_(\[=])))",
    regex.MULTILINE,
)
# Where PRONOUN may match (a superset: the standard library's ``\s`` holds every ``regex`` space): a
# lone "i" after a space, quote or the text start, then a space, tab or apostrophe. The literal
# comes first so the scan jumps from "i" to "i".
MAYBE_PRONOUN = re.compile(r"i(?<![^\s\"“‘]i)[ \t'’]")
# Words after which "i" is a variable, an index or a list item, not the pronoun.
NOT_AFTER_PRONOUN = frozenset({"is", "in", "and", "or", "of", "to", "th", "ii", "iii", "iv", "vi", "from",
                               "for", "with", "by", "as", "j", "k", "n", "x", "e", "ie"})


def follows_acronym(text: str, start: int) -> bool:
    """Whether the word before ``start`` (on the same line) is in capitals: "IBM i" is a product's name.

    >>> follows_acronym("runs on IBM i today", 12), follows_acronym("Then i went", 5)
    (True, False)
    """
    if not start or text[start - 1] not in " \t":
        return False
    words = text[max(0, start - NEIGHBOUR_REACH):start].split()
    return bool(words) and len(words[-1]) >= 2 and words[-1].isalpha() and words[-1].isupper()


def is_mid_sentence_capital(text: str, span: tuple[int, int], word: str) -> bool:
    """Whether ``MID_SENTENCE_CAPITAL`` matches exactly ``word`` at ``span``, outside title case.

    A title ("Working with Subnets", a heading or link text in the style of product
    documentation) capitalizes ordinary words: a capital after a short word that titles leave
    in lowercase, itself after a capitalized word, with no lowercase word after it, says
    nothing about the word's casing ("Exports to China grew" is a sentence).

    >>> is_mid_sentence_capital("[Working with Subnets](x)", (14, 21), "Subnets")
    False
    >>> is_mid_sentence_capital("The army of Goguryeo", (12, 20), "Goguryeo")
    True
    >>> is_mid_sentence_capital("Exports to China grew", (11, 16), "China")
    True
    """
    match = MID_SENTENCE_CAPITAL.match(text, span[0])
    if match is None or match.end() != span[1]:
        return False
    title = TITLE_WORD_BEFORE.search(text, max(0, span[0] - NEIGHBOUR_REACH), span[0])
    if title is None or title.group(1) not in TITLE_MINOR_WORDS:
        return True
    after = text[span[1]:span[1] + 2]
    return len(after) == 2 and after[0] == " " and after[1].islower()


# The English month and day names (what the calendar module lists, without importing it and datetime).
CALENDAR = frozenset("january february march april may june july august september october november december "
                     "monday tuesday wednesday thursday friday saturday sunday".split())


class DocumentCasing:
    """The document-level casing checks, sharing one English-word test."""

    def __init__(self):
        self.lexicon = Lexicon()
        self.ambiguous = homographs() - CALENDAR
        self.wanted = WordMemo(lambda words: {word for word in words if self.is_wanted(word, self.lexicon)})

    def find_capitalized_elsewhere(self, document):
        """CAS003 and CAS004: lowercase words the document writes capitalized mid-sentence elsewhere."""
        text = document.masked
        words, capitalized_words = document_words(text)
        lexicon = self.lexicon
        # Only words that are no common word (CAS003) or are an ambiguous place name (CAS004), that
        # the text writes both in lowercase and capitalized: set operations first, the capitals
        # pattern last. str.lower is idempotent: a word's lowercase form is its own lowercase form.
        both = words.intersection(capitalized_words.values())
        wanted = self.wanted.among(both) if both else None
        capitals = {word for word, lower in capitalized_words.items() if lower in wanted and len(word) >= 3} if wanted else set()
        # A word with no uppercase form ("ǂkhomani", a Han name) counts as capitalized (only
        # outside ASCII: an ASCII word equal to its lowercase form starts in lowercase).
        capitals.update(word for word in itertools.filterfalse(str.isascii, words)
                        if len(word) >= 3 and not word[0].islower() and word.lower() == word
                        and self.is_wanted(word, lexicon))
        if not capitals:
            return  # no word written both ways: the usual case
        # A long text is split to locate words, once for the capitals and their lowercase forms.
        both = len(capitals) * len(text) > FIND_BUDGET
        spans = locate_words(text, capitals.union(map(str.lower, capitals)) if both else capitals)
        capitalized: dict[str, int] = {}  # word -> how often it is capitalized mid-sentence
        for span in spans:
            word = text[span[0]:span[1]]
            if word in capitals and is_mid_sentence_capital(text, span, word):
                capitalized[word] = capitalized.get(word, 0) + 1
        lowered = {word.lower(): word for word in capitalized if len(word) >= 3}
        present = words.intersection(lowered)
        lowered = {lower: lowered[lower] for lower in present if lower in self.ambiguous or not lexicon.is_common(lower)}
        if not lowered:
            return
        sentences: dict = {}
        spans = [span for span in spans if text[span[0]:span[1]] in lowered] if both else locate_words(text, lowered)
        found: list[Issue] = []
        lowercase_uses: dict[str, int] = {}  # CAS003 candidates per word
        for start, end in spans:
            if (start and LETTER_OR_DIGIT.match(text[start - 1])) or (end < len(text) and LETTER_OR_DIGIT.match(text[end])):
                continue  # glued to a combining mark: no whole word for the name pattern
            word = text[start:end]
            name = lowered[word]
            if end < len(text) and text[end] in "-–":
                continue  # neo-banks: a prefix, whatever the document capitalizes elsewhere
            if start >= 2 and text[start - 1] == " " and text[start - 2].isdigit():
                continue  # "Sportback 50 quattro": a model designation
            if not is_standalone(text, start, end) or not lexicon.is_english_sentence(text, start, sentences):
                continue
            if not lexicon.is_common(word):
                lowercase_uses[word] = lowercase_uses.get(word, 0) + 1
                found.append(Issue("CAS003", start, end, f"the document writes {name!r} elsewhere: capitalize it",
                                   name, SAFE))
            else:
                found.append(Issue("CAS004", start, end, f"{word!r} is also the name {name!r}, capitalized elsewhere "
                                   "in the document: check which one is meant", None, REPORT))
        # A word the document writes in lowercase more than twice as often as capitalized
        # mid-sentence is its own spelling, not a slip: a tool's name ("install gsutil", and
        # once "the team behind Gsutil"). A slip of MT lowercases the name in some sentences.
        capital_uses: dict[str, int] = {}
        for word, count in capitalized.items():
            capital_uses[word.lower()] = capital_uses.get(word.lower(), 0) + count
        for issue in found:
            if issue.rule != "CAS003" or lowercase_uses[text[issue.start:issue.end]] <= 2 * capital_uses[
                    text[issue.start:issue.end]]:
                yield issue

    def is_wanted(self, lower: str, lexicon) -> bool:
        """A lowercase word that is no common word, or is an ambiguous place name."""
        return lower in self.ambiguous or not lexicon.is_common(lower)

    def find_pronoun(self, document):
        """CAS005: the lowercase pronoun "i"."""
        text = document.masked
        sentences: dict = {}
        for candidate in MAYBE_PRONOUN.finditer(text):
            match = PRONOUN.match(text, candidate.start(), timeout=PATTERN_TIMEOUT)
            if match is None:
                continue
            following = match.group(1)
            if following is not None and following in NOT_AFTER_PRONOUN:
                continue
            if follows_acronym(text, match.start()):
                continue
            if self.lexicon.is_english_sentence(text, match.start(), sentences):
                yield Issue("CAS005", match.start(), match.end(), PRONOUN_I.message, "I", SAFE)


def checkers(config):
    casing = DocumentCasing()
    return [FunctionChecker((CAPITALIZED_ELSEWHERE, AMBIGUOUS_NAME), casing.find_capitalized_elsewhere),
            FunctionChecker((PRONOUN_I,), casing.find_pronoun)]
