"""Data-driven rule tests: every ``tests/cases/*.toml`` case, positive and negative.

A case file holds ``[[case]]`` tables::

    [[case]]
    name = "space before a comma"      # what the case shows
    input = "Yes , it works."
    output = "Yes, it works."          # omitted: the input must come out unchanged
    findings = ["BRK003"]              # exact list of finding codes, in input order (default: none)
    select = ["SPC"]                   # optional: rules to run (default: the default rules)
    unsafe = false                     # optional: apply unsafe fixes too
    fmt = "text"                       # optional: "markdown"

Negative cases (no ``output``, no ``findings``) are the backbone: text that looks damaged
but is right, and must stay byte-identical with nothing reported.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cleaner import Cleaner, Config

from .conftest import assert_invariants

CASE_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "input", "output", "findings", "select", "unsafe", "fmt", "ignore"}


def load_cases():
    cases = []
    for path in sorted(CASE_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for index, case in enumerate(data.get("case", []), 1):
            unknown = set(case) - CASE_KEYS
            assert not unknown, f"{path.name} case {index}: unknown keys {unknown}"
            cases.append(pytest.param(case, id=f"{path.stem}-{index}-{case.get('name', '')[:40]}"))
    return cases


_CLEANERS: dict = {}


def cleaner_for(case) -> Cleaner:
    config = Config(select=tuple(case["select"]) if "select" in case else None,
                    ignore=tuple(case.get("ignore", ())), unsafe_fixes=case.get("unsafe", False))
    if config not in _CLEANERS:
        _CLEANERS[config] = Cleaner(config)
    return _CLEANERS[config]


@pytest.mark.parametrize("case", load_cases())
def test_case(case):
    cleaner = cleaner_for(case)
    fmt = case.get("fmt", "text")
    result = cleaner.clean(case["input"], fmt=fmt)
    assert result.text == case.get("output", case["input"])
    assert [f.rule for f in result.findings] == case.get("findings", [])
    assert_invariants(case["input"], result, cleaner, fmt)


def test_every_case_file_has_negative_cases():
    for path in sorted(CASE_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            cases = tomllib.load(handle).get("case", [])
        negatives = [c for c in cases if "output" not in c and not c.get("findings")]
        assert negatives, f"{path.name} needs cases that must stay unchanged"
