"""Kind ``pattern``: a regular expression that yields a finding, optionally with a replacement.

The ``pattern`` is a regular expression of the ``regex`` module (a superset of ``re``:
``\\p{Lu}``, possessive quantifiers, inline flags such as ``(?i)``), compiled with
``MULTILINE`` so ``^`` and ``$`` match at line starts and ends. It runs over the prose with
protected regions (code, URLs, front matter...) masked by U+FFFC, so it cannot match there.
Every non-empty match is an issue of the rule. ``replacement`` is a template for the match
(``\\1`` or ``\\g<name>`` refer to groups); it is required for ``safe`` and ``unsafe`` rules
and not allowed for ``report`` rules.

A user pattern can backtrack catastrophically (``(a|aa)+$``). Each pattern runs under the
``regex`` module's timeout (``timeout`` seconds, default :data:`DEFAULT_TIMEOUT`): when it
expires the rule is skipped for that document and an ``MTC002`` finding names the rule and
its pack, so a commit fails with a reason instead of hanging.

>>> from cleaner.registry import RuleDoc
>>> from cleaner.document import Document
>>> entry = {"code": "XYZ002", "pattern": r"\\b(\\d+) percents\\b", "replacement": r"\\1 percent"}
>>> rule = RuleDoc("XYZ002", "percents", "Plural unit", "", "", "5 percents", "5 percent", SAFE)
>>> checker = build([entry], [rule], "pack.toml")
>>> [(i.start, i.end, i.replacement) for i in checker.check(Document("Up 5 percents."))]
[(3, 13, '5 percent')]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..config import ConfigError
from ..document import Document
from ..edits import Applicability, Issue
from ..pipeline import RULE_TIMEOUT
from .common import check_examples, locate

SAFE = Applicability.SAFE
STAGE = "terminology"
FIELDS = {"pattern": str, "replacement": str, "timeout": (int, float)}
DEFAULT_TIMEOUT = 5.0
"""Seconds of matching per document; a linear pattern scans many megabytes in that time."""

QUOTE_LIMIT = 60


@dataclass(frozen=True, slots=True)
class PatternRule:
    """One compiled pattern rule."""

    code: str
    pattern: regex.Pattern
    replacement: str | None
    message: str
    applicability: Applicability
    timeout: float
    source: str


class PatternChecker:
    """The pattern rules of one pack, run one after the other."""

    def __init__(self, docs, rules: list[PatternRule]):
        self.docs = tuple(docs)
        self.rules = rules

    def check(self, doc):
        for rule in self.rules:
            yield from find_matches(rule, doc)


def find_matches(rule: PatternRule, doc: Document) -> list[Issue]:
    """The issues of ``rule`` in ``doc``, or one ``MTC002`` finding when the pattern times out."""
    try:
        matches = [m for m in rule.pattern.finditer(doc.masked, timeout=rule.timeout) if m.end() > m.start()]
    except TimeoutError:
        return [Issue(RULE_TIMEOUT, 0, 0, f"{rule.code} (pattern rule in {rule.source}) timed out after "
                      f"{rule.timeout:g} s on this document and was skipped: its pattern probably "
                      f"backtracks catastrophically; simplify it or raise its 'timeout'")]
    issues = []
    for match in matches:
        found = match.group()
        quoted = found if len(found) <= QUOTE_LIMIT else found[:QUOTE_LIMIT - 1] + "…"
        message = f"{rule.message}: “{quoted}”"
        replacement = None
        if rule.replacement is not None:
            replacement = match.expand(rule.replacement)
            if replacement == found:
                continue  # already right: nothing to change, nothing to report
        issues.append(Issue(rule.code, match.start(), match.end(), message, replacement, rule.applicability))
    return issues


def compile_rule(entry: dict, doc, path) -> PatternRule:
    """Validate one ``[[rule]]`` table of kind ``pattern`` and compile it."""
    where = locate(path, doc.code, "pattern")
    if "pattern" not in entry:
        raise ConfigError(f"{where}: a pattern rule needs a 'pattern'")
    try:
        pattern = regex.compile(entry["pattern"], regex.MULTILINE)
    except regex.error as error:
        raise ConfigError(f"{where}: invalid regular expression: {error}") from None
    replacement = entry.get("replacement")
    where = locate(path, doc.code, "replacement")
    if doc.applicability is Applicability.REPORT and replacement is not None:
        raise ConfigError(f"{where}: a 'report' rule never changes text: drop 'replacement' or make it 'unsafe'")
    if doc.applicability is not Applicability.REPORT and replacement is None:
        raise ConfigError(f"{where}: a '{doc.applicability.value}' rule needs a 'replacement'")
    if replacement is not None:
        check_template(replacement, pattern, where)
    timeout = entry.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not 0 < timeout <= 600:
        raise ConfigError(f"{locate(path, doc.code, 'timeout')}: 'timeout' must be a number of seconds between 0 and 600")
    return PatternRule(doc.code, pattern, replacement, doc.message, doc.applicability, float(timeout), str(path))


def check_template(template: str, pattern: regex.Pattern, where: str) -> None:
    """Expand ``template`` against an empty match with the same groups: bad references fail here, not mid-run."""
    names = {index: name for name, index in pattern.groupindex.items()}
    dummy = regex.compile("".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1)))
    try:
        dummy.match("").expand(template)
    except IndexError:
        raise ConfigError(f"{where}: 'replacement' refers to a group the pattern does not have") from None
    except regex.error as error:
        raise ConfigError(f"{where}: invalid 'replacement': {error}") from None


def build(entries, docs, path) -> PatternChecker:
    """One checker for the pattern rules of the pack at ``path``."""
    checker = PatternChecker(docs, [compile_rule(entry, doc, path) for entry, doc in zip(entries, docs)])
    check_examples(checker, path)
    return checker
