"""PUN: source-language typography in English: guillemets, Spanish ¿ ¡, doubled marks.

>>> from cleaner import clean
>>> clean("He called it « a disaster », didn’t he,, really.").text
'He called it “a disaster”, didn’t he, really.'
"""

from __future__ import annotations

import functools

from ..edits import Issue
from ..lazy_pattern import LazyPattern
from .base import PATTERN_TIMEOUT, REPORT, SAFE, FunctionChecker, doc
from .marks import look_at_marks, marks_for

GUILLEMETS = doc(
    "PUN001", "guillemets", "Guillemets in English text",
    what="Turns a pair of guillemets on one line, `« … »` or `‹ … ›` (and the reversed German `» … «`), "
         "into quotation marks in the document's own style: curly “ ” when the document uses curly "
         "quotes or none, straight \" when it uses straight ones. Spaces just inside the marks go too. "
         "An unpaired guillemet is reported.",
    why="French, Russian and other source languages quote with guillemets; MT often carries them into English.",
    bad="He called it « a disaster ».", good="He called it “a disaster”.",
    applicability=SAFE,
    safety="Safe for a pair on one line; an unpaired mark is only reported.",
)
INVERTED = doc(
    "PUN002", "inverted-mark", "Spanish inverted question or exclamation mark in English",
    what="Removes `¿` or `¡` that opens an English question or exclamation, when the paragraph has no "
         "Spanish function words.",
    why="Spanish-source MT and copy-paste leave `¿What do you want?`.",
    bad="¿What do you want to hear?", good="What do you want to hear?",
    applicability=SAFE,
    safety="Safe with the paragraph guard: a paragraph with Spanish words (`¡La madre que te parió!`) is left alone.",
)
DOUBLED = doc(
    "PUN003", "doubled-punctuation", "Doubled comma or period",
    what="Turns `,,` into `,` and `..` after a word into `.`; an ellipsis (three or more periods) is "
         "never touched.",
    why="Doubled marks are a merging slip of MT and extraction.",
    bad="He left,, and then.. nothing.", good="He left, and then. nothing.",
    applicability=SAFE,
)
DOCS = (GUILLEMETS, INVERTED, DOUBLED)

# Every pattern is compiled on first use: each checker first looks for its marks with ``in``,
# and most documents have none.
PAIR = LazyPattern(r"(«|‹|»)[ \u00a0\u202f]?([^«»‹›\n]+?)[ \u00a0\u202f]?(»|›|«)")
CLOSERS = {"«": "»", "‹": "›", "»": "«"}
LONE = LazyPattern(r"[«»‹›]")
INVERTED_SPAN = LazyPattern(r"[¿¡]+([^?!¿¡\n]{1,200})[?!]")
ENGLISH_WORDS = frozenset("the a an is are was were do does did what who why how where when you we they it "
                          "this that to of and in on for with not".split())
SPANISH_WORDS = frozenset("el la los las es que de del por para con una uno pero como qué quién dónde "
                          "cuándo cómo está estás eres soy y muy más".split())
WORD = LazyPattern(r"\p{L}+")
# ".." after a word, a bracket or a closing quote, not followed by a word or a path: '".."' and
# '"../"' are quoted path components and "for..in" or "a..z" a range, not a doubled period.
DOUBLE_MARK = LazyPattern(r",,(?!,)(?<=[\p{L}\p{N})\"”’],,)"
                          r"|\.\.(?![./\\\p{L}\p{N}])(?<=[\p{L})”’]\.\.|[\p{L}.!?]\"\.\.)(?<![.]\p{L}\.\.)")


def quote_style(text: str) -> tuple[str, str, str, str]:
    """Open/close double and single quotes the document already uses.

    Its double quotes decide; a document without any is judged by its apostrophes
    (``it's`` or ``it’s``); curly when nothing tells.
    """
    straight, curly = text.count('"'), text.count("“") + text.count("”")
    if straight == curly == 0:
        straight, curly = text.count("'"), text.count("’")
    if straight > curly:
        return '"', '"', "'", "'"
    return "“", "”", "‘", "’"


def find_guillemets(doc):
    masked = doc.masked
    if "«" not in masked and "»" not in masked and "‹" not in masked and "›" not in masked:
        return ()  # the usual case: a plain function returns at once, where a generator is made first
    return list(guillemet_issues(masked))


def guillemet_issues(masked: str):
    double_open, double_close, single_open, single_close = quote_style(masked)
    paired = set()
    for match in PAIR.finditer(masked, timeout=PATTERN_TIMEOUT):
        opener, closer = match.group(1), match.group(3)
        if CLOSERS[opener] != closer:
            continue
        single = opener == "‹"
        open_mark, close_mark = (single_open, single_close) if single else (double_open, double_close)
        inner = match.group(2)
        if "\ufffc" in inner:
            continue
        yield Issue("PUN001", match.start(), match.end(), GUILLEMETS.message,
                    f"{open_mark}{inner.strip()}{close_mark}", SAFE)
        paired.update((match.start(1), match.start(3)))
    for match in LONE.finditer(masked):
        if match.start() not in paired:
            yield Issue("PUN001", match.start(), match.end(), "Unpaired guillemet in English text", None, REPORT)


def paragraph_has_spanish(text: str, position: int) -> bool:
    start = text.rfind("\n\n", 0, position) + 1
    end = text.find("\n\n", position)
    words = {w.lower() for w in WORD.findall(text[start: len(text) if end == -1 else end])}
    return bool(words & SPANISH_WORDS)


def find_inverted(doc):
    masked = doc.masked
    if "¿" not in masked and "¡" not in masked:
        return ()
    return list(inverted_issues(masked))


def inverted_issues(masked: str):
    for match in INVERTED_SPAN.finditer(masked, timeout=PATTERN_TIMEOUT):
        words = {w.lower() for w in WORD.findall(match.group(1))}
        if not words & ENGLISH_WORDS or paragraph_has_spanish(masked, match.start()):
            continue
        marks = len(match.group()) - len(match.group().lstrip("¿¡"))
        yield Issue("PUN002", match.start(), match.start() + marks, INVERTED.message, "", SAFE)


def find_doubled(doc, marks=look_at_marks):
    """PUN003: DOUBLE_MARK tried at each ",," and ".." (:mod:`cleaner.rules.marks`, the
    non-overlapping pairs; ``marks``: a checker's shared memo), not scanned over the text.

    A match is a run of exactly two marks (a letter or the like before, no third mark after), and
    the non-overlapping pairs hit the start of every such run.
    """
    masked = doc.masked
    pairs = marks(masked).doubled
    if not pairs:
        return ()
    issues = []
    for position in pairs:
        match = DOUBLE_MARK.match(masked, position)  # two characters and lookarounds: bounded
        if match is not None:
            issues.append(Issue("PUN003", match.start(), match.end(), DOUBLED.message, match.group()[0], SAFE))
    return issues


def checkers(config):
    return [FunctionChecker((GUILLEMETS,), find_guillemets),
            FunctionChecker((INVERTED,), find_inverted),
            FunctionChecker((DOUBLED,), functools.partial(find_doubled, marks=marks_for(config)))]
