"""Sentence breaks (BRK) and repetition (REP): the seed passage, options, data files, injectors.

The case files (tests/cases/BRK.toml, REP.toml) hold the many small positive and negative
cases; this module checks what needs more than one input/output pair.
"""

from __future__ import annotations

import random
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import inject_breaks
from cleaner import Cleaner, Config, apply_edits, clean
from cleaner.packs import builtin_pack_dir
from cleaner.rules import breaks
from cleaner.rules.marks import look_at_marks

from .conftest import assert_invariants

# Three paragraphs of the seed article: the middle one has the damage, the others are correct.
SEED_BEFORE = (
    "The United States and other Western officials have described Russia’s struggle in Ukraine, in "
    "particular the effort to gain greater control over the eastern Donbas region, as more than two weeks "
    "behind schedule and without consistent progress.\n\n"
    "On Friday, Russian forces suffered heavy losses in a Ukrainian attack that destroyed a pontoon bridge "
    "they were using to try to cross a river in the east, in what Ukrainian, British and American officials "
    "said was another sign of Moscow’s struggle. to save a war that ended. distorted.\n\n"
    "Ukraine’s airborne command released photos and videos of what it said was a damaged Russian pontoon "
    "bridge over the Siversky Donets River and several destroyed or damaged Russian military vehicles nearby. "
    "The command said its troops “drowned the Russian occupiers.”\n"
)
SEED_AFTER = SEED_BEFORE.replace("Moscow’s struggle. to save", "Moscow’s struggle to save")

PASSAGES = [
    "Direct communications between US and Russian military and defense leaders are seen as crucial to avoid "
    "misunderstandings or an unwarranted escalation of hostilities. The United States and Russia have also "
    "established a so-called de-escalation line that the military can use in the event of any emergency or "
    "perceived threat to NATO allies in Ukraine.",
    "Several officials described the call as a positive step, but said there was no clear reason why the "
    "Russians decided to go ahead with the talk on Friday. The defense official said the United States hopes "
    "it will serve as a springboard for further talks and that the request for further communications appears "
    "to have been received.",
    "The battle for the Donbas, which has intensified since the attempt to take the capital failed, has "
    "become a daily routine as cities and towns change hands. The official characterized the tenor of the "
    "call as professional but did not provide further details about its content.\n\n"
    "This is the first conversation between the two ministers since February 18, a week before the war "
    "began, and another senior official said Friday that the general is also expected to speak with his "
    "counterpart.",
]


def test_seed_passage_fixes_the_break_and_reports_the_fragment():
    result = clean(SEED_BEFORE)
    assert result.text == SEED_AFTER
    assert [(f.rule, f.replacement) for f in result.fixes] == [("BRK001", " t")]
    assert [f.rule for f in result.findings] == ["BRK003"]
    finding = result.findings[0]
    assert SEED_BEFORE[finding.start:finding.end] == "distorted."
    assert finding.line == 3
    assert_invariants(SEED_BEFORE, result, Cleaner(), "text")


def test_seed_passage_changes_no_other_byte():
    result = clean(SEED_BEFORE)
    assert len(result.fixes) == 1
    fix = result.fixes[0]
    assert SEED_BEFORE[:fix.start] == result.text[:fix.start]
    assert SEED_BEFORE[fix.end:] == result.text[fix.start + len(fix.replacement):]


def test_orphan_fragment_is_never_fixed_even_with_unsafe_fixes():
    result = Cleaner(Config(unsafe_fixes=True)).clean(SEED_BEFORE)
    assert "ended. distorted." in result.text
    assert "BRK003" in [f.rule for f in result.findings]


def test_user_abbreviations_silence_a_break():
    text = "The study was run by the Assnx. to the board, which agreed to it."
    assert [f.rule for f in Cleaner(Config(select=("BRK",))).clean(text).findings] == ["BRK001"]
    custom = Cleaner(Config(select=("BRK",), options={"abbreviations": ["Assnx."]}))
    result = custom.clean(text)
    assert result.text == text and not result.findings


