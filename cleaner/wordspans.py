"""Where words are in a long text, found in time linear in its length and memory bounded by a piece.

- :func:`chunk_spans` cuts a text in pieces at ASCII whitespace: both the ``str`` and the
  ``bytes`` ``split()`` break words there, so splitting each piece gives the words of the whole.
- :func:`locate_words` finds many words at once by splitting the text rather than scanning it
  once per word with ``str.find``.

>>> list(chunk_spans("one two three", 4))
[(0, 7), (7, 13)]
>>> locate_words("Kyiv, kyiv2 and Lviv’s kyiv", {"kyiv", "Lviv"})
[(16, 20), (23, 27)]
"""

from __future__ import annotations

import itertools
import operator
import re

CHUNK_SIZE = 1 << 16  # characters: big enough that the per-piece overhead does not count
ASCII_SPACE = re.compile(r"[ \t\n\r\x0b\x0c]")
LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters, with the standard library's fast engine
# UTF-8 bytes of ASCII characters that are no letters (digits, "_", punctuation) -> spaces.
ASCII_NON_LETTERS_TO_SPACE = bytes(byte if byte >= 128 or chr(byte).isalpha() else 32 for byte in range(256))
# The characters outside ASCII that English prose uses most, none a letter, digit or mark: as
# spaces they leave the words as they are and keep most pieces in ASCII.
PROSE_PUNCTUATION = "’“”—–\u00a0‘"
# How many characters str.find may scan (words x text length) before splitting the text is cheaper.
FIND_BUDGET = 1 << 19


def chunk_spans(text: str, size: int = CHUNK_SIZE, separator: re.Pattern = ASCII_SPACE):
    """``(start, end)`` spans that cover ``text`` in order; each piece but the last ends at a
    ``separator`` (ASCII whitespace) found at or after ``size`` characters (a text without any
    stays whole)."""
    start, length = 0, len(text)
    while start < length:
        cut = separator.search(text, start + size) if start + size < length else None
        end = length if cut is None else cut.start()
        yield start, end
        start = end


def aligned_words(text: str) -> str:
    """``text`` with every ASCII character other than a letter turned into a space: same length, same
    offsets, and ``split()`` gives the words (and the tokens with other characters, such as "don’t").

    >>> aligned_words("Kyiv's x-ray (2019)")
    'Kyiv s x ray       '
    """
    return text.encode("utf-8", "surrogatepass").translate(ASCII_NON_LETTERS_TO_SPACE).decode("utf-8", "surrogatepass")


def blank_prose_punctuation(text: str) -> str:
    """``text`` with PROSE_PUNCTUATION turned into spaces (same length), so that prose is often in
    ASCII or Latin-1 after all.

    >>> blank_prose_punctuation("“Kyiv’s” — naïve")
    ' Kyiv s    naïve'
    """
    if not text.isascii():
        for char in PROSE_PUNCTUATION:
            text = text.replace(char, " ")
    return text


def is_word_char(char: str) -> bool:
    """A character of ``\\w`` in the standard library's ``re``: ``\\b`` falls between it and any other."""
    return char.isalnum() or char == "_"


def is_letter(char: str) -> bool:
    """A character of ``[^\\W\\d_]`` in the standard library's ``re`` (``\\d`` is the decimal digits)."""
    return char.isalnum() and not char.isdecimal()


def locate_word(text: str, word: str, joins=is_word_char):
    """Spans of ``word`` as a whole word in ``text``: what ``re.finditer(rf"\\b{word}\\b", text)`` finds,
    for a word of letters, without scanning the text with a pattern. ``joins`` tells the characters
    that may not stand next to the word (``is_letter``: only letters, so "de2" holds "de").

    >>> list(locate_word("kyiv, kyivan kyiv_1 kyiv", "kyiv"))
    [(0, 4), (20, 24)]
    """
    size = len(word)
    start = text.find(word)
    while start != -1:
        end = start + size
        if not (start and joins(text[start - 1])) and not (end < len(text) and joins(text[end])):
            yield start, end
        start = text.find(word, end)


def locate_words(text: str, words, joins=is_word_char) -> list[tuple[int, int]]:
    """The spans of every whole-word occurrence of any of ``words`` (runs of letters) in ``text``, in
    order: what :func:`locate_word` finds for each word, merged.

    A few words are located with ``str.find``. Many words (a long document's) would each cost a
    scan of the text, so the text is split instead, piece by piece, at whitespace once its ASCII
    characters other than letters (and PROSE_PUNCTUATION) are spaces: each token that is one of
    ``words``, and each run of letters in a token with other characters ("naïve" with a
    combining mark), gives a span. Tokens are placed in order with ``str.find``. Every span is
    then checked with ``joins`` on both sides (digits and ``_`` split the tokens but not words).
    """
    if len(words) * len(text) <= FIND_BUDGET:
        if not words:
            return []  # (most calls on one sentence: no generator to make)
        return sorted(span for word in words for span in locate_word(text, word, joins))
    spans = []
    for start, end in chunk_spans(text):
        aligned = blank_prose_punctuation(aligned_words(text[start:end]))
        tokens = aligned.split()
        hits = itertools.compress(itertools.count(), map(words.__contains__, tokens))
        # A token outside ASCII made of letters only is one run, looked for as a whole (a hit);
        # only the others ("«kyiv»", a combining mark) are split into runs.
        others = [index for index in itertools.compress(itertools.count(), map(operator.not_, map(str.isascii, tokens)))
                  if not tokens[index].isalpha()]
        cursor = 0  # every token before it that is looked for has been found
        for index in sorted({*hits, *others}):
            token = tokens[index]
            runs = [(0, len(token))] if token.isascii() else [
                run.span() for run in LETTERS.finditer(token) if run.group() in words]
            if not runs:
                continue
            # The next whole token equal to this one: an earlier one would have been looked for.
            offset = aligned.find(token, cursor)
            while (offset and not aligned[offset - 1].isspace()) or (
                    offset + len(token) < len(aligned) and not aligned[offset + len(token)].isspace()):
                offset = aligned.find(token, offset + 1)
            cursor = offset + len(token)
            spans.extend((start + offset + run_start, start + offset + run_end) for run_start, run_end in runs)
    spans.sort()
    return [(start, end) for start, end in spans
            if not (start and joins(text[start - 1])) and not (end < len(text) and joins(text[end]))]
