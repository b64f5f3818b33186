"""Helpers of the user-facing kinds: where a rule sits in its pack, and the check of its examples.

Errors in a pack name the file, the line and the rule (``house.toml:14: ACME003: ...``).

A rule's ``bad`` and ``good`` examples are what ``--explain`` shows, so a rule that misses
its ``bad`` example or fires on its ``good`` one is broken: better an error naming the rule
when the pack loads than a hook that silently does nothing (or changes correct text).
"""

from __future__ import annotations

import re

from ..config import ConfigError
from ..formats import FORMATS, build_document


def locate(path, code: str, key: str | None = None) -> str:
    """``path:line: CODE`` for the line of ``key`` in the rule ``code`` (else of its ``code``).

    >>> import tempfile, os
    >>> pack = os.path.join(tempfile.mkdtemp(), "p.toml")
    >>> _ = open(pack, "w").write('[[rule]]\\ncode = "ACME001"\\nkind = "pattern"\\npattern = "("\\n')
    >>> locate(pack, "ACME001", "pattern").endswith("p.toml:4: ACME001")
    True
    """
    lines = read_lines(str(path))  # only on the error path: no cache
    start = next((i for i, line in enumerate(lines) if re.match(rf"""\s*code\s*=\s*["']{re.escape(code)}["']""", line)), None)
    if start is None:
        return f"{path}: {code}"
    found = start
    if key is not None:
        begin = max((i for i in range(start + 1) if lines[i].strip().startswith("[[")), default=0)
        for i in range(begin, len(lines)):
            if i > start and lines[i].strip().startswith("["):
                break
            if re.match(rf"""\s*["']?{re.escape(key)}["']?\s*=""", lines[i]):
                found = i
                break
    return f"{path}:{found + 1}: {code}"


def read_lines(path: str) -> tuple[str, ...]:
    try:
        with open(path, encoding="utf-8") as handle:
            return tuple(handle.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def check_examples(checker, path) -> None:
    """Raise :class:`ConfigError` when a rule of ``checker`` misses ``bad`` or fires on ``good``."""
    for rule in checker.docs:
        if rule.fmt not in FORMATS:
            raise ConfigError(f"{locate(path, rule.code, 'fmt')}: 'fmt' must be one of {', '.join(FORMATS)}, not {rule.fmt!r}")
        bad = [i for i in checker.check(build_document(rule.bad, rule.fmt)) if i.rule == rule.code]
        if not bad:
            raise ConfigError(f"{locate(path, rule.code, 'bad')}: the rule does not find anything in its own 'bad' example {rule.bad!r}")
        if rule.good != rule.bad:
            good = [i for i in checker.check(build_document(rule.good, rule.fmt)) if i.rule == rule.code]
            if good:
                found = rule.good[good[0].start:good[0].end]
                raise ConfigError(f"{locate(path, rule.code, 'good')}: the rule fires on its own 'good' example at {found!r}")
