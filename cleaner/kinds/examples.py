"""Check a user rule against its own examples when its pack is loaded.

A rule's ``bad`` and ``good`` examples are what ``--explain`` shows, so a rule that misses
its ``bad`` example or fires on its ``good`` one is broken: better an error naming the rule
when the pack loads than a hook that silently does nothing (or changes correct text).
"""

from __future__ import annotations

from ..config import ConfigError
from ..formats import FORMATS, build_document


def check_examples(checker, path) -> None:
    """Raise :class:`ConfigError` when a rule of ``checker`` misses ``bad`` or fires on ``good``."""
    for rule in checker.docs:
        where = f"{path}: {rule.code}"
        if rule.fmt not in FORMATS:
            raise ConfigError(f"{where}: 'fmt' must be one of {', '.join(FORMATS)}, not {rule.fmt!r}")
        bad = [i for i in checker.check(build_document(rule.bad, rule.fmt)) if i.rule == rule.code]
        if not bad:
            raise ConfigError(f"{where}: the rule does not find anything in its own 'bad' example {rule.bad!r}")
        if rule.good != rule.bad:
            good = [i for i in checker.check(build_document(rule.good, rule.fmt)) if i.rule == rule.code]
            if good:
                found = rule.good[good[0].start:good[0].end]
                raise ConfigError(f"{where}: the rule fires on its own 'good' example at {found!r}")
