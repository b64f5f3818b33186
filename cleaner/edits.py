"""Edits, fixes and findings: the values every rule produces and every caller receives.

A rule reports an :class:`Issue`: a span of the text it looked at, a message, and
optionally a replacement with an :class:`Applicability`. The pipeline turns issues into
the public :class:`Fix` (applied) and :class:`Finding` (reported) records, whose offsets
always point into the *input* text.

>>> Issue("SPC001", 5, 6, "space before punctuation", "", Applicability.SAFE).is_fixable
True
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Applicability(str, enum.Enum):
    """How far an issue's replacement may be trusted (ruff's three levels).

    ``safe`` is applied by default, ``unsafe`` only with ``--unsafe-fixes``, ``report``
    never: it needs a human.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    REPORT = "report"

    def __str__(self) -> str:  # so f-strings and JSON show "safe", not the enum repr
        return self.value


@dataclass(frozen=True, slots=True)
class Issue:
    """What a rule says about one span of the text it was given (offsets into that text)."""

    rule: str
    start: int
    end: int
    message: str
    replacement: str | None = None
    applicability: Applicability = Applicability.REPORT

    @property
    def is_fixable(self) -> bool:
        return self.replacement is not None and self.applicability is not Applicability.REPORT


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that was applied; ``start``/``end`` index the input, ``replacement`` the new text."""

    rule: str
    start: int
    end: int
    replacement: str
    message: str
    applicability: Applicability = Applicability.SAFE
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem reported but not changed.

    ``replacement`` is set when an opt-in fix exists (``unsafe``), else ``None``.
    """

    rule: str
    start: int
    end: int
    message: str
    replacement: str | None = None
    applicability: Applicability = Applicability.REPORT
    line: int = 0
    column: int = 0


def apply_edits(text: str, edits) -> str:
    """Return ``text`` with non-overlapping ``(start, end, replacement)`` edits applied.

    Edits are anything with ``start``, ``end`` and ``replacement`` attributes, sorted or not.
    This is also how callers replay ``result.fixes`` on the input.

    >>> apply_edits("take kyiv now", [Fix("CAS001", 5, 9, "Kyiv", "")])
    'take Kyiv now'
    """
    parts = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError(f"overlapping edit at {edit.start}")
        parts.append(text[position:edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)
