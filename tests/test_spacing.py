"""The spacing rules' shortcuts find what their plain scans find (text from the characters they look at)."""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rules import spacing as sp

SPACING_ALPHABET = " \u00a0\u202f,.;?!:aZé1(\"“\n\ufffc"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=SPACING_ALPHABET, max_size=40))
def test_spaces_before_marks_are_those_of_one_pattern(text):
    plain = re.compile(r"[ \u00a0\u202f]+(?=[,.;?!:])")
    assert list(sp.find_spaces_before_marks(text)) == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" aZé1,;:(\"“‘.?)\t\u00bd\u00a0\n_", max_size=40))
def test_space_runs_tried_at_candidates_are_those_of_the_whole_scan(text):
    whole = [m.span() for m in regex.finditer(sp.SPACE_RUNS.pattern, text)]
    at_candidates = [m.span() for c in sp.SPACE_RUN_CANDIDATE.finditer(text)
                     if (m := sp.SPACE_RUNS.match(text, c.start())) is not None]
    assert at_candidates == whole


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" ab\u00a0\t", max_size=40))
def test_alignment_gates_answer_as_the_patterns_do(line):
    assert sp.looks_aligned(line) == bool(sp.ALIGNED.search(line))
    text = f"x\n{line}\nok  go\n{line}"
    assert sp.in_table(text, 2 + len(line) + 1, 2 + len(line) + 7) == bool(
        sp.COLUMN_GAP.search(line) or sp.COLUMN_GAP.search(line))
