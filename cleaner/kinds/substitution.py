"""Kind ``substitution``: a map of wrong -> right words or phrases, matched as whole words.

One ``[[rule]]`` table holds a ``substitutions`` table; every key found in the prose as a
whole word (not inside a longer word, not joined to it by a hyphen) becomes an issue with
the value as its replacement, applied as the rule's ``applicability`` says. The words of a
phrase may be separated by any run of spaces or one line break, so a phrase wrapped across
two lines is still found; the replacement is written as given.

``case`` says how letter case is matched:

* ``"preserve"`` (default): the key as written, and, when it starts with a lowercase letter,
  also capitalized wherever it is (a sentence start, a title, "the Web site"), with the
  replacement capitalized to match (``alot`` -> ``a lot``, ``Alot`` -> ``A lot``; ``ALOT`` is
  left alone);
* ``"exact"``: only the key exactly as written;
* ``"ignore"``: the key in any letter case, replaced by the value exactly as written (for
  names with one right spelling: ``javascript``, ``Javascript`` -> ``JavaScript``).

A pack is checked when it is loaded: a key listed twice, a key equal to its replacement, or
a replacement that another key would match again (a fix that would never settle) stops with
an error naming the rule.

>>> from cleaner.registry import RuleDoc
>>> from cleaner.document import Document
>>> entry = {"code": "XYZ001", "substitutions": {"alot": "a lot"}}
>>> rule = RuleDoc("XYZ001", "alot", "Misspelling", "", "", "alot", "a lot", SAFE)
>>> checker = build([entry], [rule], "pack.toml")
>>> [(i.start, i.end, i.replacement) for i in checker.check(Document("Alot of it, alot."))]
[(0, 4, 'A lot'), (12, 16, 'a lot')]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..config import ConfigError
from ..edits import Applicability, Issue
from ..rules.base import PATTERN_TIMEOUT
from .common import check_examples, locate

SAFE = Applicability.SAFE
STAGE = "terminology"
FIELDS = {"substitutions": dict, "case": str}
CASE_MODES = ("preserve", "exact", "ignore")

# Word characters plus the hyphen: "mail" is not a whole word inside "e-mail".
BEFORE = r"(?<![\w-])"
AFTER = r"(?![\w-])"
SPACE = r"(?:[ \t\u00a0]+(?:\r?\n[ \t]*)?|[ \t]*\r?\n[ \t]*)"  # spaces, or one line break
SPACES = regex.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Target:
    """What one matched key turns into."""

    code: str
    wrong: str
    right: str
    message: str
    applicability: Applicability


class SubstitutionChecker:
    """Every substitution rule of one pack, found with one alternation."""

    def __init__(self, docs, pattern, exact: dict[str, Target], folded: dict[str, Target]):
        self.docs = tuple(docs)
        self.pattern = pattern
        self.exact = exact
        self.folded = folded

    def check(self, doc):
        if self.pattern is None:
            return
        for match in self.pattern.finditer(doc.masked, timeout=PATTERN_TIMEOUT):
            found = normalize(match.group())
            target = self.exact.get(found) or self.folded.get(found.casefold())
            if target is None or found == target.right:
                continue
            replacement = None if target.applicability is Applicability.REPORT else target.right
            yield Issue(target.code, match.start(), match.end(),
                        f"{target.message}: “{found}” → “{target.right}”", replacement, target.applicability)


def normalize(phrase: str) -> str:
    """Collapse whitespace runs to one space, as keys are stored."""
    return SPACES.sub(" ", phrase.strip())


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def trie_pattern(keys) -> str:
    """Regex source matching any of ``keys`` (normalized), as a trie of their characters.

    One big alternation makes the regex engine try every key at every position; sharing
    prefixes makes a position that starts no key fail at its first character (about five
    times faster with a few hundred keys). A space in a key matches :data:`SPACE`. Longer
    keys win: ``a lot of`` before ``a lot``.

    >>> trie_pattern(["alot", "alto"])
    '(?:al(?:ot|to))'
    """
    root: dict = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [(SPACE if char == " " else regex.escape(char)) + render(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if "" in node:  # a key ends here; a longer one may go on (greedy: longest first)
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return "(?:" + render(root) + ")"


def build(entries, docs, path) -> SubstitutionChecker:
    """One checker for the substitution rules of the pack at ``path``."""
    exact: dict[str, Target] = {}
    folded: dict[str, Target] = {}
    any_case: list[str] = []  # keys of "ignore" rules, matched in any letter case
    for entry, rule in zip(entries, docs):
        where = locate(path, rule.code, "substitutions")
        case = entry.get("case", "preserve")
        if case not in CASE_MODES:
            raise ConfigError(f"{locate(path, rule.code, 'case')}: 'case' must be one of {', '.join(CASE_MODES)}, not {case!r}")
        table = entry.get("substitutions")
        if not table:
            raise ConfigError(f"{where}: a substitution rule needs a non-empty 'substitutions' table")
        for raw_key, raw_value in table.items():
            if not isinstance(raw_value, str):
                raise ConfigError(f"{where}: the replacement of {raw_key!r} must be a string")
            key, value = normalize(raw_key), raw_value
            if not key:
                raise ConfigError(f"{where}: empty key in 'substitutions'")
            if key == value:
                raise ConfigError(f"{where}: {raw_key!r} is replaced by itself")
            variants = [(exact, key, value)]
            if case == "ignore":
                variants = [(folded, key.casefold(), value)]
                any_case.append(key.lower())
            elif case == "preserve" and key[0].islower() and key[0].upper() != key[0]:
                variants.append((exact, capitalize_first(key), capitalize_first(value)))
            for table_, lookup, right in variants:
                if lookup in table_:
                    raise ConfigError(f"{where}: {raw_key!r} is already a key of {table_[lookup].code}")
                table_[lookup] = Target(rule.code, key, right, rule.message, rule.applicability)
    if not exact and not folded:
        return SubstitutionChecker(docs, None, exact, folded)
    alternatives = [trie_pattern(exact)] if exact else []
    if any_case:
        alternatives.append("(?i:" + trie_pattern(any_case) + ")")
    pattern = regex.compile(BEFORE + "(?:" + "|".join(alternatives) + ")" + AFTER)
    check_settles(pattern, exact, folded, path)
    checker = SubstitutionChecker(docs, pattern, exact, folded)
    check_examples(checker, path)
    return checker


def check_settles(pattern, exact: dict[str, Target], folded: dict[str, Target], path) -> None:
    """Reject a replacement that some key would match again: the fix would loop.

    ``"web site" = "website"`` is fine; ``"site" = "web site"`` is not (``site`` is still there).
    A replacement that only matches its own key in ``ignore`` mode (``javascript`` ->
    ``JavaScript``) is fine: a key found written exactly as its replacement is skipped.
    """
    for target in [*exact.values(), *folded.values()]:
        for match in pattern.finditer(target.right):
            found = normalize(match.group())
            other = exact.get(found) or folded.get(found.casefold())
            if other is not None and found != other.right:
                raise ConfigError(f"{locate(path, target.code, 'substitutions')}: the replacement “{target.right}” contains "
                                  f"“{found}”, which {other.code} would change again")
