"""Where a long document is cut into parts that are cleaned one at a time.

Cleaning a part costs time and memory in proportion to its size, and several rules gather
evidence over the text they are given (the words of the document, its lines), so a 50 MB
file cleaned in one piece would cost more per megabyte than an article and hold many copies
of its words at once. A document longer than one and a half times :data:`PART_CHARS` is
cleaned in parts of about that size instead: time grows linearly with the length and the
memory a part needs is bounded.

A cut must not change what any rule sees near it, so it falls where nothing spans it: at the
start of a line after a blank line, outside every block (a fenced code block may hold blank
lines), protected span and suppression comment's range, and not before a line that a parser
reading the part alone would take for front matter. Plain text with no such place for a
long stretch (one huge paragraph or line) is cut at a line break, else at the space after a
sentence, else at a space between two words: a protected span of plain text (a URL, a path)
holds no space. Markdown is
not cut inside a paragraph, where emphasis or a link may span the cut.

What the parts do not share (see README, "Long documents") is evidence a rule gathers across
the document: a name capitalized elsewhere (CAS003, CAS004), the quote style guillemets become
(PUN001), whether the document is English (UNT002), a paragraph repeated across a cut. Page
furniture at the document's ends is still found: only the first part has a leading block and
only the last one a trailing block.

>>> text = "One paragraph here.\\n\\nAnother one.\\n\\nA third one, longer.\\n"
>>> cut_points(text, "text", 20)
[21, 35]
>>> cut_points("no blank line but sentences. Many of them. Here.", "text", 20)
[29]
"""

from __future__ import annotations

from .document import Spans
from .formats import build_document
from .lazy_pattern import LazyPattern

PART_CHARS = 100_000
# A cut is looked for within this share of a part around the ideal place: parts stay between
# half and one and a half times the size when the text allows.
SLACK = 0.5

# Compiled on first use: only a long document is cut.
BLANK_LINES = LazyPattern(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*", module="re")
LINE_BREAK = LazyPattern(r"\n", module="re")
# Inside a line: one space after a sentence's end, else one space between two words; never in
# or next to a run of spaces, which a rule may be about to fix.
SENTENCE_GAP = LazyPattern(r"(?<=[.!?])[\"'”’)\]]* (?=\w)", module="re")
WORD_GAP = LazyPattern(r"(?<=\w) (?=\w)", module="re")
FRONT_MATTER_FENCES = ("---", "+++")


def cut_points(text: str, fmt: str, size: int = PART_CHARS) -> list[int]:
    """Offsets where ``text`` is cut into parts of about ``size`` characters (none if it is short).

    Each offset starts a part; the text before it ends the previous one.
    """
    if len(text) <= size * (1 + SLACK):
        return []
    allowed = allowed_in_markdown(text) if fmt == "markdown" else None
    tiers = [BLANK_LINES] if fmt == "markdown" else [BLANK_LINES, LINE_BREAK, SENTENCE_GAP, WORD_GAP]
    cuts: list[int] = []
    position = 0
    while len(text) - position > size * (1 + SLACK):  # a short rest stays with the last part
        cut = find_cut(text, position, size, tiers, allowed)
        if cut is None:
            break
        cuts.append(cut)
        position = cut
    return cuts


def find_cut(text: str, position: int, size: int, tiers, allowed) -> int | None:
    """The best cut after ``position``: a gap of the strongest kind near ``position + size``.

    Within the window around the ideal place, the first gap ending at or after it is taken,
    else the last one before it; with no gap of any kind in the window, the first one further on.
    """
    ideal = position + size
    low, high = position + int(size * (1 - SLACK)), min(len(text), position + int(size * (1 + SLACK)))
    for pattern in tiers:
        before = None
        for cut in gaps(text, pattern, low, high, allowed):
            if cut >= ideal:
                return cut
            before = cut
        if before is not None:
            return before
    return next(gaps(text, tiers[-1], high, len(text), allowed), None)


def gaps(text: str, pattern, start: int, end: int, allowed):
    """The ends of the matches of ``pattern`` in ``text[start:end]`` that are allowed cuts."""
    for match in pattern.finditer(text, start, end):
        cut = match.end()
        if 0 < cut < len(text) and (allowed is None or allowed(cut)):
            yield cut


def allowed_in_markdown(text: str):
    """A test for cuts in Markdown: outside every block, protected span and suppression range.

    The document is parsed once for it; each part is then parsed again on its own.
    """
    document = build_document(text, "markdown")
    spans = Spans([*((b.start, b.end) for b in document.blocks), *document.protected,
                   *((start, end) for start, end, _ in document.suppressions)])

    def allowed(cut: int) -> bool:
        # no span may start before the cut and end after it
        return not spans.covers(cut - 1, cut + 1) and not text.startswith(FRONT_MATTER_FENCES, cut)

    return allowed
