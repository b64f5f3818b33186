"""UNT: text left untranslated inside English prose (report only: it needs a translator).

Two signals. A run of another script (Han, Kana, Hangul, Cyrillic, Arabic, Hebrew, Thai,
Greek, the Indic scripts...) long enough to be a phrase rather than a name (UNT001); and a sentence of
Latin-script text dense with another language's function words (UNT002), for example German
"mit", "und", "wieder" (lists in ``rules/data/stopwords.toml``). Names given in their native
script in parentheses ("Xi Jinping (习近平)"), single native-script words ("Київ"), quoted
text, loan phrases (et al., per se, de facto, coup d'état) and documents that are not English
as a whole are left alone.

>>> from cleaner import Cleaner, Config
>>> found = Cleaner(Config(select=("UNT",))).clean("Prices rose. Mal uni, mal mit Metall, mal mit Glas oder wieder in Uni. Then they fell.")
>>> [f.rule for f in found.findings]
['UNT002']
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import regex

from ..builtin_data import builtin_toml
from ..document import Spans
from ..edits import Issue
from ..wordspans import blank_prose_punctuation, chunk_spans, is_letter, locate_words
from .base import PATTERN_TIMEOUT, REPORT, FunctionChecker, doc

FOREIGN_SCRIPT = doc(
    "UNT001", "foreign-script-run", "Text in another script inside English prose (untranslated?)",
    what="Reports a run of text in another script (Han, Kana, Hangul, Cyrillic, Arabic, Hebrew, Thai, "
         "Greek, the Indic scripts and others) inside an English document: two or more words of an "
         "alphabetic script, or four or more CJK characters.",
    why="Machine translation sometimes copies part of the source unchanged (a site name, a phrase it "
        "could not translate); the reader of the English text cannot read it.",
    bad="The company said that it had once led the apparel market in the region - 经济观察网 专业财经新闻网站",
    good="The company said that it had once led the apparel market in the region.",
    applicability=REPORT,
    safety="Report only: a translator must decide. Names in native script in parentheses (\"Xi Jinping "
           "(习近平)\"), single words (\"Київ\"), quoted text and documents written in another language are "
           "not reported.",
)
FOREIGN_CLAUSE = doc(
    "UNT002", "foreign-language-clause", "Sentence in another language inside English prose (untranslated?)",
    what="Reports a sentence of Latin-script text with three or more function words of one other language "
         "(German, French, Spanish, Italian, Portuguese, Dutch, Romanian, Estonian) and far fewer English "
         "ones, inside an English document.",
    why="An untranslated sentence is a translation failure that spell checkers do not see, because every "
        "word is a real word of its language.",
    bad="Prices rose. Mal uni, mal mit Metall, mal mit Glas oder wieder in Uni. Then they fell.",
    good="Prices rose. Sometimes plain, sometimes with metal, sometimes with glass. Then they fell.",
    applicability=REPORT,
    safety="Report only. Loan phrases (et al., per se, de facto, vis-à-vis, coup d'état), names (\"Place de "
           "la Concorde\"), titles of works and quoted text do not reach the threshold or are skipped.",
)

SCRIPT_LETTER = (r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Cyrillic}\p{Arabic}\p{Hebrew}\p{Thai}"
                 r"\p{Devanagari}\p{Greek}\p{Sinhala}\p{Tamil}\p{Bengali}\p{Georgian}\p{Armenian}\p{Gujarati}"
                 r"\p{Gurmukhi}\p{Kannada}\p{Malayalam}\p{Telugu}\p{Khmer}\p{Lao}\p{Myanmar}\p{Ethiopic}]")
# A run: foreign-script words joined by spaces and light punctuation (no Latin letters inside).
SCRIPT_RUN = regex.compile(SCRIPT_LETTER + r"+(?:[^\p{Latin}\n\ufffc]*?" + SCRIPT_LETTER + r"+)*")
# A proper name in its own script: up to three capitalized words ("Дмитрий Кошелев").
NATIVE_NAME = regex.compile(r"\p{Lu}\p{Ll}*(?:[\s.-]+\p{Lu}\p{Ll}*){0,2}\.?")
# "Russian: …", "Spanish language: …", "(in German) …": text given in its language on purpose.
LANGUAGE_LABEL = re.compile(  # no leading \b: a bare alternation of literals is ten times faster in re
    r"(?:Arabic|Bulgarian|Chinese|Mandarin|Cantonese|Czech|Danish|Dutch|Estonian|"
    r"Finnish|French|German|Greek|Hebrew|Hindi|Hungarian|Italian|Japanese|Korean|Latin|Nepali|Norwegian|"
    r"Persian|Farsi|Polish|Portuguese|Romanian|Russian|Serbian|Sinhala|Spanish|Swedish|Tamil|Thai|Turkish|"
    r"Ukrainian|Urdu|Vietnamese|original)(?: language| original| text)?\s*[:)]")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")  # stdlib re: the fastest word splitter here
OPENERS = "(（[「『《〈“‘«\"'*_"
CLOSERS = ")）]」』》〉”’»\"'*_"
SENTENCES = re.compile(r"[^.!?;:\n]+[.!?;:]*")
QUOTED = re.compile(r"“[^”\n]{0,400}”|\"[^\"\n]{0,400}\"|«[^»\n]{0,400}»|„[^“”\n]{0,400}[“”]|\*[^*\n]{1,200}\*|_[^_\n]{1,200}_")
# Every character SCRIPT_LETTER matches lies outside these ranges (Basic Latin to the combining
# marks, general punctuation, currency signs, the mask character), so a stdlib scan for the
# complement finds the few documents worth the slower ``regex`` scan.
MAYBE_SCRIPT_LETTER = re.compile(r"[^\x00-\u036f\u2000-\u206f\u20a0-\u20cf\ufffc]")
SCRIPT_CHAR = regex.compile(SCRIPT_LETTER)
# Characters outside Latin-1 and outside SCRIPT_LETTER (they lie in the ranges MAYBE_SCRIPT_LETTER
# leaves out) that English pages often have besides PROSE_PUNCTUATION: the mask of protected
# text, the ellipsis, thin space, zero-width joiner, euro sign and low quotation mark.
NO_SCRIPT_LETTERS = "\ufffc\u2026\u2009\u200d\u20ac\u201e"
TERMINATORS = ".!?;:\n"  # what ends a SENTENCES match
TERMINATOR = re.compile(r"[.!?;:\n]")
# Bytes tokenizer: ASCII letters lowercased, the apostrophe kept (it joins "l'homme"), every other
# ASCII byte a space; bytes of other characters are kept and such tokens go to WORDS.
ASCII_WORD_BYTES = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 97 <= byte <= 122 or byte == 39 or byte >= 128 else 32
    for byte in range(256))
MIN_CLAUSE_HITS = 3
# Distinct foreign function words from which a document is tested for English before its sentences
# (either order gives the same findings): English text rarely has this many, other languages do.
MANY_FOREIGN_WORDS = 8
MIN_ENGLISH_SHARE = 0.12  # share of English function words a document needs to count as English
MIN_CJK_RUN = 4
MIN_SCRIPT_WORDS = 2


@lru_cache(maxsize=1)
def stopwords() -> tuple[frozenset, dict[str, frozenset], frozenset]:
    """English function words; per language, foreign ones (never English words); all foreign ones."""
    data = dict(builtin_toml("data/stopwords.toml"))  # a copy: the shared one is never changed
    english = frozenset(data.pop("english"))
    foreign = {name: frozenset(words) - english for name, words in data.items()}
    return english, foreign, frozenset().union(*foreign.values())


@lru_cache(maxsize=1)
def ascii_stopwords() -> tuple[frozenset, frozenset]:
    """The English and the foreign function words that are plain ASCII, as bytes."""
    english, _, any_foreign = stopwords()
    return tuple(frozenset(word.encode() for word in words if word.isascii()) for words in (english, any_foreign))


def split_words(piece: str) -> tuple[list[bytes], list[bytes], list[str]]:
    """The words ``WORDS.findall(piece.lower())`` finds, cut from the text in C where possible.

    Returns the ASCII tokens (bytes), those of them that are not all letters (no word
    themselves), and the words inside those, found by WORDS. No word spans a space or an ASCII
    character other than a letter or the apostrophe, so all letter tokens plus the WORDS of the
    others are the words of the text (order aside).

    >>> split_words("Die Uni, l'homme und Glas.")
    ([b'die', b'uni', b"l'homme", b'und', b'glas'], [b"l'homme"], ["l'homme"])
    """
    tokens = piece.encode("utf-8", "surrogatepass").translate(ASCII_WORD_BYTES).split()
    others = list(itertools.filterfalse(bytes.isalpha, tokens))
    if not others:
        return tokens, others, []
    return tokens, others, WORDS.findall(b" ".join(others).decode("utf-8", "surrogatepass").lower())


def count_words(text: str, english: bool) -> tuple[int, int, frozenset[str]]:
    """How many of the document's words are English function words (``english``) or foreign ones,
    how many words it has, and which of those function words occur (see :func:`word_counts`)."""
    return word_counts(text)[0 if english else 1]


@lru_cache(maxsize=8)
def word_counts(text: str) -> tuple[tuple[int, int, frozenset[str]], tuple[int, int, frozenset[str]]]:
    """:func:`count_words` for the English and for the foreign function words, from one split.

    The text goes piece by piece (:func:`chunk_spans`): a long document's words are never all in
    memory. A token that is not all letters is checked both as a token and through its WORDS
    (an ASCII function word with an apostrophe would count twice, as it always has).
    """
    english_words, _, any_foreign = stopwords()
    lexicons = tuple(zip(ascii_stopwords(), (english_words, any_foreign)))
    hits, total, present = [0, 0], 0, (set(), set())
    for start, end in chunk_spans(text):
        tokens, others, rest = split_words(text[start:end])
        total += len(tokens) - len(others) + len(rest)
        for index, (ascii_words, words) in enumerate(lexicons):
            found = ascii_words.intersection(tokens)
            found_rest = words.intersection(rest)
            if found:
                hits[index] += sum(map(ascii_words.__contains__, tokens))
                present[index].update(word.decode() for word in found)
            if found_rest:
                hits[index] += sum(map(words.__contains__, rest))
                present[index].update(found_rest)
    return (hits[0], total, frozenset(present[0])), (hits[1], total, frozenset(present[1]))


@lru_cache(maxsize=8)
def is_english(text: str) -> bool:
    """True when the document reads as English: enough English function words among its words.

    A document in another language is not "untranslated"; it is simply not English.
    """
    hits, total, _ = count_words(text, True)
    return hits >= 3 and hits / total >= MIN_ENGLISH_SHARE


def first_script_letter(text: str, start: int = 0) -> int:
    """Offset of the first character SCRIPT_LETTER matches from ``start`` on, or -1 (most documents
    have none): the standard library's engine skips the Latin text. A piece of text in Latin-1 but
    for common punctuation and masks has none at all, which encoding it tells faster than any scan;
    where the encoding fails, the scan starts at the character it failed on and ends with the piece."""
    if start:
        return first_class_letter(text, start, len(text))
    for piece_start, piece_end in chunk_spans(text):  # piece by piece: no copy of the whole text
        piece = blank_prose_punctuation(text[piece_start:piece_end])
        for char in NO_SCRIPT_LETTERS:
            if char in piece:
                piece = piece.replace(char, " ")
        try:
            piece.encode("latin-1")
        except UnicodeEncodeError as error:  # blanking kept the offsets: nothing before error.start
            found = first_class_letter(text, piece_start + error.start, piece_end)
            if found != -1:
                return found
    return -1


def first_class_letter(text: str, start: int, end: int) -> int:
    """:func:`first_script_letter` in ``text[start:end]``, by a scan with MAYBE_SCRIPT_LETTER."""
    for match in MAYBE_SCRIPT_LETTER.finditer(text, start, end):
        if is_script_letter(match.group()):
            return match.start()
    return -1


@lru_cache(maxsize=4096)
def is_script_letter(char: str) -> bool:
    return SCRIPT_CHAR.match(char) is not None


def find_script_runs(doc):
    masked = doc.masked
    first = -1 if masked.isascii() else first_script_letter(masked)  # every script letter is outside ASCII
    if first == -1:
        return ()  # the usual case: a plain function returns at once, where a generator is made first
    return list(script_runs(masked, first))


def script_runs(masked: str, first: int):
    labelled = None  # the labelled passages and whether the text is English, found when a run needs them
    # Every run starts at a letter of another script: the next run is SCRIPT_RUN's match at the
    # next such letter, which is what SCRIPT_RUN.finditer finds without its slow scan of Latin text.
    for match in find_runs(masked, first):
        run = match.group()
        cjk = len(CJK.findall(run))
        words = len(run.split())
        if cjk < MIN_CJK_RUN and (cjk or words < MIN_SCRIPT_WORDS):
            continue
        if not cjk and NATIVE_NAME.fullmatch(run):
            continue
        if is_enclosed(masked, match.start(), match.end()):
            continue
        if labelled is None:
            if not is_english(masked):
                return
            labelled = Spans(labelled_spans(masked))
        if labelled.covers(match.start(), match.start() + 1):
            continue
        yield Issue("UNT001", match.start(), match.end(), FOREIGN_SCRIPT.message, None, REPORT)


def find_runs(text: str, start: int):
    """The matches of SCRIPT_RUN from ``start`` (a letter of another script) on, in order."""
    while start != -1:
        match = SCRIPT_RUN.match(text, start, timeout=PATTERN_TIMEOUT)
        yield match
        start = first_script_letter(text, match.end())


def is_enclosed(text: str, start: int, end: int) -> bool:
    """True when the run is wrapped in brackets or quotes: a native name or a quotation."""
    before = text[max(0, start - 40):start].rstrip()
    after = text[end:end + 40].lstrip()
    if before and after and before[-1] in OPENERS and after[0] in CLOSERS:
        return True
    # "(Russian: Київ)" or "(Chinese: 习近平; pinyin: Xí Jìnpíng)": a gloss after a label
    opened = before.rfind("(")
    return opened != -1 and ")" not in before[opened:] and ")" in after[:40]


@lru_cache(maxsize=8)
def labelled_spans(text: str) -> list[tuple[int, int]]:
    """From each language label ("Russian:") to the end of its paragraph: quoted on purpose."""
    spans = []
    end = 0  # the paragraph end found last: labels before it share it
    for match in LANGUAGE_LABEL.finditer(text):
        if end != -1 and end < match.end():
            end = text.find("\n\n", match.end())
        spans.append((match.start(), len(text) if end == -1 else end))
    return spans


def foreign_words_in(text: str) -> frozenset[str] | None:
    """The foreign function words among the document's words, a superset of those
    :func:`count_words` finds; None for a text with "İ".

    The document's distinct runs of letters are those the casing checkers of the same pass
    have made (:func:`~cleaner.kinds.casing_lexicon.document_words`, kept for the last
    text), so this costs a few set operations. A function word found by ``WORDS`` in a
    lowercased sentence is a whole run of letters there, and lowercasing keeps which
    characters are letters, one for one, for every character but "İ" (an "i" and a combining
    dot): that run is the lowercase form of a run of the text.

    >>> sorted(foreign_words_in("Mal mit Glas oder Rue de la Paix, l'homme."))
    ['de', 'mit', 'oder']
    """
    if "\u0130" in text:
        return None
    words, capitalized = _document_words()(text)
    any_foreign = stopwords()[2]
    # a word that is its own lowercase form is in ``words``; the others map to it in ``capitalized``
    return any_foreign.intersection(words).union(any_foreign.intersection(capitalized.values()))


@lru_cache(maxsize=1)
def _document_words():
    from ..kinds.casing_lexicon import document_words  # the casing checkers' cache of the words

    return document_words


def may_hold_foreign_clause(present: frozenset[str] | None) -> bool:
    """False when no language has two distinct function words among ``present`` (see
    :func:`foreign_words_in`), which a foreign clause needs: most English documents.

    >>> may_hold_foreign_clause(frozenset({"de", "mit"})), may_hold_foreign_clause(frozenset({"mit", "oder"}))
    (False, True)
    """
    if present is None:
        return True
    return len(present) >= 2 and any(len(present.intersection(lexicon)) >= 2 for lexicon in stopwords()[1].values())


def find_foreign_clauses(doc):
    masked = doc.masked
    present = foreign_words_in(masked)
    if not may_hold_foreign_clause(present):
        return ()  # most English documents: a plain function returns at once
    return list(foreign_clauses(masked, present))


def foreign_clauses(masked: str, present: frozenset[str] | None):
    if present is not None and len(present) >= MANY_FOREIGN_WORDS and not is_english(masked):
        return  # likely a document in another language: counting its words costs less than its sentences
    english, foreign, any_foreign = stopwords()
    excluded = None  # the quotations and labelled passages, and whether the text is English, found when needed
    for match in candidate_sentences(masked, any_foreign, present):
        words = WORDS.findall(match.group().lower())
        if len(words) < 4 or sum(map(any_foreign.__contains__, words)) < MIN_CLAUSE_HITS:
            continue
        english_hits = sum(1 for w in words if w in english)
        hits, name = max((sum(1 for w in words if w in lexicon), name) for name, lexicon in foreign.items())
        distinct = len({w for w in words if w in foreign[name]})
        if hits < MIN_CLAUSE_HITS or distinct < 2 or english_hits * 2 > hits:
            continue
        start, end = trim(masked, match.start(), match.end())
        if excluded is None:
            if not is_english(masked):
                return
            excluded = Spans([m.span() for m in QUOTED.finditer(masked)] + labelled_spans(masked))
        if excluded.covers(start, end):
            continue
        yield Issue("UNT002", start, end, f"{FOREIGN_CLAUSE.message}: looks {name.title()}", None, REPORT)


def candidate_sentences(text: str, any_foreign: frozenset, present: frozenset[str] | None = None):
    """The SENTENCES matches that may hold three foreign function words, in order (a superset).

    Foreign words (``present``: any superset of those :func:`count_words` finds, those by default)
    are located in the lowercased document as whole runs of letters;
    a sentence is a candidate when three of them follow each other with no sentence end between.
    Offsets of the lowercased text are those of ``text`` when the lengths agree and no capital
    sigma (lowercased by context) is present; otherwise every sentence is a candidate. Lowercasing
    keeps sentence ends as they are, so they are searched in ``text``.
    """
    if "\u03a3" in text:
        yield from SENTENCES.finditer(text)
        return
    if present is None:
        present = count_words(text, False)[2]
    hits = []  # each a whole run of letters, so "de" is found in "de2" but not in "deux"
    for start, end in chunk_spans(text):  # lowercased piece by piece: no copy of the whole text
        lower = text[start:end].lower()
        if len(lower) != end - start:
            yield from SENTENCES.finditer(text)
            return
        hits.extend(start + hit for hit, _ in locate_words(lower, present, is_letter))
    # A candidate starts after the last sentence end before its first hit. Hits come in order,
    # so each search for that end goes back only to the previous candidate's hit.
    anchor, last_end, previous = 0, -1, None
    for hit, third in zip(hits, hits[MIN_CLAUSE_HITS - 1:]):
        if TERMINATOR.search(text, hit, third):
            continue
        last_end = max(last_end, *map(text.rfind, TERMINATORS, itertools.repeat(anchor), itertools.repeat(hit)))
        anchor = hit
        if last_end + 1 != previous:
            previous = last_end + 1
            yield SENTENCES.match(text, previous)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def checkers(config):
    return [FunctionChecker((FOREIGN_SCRIPT,), find_script_runs),
            FunctionChecker((FOREIGN_CLAUSE,), find_foreign_clauses)]
