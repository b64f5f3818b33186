"""Shared test helpers: the case-file loader and the invariants every result must keep."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleaner import apply_edits  # noqa: E402


def assert_invariants(source: str, result, cleaner=None, fmt: str = "text") -> None:
    """Replay, idempotence and well-formed offsets: what every result must satisfy."""
    assert apply_edits(source, result.fixes) == result.text, "replaying the fixes must give the output"
    for item in [*result.fixes, *result.findings]:
        assert 0 <= item.start <= item.end <= len(source), f"{item} is outside the input"
    assert not [f for f in result.findings if f.rule in ("MTC001", "MTC002")], "engine trouble: " + str(result.findings)
    if cleaner is not None:
        again = cleaner.clean(result.text, fmt=fmt)
        assert again.text == result.text, "cleaning the output again must change nothing"


@pytest.fixture
def invariants():
    return assert_invariants
