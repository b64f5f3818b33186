"""Kind ``casing-lexicon``: names that are always capitalized, and preferred spellings of names.

A rule of this kind lists names in their right casing (``names``, or a word file
``names_file`` beside the pack, one name a line, gzip allowed) and capitalizes them where a
text writes them all in lowercase: "take kyiv" becomes "take Kyiv", "the second world war"
becomes "the Second World War". ``replace`` maps a spelling to the preferred one (``Kiev`` to
``Kyiv``), whatever its case. ``heads`` lists nouns that follow names ("dynasty", "river"): a
lowercase word that is no English word and no known name, right before one, is capitalized
("the joseon dynasty" becomes "the Joseon dynasty"); the head ``'s`` stands for the possessive
("tutankhamun's tomb"). ``keep`` lists lowercase words that no rule
of the pack touches.

Precision comes from three tests, the same for built-in and user packs:

- a name whose lowercase form is a common English word ("china", "turkey", "may", "crow") is
  never changed: :func:`common_words` is the case-sensitive evidence (Debian word lists);
- the word must stand alone: not part of a URL, path, identifier, handle or ``snake_case`` name,
  not glued to a dot and more letters (``kyiv.ua``), not inside ``a-hyphen-chain``;
- the words next to it must not be foreign: in "dan saya" (Indonesian) or "oder sind" (German)
  a neighbour that is lowercase and no English word shows the text is not English.

>>> lexicon = Lexicon([LexiconRule("CAS900", Applicability.SAFE, names=("Kyiv", "World Trade Center"))])
>>> [(i.start, i.replacement) for i in lexicon.find("take kyiv near the world trade center")]
[(5, 'Kyiv'), (19, 'World Trade Center')]
"""

from __future__ import annotations

import functools
import gc
import gzip
import itertools
import re
import string
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from ..config import ConfigError
from ..document import find_all
from ..edits import Applicability, Issue
from ..lazy_pattern import LazyPattern
from ..wordspans import CHUNK_SIZE, LETTERS, aligned_words, blank_prose_punctuation, chunk_spans, is_word_char, locate_words
from .sorted_words import SortedWords, checked_lines

STAGE = "casing"
FIELDS = {"names": list, "names_file": str, "replace": dict, "keep": list, "heads": list}
# What English puts before or after a common word to make one the word lists may lack.
ENGLISH_PREFIXES = ("pre", "post", "re", "un", "non", "sub", "over", "under", "auto", "multi", "inter", "mis")
ENGLISH_SUFFIXES = ("ized", "ised", "izing", "ising")

WORD = LazyPattern(r"[\p{L}\p{M}]+")
FAST_WORD = LETTERS  # letter runs, with the standard library's faster engine
LETTER_OR_DIGIT = LazyPattern(r"[\p{L}\p{M}\p{N}_]")
# (The patterns are compiled on first use: a short run may need none of them.)
# Characters that glue a word to code, paths, handles, hashtags or prices.
GLUE_BEFORE = frozenset("_@#$/\\.=<>~`^|*+&%:")  # ":" with no space: std::sys::unix
HYPHEN_DIGITS = re.compile(r"-[^\W\d_]*\d")
GLUE_AFTER = frozenset("_@/\\=<>`|*+&%(")
APOSTROPHES = "'’"
NEIGHBOUR_REACH = 40  # characters
ENGLISH, NAME, FOREIGN = range(3)  # what a lowercase word is to the English test
WORD_KIND_MEMO = 1 << 15  # words: a few MB at most
NAME_MEMO = 1 << 15  # words a WordMemo keeps: about 3 MB (a run over many documents meets few new words)
# Prefixes that attach to names with a hyphen: pro-Russian, anti-American, non-English.
HYPHEN_PREFIXES = frozenset("pro anti non pan ex neo post pre mid trans sino afro euro indo anglo franco russo".split())
SENTENCE_BREAK = LazyPattern(r"(?<=[.!?:][\"'”’)\]]?)\s+")
PROSE_WORD = LazyPattern(r"(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}]+(?![\p{L}\p{M}\p{N}])")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]+")


def is_plain(text: str) -> bool:
    """Whether ``text`` is ASCII but for PROSE_PUNCTUATION: then it holds no word outside ASCII."""
    return blank_prose_punctuation(text).isascii()


def find_prose_words(text: str) -> list[str]:
    """``PROSE_WORD.findall(text)``: runs of letters that touch no digit. In a plain text
    (:func:`is_plain`) they are the runs of ASCII letters and digits made of letters only.

    >>> find_prose_words("The “B52” flew 3x — naïve")
    ['The', 'flew', 'naïve']
    """
    if not is_plain(text):
        return PROSE_WORD.findall(text)
    return [word for word in ASCII_ALNUM.findall(text) if word.isalpha()]
