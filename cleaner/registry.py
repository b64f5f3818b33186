"""Rule codes, their documentation, and selection by code or prefix.

Every rule has a stable code (``ENC001``): a family prefix of letters and a number.
Codes are never reused. A :class:`RuleDoc` carries what ``--explain``, ``--list-rules``
and the README table show, and the bad/good example that a test runs through the rule.

Selection follows ruff: ``select`` and ``ignore`` take codes or prefixes, and for each
code the most specific match wins (``--select BRK --ignore BRK002`` keeps BRK001).

>>> is_selected("BRK001", select=("BRK",), ignore=("BRK002",))
True
>>> is_selected("BRK002", select=("BRK",), ignore=("BRK002",))
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from .document import Document
from .edits import Applicability, Issue


FORMATS = ("text", "markdown")  # every document format
FORMAT_NAMES = {"text": "plain text", "markdown": "Markdown"}


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The documentation of one rule code, in ruff's sections."""

    code: str
    name: str
    message: str
    what: str
    why: str
    bad: str
    good: str
    applicability: Applicability
    safety: str = ""
    default_enabled: bool = True
    fmt: str = "text"  # the format the bad/good example is written in
    source: str = "built-in"  # or the path of the rule pack that defined it
    formats: tuple[str, ...] = FORMATS  # the document formats the rule checks

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def render(self) -> str:
        """The text of ``clean --explain CODE``."""
        lines = [f"{self.code} ({self.name})", "", self.message, "", "## What it does", self.what, "",
                 "## Why is this bad?", self.why, "", "## Example", indent(self.bad), "", "Use instead:",
                 indent(self.good), "", "## Fix safety",
                 f"{self.applicability.value}: " + (self.safety or SAFETY_TEXT[self.applicability])]
        if not self.default_enabled:
            lines += ["", f"Off by default: enable it with --select {self.code}."]
        if set(self.formats) != set(FORMATS):
            lines += ["", f"Checks {' and '.join(FORMAT_NAMES[f] for f in self.formats)} only."]
        if self.source != "built-in":
            lines += ["", f"Defined in {self.source}."]
        return "\n".join(lines) + "\n"


SAFETY_TEXT = {
    Applicability.SAFE: "applied by default; measured to make no change on clean prose.",
    Applicability.UNSAFE: "applied only with --unsafe-fixes; it can be wrong on correct text.",
    Applicability.REPORT: "never applied; the finding needs a human.",
}


def indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines()) or "    "


class Checker(Protocol):
    """What the pipeline runs: something that emits issues for some rule codes."""

    docs: tuple[RuleDoc, ...]

    def check(self, doc: Document) -> Iterable[Issue]: ...


def matches(code: str, prefix: str) -> bool:
    return prefix == "ALL" or code.startswith(prefix)


def specificity(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix in ``prefixes`` that matches ``code`` (-1 for none; ALL is 0)."""
    best = -1
    for prefix in prefixes:
        if matches(code, prefix):
            best = max(best, 0 if prefix == "ALL" else len(prefix))
    return best


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str] = ()) -> bool:
    """True when the most specific matching entry is in ``select`` (ties go to ``ignore``)."""
    chosen = specificity(code, select)
    return chosen >= 0 and chosen > specificity(code, ignore)


def validate_selectors(selectors: Iterable[str], known: Iterable[str]) -> list[str]:
    """Return the selectors that match no known code (so a typo is an error, not a silent pass)."""
    known = list(known)
    return [s for s in selectors if not any(matches(code, s) for code in known)]
