"""Inline suppression comments, and ``MTC003`` for a comment that suppresses nothing.

In Markdown, HTML comments switch rules off for a stretch of the document (codes are
optional; several are separated by commas; a prefix such as ``CAS`` covers the family)::

    <!-- mtclean: disable CAS,BRK002 -->  ... up to <!-- mtclean: enable --> (or the end)
    <!-- mtclean: ignore-next-line -->     the line after the comment's line
    <!-- mtclean: off -->                  the whole file

A plain ``enable`` ends every open ``disable``; ``enable CODES`` ends the ones that name any
of those codes. The format layer finds the comments (only real HTML comments count, not
ones shown inside code) and gives the document its ``suppressions`` (spans and codes) and
``suppression_comments`` (where each came from). The cleaner drops issues inside the spans
and, like ruff's unused ``noqa`` (RUF100), reports a comment that suppressed nothing.

>>> from cleaner.document import line_starts
>>> text = "<!-- mtclean: ignore-next-line CAS -->\\ntake kyiv\\nnext\\n"
>>> suppressions, comments = find_directives(text, [(0, 38)], line_starts(text))
>>> [(text[s:e], sorted(codes)) for s, e, codes in suppressions]
[('take kyiv\\n', ['CAS'])]
"""

from __future__ import annotations

import bisect

from .edits import Applicability, Finding
from .lazy_pattern import LazyPattern
from .registry import RuleDoc

UNUSED_SUPPRESSION = RuleDoc(
    "MTC003", "unused-suppression", "Suppression comment that suppresses nothing",
    what="Reports an `<!-- mtclean: ... -->` comment that did not switch off any finding or fix: "
         "nothing selected would have been reported in its range, the directive is unknown, or an "
         "`enable` has no open `disable`.",
    why="A stale suppression hides future problems in text that is now clean, and a misspelled "
        "directive silently does nothing. Remove it, or correct it.",
    bad="<!-- mtclean: disable -->\nThe text here is clean.\n<!-- mtclean: enable -->\n",
    good="The text here is clean.\n",
    applicability=Applicability.REPORT,
    safety="Never applied: removing the comment is left to the author.",
    fmt="markdown",
)

# Compiled on first use: only a document with an HTML comment needs them.
DIRECTIVE = LazyPattern(r"(?i)<!--\s*mtclean:\s*(?P<word>[A-Za-z-]*)(?P<codes>[^>]*?)\s*-->")
CODE_SEPARATOR = LazyPattern(r"[\s,]+")


def parse_codes(raw: str) -> frozenset | None:
    """``"CAS, BRK002"`` -> ``{"CAS", "BRK002"}``; nothing (or ``ALL``) -> ``None``: every code."""
    codes = frozenset(c.upper() for c in CODE_SEPARATOR.split(raw.strip()) if c)
    return None if not codes or "ALL" in codes else codes


def find_directives(text: str, comment_spans, line_starts: list[int]):
    """Suppressions from the ``mtclean:`` comments inside ``comment_spans`` (HTML in the source).

    Returns ``(suppressions, comments)``, parallel tuples: ``(start, end, codes)`` and
    ``(comment_start, comment_end, note)``; ``note`` says why a comment can suppress nothing.
    """
    matches = sorted({m.span(): m for start, end in comment_spans
                      for m in DIRECTIVE.finditer(text, start, end)}.values(), key=lambda m: m.start())
    suppressions: list[tuple] = []
    comments: list[tuple] = []
    open_regions: list[tuple] = []  # (region start, codes, comment span)

    def add(start, end, codes, span, note=None):
        suppressions.append((start, end, codes))
        comments.append((span[0], span[1], note))

    for match in matches:
        word, codes, span = match.group("word").lower(), parse_codes(match.group("codes")), match.span()
        if word == "off":
            add(0, len(text), codes, span)
        elif word == "disable":
            open_regions.append((span[1], codes, span))
        elif word == "ignore-next-line":
            line = bisect.bisect_right(line_starts, span[1] - 1) - 1
            if line + 1 < len(line_starts):
                end = line_starts[line + 2] if line + 2 < len(line_starts) else len(text)
                add(line_starts[line + 1], end, codes, span)
            else:
                add(span[1], span[1], frozenset(), span, "there is no next line")
        elif word == "enable":
            closing = [r for r in open_regions if codes is None or r[1] is None or r[1] & codes]
            if not closing:
                add(span[0], span[0], frozenset(), span, "`enable` without a matching `disable`")
            for region in closing:
                open_regions.remove(region)
                add(region[0], span[0], region[1], region[2])
        else:
            add(span[0], span[0], frozenset(), span, f"unknown directive {word!r} (use disable, enable, "
                                                      "ignore-next-line or off)")
    for region in open_regions:
        add(region[0], len(text), region[1], region[2])
    order = sorted(range(len(suppressions)), key=lambda i: comments[i][:2])
    return tuple(suppressions[i] for i in order), tuple(comments[i] for i in order)


def unused_suppressions(doc, used: set[int], selected=None) -> list[Finding]:
    """``MTC003`` findings for the comments none of whose suppressions was used.

    ``doc`` is the document as built from the input, so the comment spans are input offsets;
    ``selected`` (the codes that run) lets the message say when a comment names none of them.
    """
    usage: dict[tuple[int, int], list] = {}
    for index, ((start, end, note), (_, _, codes)) in enumerate(zip(doc.suppression_comments, doc.suppressions)):
        entry = usage.setdefault((start, end), [False, note, codes])
        entry[0] = entry[0] or index in used
    findings = []
    for (start, end), (was_used, note, codes) in usage.items():
        if was_used:
            continue
        if note is None and codes and selected is not None and not any(
                code.startswith(prefix) for code in selected for prefix in codes):
            note = f"{', '.join(sorted(codes))} matches no selected rule"
        reason = note or "no selected rule reported anything in its range"
        line, column = doc.line_col(start)
        findings.append(Finding(UNUSED_SUPPRESSION.code, start, end,
                                f"Unused suppression comment `{doc.text[start:end]}`: {reason}", None,
                                Applicability.REPORT, line, column))
    return findings