# The noun after a word (" dynasty"), or the possessive ending ("'s") listed as a head.
HEAD_AFTER = LazyPattern(r"(?: (\p{Ll}+)|(['’]s))(?![\p{L}\p{M}\p{N}_-])")
LATIN_ENDINGS = ("a", "us", "um", "is", "ae", "ii", "ensis")
GENUS_BEFORE = LazyPattern(r"(?<![\p{L}\p{M}\p{N}_])(\p{Lu}\p{Ll}+) $")
PREFIX_BEFORE_HYPHEN = LazyPattern(r"(?<![\p{L}\p{N}_-])(\p{Ll}+)-$")


def without_gc(build):
    """Run ``build`` with the garbage collector paused: the word sets and tables built here hold
    no reference cycles, and the collector's passes over them while they grow cost more than
    building them (a third of the first clean's time).
    """
    @functools.wraps(build)
    def run(*args):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return build(*args)
        finally:
            if enabled:
                gc.enable()
    return run


def read_bytes(path: str) -> bytes:
    """The bytes of a word file (decompressed when it ends in ``.gz``)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read word file: {error.strerror or error}") from None
    return gzip.decompress(data) if path.endswith(".gz") else data


def read_word_text(path: str) -> str:
    """The lines of a word file (``.gz`` allowed), as :func:`clean_word_text` keeps them."""
    return clean_word_text(read_bytes(path).decode("utf-8"))


def clean_word_text(text: str) -> str:
    """The lines of a word file's text, without blank lines and ``#`` comment lines, joined by
    line breaks.

    Built for files of a hundred thousand lines: the common case takes no Python loop over the lines.
    """
    if "\r" in text:
        text = text.replace("\r", "")
    while text.startswith("#"):  # the header
        text = text.partition("\n")[2]
    if "#" in text or "\t" in text or " \n" in text or "\n " in text or text.startswith(" ") or "\n\n" in text:
        return "\n".join(filter(None, (line.strip() for line in text.split("\n") if not line.startswith("#"))))
    return text[:-1] if text.endswith("\n") else text


@lru_cache(maxsize=16)
@without_gc
def read_word_file(path: str) -> tuple[str, ...]:
    """The lines of a word file, as :func:`read_word_text` cleans them."""
    text = read_word_text(path)
    return tuple(text.split("\n")) if text else ()


@lru_cache(maxsize=16)
@without_gc
def read_sorted_words(path: str) -> SortedWords:
    """A word file as a :class:`SortedWords` index. A file the build script wrote sorted, and
    nobody changed since (its checksum says so: the shipped lists), is searched as it is; any
    other file is cleaned and sorted here."""
    data = read_bytes(path)
    lines = checked_lines(data)
    if lines is None:
        lines = clean_word_text(data.decode("utf-8"))
        return SortedWords.of(lines.split("\n") if lines else ())
    return SortedWords(lines)


def builtin_data(name: str) -> str:
    from ..packs import builtin_pack_dir

    return str(builtin_pack_dir() / name)


@lru_cache(maxsize=1)
def common_words() -> SortedWords:
    """Lowercase English words (``rules/casing-common.txt``): a name spelled like one is never changed."""
    return read_sorted_words(builtin_data("casing-common.txt"))


def is_common_word(lower: str) -> bool:
    """A common English word, or the plural of one ("olds" as in ten-year-olds)."""
    has = common_words().has
    return has(lower) or (lower[-1:] == "s" and has(lower[:-1]))


@lru_cache(maxsize=1)
@without_gc
def homographs() -> frozenset[str]:
    """Place, language and month names that are also common words ("china", "polish", "may")."""
    return frozenset(read_word_file(builtin_data("casing-homographs.txt")))


def is_standalone(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a word of prose, not part of code, a path or a slug.

    >>> is_standalone("see kyiv.ua now", 4, 8), is_standalone("pro-russian forces", 4, 11)
    (False, True)
    """
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in GLUE_BEFORE or after in GLUE_AFTER or before.isdigit() or after.isdigit():
        return False  # code, paths, handles, prices, 8chan
    if before in APOSTROPHES and start >= 2 and LETTER_OR_DIGIT.match(text[start - 2]):
        return False  # l'italia, o'brien
    if after in APOSTROPHES and end + 1 < len(text) and text[end + 1] != "s" and LETTER_OR_DIGIT.match(text[end + 1]):
        return False  # kyiv'x (but kyiv's is a possessive)
    if after in ".:" and end + 1 < len(text) and LETTER_OR_DIGIT.match(text[end + 1]):
        return False  # kyiv.ua, nepal:8080
    if before == "-" and after == "-":
        return False  # a-slug-like-this
    if after == "-" and HYPHEN_DIGITS.match(text, end):
        return False  # darwin-x64, linux-armv7l: a platform or build name
    if before == "-":
        prefix = PREFIX_BEFORE_HYPHEN.search(text, max(0, start - 8), start)
        if prefix is None or prefix.group(1) not in HYPHEN_PREFIXES:
            return False  # year-olds, 2022-kyiv, --option; but pro-russian, anti-american
    return True


