"""The reusable :class:`Cleaner`: rules loaded and selected once, then many documents cleaned.

>>> from cleaner import Cleaner, Config
>>> Cleaner(Config(select=("SPC",))).clean("Hello , world").text
'Hello, world'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .config import Config, ConfigError
from .document import Document, merge_spans
from .edits import Applicability, Finding, Fix, Issue
from .formats import LAYERS, load_layer
from .parts import PART_CHARS, SLACK, cut_points
from .pipeline import NOT_CONVERGED, RULE_TIMEOUT, run_chain
from .registry import FORMATS, RuleDoc, is_selected, validate_selectors
from .rules import build_chain
from .suppression import UNUSED_SUPPRESSION, unused_suppressions

if TYPE_CHECKING:
    import regex  # (imported where used: only the accept setting needs it)

ENGINE_CODES = frozenset({NOT_CONVERGED, RULE_TIMEOUT})


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of cleaning one document.

    ``fixes`` are the applied changes and ``findings`` the problems reported but not changed;
    both in input order, with offsets into the input. ``apply_edits(input, fixes) == text``.
    """

    text: str
    fixes: list[Fix]
    findings: list[Finding]
    fmt: str = "text"

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


SET_TEXT, SET_FIXES, SET_FINDINGS, SET_FMT = (getattr(Result, name).__set__ for name in ("text", "fixes", "findings", "fmt"))


def make_result(text: str, fixes: list[Fix], findings: list[Finding], fmt: str) -> Result:
    """``Result(text, fixes, findings, fmt)``, made by setting its slots directly: every clean makes
    one, and a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    (half the time of the whole first pass over a one-line document with a single rule).

    >>> make_result("a", [], [], "text") == Result("a", [], [], "text")
    True
    """
    result = object.__new__(Result)
    SET_TEXT(result, text)
    SET_FIXES(result, fixes)
    SET_FINDINGS(result, findings)
    SET_FMT(result, fmt)
    return result


def compile_accept(phrases) -> regex.Pattern | None:
    """One pattern for the ``accept`` list: whole words, case-sensitive, any spacing between words.

    >>> compile_accept(["kyiv Post"]).findall("the kyiv  Post, not kyiv post or kyiv Posts")
    ['kyiv  Post']
    """
    phrases = [p.split() for p in phrases if p.strip()]
    if not phrases:
        return None
    import regex  # only when the setting is used

    alternation = "|".join(r"\s+".join(map(regex.escape, words)) for words in sorted(phrases, key=len, reverse=True))
    return regex.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")


def protect_accepted(document: Document, pattern) -> Document:
    """``document`` with every accepted phrase protected: no rule sees, changes or flags it.

    Accepted words are the user's names and terms that look like artifacts ("kyiv" in a
    handle, a brand in lowercase); making them protected spans reuses the masking every rule
    already honours, so no rule needs to know about the setting.
    """
    spans = [m.span() for m in pattern.finditer(document.text)]
    if not spans:
        return document
    return replace(document, protected=merge_spans([*document.protected, *spans]), _masked=None,
                   _protected_starts=None)


def moved(record, offset: int, lines: int, column: int):
    """A fix or finding of a part, placed in the whole document: the part starts at ``offset``,
    after ``lines`` line breaks and ``column`` characters into its line."""
    return replace(record, start=record.start + offset, end=record.end + offset, line=record.line + lines,
                   column=record.column + (column if record.line == 1 else 0))


