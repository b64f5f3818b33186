"""Casing rules beyond the case files: user packs of kind casing-lexicon, the shipped data, laziness."""

from __future__ import annotations

import gzip
import random
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config, ConfigError
from cleaner.edits import Applicability
from cleaner.formats import build_document
from cleaner.kinds.casing_lexicon import (
    FAST_WORD,
    LAST_WORD,
    NEIGHBOUR_REACH,
    PROSE_WORD,
    Lexicon,
    LexiconRule,
    common_words,
    document_words,
    find_last_word,
    find_prose_words,
    homographs,
    is_standalone,
    read_word_file,
)
from cleaner.packs import builtin_pack_dir
from cleaner.rules.casing import DocumentCasing
from cleaner.wordspans import CHUNK_SIZE, FIND_BUDGET, is_word_char, locate_word, locate_words

from .conftest import ROOT, assert_invariants

PACK = """
[[rule]]
code = "XYZ001"
name = "house-names"
kind = "casing-lexicon"
message = "Lowercased house name"
what = "Capitalizes our product names."
why = "They are names."
bad = "We sell the zorbland kit."
good = "We sell the Zorbland kit."
applicability = "safe"
names = ["Zorbland", "China", "Great Zorb Lake", "Quuxville"]
keep = ["quuxville"]
"""