_last_words: tuple[str, frozenset[str], dict[str, str]] = ("", frozenset(), {})


def document_words(text: str) -> tuple[frozenset[str], dict[str, str]]:
    """The distinct letter runs of ``text`` (``FAST_WORD``), and those that are not their own
    lowercase form ("Kyiv", "NATO") with that form, shared by the casing checkers of one pass.

    Splits :func:`aligned_words` (common prose punctuation blanked too) at whitespace, piece by
    piece (a long document's words are never all in memory): the tokens in ASCII are plain
    words, and only the rest ("naïve" with a combining mark) goes through the pattern. A lowercase
    word (``str.islower``) is its own lowercase form, so only the others are lowercased.
    Read-only: the last text's words are kept, since every casing checker reads the same text.

    >>> words, capitalized = document_words("Kyiv's x-ray (2019), naïve KYIV")
    >>> sorted(words), sorted(capitalized.items())
    (['KYIV', 'Kyiv', 'naïve', 'ray', 's', 'x'], [('KYIV', 'kyiv'), ('Kyiv', 'kyiv')])
    """
    global _last_words
    last_text, last_words, last_capitalized = _last_words  # one tuple: safe to read while another thread replaces it
    if last_text is text or last_text == text:
        return last_words, last_capitalized
    if len(text) <= CHUNK_SIZE:  # most texts are one piece: no generators
        piece = blank_prose_punctuation(aligned_words(text))
        words = frozenset(piece.split())
        wide = not piece.isascii()  # (most English prose has no character outside ASCII once blanked)
    else:
        pieces_wide = []

        def split_pieces():
            for start, end in chunk_spans(text):
                piece = blank_prose_punctuation(aligned_words(text[start:end]))
                if not piece.isascii():
                    pieces_wide.append(True)
                yield piece.split()

        words = frozenset(itertools.chain.from_iterable(split_pieces()))
        wide = bool(pieces_wide)
    # Only tokens with other characters than ASCII letters can be other than a run of letters.
    others = [token for token in itertools.filterfalse(str.isascii, words) if not token.isalpha()] if wide else None
    if others:
        words = words.difference(others).union(FAST_WORD.findall(" ".join(others)))
    # (a word without case, "中文", is its own lowercase form; a comprehension beats map and
    # compress here, on one sentence as on a long page)
    capitalized = {word: lower for word in words if not word.islower() and (lower := word.lower()) != word}
    _last_words = (text, words, capitalized)
    return words, capitalized


def compile_heads(heads) -> LazyPattern | None:
    """A pattern for the head nouns (" dynasty") and the possessive ("'s") a name may come before."""
    nouns = [regex.escape(h) for h in heads if h != "'s"]
    alternatives = [rf" (?:{'|'.join(nouns)})"] if nouns else []
    if "'s" in heads:
        alternatives.append("['’]s")
    if not alternatives:
        return None
    return LazyPattern(rf"(?<=\p{{Ll}})(?:{'|'.join(alternatives)})(?![\p{{L}}\p{{M}}\p{{N}}_-])")


LAST_WORD = LazyPattern(r"(?<![\p{L}\p{M}\p{N}_])\p{Ll}[\p{Ll}\p{M}]{3,}$")
ASCII_LETTERS = string.ascii_letters


def find_last_word(text: str, end: int):
    """The span of ``LAST_WORD.search(text, max(0, end - NEIGHBOUR_REACH), end)``, or None.

    Before a head noun the word is nearly always in ASCII: the ASCII letters right before
    ``end``, after a character that is no letter, digit, mark or ``_`` (or the text start), are
    the only word ``LAST_WORD`` may match there, and it matches them when they are four
    lowercase letters or more; after a digit or ``_`` it matches nothing. The pattern decides
    the rest (a letter outside ASCII or a combining mark before: "e\u0301tude").

    >>> find_last_word("the joseon dynasty", 10), find_last_word("the Joseon dynasty", 10)
    ((4, 10), None)
    """
    start = max(0, end - NEIGHBOUR_REACH)
    begin = start + len(text[start:end].rstrip(ASCII_LETTERS))
    before = text[begin - 1] if begin else " "
    if begin == end or not before.isascii():
        word = LAST_WORD.search(text, start, end)
        return None if word is None else word.span()
    if before.isalnum() or before == "_":
        return None
    return (begin, end) if end - begin >= 4 and text[begin:end].islower() else None


def starts_sentence(text: str, start: int) -> bool:
    """Only quotes or brackets between the previous sentence end (or line start) and ``start``."""
    before = text[max(0, start - 8):start].rstrip(" \t\"'“‘(«")
    return not before or before[-1] in ".!?:\n"


