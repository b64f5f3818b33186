"""End-to-end golden files: each ``seeds/NAME.txt`` cleans to ``NAME.expected.txt`` and reports
exactly the findings listed in ``NAME.findings.txt`` (``LINE:COL CODE`` per line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

from .conftest import assert_invariants

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLEANER = Cleaner()


def seed_names():
    return sorted(p.name[: -len(".txt")] for p in SEEDS.glob("*.txt")
                  if not p.name.endswith((".expected.txt", ".findings.txt")))


@pytest.mark.parametrize("name", seed_names())
def test_seed_cleans_to_expected_output(name):
    source = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    expected = (SEEDS / f"{name}.expected.txt").read_text(encoding="utf-8")
    result = CLEANER.clean(source)
    assert result.text == expected
    listed = (SEEDS / f"{name}.findings.txt").read_text(encoding="utf-8").split()
    found = [f"{f.line}:{f.column}" for f in result.findings]
    codes = [f.rule for f in result.findings]
    assert [item for pair in zip(found, codes) for item in pair] == listed
    assert_invariants(source, result, CLEANER)


def test_there_is_a_seed():
    assert "000_b4bb0df2ac90e0eb" in seed_names()
