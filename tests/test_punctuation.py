"""The doubled-mark rule's shortcut finds what a scan of the whole text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.formats import build_document
from cleaner.rules import punctuation as pun


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=",.a1)\"”’ é\n", max_size=40))
def test_doubled_marks_tried_at_pairs_are_those_of_the_whole_scan(text):
    document = build_document(text, "text")
    whole = [(m.start(), m.end()) for m in pun.DOUBLE_MARK.finditer(document.masked)]
    assert [(issue.start, issue.end) for issue in pun.find_doubled(document)] == whole
