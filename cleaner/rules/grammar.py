"""GRM: grammar, spelling and style findings from LanguageTool (off by default: ``--grammar``).

LanguageTool reads the prose only (code, URLs and Markdown syntax are sent as markup, see
:mod:`cleaner.grammar_text`); each of its matches becomes a finding whose message starts
with LanguageTool's rule id. A match is fixed only when its rule id is on the allow-list
in ``rules/grammar/languagetool.toml`` and LanguageTool offers exactly one suggestion;
the first of several suggestions is never applied.

The checker is inert unless grammar checking was asked for (``Config(grammar=True)``,
``--grammar``, or selecting a ``GRM`` code by name): ``--select ALL`` must not need a
LanguageTool server. The server is found on the first document, or earlier by
:func:`prepare` (the command line calls it before the first file); when none answers,
:class:`~cleaner.languagetool.GrammarUnavailable` (a ``ConfigError``: exit status 2)
says what was tried. Building the rules never connects: configuration checks build
them too. Without grammar checking, neither the HTTP client nor language-tool-python is
ever imported.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..document import Document
from ..edits import Issue
from ..builtin_data import builtin_toml
from ..registry import is_selected
from .base import REPORT, SAFE, doc

if TYPE_CHECKING:  # imported when a document is first checked: a run without --grammar never loads them
    from .. import grammar_text, languagetool

SETTINGS_FILE = "grammar/languagetool.toml"  # under the built-in rules
PARALLEL_REQUESTS = 4
"""Requests in flight at once for one long document (LanguageTool's server runs 10 check threads
by default); short documents are one request."""

GRAMMAR = doc(
    "GRM001", "languagetool-grammar", "LanguageTool: grammar",
    what="Reports what LanguageTool finds in the prose that is not spelling or style: agreement, "
         "articles, confused words, punctuation. The message starts with LanguageTool's rule id and "
         "ends with its suggestions.",
    why="Machine translation leaves grammatical slips that no pattern rule catches (\"he go\", "
        "\"a apple\"); a grammar checker finds many of them, but is wrong often enough that a human "
        "should decide.",
    bad="She go to the market every morning.", good="She goes to the market every morning.",
    applicability=REPORT, default_enabled=False,
    safety="Never applied: LanguageTool's suggestions are hints. Needs --grammar and a LanguageTool "
           "server (see docs/grammar.md).",
)
SPELLING = doc(
    "GRM002", "languagetool-spelling", "LanguageTool: spelling",
    what="Reports words LanguageTool's spell checker does not know (category TYPOS), with its suggestions.",
    why="Scraped and translated text carries typos and half-translated words; names unknown to the "
        "dictionary are flagged too, which is why this is never fixed automatically.",
    bad="The goverment announced new measures.", good="The government announced new measures.",
    applicability=REPORT, default_enabled=False,
    safety="Never applied: proper nouns and technical terms are unknown words too. Switch it off with "
           "--ignore GRM002 or grammar-disabled-categories = [\"TYPOS\"].",
)
STYLE = doc(
    "GRM003", "languagetool-style", "LanguageTool: style and typography",
    what="Reports LanguageTool's style, redundancy and typography matches (\"in order to\", "
         "\"very unique\", repeated sentence starts).",
    why="Style hints help a human editor polish translated text; they are preferences, not errors.",
    bad="It is a very unique opportunity.", good="It is a unique opportunity.",
    applicability=REPORT, default_enabled=False,
    safety="Never applied: style is the author's call.",
)
FIX = doc(
    "GRM004", "languagetool-allowed-fix", "LanguageTool: allow-listed fix",
    what="Applies LanguageTool's suggestion when the match's rule id is on the allow-list in "
         "rules/grammar/languagetool.toml (or options[\"grammar_fix_rules\"]) and LanguageTool offers "
         "exactly one suggestion that touches no Markdown syntax.",
    why="A few LanguageTool rules make mechanical corrections whose single suggestion is right "
        "whenever the rule fires; applying those saves a human the keystrokes.",
    bad="He bought a apple.", good="He bought an apple.",
    applicability=SAFE, default_enabled=False,
    safety="Safe only for rule ids measured to make no wrong change on the clean sets; the shipped "
           "allow-list is empty until such a measurement exists (see the comments in the file).",
)
DOCS = (GRAMMAR, SPELLING, STYLE, FIX)
CODES = tuple(d.code for d in DOCS)


class Settings(NamedTuple):
    """The data file's content: the fix allow-list, disabled rules, and category -> code tables."""

    fix_rules: frozenset[str]
    disabled_rules: tuple[str, ...]
    disabled_categories: tuple[str, ...]
    grammar_categories: frozenset[str]
    spelling_categories: frozenset[str]
    spelling_issue_types: frozenset[str]
    style_categories: frozenset[str]
    style_issue_types: frozenset[str]


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    data = builtin_toml(SETTINGS_FILE)
    codes = data.get("codes", {})
    return Settings(frozenset(data.get("fixes", {}).get("rules", ())),
                    tuple(data.get("disabled", {}).get("rules", ())),
                    tuple(data.get("disabled", {}).get("categories", ())),
                    frozenset(codes.get("grammar_categories", ())),
                    frozenset(codes.get("spelling_categories", ())), frozenset(codes.get("spelling_issue_types", ())),
                    frozenset(codes.get("style_categories", ())), frozenset(codes.get("style_issue_types", ())))


