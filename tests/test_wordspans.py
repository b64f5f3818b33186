"""Word spans in long texts: the shortcuts agree with the patterns they stand for."""

import random
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.wordspans import (
    CHUNK_SIZE,
    FIND_BUDGET,
    chunk_spans,
    is_letter,
    is_word_char,
    locate_word,
    locate_words,
)


def test_character_tests_are_the_standard_library_classes():
    word, letter = re.compile(r"\w"), re.compile(r"[^\W\d_]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert is_word_char(char) == bool(word.match(char)), hex(code)
        assert is_letter(char) == bool(letter.match(char)), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n\r\x0b\x0c\u00a0\u2003.", max_size=60), st.integers(1, 8))
def test_pieces_cover_the_text_and_split_into_its_words(text, size):
    spans = list(chunk_spans(text, size))
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(end == len(text) or text[end] in " \t\n\r\x0b\x0c" for _, end in spans)
    assert [w for start, end in spans for w in text[start:end].split()] == text.split()
    assert [w for start, end in spans for w in text[start:end].encode().split()] == text.encode().split()


def test_locate_words_with_letter_boundaries_finds_whole_runs_of_letters():
    rng = random.Random(6)
    words = ["de", "la", "der", "und", "città", "ab"]
    glue = [" ", "2", "_", ".\n", "’", "\u0301", "ß", "²", "-", "\u00a0", "\u2003", "\x1c", "“"]
    text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(100_000))
    targets = frozenset(words[:5])
    assert len(targets) * len(text) > FIND_BUDGET and len(text) > 3 * CHUNK_SIZE
    expected = [m.span() for m in re.finditer(r"(?<![^\W\d_])(?:de|la|der|und|città)(?![^\W\d_])", text)]
    assert len(expected) > 1000
    assert locate_words(text, targets, is_letter) == expected
    assert sorted(span for word in targets for span in locate_word(text, word, is_letter)) == expected