def reads_as_english(english: int, other: int) -> bool:
    """Most lowercase words English (nine in ten in English prose, even MT output full of names)."""
    return english >= max(2, 3 * other)


class WordMemo:
    """A test of words, remembered: :meth:`among` gives the words of a set that pass it, and
    tests only those it has not met before.

    A run over many documents meets mostly words it has seen (on the clean sets, the 48,000
    lowercase words of the documents are 10,800 distinct ones), and one set difference in C
    leaves the new ones. Set operations in C run whole under the interpreter lock, so threads
    sharing a memo see whole sets; the memo starts over beyond ``limit`` words.

    >>> memo = WordMemo(lambda words: {word for word in words if word.endswith("ese")})
    >>> sorted(memo.among({"nepalese", "cheese", "tea"})), sorted(memo.seen)
    (['cheese', 'nepalese'], ['cheese', 'nepalese', 'tea'])
    """

    def __init__(self, test_many, limit: int = NAME_MEMO):
        self.test_many = test_many  # a set of words -> those of them that pass
        self.limit = limit
        self.seen: set[str] = set()
        self.passed: set[str] = set()

    def among(self, words) -> set[str]:
        seen, passed = self.seen, self.passed
        new = words.difference(seen)
        if new:
            found = self.test_many(new)
            if len(seen) + len(new) > self.limit:
                seen, passed = self.seen, self.passed = set(), set()
            passed.update(found)
            seen.update(new)
        return passed.intersection(words)


@dataclass(frozen=True)
class LexiconRule:
    """One casing-lexicon rule: its code, how sure its fixes are, and its data.

    ``names`` are written in a pack; ``bulk`` comes from a word file, looked up word by word
    (:class:`SortedWords`), so a list of 100,000 names costs nothing until it is used.
    """

    code: str
    applicability: Applicability
    names: tuple[str, ...] = ()
    bulk: SortedWords | None = None
    replace: dict = field(default_factory=dict)
    keep: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()


class RuleNames:
    """One rule's one-word names, by lowercase form: those its pack lists and those of its word file,
    less common words (a listed name also when it is the plural of one) and the words kept.

    >>> names = RuleNames(LexiconRule("X", Applicability.SAFE, names=("Kyiv", "Crow")), Lexicon())
    >>> names.get("kyiv"), names.get("crow"), sorted(names.among({"kyiv", "crow", "Kyiv"}))
    ('Kyiv', None, ['kyiv'])
    """

    def __init__(self, rule: LexiconRule, lexicon: "Lexicon"):
        listed = {name.lower(): name for name in rule.names if " " not in name}
        self.listed = {lower: name for lower, name in listed.items()
                       if not lexicon.is_common(lower) and lower not in lexicon.keep}
        self.bulk = rule.bulk
        self.common = lexicon.common
        self.keep = lexicon.keep

    def get(self, lower: str) -> str | None:
        """The name whose lowercase form is ``lower``, or None."""
        name = self.listed.get(lower)
        if name is None and self.bulk is not None:
            name = self.bulk.get(lower)
            if name is not None and (" " in name or lower in self.common or lower in self.keep):
                return None
        return name

    def among(self, words) -> set[str]:
        """The ``words`` that are the lowercase form of a name."""
        found = set(filter(words.__contains__, self.listed))  # a pack lists few names: look each up
        if self.bulk is not None:
            found.update(lower for lower in self.bulk.among(words)
                         if " " not in lower and lower not in self.common and lower not in self.keep)
        return found


