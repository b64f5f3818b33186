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
@given(st.lists(st.sampled_from(["a", "b", "c", "a,", "B"]), max_size=40))
def test_may_run_keeps_every_run(tokens):
    words = rep.Words(" ".join(tokens))
    for period in (2, 3, 4):
        if next(words.runs(period, 2 * period), None) is not None:
            assert words.may_run(period, 2 * period)
