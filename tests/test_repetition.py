"""REP shortcuts never skip a document the full scans would report on."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules import repetition as rep

PIECES = ["It", "was", "late", "Bern", "bern", "the", "The", "a", "b", "(", ")", "“", "”", "\"", "’", ",", ".",
          "!", "?", "...", " ", " ", " ", "\t", "\n", "1", "Then it rained"]


def repeated_sentences(text):
    """The plain scan find_repeated_sentences makes."""
    previous, found = None, []
    for match in rep.SENTENCE.finditer(text):
        if previous is not None and match.group() == previous.group():
            gap = text[previous.end():match.start()]
            if gap and not gap.strip(" \t") and len(match.group().split()) >= 4:
                found.append(match.start())
        previous = match
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(0, 30), st.sampled_from([" ", "  ", "\t", "” "]))
def test_may_repeat_sentence_keeps_every_repeated_sentence(parts, cut, gap):
    text = "".join(parts)
    sentence = "".join(parts[cut:]) or "It was very late."
    text = text + sentence + gap + sentence  # often a real repeat, sometimes not
    if repeated_sentences(text):
        assert rep.may_repeat_sentence(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.integers(0, 30), st.sampled_from([" ", "  ", "\t", "” "]),
       st.integers(1, 40))
def test_repeat_ends_fall_on_the_line_of_every_repeated_sentence(parts, cut, gap, chunk_chars):
    """REP004 scans only the lines where ``repeat_ends`` says a repeat may end."""
    text = "".join(parts)
    sentence = "".join(parts[cut:]) or "It was very late."
    text = text + sentence + gap + sentence
    ends = list(rep.repeat_ends(text, chunk_chars))
    for start in repeated_sentences(text):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        assert any(line_start <= end <= line_end for end in ends)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "a,", "B"]), max_size=40))
def test_may_run_keeps_every_run(tokens):
    words = rep.Words(" ".join(tokens))
    for period in (2, 3, 4):
        if next(words.runs(period, 2 * period), None) is not None:
            assert words.may_run(period, 2 * period)


CHUNK_PIECES = ["Bern,", "bern", "the", "The", "the.", "ΣΑΣ", "a", "b", "(", "”", "…", "x\ufffcy", "\ufffc"]
SPACES = [" ", "  ", "\n", "\t", "\ufffc", " \n "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CHUNK_PIECES), st.sampled_from(SPACES)), max_size=40), st.integers(1, 12))
def test_chunked_words_are_the_words_of_the_whole_text(parts, chunk_chars):
    """Tokens made a chunk at a time are the tokens, keys, offsets and comparisons of the whole text."""
    text = "".join(word + space for word, space in parts)
    plain = text.replace("\ufffc", " ")
    tokens = plain.split()
    keys = [token.strip(rep.EDGE_PUNCT) for token in plain.lower().split()]
    starts, position = [], 0
    for token in tokens:
        position = plain.index(token, position)
        starts.append(position)
        position += len(token)
    words = rep.Words(text, chunk_chars)
    assert words.count == len(tokens)
    assert [words.raw(i) for i in range(len(tokens))] == tokens
    assert words.keys(0, len(tokens)) == keys
    assert [words.start(i) for i in range(len(tokens))] == starts
    for period in (1, 2, 3, 4):
        assert words.same(period) == bytes(a == b for a, b in zip(keys, keys[period:]))
        minimum = 3 if period == 1 else 2 * period
        if period > 1 and next(words.runs(period, minimum), None) is not None:
            assert words.may_run(period, minimum)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(1, 20))
def test_chunked_sentence_prefilter_answers_as_the_whole_text(parts, chunk_chars):
    text = "".join(parts)
    assert rep.may_repeat_sentence(text, chunk_chars) == rep.may_repeat_sentence(text, len(text) + 1)


def test_long_document_finds_the_loops_and_stutters_of_its_parts(monkeypatch):
    """A document of many chunks reports what its paragraphs report alone, at the same offsets."""
    paragraphs = ["She went to to the market.", "The University of Bern, Bern, Bern, Bern is old.",
                  "Nothing to see here, really.", "It was very late. It was very late. Then it rained."]
    text = "\n\n".join(paragraphs * 30)
    monkeypatch.setattr(rep, "CHUNK_CHARS", 50)
    rep._LAST[0] = None
    finders = rep.make_finders(None)
    from cleaner.formats import build_document
    document = build_document(text)
    found = sorted((i.rule, text[i.start:i.end]) for finder in finders for i in finder(document))
    assert found.count(("REP001", " to")) == 30
    assert found.count(("REP003", ", Bern, Bern, Bern")) == 30
    assert found.count(("REP004", " It was very late.")) == 30
    rep._LAST[0] = None


LOOP_PIECES = ["Bern,", "Bern", "bern", "the", "The", "on", "and", "a", "b", "(", "“", "”", ".", "It", "was", "late.",
               "had", "no,", "\ufffc", "ΣΑΣ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LOOP_PIECES), st.sampled_from([" ", " ", "\n", "  "])), max_size=60),
       st.integers(1, 30))
def test_one_chunk_and_many_chunks_find_the_same_repetition(parts, chunk_chars):
    """A document made in one chunk (the short path) finds what the same text in small chunks does."""
    from cleaner.formats import build_document

    document = build_document("".join(word + space for word, space in parts))
    finders = rep.make_finders(None)
    whole = [(i.rule, i.start, i.end) for finder in finders for i in finder(document)]
    original = rep.CHUNK_CHARS
    try:
        rep.CHUNK_CHARS = chunk_chars
        rep._LAST[0] = None
        assert [(i.rule, i.start, i.end) for finder in finders for i in finder(document)] == whole
    finally:
        rep.CHUNK_CHARS = original
        rep._LAST[0] = None


def test_lowercasing_keeps_whether_a_token_is_a_plain_word():
    """``Words.is_word`` tests the lowercase form of a token: every character keeps its class."""
    import sys

    import regex

    rest, first = regex.compile(r"[\p{L}\p{M}'’]"), regex.compile(r"\p{L}")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        lower = char.lower()
        assert bool(rest.fullmatch(char)) == all(rest.fullmatch(c) for c in lower), hex(code)
        assert bool(first.fullmatch(char)) == bool(first.fullmatch(lower[0])), hex(code)
    words = rep.Words("The (the) İstanbul İSTANBUL 2x")
    assert [words.is_word(i) for i in range(5)] == [True, False, True, True, False]