class Lexicon:
    """Names, multi-word names, name heads and preferred spellings of several rules, with their codes.

    An earlier rule wins when two list the same word. Every rule's names go through the
    common-word test: a name whose lowercase form is an English word is dropped.
    """

    def __init__(self, rules=()):
        # The word indexes (names, multi, common) are built on first use: a Cleaner whose
        # selection runs no casing rule never reads the 80,000 names or the English words.
        self.rules = tuple(rules)
        self.replace: dict[str, tuple[str, str, Applicability]] = {}
        self.heads: dict[str, tuple[str, Applicability]] = {}
        self.keep = frozenset(word.lower() for rule in rules for word in rule.keep)
        for rule in rules:
            for head in rule.heads:
                self.heads.setdefault(head.lower(), (rule.code, rule.applicability))
            for wrong, right in rule.replace.items():
                self.replace.setdefault(wrong.lower(), (right, rule.code, rule.applicability))
        self.head_pattern = compile_heads(self.heads)
        self.head_nouns = frozenset(head for head in self.heads if head != "'s")
        # Nouns that are no single run of letters ("river basin") are never among a text's words.
        self.odd_head_nouns = tuple(sorted(head for head in self.head_nouns if not FAST_WORD.fullmatch(head)))
        self.name_memo = WordMemo(self.find_names)

    @cached_property
    def common(self) -> SortedWords:
        return common_words()

    @cached_property
    def singles(self) -> list[tuple[RuleNames, str, Applicability]]:
        """Each rule's one-word names, code and applicability, in rule order (an earlier rule wins)."""
        return [(RuleNames(rule, self), rule.code, rule.applicability) for rule in self.rules
                if rule.bulk or any(" " not in name for name in rule.names)]  # (heads or spellings only: no names)

    @cached_property
    @without_gc
    def multi(self) -> dict[str, list[tuple[str, str, Applicability, int]]]:
        """Lowercase key word -> the multi-word names with that word, longest first, each with its
        lead: the length of what comes before the key word.

        The key is the first word, except for a name listed after its article ("the Cold War"),
        which is keyed by its first word of its own, with the article and its space as the lead:
        otherwise every "the" of a text would be a candidate worth locating and examining.
        """
        multi: dict[str, list[tuple[str, str, Applicability, int]]] = {}
        for rule in self.rules:
            bulk = rule.bulk.lines_with(" ") if rule.bulk is not None else []
            for name in [n for n in rule.names if " " in n] + bulk:
                words = name.split()
                name = " ".join(words)
                key = 1 if words[0].islower() else 0  # a lowercase first word is an article
                lead = len(" ".join(words[:key] + [""]))
                multi.setdefault(words[key].lower(), []).append((name, rule.code, rule.applicability, lead))
        for entries in multi.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return multi

    def names_in(self, words) -> set[str]:
        """The ``words`` (a set) that are one-word names or their plurals (:meth:`find_names`, remembered)."""
        return self.name_memo.among(words)

    def find_names(self, words) -> set[str]:
        """The words that are one-word names or their plurals ("tamangs").

        The plurals are found from the words' side (a word ending in "s" whose stem is a name):
        a set of every name's plural would cost the start-up time and memory of 80,000 strings.
        A plural that is a common word ("less", "carries": "Les", "Carrie") is left out, since
        :meth:`examine` passes over it.
        """
        found, plurals = set(), set()
        stems = {word[:-1]: word for word in words if word[-1:] == "s"}
        for names, _, _ in self.singles:
            found.update(names.among(words))
            plurals.update(map(stems.__getitem__, names.among(stems.keys())))
        found.update(word for word in plurals.difference(found) if not self.is_common(word))
        return found

    def is_name_key(self, lower: str) -> bool:
        """Whether ``lower`` is a one-word name or the plural of one."""
        return self.lookup(lower) is not None or (lower[-1:] == "s" and self.lookup(lower[:-1]) is not None)

    @cached_property
    @without_gc
    def lookup_keys(self) -> frozenset[str]:
        """First words of multi-word names and spellings to replace: looked up in any case."""
        return frozenset(self.multi).union(self.replace)

    is_common = staticmethod(is_common_word)

    def is_english_derivative(self, lower: str) -> bool:
        """A word the lists lack that English makes from a common word: a prefix before it
        ("preload", "postinstall") or "-ized" after it ("sexualized", "racialized").

        Asked only of an unknown word before a head noun (CAS007), where such a word is an
        adjective of English prose ("the preload script"), not a name.
        """
        for prefix in ENGLISH_PREFIXES:
            if lower.startswith(prefix) and len(lower) - len(prefix) >= 3 and self.is_common(lower[len(prefix):]):
                return True
        for suffix in ENGLISH_SUFFIXES:
            if lower.endswith(suffix):
                stem = lower[:-len(suffix)]
                return len(stem) >= 3 and (self.is_common(stem) or self.is_common(stem + "e"))
        return False

    def lookup(self, lower: str) -> tuple[str, str, Applicability] | None:
        """The name, code and applicability of the first rule that lists ``lower``."""
        for names, code, applicability in self.singles:
            name = names.get(lower)
            if name is not None:
                return name, code, applicability
        return None

    def is_foreign(self, word: str) -> bool:
        """A lowercase word that is neither English nor a known name: the text around is not English."""
        return word.islower() and len(word) > 1 and not self.is_common(word) and self.lookup(word) is None

    def is_english_sentence(self, text: str, start: int, cache: dict) -> bool:
        """Whether the sentence around ``start`` reads as English: most of its lowercase words are English.

        English prose, even MT output full of names, has nine lowercase words in ten in the word
        list; a Spanish quotation or an Indonesian paragraph ("dan tewas") has far fewer. A
        sentence with no English lowercase word at all (a title in Italian) is not English either.
        """
        line_start = text.rfind("\n", 0, start) + 1
        verdicts = cache.get(line_start)
        if verdicts is None:
            line_end = text.find("\n", start)
            line = text[line_start: len(text) if line_end == -1 else line_end]
            # A line that does not read as English makes every sentence of it foreign (a page in
            # another language: most lines with a candidate); only an English line is split.
            verdicts = cache[line_start] = []
            if not reads_as_english(*self.count_english(line)):
                verdicts.append((line_start + len(line), False))
            else:
                position = 0
                for boundary in [*SENTENCE_BREAK.finditer(line), None]:
                    end = len(line) if boundary is None else boundary.end()
                    verdicts.append((line_start + end, reads_as_english(*self.count_english(line[position:end]))))
                    position = end
        for end, verdict in verdicts:
            if start < end:
                return verdict
        return False

    def count_english(self, sentence: str) -> tuple[int, int]:
        """How many lowercase words of ``sentence`` are English, and how many neither English nor a name."""
        kinds = list(map(self.kind_of_word, filter(str.islower, find_prose_words(sentence))))
        return kinds.count(ENGLISH), kinds.count(FOREIGN)

    @cached_property
    def kind_of_word(self):
        """:meth:`classify_word` with a memo. A document repeats its words and a library run its
        language's, and the memo's C wrapper answers a repeated word with no Python step: this
        test reads every word of each line that holds a candidate name, and a page in another
        language holds many (German "sei" and "bei" are names too)."""
        return lru_cache(maxsize=WORD_KIND_MEMO)(self.classify_word)

    def classify_word(self, lower: str) -> int:
        """ENGLISH (a common word), NAME (a known one-word name) or FOREIGN (neither)."""
        if self.is_common(lower):
            return ENGLISH
        return FOREIGN if self.lookup(lower) is None else NAME

    def has_foreign_neighbour(self, text: str, start: int, end: int) -> bool:
        """True when one of the two words before or after (same line) is foreign.

        Foreign here means unknown to English and spelled with letters English does not use:
        "Cien años de soledad" is a Spanish title, not the place Soledad. Unknown words in plain
        ASCII are left to the sentence test: MT output strings unknown names together
        ("vimbhadra bam"), and they are no evidence against the name next to them.
        """
        left = text[max(0, start - NEIGHBOUR_REACH):start]
        left = left[left.rfind("\n") + 1:]
        right = text[end:end + NEIGHBOUR_REACH].split("\n", 1)[0]
        # Only words outside ASCII count, so a plain side has none to look at.
        neighbours = [*([] if is_plain(left) else WORD.findall(left)[-2:]),
                      *([] if is_plain(right) else WORD.findall(right)[:2])]
        return any(not word.isascii() and self.is_foreign(word) for word in neighbours)

    def find(self, text: str):
        """Issues for every lowercased name and non-preferred spelling in ``text``.

        The text's distinct words are matched against the lexicon with set operations first;
        only the words found are then located, so a long document with no lowercased name costs
        one pass of the word pattern.
        """
        skip_until = 0
        lines: dict[int, bool] = {}
        entries: dict[str, list] = {}  # the multi-word names whose words all occur in the text
        for start, end in self.candidates(text, entries):
            if start < skip_until:
                continue
            word = text[start:end]
            lower = word.lower()
            if lower in self.multi:
                if lower not in entries:
                    words, capitalized = document_words(text)
                    entries[lower] = self.multi_in(lower, words, frozenset(capitalized.values()))
                found = self.match_multi(text, start, lower, lines, entries[lower])
                if found is not None and found.start >= skip_until:  # (a lead may reach back)
                    skip_until = found.end
                    yield found
                    continue
            issue = self.examine(text, start, end, word, lower, lines)
            if issue is not None:
                yield issue

    def candidates(self, text: str, entries: dict) -> list[tuple[int, int]]:
        """Spans of the words worth a closer look, in text order.

        Set operations on the document's distinct words pick the targets; :func:`locate_words`
        then finds them as whole words, so no pattern scans the whole text. ``entries`` gets the
        multi-word names (:meth:`multi_in`) of the first words looked at.
        """
        words, capitalized = document_words(text)
        # names and their plurals (tamangs), among the words written in lowercase (every name's
        # key is a lowercase form, which a capitalized word never equals)
        targets = self.names_in(words)  # (a capitalized word is no lowercase form: no name key)
        # the lookup keys that are the lowercase form of a word (they are their own lowercase form)
        lowered = frozenset(capitalized.values())
        hits = (words & self.lookup_keys).union(self.lookup_keys.intersection(lowered))
        spans = set()
        if hits:
            for lower in hits & self.multi.keys():
                entries[lower] = self.multi_in(lower, words, lowered)
            spans, keys = self.locate_multi(text, entries)
            # A spelling to replace, and a key word locate_multi cannot place, is located as a word
            # in any case (str.lower is idempotent: a word equal to a lowercase form is its own).
            keys.update(hits.intersection(self.replace))
            if keys:
                targets.update(words & keys)
                targets.update(word for word, lower in capitalized.items() if lower in keys)
        spans.update(locate_words(text, targets))
        if self.head_pattern is not None and self.has_head(text, words):
            spans.update(self.find_named_heads(text, words))  # (a name before a head: found both ways)
        return sorted(spans)

    def locate_multi(self, text: str, entries: dict) -> tuple[set[tuple[int, int]], set[str]]:
        """The spans of the key words (:attr:`multi`) that may begin a multi-word name of ``entries``
        written not as listed (all that :meth:`match_multi` may fix), and the key words it
        cannot place that way.

        :meth:`match_multi` fixes a name only where the words after its key word are all in
        lowercase ("new york", "Hong kong"), so ``str.find`` looks for that lowercase rest
        (" york") and the key word is read right before it; a key word found elsewhere ("new"
        with no " york" after it) is no candidate. A key word outside ASCII (whose lowercase
        form may differ in length) or with nothing after it ("the Bronx") is returned, to be
        located as a word in both cases.
        """
        spans, keys = set(), set()
        for key, names in entries.items():
            for name, _, _, lead in names:
                rest = name[lead + len(key):].lower()
                if not rest or not key.isascii():
                    keys.add(key)
                    continue
                for position in find_all(text, rest):
                    start = position - len(key)
                    if start - lead < 0 or text[start:position].lower() != key or text.startswith(name, start - lead):
                        continue
                    if start and is_word_char(text[start - 1]):
                        continue
                    spans.add((start, position))
        return spans, keys

    def find_named_heads(self, text: str, words) -> list[tuple[int, int]]:
        """The spans of the lowercase words right before a match of ``head_pattern`` that
        :meth:`examine` may take for names (:meth:`may_name`), in order.

        ``str.find`` locates each head noun among the text's ``words`` (after a space) and each
        possessive: a superset of the pattern's matches, no two overlapping. The word before is
        read first (most possessives follow a capitalized name, "Kyiv's"), the pattern last.
        """
        starts = set()
        for head in itertools.chain(self.head_nouns.intersection(words), self.odd_head_nouns):
            starts.update(find_all(text, " " + head))
        if "'s" in self.heads:
            starts.update(find_all(text, "'s"))
            starts.update(find_all(text, "’s"))
        exact, spans = self.head_pattern, []
        for start in sorted(starts):
            span = find_last_word(text, start)
            if span is not None and self.may_name(text[span[0]:start]) and exact.match(text, start) is not None:
                spans.append(span)
        return spans

    def has_head(self, text: str, words: set) -> bool:
        """Whether a head noun (or, when listed, a possessive) occurs in ``text`` at all."""
        if not self.head_nouns.isdisjoint(words):
            return True
        return "'s" in self.heads and ("'s" in text or "’s" in text)

    @cached_property
    def may_name(self):
        """:meth:`is_possible_name` with a memo: the words before heads repeat ("country's")."""
        return lru_cache(maxsize=WORD_KIND_MEMO)(self.is_possible_name)

    def is_possible_name(self, lower: str) -> bool:
        """False for a lowercase word before a head that :meth:`examine` is sure to pass over:
        a common word or a kept word that no rule lists."""
        if self.is_name_key(lower) or lower in self.lookup_keys:
            return True
        return not (lower in self.keep or self.is_common(lower))

    def examine(self, text: str, start: int, end: int, word: str, lower: str, lines: dict) -> Issue | None:
        """The issue for one word, if it is a lowercased name or a non-preferred spelling."""
        if lower in self.replace:
            right, code, applicability = self.replace[lower]
            if word != right and (word == lower or word == lower.capitalize()) and is_standalone(text, start, end):
                return Issue(code, start, end, f"prefer the spelling {right!r}", right, applicability)
        if word != lower:
            return None
        found = self.lookup(lower)
        plural = found is None and lower[-1] == "s" and len(lower) > 4 and self.lookup(lower[:-1])
        if found is not None:
            name, code, applicability = found
            message = f"{name!r} is a name: capitalize it"
        elif plural and not self.is_common(lower):
            name, code, applicability = plural
            name += "s"  # tamangs, nepalis: the plural of a name
            message = f"{name!r} is a name: capitalize it"
        elif self.heads and len(lower) >= 4 and lower not in self.keep and not self.is_common(lower):
            head = HEAD_AFTER.match(text, end)
            noun = head and (head.group(1) or head.group(2).replace("’", "'"))
            if noun not in self.heads or self.is_english_derivative(lower):
                return None
            name, (code, applicability) = lower.capitalize(), self.heads[noun]
            message = f"{word!r} is no English word and comes before {noun!r}: a name, capitalize it"
        else:
            return None
        if (name != word and is_standalone(text, start, end) and not self.has_foreign_neighbour(text, start, end)
                and not self.is_species_epithet(text, start, lower) and self.is_english_sentence(text, start, lines)):
            return Issue(code, start, end, message, name, applicability)
        return None

    def is_species_epithet(self, text: str, start: int, lower: str) -> bool:
        """ "Periplaneta americana", "Cornus florida": a Latin-looking word right after a capitalized
        word that is no known name (a genus) is a species epithet, lowercase by convention."""
        if not lower.endswith(LATIN_ENDINGS):
            return False
        genus = GENUS_BEFORE.search(text, max(0, start - NEIGHBOUR_REACH), start)
        if genus is None or self.lookup(genus.group(1).lower()) is not None:
            return False
        # "Many nepalis": a common word capitalized because it starts the sentence is no genus.
        return not (self.is_common(genus.group(1).lower()) and starts_sentence(text, genus.start()))

    def multi_in(self, lower: str, words, lowered) -> list[tuple[str, str, Applicability, int]]:
        """The multi-word names starting with ``lower`` that a text with the ``words`` may hold (``lowered``:
        the lowercase forms of those that are not their own): those in ASCII whose runs of letters are
        all the lowercase form of a word, and all others.

        A name in ASCII can only match where each of its words is a whole run of letters in the
        text (the name stands alone and only ASCII letters, and the Kelvin sign, lowercase to
        ASCII), so :meth:`match_multi` passes over the names this leaves out.
        The last run of a name is looked up first, with no set made: most names keyed by a word
        of a text ("new") have a word the text lacks ("zealand").
        """
        return [entry for entry, runs, last in self.multi_runs[lower]
                if runs is None or ((last in words or last in lowered)
                                    and (runs <= words or runs.difference(words) <= lowered))]

    @cached_property
    @without_gc
    def multi_runs(self) -> dict[str, list[tuple[tuple, frozenset[str] | None, str | None]]]:
        """Key word -> its entries of :attr:`multi`, each with the runs of letters of the name's
        lowercase form and the last of them (None for a name not in ASCII)."""
        runs = {}
        for key, entries in self.multi.items():
            runs[key] = []
            for entry in entries:
                found = FAST_WORD.findall(entry[0].lower()) if entry[0].isascii() else None
                runs[key].append((entry, frozenset(found) if found else None, found[-1] if found else None))
        return runs

    def match_multi(self, text: str, key_start: int, lower: str, lines: dict, entries=None) -> Issue | None:
        """The longest multi-word name whose key word starts at ``key_start`` that the text writes
        in lowercase, among ``entries`` (by default all names keyed by ``lower``).

        A name listed with a lowercase first word ("the Cold War": the name only where the article
        comes before it, since "a cold war over prices" is no name) keeps the text's own first word:
        "The cold war ended" becomes "The Cold War ended".
        """
        for name, code, applicability, lead in self.multi[lower] if entries is None else entries:
            start = key_start - lead
            if start < 0 or (lead and start and LETTER_OR_DIGIT.match(text[start - 1])):
                continue
            end = start + len(name)
            written = text[start:end]
            if written.lower() != name.lower() or written == name:
                continue
            if end < len(text) and LETTER_OR_DIGIT.match(text[end]):
                continue
            words = written.split(" ")
            if not all(w == w.lower() for w in words[1:]):
                continue  # "European Union"-like casing chosen by the writer ("European union"): leave it
            if words[0] != words[0].lower() and not starts_sentence(text, start):
                continue
            if not is_standalone(text, start, end) or self.has_foreign_neighbour(text, start, end):
                continue
            if not self.is_english_sentence(text, start, lines):
                continue
            if name[0].islower():
                name = words[0] + name[len(words[0]):]  # the article stays as the text writes it
                if name == written:
                    continue
            return Issue(code, start, end, f"{name!r} is a name: capitalize it", name, applicability)
        return None