def test_accepted_words_silence_repetition_and_breaks():
    text = "Competition for status status drives change, and the talks went on. stalled. Then they ended."
    assert {f.rule for f in Cleaner(Config(select=("REP", "BRK"))).clean(text).findings} == {"REP002", "BRK003"}
    result = Cleaner(Config(select=("REP", "BRK"), accept=("status", "stalled"))).clean(text)
    assert not result.findings


def test_safe_fixes_only_by_default():
    text = "The army built a pontoon bridge. which was destroyed. He said it was was over."
    default = Cleaner(Config(select=("BRK", "REP"))).clean(text)
    assert default.text == text
    assert {f.rule for f in default.findings} == {"BRK001", "REP002"}
    opted = Cleaner(Config(select=("BRK", "REP"), unsafe_fixes=True)).clean(text)
    assert opted.text == "The army built a pontoon bridge which was destroyed. He said it was over."


def test_data_files_are_lowercase_word_lists():
    folder = builtin_pack_dir() / "data"
    for name, table in (("abbreviations.toml", "abbreviations"), ("sentence-words.toml", "words"),
                        ("repetition.toml", "words")):
        with open(folder / name, "rb") as handle:
            data = tomllib.load(handle)[table]
        for key, words in data.items():
            assert words, f"{name}: {key} is empty"
            for word in words:
                assert word == word.lower().strip(), f"{name}: {key} has {word!r}"
                assert key.endswith("phrases") or " " not in word, f"{name}: {key} has {word!r}"


def test_abbreviation_data_does_not_hide_common_sentence_ends():
    # Lowercase "art", "mass" and "in" end sentences; only "Art.", "Mass." and "5 in." are abbreviations.
    for word in ("art", "mass", "in", "is", "no", "sun", "wed"):
        assert not breaks.is_abbreviation(word, f"they talked about {word}.", 17, frozenset()), word


@pytest.mark.parametrize("name", sorted(inject_breaks.injectors()))
def test_injectors_return_spans_that_restore_the_passage(name):
    inject = inject_breaks.injectors()[name]
    placed = 0
    for index, passage in enumerate(PASSAGES):
        damaged_spans = inject(passage, random.Random(index))
        if damaged_spans is None:
            continue
        damaged, spans = damaged_spans
        assert damaged != passage
        undo = [type("Span", (), {"start": s, "end": e, "replacement": r})() for s, e, r in spans]
        assert apply_edits(damaged, undo) == passage
        placed += 1
    assert placed, f"{name} found no place in any passage"


RESTORED = ("spurious period before to/of/than", "stuttered function word", "repeated paragraph")


@pytest.mark.parametrize("name", sorted(inject_breaks.injectors()))
def test_injected_damage_is_restored_or_reported(name):
    inject = inject_breaks.injectors()[name]
    cleaner = Cleaner()
    for seed in range(6):
        for passage in PASSAGES:
            placed = inject(passage, random.Random(seed))
            if placed is None:
                continue
            damaged, spans = placed
            result = cleaner.clean(damaged)
            if name in RESTORED:
                assert result.text == passage, (name, damaged)
            elif result.text != passage:
                start, end = spans[0][0], spans[0][1]
                near = [f for f in result.findings if f.start <= end + 2 and f.end >= start - 2]
                assert near, (name, damaged)
            assert_invariants(damaged, result, cleaner)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["word", "Cat", "e", "ab", ".", ". ", ".\t", ".\u00a0", " ", "to", "éa", "Éx", "ß",
                                 "’", "-", "3", "\n", "..", "\u00a0", "i", "U.S", "ǅ"]), max_size=30).map("".join))
def test_candidates_tried_at_periods_are_those_of_the_whole_scan(text):
    whole = [m.span() for m in breaks.CANDIDATE.finditer(text)]
    at_periods = [m.span() for p in look_at_marks(text).period_break
                  if (m := breaks.CANDIDATE.match(text, p)) is not None]
    assert at_periods == whole
