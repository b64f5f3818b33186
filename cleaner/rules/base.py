"""Small building blocks shared by the code rules.

Most code rules are a function ``find(doc) -> Iterable[Issue]`` plus the documentation of
the codes it emits; :class:`FunctionChecker` pairs them so the pipeline can run them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..document import Document
from ..edits import Applicability, Issue
from ..registry import RuleDoc

SAFE, UNSAFE, REPORT = Applicability.SAFE, Applicability.UNSAFE, Applicability.REPORT

# Generous per-call budget for built-in patterns: a linear pattern over 50 MB stays far below it,
# a pathological one stops with TimeoutError, which the pipeline reports as MTC002.
PATTERN_TIMEOUT = 30.0


@dataclass(frozen=True)
class FunctionChecker:
    """A checker made of a function and the docs of the codes it emits."""

    docs: tuple[RuleDoc, ...]
    find: Callable[[Document], Iterable[Issue]]
    forget: Callable[[], None] | None = None
    """Lets go of what the checker keeps of the last document: called by the pipeline after a
    document whose last pass stopped before this checker."""

    def __post_init__(self):
        # ``check`` is ``find`` itself: the pipeline calls every checker on every document, and
        # a method that only passed the call on was one Python call more each time.
        object.__setattr__(self, "check", self.find)

    def check(self, doc: Document) -> Iterable[Issue]:
        return self.find(doc)


def doc(code: str, name: str, message: str, *, what: str, why: str, bad: str, good: str,
        applicability: Applicability, safety: str = "", default_enabled: bool = True) -> RuleDoc:
    """A built-in rule's documentation (keyword arguments keep the sections readable)."""
    return RuleDoc(code, name, message, what.strip(), why.strip(), bad, good, applicability,
                   safety.strip(), default_enabled)
