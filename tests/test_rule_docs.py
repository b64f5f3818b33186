"""Every rule's documentation is complete and its own bad/good example holds."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config

ALL = Cleaner(Config(select=("ALL",), unsafe_fixes=True))
RULES = sorted(ALL.rules.values(), key=lambda d: d.code)


@pytest.mark.parametrize("rule", RULES, ids=lambda d: d.code)
def test_rule_doc_is_complete(rule):
    for field in ("name", "message", "what", "why", "bad", "good"):
        assert getattr(rule, field).strip(), f"{rule.code} has no {field}"
    assert rule.code.rstrip("0123456789").isupper()
    assert "## Fix safety" in rule.render()


# Grammar rules need a LanguageTool server, so their doc examples cannot run here; the rules
# themselves are tested in test_grammar.py against an HTTP server speaking LanguageTool's protocol.
OFFLINE_RULES = [rule for rule in RULES if not rule.code.startswith("GRM")]


@pytest.mark.parametrize("rule", OFFLINE_RULES, ids=lambda d: d.code)
def test_rule_example_bad_is_caught_and_good_is_left(rule):
    cleaner = Cleaner(Config(select=(rule.code,), unsafe_fixes=True))
    bad = cleaner.clean(rule.bad, fmt=rule.fmt)
    touched = {f.rule for f in bad.fixes} | {f.rule for f in bad.findings}
    assert any(rule.code in codes.split(",") for codes in touched), f"{rule.code} did not catch its own bad example"
    if rule.good != rule.bad:
        good = cleaner.clean(rule.good, fmt=rule.fmt)
        assert good.text == rule.good and not good.findings, f"{rule.code} changed its own good example"
    if bad.fixes:
        assert bad.text == rule.good, f"{rule.code}: fixing the bad example should give the good one"


def test_codes_are_unique_across_checkers():
    codes = [doc.code for checker in ALL.checkers for doc in checker.docs]
    assert len(codes) == len(set(codes))
