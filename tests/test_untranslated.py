"""UNT shortcuts give the same answers as the plain scans they replace."""

import random
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules import untranslated as unt
from cleaner.wordspans import CHUNK_SIZE

TRICKY = "aeiouDERdieundmitlaAÉéüßΣσςİK Kx'’“”«».,;:!?\n\t\u00a0\ufffc-_1²Мы习"


def test_excluded_ranges_hold_no_script_letter():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not unt.MAYBE_SCRIPT_LETTER.match(char):
            assert not unt.SCRIPT_CHAR.match(char), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=80) | st.text(max_size=40))
def test_split_words_are_the_words_of_the_text(text):
    tokens, others, rest = unt.split_words(text)
    plain = [token.decode() for token in tokens if token.isalpha()]
    assert len(tokens) - len(others) == len(plain)
    # Lowercasing in pieces differs from the whole text only for a final sigma (σ or ς), which no
    # stopword holds, so the counts agree.
    assert sorted(w.replace("ς", "σ") for w in plain + rest) == sorted(unt.WORDS.findall(text.lower().replace("ς", "σ")))


def test_no_stopword_holds_a_sigma():
    english, _, any_foreign = unt.stopwords()
    assert not any(char in word for word in english | any_foreign for char in "σςΣ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["der", "und", "mit", "de", "la", "les", "The", "DIE", "für", "l'homme",
                                 "Glas", "mal", ".", ",", ";", "\n", "“", "”", " ", "Σ", "İ"]), max_size=40))
def test_candidate_sentences_hold_every_sentence_with_three_foreign_words(parts):
    text = " ".join(parts)
    _, _, any_foreign = unt.stopwords()
    wanted = [m.span() for m in unt.SENTENCES.finditer(text)
              if sum(map(any_foreign.__contains__, unt.WORDS.findall(m.group().lower()))) >= unt.MIN_CLAUSE_HITS]
    if not wanted:
        return
    found = [m.span() for m in unt.candidate_sentences(text, any_foreign)]
    assert set(wanted) <= set(found)
    assert found == sorted(found)
    present = unt.foreign_words_in(text)  # the superset the checker passes
    if present is not None:
        found = [m.span() for m in unt.candidate_sentences(text, any_foreign, present)]
        assert set(wanted) <= set(found) and found == sorted(found)


def test_counts_over_pieces_are_the_counts_of_the_whole_text():
    # Long enough for several pieces of chunk_spans, with words of every kind across the cuts.
    rng = random.Random(3)
    vocabulary = ["der", "und", "mit", "the", "and", "of", "l'homme", "für", "Мы", "naïve", "x²", "de", "la", "K"]
    text = "".join(rng.choice(vocabulary) + rng.choice([" ", "\n", ", ", ".\t", "\u00a0", " ; "])
                   for _ in range(60_000))
    assert len(text) > 3 * CHUNK_SIZE
    tokens, _, rest = unt.split_words(text)
    english, _, any_foreign = unt.stopwords()
    ascii_english, ascii_foreign = unt.ascii_stopwords()
    for flag, ascii_words, words in ((True, ascii_english, english), (False, ascii_foreign, any_foreign)):
        hits, total, present = unt.count_words(text, flag)
        assert hits == sum(map(ascii_words.__contains__, tokens)) + sum(map(words.__contains__, rest))
        assert present == {t.decode() for t in ascii_words.intersection(tokens)} | words.intersection(rest)
        assert total == len(unt.WORDS.findall(text.lower())) > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12), st.integers(0, 70), st.integers(0, 30))
def test_spans_cover_as_any_span_does(spans, start, width):
    spans = [(s, s + w) for s, w in spans]
    end = start + width
    assert unt.Spans(spans).covers(start, end) == any(s <= start and end <= e for s, e in spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["der", "und", "mit", "de", "la", "The", "Glas", ".", ",", ";", "\n", " ", ":"]),
                max_size=60))
def test_candidate_sentences_start_after_the_last_sentence_end(parts):
    text = " ".join(parts)
    _, _, any_foreign = unt.stopwords()
    lower = text.lower()
    present = {w for w in unt.WORDS.findall(lower) if w in any_foreign}
    if not present:
        return  # the checker asks only when three foreign words are present
    hits = [m.start() for m in unt.WORDS.finditer(lower) if m.group() in present]
    expected = sorted({max(lower.rfind(t, 0, hit) for t in unt.TERMINATORS) + 1
                       for hit, third in zip(hits, hits[2:]) if not unt.TERMINATOR.search(lower, hit, third)})
    assert [m.start() for m in unt.candidate_sentences(text, any_foreign)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Russian:", "German)", "x", "\n", "\n\n", " ", "original text:"]), max_size=30))
