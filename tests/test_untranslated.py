"""UNT shortcuts give the same answers as the plain scans they replace."""

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules import untranslated as unt

TRICKY = "aeiouDERdieundmitlaAÉéüßΣσςİK Kx'’“”«».,;:!?\n\t\u00a0\ufffc-_1²Мы习"


def test_excluded_ranges_hold_no_script_letter():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not unt.MAYBE_SCRIPT_LETTER.match(char):
            assert not unt.SCRIPT_CHAR.match(char), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=80) | st.text(max_size=40))
def test_document_words_are_the_words_of_the_text(text):
    tokens, others, rest = unt.document_words(text)
    plain = [token.decode() for token in tokens if token.isalpha()]
    assert len(tokens) - others == len(plain)
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
