"""The engine: fixes compose across rules and passes, map to input offsets, and replay exactly.

The checkers here are tiny real rules over a small alphabet, chosen so that their edits
overlap, touch and feed each other (a deletion next to an insertion, a replacement of a
replacement), which is where offset bookkeeping goes wrong.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.edits import Applicability, Issue, apply_edits
from cleaner.pipeline import MAX_PASSES, NOT_CONVERGED, run_chain
from cleaner.registry import RuleDoc

SAFE = Applicability.SAFE


class PatternRule:
    """Replace every match of ``pattern`` with ``replacement`` (a test rule, not a mock)."""

    def __init__(self, code, pattern, replacement, applicability=SAFE):
        self.pattern = re.compile(pattern)
        self.replacement = replacement
        self.applicability = applicability
        self.docs = (RuleDoc(code, code, code, "", "", "", "", applicability),)

    def check(self, doc):
        for match in self.pattern.finditer(doc.masked):
            yield Issue(self.docs[0].code, match.start(), match.end(), f"{self.docs[0].code} message",
                        self.replacement, self.applicability)


RULES = [
    PatternRule("T001", "aa", "a"),          # shrink
    PatternRule("T002", "(?<=c)(?=y)", "-"),  # insert
    PatternRule("T003", "z", ""),            # delete
    PatternRule("T004", "b", "cc"),          # grow
    PatternRule("T005", "c-", "d"),          # consumes the output of T002 and T004
    PatternRule("T006", "q", None, Applicability.REPORT),  # findings only
]


def keep_unprotected(issue, doc):
    return not doc.touches_protected(issue.start, issue.end)


def run(text, protected=(), rules=RULES):
    return run_chain(Document(text, tuple(protected)), rules, keep_unprotected,
                     lambda issue: issue.applicability is SAFE)


def test_replacement_of_a_replacement_is_one_fix():
    # T004: b -> cc; T002 inserts "-" between c and y; T005 turns "c-" into "d".
    outcome = run("by")
    assert outcome.text == "cdy"
    assert [(f.start, f.end, f.replacement) for f in outcome.fixes] == [(0, 1, "cd")]
    assert outcome.fixes[0].rule == "T004,T002,T005"


def test_separate_edits_stay_separate_fixes():
    outcome = run("b xaa cy")
    assert outcome.text == "cc xa dy"
    assert [(f.start, f.end, f.replacement) for f in outcome.fixes] == [(0, 1, "cc"), (3, 5, "a"), (6, 7, "d")]
    outcome = run("b xaa c y")
    assert [(f.start, f.end, f.replacement) for f in outcome.fixes] == [(0, 1, "cc"), (3, 5, "a")]


def test_fixes_report_input_offsets_and_positions():
    source = "ok\nzaa"
    outcome = run(source)
    assert outcome.text == "ok\na"
    assert apply_edits(source, outcome.fixes) == outcome.text
    first = outcome.fixes[0]
    assert (first.line, first.column) == (2, 1)


def test_findings_map_back_through_earlier_fixes():
    source = "zzzq"
    outcome = run(source)
    assert outcome.text == "q"
    assert [(f.rule, f.start, f.end) for f in outcome.findings] == [("T006", 3, 4)]


def test_protected_span_is_never_edited():
    source = "aa zz aa"
    outcome = run(source, protected=[(3, 5)])
    assert outcome.text == "a zz a"


def test_rule_that_never_settles_is_reported():
    flip = PatternRule("T010", "e", "ee")  # grows forever
    outcome = run("e", rules=[flip])
    assert [f.rule for f in outcome.findings] == [NOT_CONVERGED]
    assert outcome.text == "e" * (2 ** MAX_PASSES)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcxyzq- \n", max_size=40), st.data())
def test_any_text_replays_and_settles(text, data):
    spans = []
    if text and data.draw(st.booleans()):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        spans.append((start, end))
    outcome = run(text, spans)
    assert apply_edits(text, outcome.fixes) == outcome.text
    positions = [(f.start, f.end) for f in outcome.fixes]
    assert positions == sorted(positions)
    for (s1, e1), (s2, e2) in zip(positions, positions[1:]):
        assert e1 <= s2 and not (s1 == e1 == s2 == e2)
    for start, end in spans:
        assert text[start:end] in outcome.text
        for fix in outcome.fixes:
            assert fix.end <= start or fix.start >= end or (fix.start == fix.end and fix.start in (start, end))
    assert not [f for f in outcome.findings if f.rule == NOT_CONVERGED]
    again = run(outcome.text)
    assert again.text == outcome.text or spans  # protected text may hold what rules would change
    for finding in outcome.findings:
        assert text[finding.start:finding.end].count("q") >= 1


def test_a_pass_after_an_early_fix_runs_only_the_checkers_up_to_it():
    from cleaner import Cleaner

    cleaner = Cleaner()
    calls: dict[str, int] = {}

    class Counted:
        def __init__(self, checker):
            self.checker, self.docs = checker, checker.docs
            self.forget = getattr(checker, "forget", None)

        def check(self, doc):
            calls[self.docs[0].code] = calls.get(self.docs[0].code, 0) + 1
            return self.checker.check(doc)

    cleaner.checkers = [Counted(checker) for checker in cleaner.checkers]
    result = cleaner.clean("Hello , world. The the end.\n")
    assert result.text == "Hello, world. The end.\n"
    # SPC001 and REP001 fixed the first pass's text: the second pass runs the checkers up to
    # REP001, the last to fix, finds nothing more, and the later checkers' findings stand.
    assert calls["SPC001"] == 2 and calls["REP001"] == 2
    assert calls["CAS001"] == 1 and calls["UNT002"] == 1