def test_labelled_spans_run_to_the_end_of_their_paragraph(parts):
    text = "".join(parts)
    expected = []
    for match in unt.LANGUAGE_LABEL.finditer(text):
        end = text.find("\n\n", match.end())
        expected.append((match.start(), len(text) if end == -1 else end))
    unt.labelled_spans.cache_clear()
    assert unt.labelled_spans(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab é’“—\u00a0€•Мы习\u0301\ufffc\ud800…\u200d\u2009„ł█", max_size=30), st.integers(0, 30))
def test_first_script_letter_is_the_first_match_of_the_class(text, start):
    start = min(start, len(text))
    found = unt.SCRIPT_CHAR.search(text, start)
    assert unt.first_script_letter(text, start) == (-1 if found is None else found.start())


def test_first_script_letter_of_a_long_text():
    text = "plain “prose” — café " * 20_000
    assert len(text) > 3 * CHUNK_SIZE and unt.first_script_letter(text) == -1
    assert unt.first_script_letter(text + "Мы") == len(text)
    assert unt.first_script_letter("€ " + text + "Мы") == len(text) + 2
    assert unt.first_script_letter("ł " + text + "Мы") == len(text) + 2  # a piece with ł, then pieces in Latin-1


def test_characters_blanked_before_the_encoding_test_are_no_script_letters():
    assert all(unt.SCRIPT_CHAR.match(char) is None and unt.MAYBE_SCRIPT_LETTER.match(char) is None
               for char in unt.NO_SCRIPT_LETTERS)


GATE_PIECES = ["der", "DER", "Und", "mit", "de", "la", "les", "für", "FÜR", "l'homme", "d’un", "dei", "İ", "deİ",
               "Σ", "x2", "_mit", "K", "ſ", "ß", "the", ".", ",", "\n", " ", "-", "\u00a0", "\ufffc", "“", "é", "\u0301"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(GATE_PIECES), max_size=40), st.booleans())
def test_foreign_clause_gate_keeps_every_sentence_with_two_function_words_of_a_language(parts, spaced):
    """Whenever a sentence holds two distinct function words of one language (what UNT002 needs
    at least), the document passes the gate."""
    text = (" " if spaced else "").join(parts)
    _, foreign, _ = unt.stopwords()
    wanted = any(len(set(unt.WORDS.findall(m.group().lower())) & lexicon) >= 2
                 for m in unt.SENTENCES.finditer(text) for lexicon in foreign.values())
    present = unt.foreign_words_in(text)
    if present is not None:
        assert present >= unt.count_words(text, False)[2]
    if wanted:
        assert unt.may_hold_foreign_clause(present)


def test_foreign_clause_gate_rules_out_english():
    assert not unt.may_hold_foreign_clause(unt.foreign_words_in("Rue de Rivoli, the Mit report and the Die Hard films."))
    assert unt.may_hold_foreign_clause(unt.foreign_words_in("Rue de Rivoli, the Mit report and der Spiegel."))


CLAUSE_PIECES = ["der", "und", "mit", "oder", "wieder", "Glas", "de", "la", "les", "et", "des", "The", "and", "of",
                 "the", "İ", "Σ", "für", "l'homme", "“", "”", ".", ",", ";", "\n", "Russian:", "mal"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CLAUSE_PIECES), max_size=60))
def test_foreign_clauses_are_those_found_without_the_shortcuts(parts):
    """The gate, the located superset of foreign words and the early English test change no finding."""
    from cleaner.formats import build_document

    document = build_document(" ".join(parts))
    found = [(i.start, i.end, i.message) for i in unt.find_foreign_clauses(document)]
    originals = unt.foreign_words_in, unt.MANY_FOREIGN_WORDS
    try:
        unt.foreign_words_in, unt.MANY_FOREIGN_WORDS = (lambda text: None), 10 ** 9
        assert [(i.start, i.end, i.message) for i in unt.find_foreign_clauses(document)] == found
    finally:
        unt.foreign_words_in, unt.MANY_FOREIGN_WORDS = originals
