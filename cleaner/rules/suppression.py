"""MTC003 in the rule registry: selectable, ignorable and explained like any rule.

The finding itself is made by the cleaner after the chain has run (only then is it known
which suppression comments suppressed something); see :mod:`cleaner.suppression`.
"""

from __future__ import annotations

from ..suppression import UNUSED_SUPPRESSION
from .base import FunctionChecker


def find_nothing(doc):
    """The chain has nothing to check for MTC003; the cleaner reports it."""
    return ()


def checkers(config):
    return [FunctionChecker((UNUSED_SUPPRESSION,), find_nothing)]