class Cleaner:
    """Clean documents with one configuration; build it once for many documents."""

    part_chars = PART_CHARS  # a document longer than 1.5 times this is cleaned in parts (tests lower it)

    def __init__(self, config: Config | None = None):
        self.config = config = config or Config()
        if config.language.lower() not in ("en", "en-us", "en-gb", "english"):
            raise ConfigError(f"language {config.language!r} is not supported: mtclean checks English prose only")
        every = build_chain(config)
        self.rules: dict[str, RuleDoc] = {doc.code: doc for checker in every for doc in checker.docs}
        selectors = [*(config.select or ()), *config.extend_select, *config.ignore]
        unknown = validate_selectors(selectors, self.rules)
        if unknown:
            raise ConfigError(f"unknown rule code or prefix {unknown[0]!r} (see --list-rules)")
        self.selected = frozenset(code for code, doc in self.rules.items() if self.is_on(doc))
        # A rule that checks some formats only (a copyright line is the author's in Markdown) is
        # dropped from the others: its checker may serve other rules, so its issues are filtered.
        self.selected_in = {fmt: frozenset(code for code in self.selected if fmt in self.rules[code].formats)
                            for fmt in FORMATS}
        self.checkers = [c for c in every if any(d.code in self.selected for d in c.docs)]
        self.accepted = compile_accept(config.accept)

    def __reduce__(self):
        """Pickled as its configuration (its rules hold compiled patterns and closures): a worker
        process builds the rules once and reuses them for every task, so
        ``pool.map(cleaner.clean, documents)`` works and pays for the rules once per process."""
        return rebuilt_cleaner, (self.config, self.part_chars)

    def is_on(self, doc: RuleDoc) -> bool:
        """Whether the configuration turns rule ``doc`` on."""
        config = self.config
        select = list(config.select or ()) + list(config.extend_select)
        if config.select is None and doc.default_enabled:
            select.append("ALL")
        if config.grammar:
            select.append("GRM")
        return is_selected(doc.code, select, config.ignore)

    def clean(self, text: str, fmt: str = "text"):
        """Clean one document; see :class:`cleaner.Result`.

        A long document is cleaned in parts (:mod:`cleaner.parts`), each on its own, and the
        results are joined: offsets, lines and columns are the whole input's.
        """
        if not isinstance(text, str):
            hint = ": decode the bytes first (e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
            raise TypeError(f"clean() takes the text as str, not {type(text).__name__}{hint}")
        if len(text) <= self.part_chars * (1 + SLACK):  # the usual case: no call to find no cut
            return self.clean_part(text, fmt)
        cuts = cut_points(text, fmt, self.part_chars)
        if not cuts:
            return self.clean_part(text, fmt)
        bounds = [0, *cuts, len(text)]
        references = None
        if fmt == "markdown":  # "[text][label]" is a link in every part, its definition wherever it is
            from .formats.markdown import link_references

            references = link_references(text)
        # The cleaned parts are kept as UTF-8 until the end: a list of the parts' strings and the
        # joined text would hold the output twice, at up to four bytes a character.
        output, fixes, findings = bytearray(), [], []
        line = 0  # line breaks before the part
        for index, (start, end) in enumerate(zip(bounds, bounds[1:])):
            part = self.clean_part(text[start:end], fmt, continues=(index > 0, end < len(text)), references=references)
            column = start - (text.rfind("\n", 0, start) + 1)  # of the part's start, on its line
            output += part.text.encode("utf-8", "surrogatepass")
            fixes.extend(moved(fix, start, line, column) for fix in part.fixes)
            findings.extend(moved(finding, start, line, column) for finding in part.findings)
            line += text.count("\n", start, end)
        return make_result(output.decode("utf-8", "surrogatepass"), fixes, findings, fmt)

    def clean_part(self, text: str, fmt: str, continues: tuple[bool, bool] = (False, False),
                   references: dict | None = None) -> Result:
        """Clean ``text`` as one document, or as a part of one that ``continues`` before or after it
        (``references``: the whole document's Markdown link definitions)."""
        document = self.parse(text, fmt, continues, references)
        used: set[int] = set()  # indices of the suppressions that dropped an issue
        outcome = run_chain(document, self.checkers, lambda issue, doc: self.keeps(issue, doc, used), self.applies,
                            lambda new_text: self.parse(new_text, fmt, continues, references))
        findings = outcome.findings
        if document.suppression_comments and UNUSED_SUPPRESSION.code in self.selected:
            findings = sorted([*findings, *unused_suppressions(document, used, self.selected)], key=lambda f: (f.start, f.end, f.rule))
        return make_result(outcome.text, outcome.fixes, findings, fmt)

    def parse(self, text: str, fmt: str, continues: tuple[bool, bool] = (False, False),
              references: dict | None = None) -> Document:
        """The document the rules see: the format's parse plus the accepted phrases protected."""
        document = (LAYERS.get(fmt) or load_layer(fmt))(text, references)  # build_document, one call less
        if any(continues):
            document.continues_before, document.continues_after = continues
        if self.accepted is not None:
            document = protect_accepted(document, self.accepted)
        return document

    def keeps(self, issue: Issue, doc: Document, used: set[int] | None = None) -> bool:
        """Selected, not in a protected region, not suppressed by an inline comment.

        ``used`` collects the indices of the suppressions that dropped an issue (for MTC003).
        """
        if issue.rule not in self.selected_in.get(doc.fmt, self.selected) and issue.rule not in ENGINE_CODES:
            return False
        if doc.touches_protected(issue.start, issue.end) and not (
                issue.replacement == "" and doc.deletes_whole_lines(issue.start, issue.end)):
            return False
        kept = True
        for index, (start, end, codes) in enumerate(doc.suppressions):
            if start <= issue.start and issue.end <= end and (codes is None or any(issue.rule.startswith(c) for c in codes)):
                kept = False
                if used is None:
                    break
                used.add(index)
        return kept

    def applies(self, issue: Issue) -> bool:
        return issue.applicability is Applicability.SAFE or (
            issue.applicability is Applicability.UNSAFE and self.config.unsafe_fixes)


_REBUILT: dict = {}


def rebuilt_cleaner(config: Config, part_chars: int) -> Cleaner:
    """The :class:`Cleaner` a pickled one stands for, built once per process and configuration."""
    key = (config, repr(sorted(config.options.items())), part_chars)  # options take no part in ==
    cleaner = _REBUILT.get(key)
    if cleaner is None:
        cleaner = _REBUILT[key] = Cleaner(config)
        cleaner.part_chars = part_chars
    return cleaner