def is_requested(config) -> bool:
    """Grammar checking was asked for: ``grammar = true`` or a selector naming GRM codes, not ignored.

    ``--select ALL`` does not count: it must not need a LanguageTool server.

    >>> from cleaner import Config
    >>> is_requested(Config(select=("ALL",))), is_requested(Config(extend_select=("GRM002",)))
    (False, True)
    >>> is_requested(Config(grammar=True)), is_requested(Config(grammar=True, ignore=("GRM",)))
    (True, False)
    """
    select = [s for s in (*(config.select or ()), *config.extend_select)
              if s and s != "ALL" and (s.startswith("GRM") or "GRM".startswith(s))]
    if config.grammar:
        select.append("GRM")
    return any(is_selected(code, select, config.ignore) for code in CODES)


def languagetool_language(language: str) -> str:
    """LanguageTool's code for the configured language (a variant, so spelling is checked).

    >>> languagetool_language("en"), languagetool_language("en-gb")
    ('en-US', 'en-GB')
    """
    lowered = language.lower()
    if lowered in ("en-gb", "en_gb"):
        return "en-GB"
    return "en-US"


class GrammarChecker:
    """Runs LanguageTool over a document's prose and turns its matches into issues."""

    docs = DOCS

    def __init__(self, config):
        self.config = config
        self.active = is_requested(config)
        self.language = languagetool_language(config.language)
        options = config.options or {}
        timeout = options.get("grammar_timeout")  # seconds per request; None: the client's default
        self.timeout = float(timeout) if timeout else None
        self.extra_fix_rules = frozenset(options.get("grammar_fix_rules", ()))
        self.client = None

    def connect(self):
        """The LanguageTool client (found on first use, then shared by the whole process)."""
        if self.client is None:
            from .. import languagetool

            self.client = languagetool.client_for(self.config, self.language, self.timeout)
        return self.client

    def check(self, doc: Document) -> list[Issue]:
        if not self.active:
            return []
        from .. import grammar_text

        settings = load_settings()
        client = self.connect()
        disabled_rules = sorted({*settings.disabled_rules, *self.config.grammar_disabled_rules})
        disabled_categories = sorted({*settings.disabled_categories, *self.config.grammar_disabled_categories})
        fix_rules = settings.fix_rules | self.extra_fix_rules
        chunks = grammar_text.chunks(doc)

        def check_chunk(chunk):
            return client.check(list(chunk.annotation), chunk.original, self.language,
                                disabled_rules, disabled_categories)

        if len(chunks) > 1:  # a long document: LanguageTool checks several chunks at once
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(PARALLEL_REQUESTS, len(chunks))) as pool:
                answers = list(pool.map(check_chunk, chunks))
        else:
            answers = [check_chunk(chunk) for chunk in chunks]
        issues = []
        for chunk, matches in zip(chunks, answers):
            for match in matches:
                issue = to_issue(match, chunk, doc.text, settings, fix_rules)
                if issue is not None:
                    issues.append(issue)
        return issues


def to_issue(match: "languagetool.Match", chunk: "grammar_text.Chunk", text: str, settings: Settings,
             fix_rules: frozenset[str]) -> Issue | None:
    """The issue for one match, or ``None`` when it sits on or right next to markup LanguageTool did not read.

    Next to: "an `int`" reads as "an Dummy" to LanguageTool, so an article before a code
    span or a URL is not judged (the pipeline already drops matches that touch protected text).
    """
    start, end = chunk.start + match.start, chunk.start + match.end
    widened_start = start - (len(text[chunk.start:start]) - len(text[chunk.start:start].rstrip(" \t")))
    widened_end = end + (len(text[end:chunk.end]) - len(text[end:chunk.end].lstrip(" \t")))
    inside_markup = False
    for m_start, m_end, kind in chunk.markup:
        if m_start > widened_end:
            break
        overlaps = m_start < end and start < m_end
        if kind == "protected" and widened_start <= m_end:
            return None  # on or next to a placeholder
        if kind == "gap" and overlaps:
            return None  # across a paragraph break or a code block
        inside_markup = inside_markup or overlaps
    message = f"{match.rule_id}: {match.message}" if match.message else match.rule_id
    replacements = match.replacements
    if (match.rule_id in fix_rules and len(replacements) == 1 and not inside_markup
            and replacements[0] != text[start:end]):
        return Issue(FIX.code, start, end, message, replacements[0], SAFE)
    if replacements:
        shown = ", ".join(f"“{r}”" for r in replacements[:3]) + (", …" if len(replacements) > 3 else "")
        message += f" (suggestion{'s' if len(replacements) > 1 else ''}: {shown})"
    return Issue(code_for(match, settings), start, end, message, None, REPORT)


def code_for(match: "languagetool.Match", settings: Settings) -> str:
    """GRM002 for spelling, GRM003 for style, GRM001 for the rest: by category, else by issueType."""
    if match.category in settings.grammar_categories:
        return GRAMMAR.code
    if match.category in settings.spelling_categories:
        return SPELLING.code
    if match.category in settings.style_categories:
        return STYLE.code
    if match.issue_type in settings.spelling_issue_types:
        return SPELLING.code
    if match.issue_type in settings.style_issue_types:
        return STYLE.code
    return GRAMMAR.code


def prepare(config) -> None:
    """Find LanguageTool now when ``config`` asks for grammar checking; raise if none answers.

    The command line calls this before the first file, so an unreachable server is one
    exit-2 message instead of an error per file, and worker processes forked afterwards
    share the connection (and a local server started by language-tool-python).
    """
    if is_requested(config):
        GrammarChecker(config).connect()


def checkers(config):
    return [GrammarChecker(config)]