class LexiconChecker:
    """The checker of one pack's casing-lexicon rules."""

    def __init__(self, docs, lexicon: Lexicon):
        self.docs = tuple(docs)
        self.lexicon = lexicon

    def check(self, doc):
        return self.lexicon.find(doc.masked)


def build(entries, docs, path):
    """One checker for all casing-lexicon rules of the pack at ``path``."""
    base = Path(path).parent
    rules = []
    for entry, rule_doc in zip(entries, docs):
        listed = [*entry.get("names", []), *entry.get("keep", []), *entry.get("heads", []),
                  *entry.get("replace", {}).values()]
        if not all(isinstance(value, str) for value in listed):
            raise ConfigError(f"{path}: {rule_doc.code}: names, keep, heads and replace values must be strings")
        bulk = read_sorted_words(str(base / entry["names_file"])) if "names_file" in entry else None
        if not (entry.get("names") or bulk or entry.get("replace") or entry.get("heads")):
            raise ConfigError(f"{path}: {rule_doc.code}: a casing-lexicon rule needs names, names_file, replace or heads")
        rules.append(LexiconRule(rule_doc.code, rule_doc.applicability, tuple(entry.get("names", ())), bulk,
                                 dict(entry.get("replace", {})), tuple(entry.get("keep", ())),
                                 tuple(entry.get("heads", ()))))
    return LexiconChecker(docs, Lexicon(rules))