def write_pack(tmp_path, text, name="house.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_pack_capitalizes_its_names_and_multi_word_names(tmp_path):
    cleaner = Cleaner(Config(select=("XYZ001",), packs=(write_pack(tmp_path, PACK),)))
    result = cleaner.clean("We sell the zorbland kit near the great zorb lake.")
    assert result.text == "We sell the Zorbland kit near the Great Zorb Lake."
    assert [f.rule for f in result.fixes] == ["XYZ001", "XYZ001"]
    assert_invariants("We sell the zorbland kit near the great zorb lake.", result, cleaner)


def test_user_pack_never_capitalizes_common_words_or_kept_words(tmp_path):
    cleaner = Cleaner(Config(select=("XYZ001",), packs=(write_pack(tmp_path, PACK),)))
    text = "We sell fine china in quuxville."
    assert cleaner.clean(text).text == text


def test_names_file_beside_the_pack_may_be_gzipped(tmp_path):
    with gzip.open(tmp_path / "names.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("# our names\nBlorptown\n\nSnarfburg\n")
    pack = PACK.replace('names = ["Zorbland", "China", "Great Zorb Lake", "Quuxville"]', 'names_file = "names.txt.gz"')
    cleaner = Cleaner(Config(select=("XYZ001",), packs=(write_pack(tmp_path, pack),)))
    assert cleaner.clean("From blorptown to snarfburg by train.").text == "From Blorptown to Snarfburg by train."


def test_replace_matches_lowercase_and_capitalized_whole_words(tmp_path):
    pack = PACK.replace('names = ["Zorbland", "China", "Great Zorb Lake", "Quuxville"]',
                        'replace = { Zorbsville = "Zorbland" }').replace("zorbland kit", "Zorbsville kit")
    cleaner = Cleaner(Config(select=("XYZ001",), packs=(write_pack(tmp_path, pack),)))
    assert cleaner.clean("Zorbsville and zorbsville, not Zorbsvilles.").text == "Zorbland and Zorbland, not Zorbsvilles."


def test_a_rule_without_names_is_an_error(tmp_path):
    pack = PACK.replace('names = ["Zorbland", "China", "Great Zorb Lake", "Quuxville"]', "")
    with pytest.raises(ConfigError, match="XYZ001"):
        Cleaner(Config(packs=(write_pack(tmp_path, pack),)))


def test_a_missing_names_file_is_an_error(tmp_path):
    pack = PACK.replace('names = ["Zorbland", "China", "Great Zorb Lake", "Quuxville"]', 'names_file = "nope.txt"')
    with pytest.raises(ConfigError, match="nope.txt"):
        Cleaner(Config(packs=(write_pack(tmp_path, pack),)))


def test_longest_multi_word_name_wins():
    lexicon = Lexicon([LexiconRule("XYZ001", Applicability.SAFE, names=("New York", "New York City"))])
    issues = list(lexicon.find("They live in new york city and like it."))
    assert [(i.start, i.end, i.replacement) for i in issues] == [(13, 26, "New York City")]


def test_shipped_lexicon_has_names_and_leaves_out_common_words():
    names = {n.lower() for n in read_word_file(str(builtin_pack_dir() / "casing-names.txt"))}
    for name in ("nepali", "ukrainian", "patna", "telugu", "sikkim", "february", "tuesday"):
        assert name in names
    for word in ("china", "turkey", "may", "march", "august", "polish", "bill", "nice", "reading",
                 "mobile", "chad", "sun", "crow", "rye", "anthem", "canton", "us"):
        assert word not in names
    assert {"china", "turkey", "polish"} <= homographs()
    assert all(word in common_words() for word in ("china", "crow", "rye", "reading"))
    assert "nepali" not in common_words()


def test_is_standalone_rejects_glued_words():
    text = "x kyiv_a #kyiv kyiv.ua /kyiv/ pro-kyiv year-kyiv kyiv's"
    spans = {word: text.index(word) for word in ("kyiv_a", "#kyiv", "kyiv.ua", "/kyiv/", "pro-kyiv", "year-kyiv", "kyiv's")}
    assert not is_standalone(text, spans["kyiv_a"], spans["kyiv_a"] + 4)
    assert not is_standalone(text, spans["#kyiv"] + 1, spans["#kyiv"] + 5)
    assert not is_standalone(text, spans["kyiv.ua"], spans["kyiv.ua"] + 4)
    assert not is_standalone(text, spans["/kyiv/"] + 1, spans["/kyiv/"] + 5)
    assert is_standalone(text, spans["pro-kyiv"] + 4, spans["pro-kyiv"] + 8)
    assert not is_standalone(text, spans["year-kyiv"] + 5, spans["year-kyiv"] + 9)
    assert is_standalone(text, spans["kyiv's"], spans["kyiv's"] + 4)


def test_mt_paragraph_reaches_a_fixed_point():
    text = ("Since the second world war, nepali and tamil speakers in patna have said that i am right. "
            "The kingdom of Goguryeo fell; later the goguryeo people moved to kyiv's suburbs and china.")
    cleaner = Cleaner()
    result = cleaner.clean(text)
    assert "Second World War, Nepali and Tamil speakers in Patna" in result.text
    assert "that I am right" in result.text and "Goguryeo people moved to Kyiv's" in result.text
    assert result.text.endswith("and china.")
    assert_invariants(text, result, cleaner)


def test_import_cleaner_does_not_load_the_lexicon():
    code = "import sys, cleaner; print('cleaner.kinds.casing_lexicon' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_casing_benchmark_scores_agreement_with_post_edits():
    from bench.casing import score

    rows = [{"mt": "They moved to kyiv from nepal.", "pe": "They moved to Kyiv from Nepal."},
            {"mt": "The office in patna is small.", "pe": "The office in patna is small."},
            {"mt": "We bought fine china there.", "pe": "We bought fine china in Lhasa."}]
    counts = score(rows, Cleaner(Config(select=("CAS001", "CAS002"))))
    assert (counts["edits"], counts["made"], counts["agree"], counts["disagree"]) == (2, 2, 2, 1)
    assert counts["wrong"] == {"patna": 1}


def test_casing_benchmark_needs_its_data(tmp_path):
    from bench.casing import run

    with pytest.raises(FileNotFoundError, match="mlqe-pe-train"):
        run(tmp_path)


def test_accepted_words_are_never_capitalized():
    cleaner = Cleaner(Config(accept=("kyiv",)))
    assert cleaner.clean("Russia tried to take kyiv and patna.").text == "Russia tried to take kyiv and Patna."


def assert_words_of(text):
    words, capitalized = document_words(text)
    assert words == set(FAST_WORD.findall(text))
    assert capitalized == {word: word.lower() for word in words if word.lower() != word}


@pytest.mark.parametrize("text", [
    "ǅemal ΑΣ x² 中文 KYIV Kyiv kyiv Σίσυφος ΣΊΣΥΦΟΣ",
    "Kyiv's x-ray (2019), naïve café_bar don’t e\u0301tude ²nd Ⅻ İstanbul\u00a0kyiv",
    "snake_case kyiv.ua 8chan foo--bar «Lviv» x\ud800y",
    "",
])
def test_document_words_are_the_letter_runs_of_the_text(text):
    assert_words_of(text)


def test_document_words_of_a_long_text_are_its_letter_runs():
    rng = random.Random(4)
    text = "".join(rng.choice(["Kyiv's", "x-ray", "naïve", "e\u0301tude", "don’t", "İstanbul", "²nd", "ab_c"])
                   + rng.choice([" ", "\n", "\u00a0", ", "]) for _ in range(40_000))
    assert len(text) > 3 * CHUNK_SIZE
    assert_words_of(text)


@pytest.mark.parametrize("word", ["kyiv", "Kyiv", "ab"])
def test_locate_word_finds_what_a_word_boundary_pattern_finds(word):
    text = "kyiv kyivan Kyiv_1 xkyiv (kyiv) Kyiv2 ab·ab ab\u0301 kyiv"
    expected = [m.span() for m in re.finditer(rf"\b{word}\b", text)]
    assert list(locate_word(text, word)) == expected


def test_locate_words_splitting_a_long_text_finds_what_str_find_finds():
    # Long enough, with enough words, for the split; every kind of neighbour and token around.
    rng = random.Random(5)
    words = ["kyiv", "Kyiv", "ab", "Città", "naïve", "nai", "x", "Lviv", "café"] + [f"w{c}" for c in "abcdefghij"]
    glue = [" ", "  ", "\n", ", ", "_", "2", "’", "'", "\u0301", "\u00a0", "·", "-", " (", ") ", "ß", "\t", "Ⅻ"]
    text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(120_000))
    targets = frozenset(words[:6])
    assert len(targets) * len(text) > FIND_BUDGET and len(text) > 3 * CHUNK_SIZE
    expected = sorted(span for word in targets for span in locate_word(text, word))
    assert len(expected) > 1000
    assert locate_words(text, targets) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdeKZé\u0301ß2_ '’-(\n", max_size=60), st.integers(0, 60))
def test_find_last_word_finds_what_the_pattern_finds(text, end):
    end = min(end, len(text))
    word = LAST_WORD.search(text, max(0, end - NEIGHBOUR_REACH), end)
    assert find_last_word(text, end) == (None if word is None else word.span())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abKZ09 '’“”—–\u00a0‘.-_é\u0301²", max_size=40))
def test_prose_words_are_what_the_pattern_finds(text):
    assert find_prose_words(text) == PROSE_WORD.findall(text)


def test_a_cleaner_without_casing_rules_never_reads_the_english_words():
    code = ("from cleaner import Cleaner, Config; from cleaner.kinds import casing_lexicon as c; "
            "Cleaner(Config(select=('SPC',))).clean('take kyiv now'); a = c.common_words.cache_info().currsize; "
            "Cleaner(Config(select=('CAS',))).clean('take kyiv now'); print(a, c.common_words.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


def test_a_long_document_gets_the_capitals_of_each_of_its_paragraphs():
    # Long enough for locate_words to split the text, once for the capitals and their lowercase forms.
    paragraph = "The army of Goguryeo marched south with Baekje allies. Later the goguryeo army and the baekje king fled.\n\n"
    casing = DocumentCasing()
    one = [(i.start, i.end, i.replacement) for i in casing.find_capitalized_elsewhere(build_document(paragraph))]
    assert [replacement for _, _, replacement in one] == ["Goguryeo", "Baekje"]
    text = paragraph * 3000
    assert 2 * len(text) > FIND_BUDGET
    found = [(i.start, i.end, i.replacement) for i in casing.find_capitalized_elsewhere(build_document(text))]
    assert found == [(start + k * len(paragraph), end + k * len(paragraph), replacement)
                     for k in range(3000) for start, end, replacement in one]


def test_building_without_gc_restores_the_collector():
    import gc

    from cleaner.kinds.casing_lexicon import without_gc

    @without_gc
    def build(fail):
        assert not gc.isenabled()
        if fail:
            raise ValueError("no")
        return 1

    assert gc.isenabled()
    assert build(False) == 1 and gc.isenabled()
    with pytest.raises(ValueError):
        build(True)
    assert gc.isenabled()
    gc.disable()
    try:
        assert build(False) == 1 and not gc.isenabled()
    finally:
        gc.enable()


def test_calendar_names_are_the_english_months_and_days():
    import calendar

    from cleaner.rules.casing import CALENDAR

    assert CALENDAR == {n.lower() for n in (*calendar.month_name, *calendar.day_name) if n}


def find_at_every_word(lexicon, text):
    """:meth:`Lexicon.find` without its candidates: every whole word of letters is looked at."""
    lines, found, skip_until = {}, [], 0
    for run in FAST_WORD.finditer(text):
        start, end = run.span()
        if start < skip_until or (start and is_word_char(text[start - 1])) or (end < len(text) and is_word_char(text[end])):
            continue
        word = text[start:end]
        lower = word.lower()
        if lower in lexicon.multi:
            issue = lexicon.match_multi(text, start, lower, lines)
            if issue is not None and issue.start >= skip_until:
                skip_until = issue.end
                found.append(issue)
                continue
        issue = lexicon.examine(text, start, end, word, lower, lines)
        if issue is not None:
            found.append(issue)
    return found


# Words of the shipped names, multi-word names (with and without their article), head nouns,
# plurals of names, common words, in several casings.
LEXICON_TOKENS = ("the", "The", "cold", "Cold", "war", "War", "new", "New", "york", "York", "city", "hong", "Hong",
                  "kong", "united", "kingdom", "Kingdom", "states", "kyiv", "nepali", "nepalis", "joseon", "dynasty",
                  "tamangs", "less", "people", "family", "second", "world", "middle", "ages", "xqztv", "river",
                  "a", "in", "said", ".", ",", "\n", "'s", "’s")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LEXICON_TOKENS), max_size=24))
def test_lexicon_finds_what_looking_at_every_word_finds(tokens):
    lexicon = next(checker.lexicon for checker in Cleaner().checkers if checker.docs[0].code == "CAS001")
    text = " ".join(tokens).replace(" 's", "'s").replace(" ’s", "’s")
    document_words(text)  # (what the checker sees: the words of this text)
    key = [(i.rule, i.start, i.end, i.replacement) for i in lexicon.find(text)]
    assert key == [(i.rule, i.start, i.end, i.replacement) for i in find_at_every_word(lexicon, text)]
