"""The REP screen lets through every document the full scans report on (REP001 to REP003)."""

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.formats import build_document
from cleaner.rules import repetition as rep

# Words in several cases and with the marks the screen deletes, keeps as "." or reads as spaces,
# characters that lowercase by context (capital sigma) or into two (dotted I), a protected
# character, digits; separators of every kind str.split() breaks at.
WORDS = ["the", "The", "THE", "the,", "the.", "the;", "(the", "the)", '"the"', "the’", "the'", "’the", "the…",
         "“the", "the”", "«the»", "the:", "the?!", "the,’", "the.’", "don't", "Don’t", "dont", "Bern", "Bern,",
         "bern;", "BERN.", "on", "on,", "and", "a", "b", "b,", "A", ".", "...", "?", ",", "ΣΑΣ", "σας", "ΣΑΣ,",
         "İ", "i̇", "\u212a", "k", "x\ufffcy", "\ufffc", "0", "1.", "very", "Very,", "so", "it.", "It", "?on", ".the",
         "!Bern", "Élan", "élan", "ÉLAN,", "Über", "über"]
SEPARATORS = [" ", " ", " ", "  ", "\n", " \n ", "\t", "\xa0", "\u2009", "\x1c", "\n\n"]
PARTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40)


def findings(document, screened):
    finders = rep.make_finders(None, screened=screened)
    rep._LAST[0] = rep._SCREEN[0] = None
    found = [(issue.rule, issue.start, issue.end, issue.replacement) for finder in finders[:2]
             for issue in finder(document)]
    rep._LAST[0] = rep._SCREEN[0] = None
    return found


def repeated(parts, repeats):
    """Parts with some of them written again right after themselves (stutters and loops)."""
    out = []
    for index, part in enumerate(parts):
        out.append(part)
        for _ in range(repeats.get(index, 0)):
            out.extend(parts[max(0, index - (index % 4)):index + 1])
    return "".join(word + space for word, space in out)


@settings(max_examples=1500, deadline=None)
@given(PARTS, st.dictionaries(st.integers(0, 40), st.integers(1, 4), max_size=4))
def test_screened_finders_find_what_the_full_scans_find(parts, repeats):
    document = build_document(repeated(parts, repeats))
    assert findings(document, True) == findings(document, False)


UNIT_WORDS = ["on", "and", "Bern", "bern", "the", "The", "don't", "Don’t", "ΣΑΣ", "élan", "Élan", "a", "b", "\u212a", "k"]
EDGES = ["", "", "(", ".", "?", '"', "“", ",", "'", "’", "«", ":", "...", "1"]


@settings(max_examples=1500, deadline=None)
@given(PARTS, st.lists(st.tuples(st.sampled_from(UNIT_WORDS), st.sampled_from(["", "", ",", ";"])), min_size=1, max_size=4),
       st.lists(st.sampled_from([" ", " ", "  ", "\n", "\t", "\xa0"]), min_size=1, max_size=24),
       st.sampled_from(EDGES), st.sampled_from(EDGES), st.sampled_from(EDGES), st.integers(2, 5), st.integers(0, 40))
def test_screened_finders_find_every_loop(parts, unit, spaces, before, inside, after, copies, at):
    """Loops of one to four words, with marks before the first word, after the last, and
    commas between some of the words, inside any text."""
    words = [before + unit[0][0]] + [word for word, _ in unit[1:]] + [word for word, _ in unit] * (copies - 1)
    marks = [mark for _, mark in unit] * copies
    words[-1] += inside if copies % 2 else after
    loop = "".join(word + mark + spaces[index % len(spaces)] for index, (word, mark) in enumerate(zip(words, marks)))
    text = "".join(word + space for word, space in parts[:at]) + loop + "".join(word + space for word, space in parts[at:])
    document = build_document(text)
    assert findings(document, True) == findings(document, False)


def test_a_text_longer_than_a_chunk_goes_through_unread(monkeypatch):
    """Words reads a long text a chunk at a time; the screen lets it through to the full scans."""
    monkeypatch.setattr(rep, "CHUNK_CHARS", 20)
    screen = rep.Screen("A plain sentence with no repetition at all.")
    assert screen.doubled and screen.periods == {1, 2, 3, 4}
    assert not rep.Screen("No repetition.").doubled


def test_spaces_are_the_characters_str_split_breaks_at():
    assert rep.SPACES == "".join(char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace())


def test_lowercase_is_per_character_outside_capital_sigma():
    """screen_bytes lowercases ASCII letters alone when every other character is its own
    lowercase form: that is str.lower when no character's lowercase form depends on its
    neighbours (only the capital sigma's does, and it is not its own lowercase form)."""
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if char.lower() == char and not 0xD800 <= code < 0xE000:
            assert ("AB" + char + "C").lower() == "ab" + char + "c", hex(code)
    assert "Σ".lower() != "Σ"


def test_screen_reads_the_common_cases():
    assert rep.Screen("They went to to the market.").doubled
    assert rep.Screen("The the market.").doubled
    assert not rep.Screen("It was Smith. Smith was late, very, very late.").doubled
    assert rep.Screen("University of Bern, Bern, Bern, Bern.").periods == {1}
    assert rep.Screen("on and on, and on and on").periods == {2}
    assert not rep.Screen("A plain sentence with no repetition at all.").periods


def candidate_starts(text):
    """The tokens find_doubled looks at in the full scans: (offset, DOUBLED matches there)."""
    words = rep.Words(text)
    same = words.same(1)
    return [(words.start(i), rep.DOUBLED.match(text, words.start(i)) is not None) for i in range(len(same))
            if same[i] and words.key(i) and words.is_word(i)]


@settings(max_examples=1500, deadline=None)
@given(PARTS, st.dictionaries(st.integers(0, 40), st.integers(1, 4), max_size=4))
def test_doubled_starts_hold_every_token_where_doubled_matches(parts, repeats):
    """The tokens found from the screen words are tokens the full scan looks at, and among them
    is every one where DOUBLED matches."""
    text = build_document(repeated(parts, repeats)).masked
    screen = rep.Screen(text)
    starts = rep.doubled_starts(text, screen.words)
    if starts is None:
        return
    candidates = candidate_starts(text)
    assert set(starts) <= {start for start, _ in candidates}
    assert {start for start, matches in candidates if matches} <= set(starts)


def test_tokens_break_where_str_split_does():
    assert rep.TOKEN.pattern == r"[^\s\ufffc]+"
    import re
    assert all(bool(re.fullmatch(r"\s", char)) == char.isspace() for char in map(chr, range(sys.maxunicode + 1))
               if not 0xD800 <= ord(char) < 0xE000)


def test_a_run_of_numbers_is_no_loop_of_one_word():
    assert rep.Screen("Votes: 0 0 0 4, and Bern Bern Bern.").periods == {1}
    assert not rep.Screen("Votes: 0 0 0 4 and 1 1 1.").periods
