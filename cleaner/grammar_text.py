"""What LanguageTool sees of a document: prose as text, everything else as markup, in chunks.

LanguageTool's annotated-text format (the ``data`` parameter of ``/v2/check``) is a list
of parts, ``{"text": ...}`` or ``{"markup": ..., "interpretAs": ...}``. Markup is skipped
when checking but still counted in the offsets LanguageTool returns, so the parts of a
chunk concatenate to exactly ``doc.text[chunk.start:chunk.end]`` and a match maps back
by adding ``chunk.start``. Markup is:

- protected spans inside prose (URLs, e-mail addresses, inline code), read as the
  placeholder word :data:`PLACEHOLDER` so the sentence around them stays a sentence;
  protected Markdown syntax (``**``, ``[``, ``](target)``, ``> ``) reads as nothing;
- what lies between prose blocks (code blocks, front matter, blank lines), read as a
  paragraph break;
- in Markdown, the syntax around the words (``#``, ``>``, list bullets, ``**``, ``[``,
  ``](target)``, inline HTML), read as nothing.

Documents are split into chunks at paragraph boundaries (a long paragraph at sentence
ends) so no request exceeds :data:`CHUNK_CHARS`; LanguageTool checks sentences and
paragraphs on their own, so the split changes no result.

>>> from cleaner.formats import build_document
>>> chunk, = chunks(build_document("See www.example.org now."))
>>> chunk.annotation
({'text': 'See '}, {'markup': 'www.example.org', 'interpretAs': 'Dummy'}, {'text': ' now.'})
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .document import PROSE_KINDS, Document

PLACEHOLDER = "Dummy"
PARAGRAPH_BREAK = "\n\n"
CHUNK_CHARS = 15_000
"""Most characters per request. LanguageTool's own server has no limit unless configured
(``maxTextLength``); the public API takes 20,000 characters without an account."""

GRAMMAR_KINDS = PROSE_KINDS - {"table"}  # table cells are rarely sentences

# Markdown syntax inside prose blocks, matched from line starts. The block prefix may be
# empty; empty matches are skipped.
MARKDOWN_SYNTAX = regex.compile(
    r"""
      ^[ \t]*(?:>[ \t]?)*(?:(?:\#{1,6}|[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?   # > quote, # heading, - item
    | ^[ \t]*(?:=+|-+)[ \t]*$                                                      # setext underline
    | [ \t]+\#+[ \t]*$                                                             # closing ### of a heading
    | (?<![\\\w*_~`])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])                              # opening emphasis
    | (?<=[^\s*_~\\])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])                               # closing emphasis
    | !?\[(?=[^\[\]\n]*\](?:\(|\[))                                                 # [ of a link or image
    | \]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)                                       # ](target)
    | \]\[[^\]\n]*\]                                                                # ][reference]
    | \[\^[^\]\n]+\]                                                                # [^footnote]
    | </?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>                                    # inline HTML tag
    | \\(?=\n)                                                                      # hard line break
    | \\(?=[\\`*_{}\[\]()\#+\-.!|~<>])                                              # backslash escape
    """,
    regex.VERBOSE | regex.MULTILINE,
)
# Protected spans that are Markdown syntax rather than words (the Markdown layer protects
# emphasis markers, brackets, list bullets, quote markers and link targets): read as nothing.
SYNTAX_ONLY = regex.compile(
    r"""
      [\s\#>*_~+\-=|:\[\]!.)0-9]*                 # markers, bullets, brackets, numbering
    | \]\(.*\)                                   # ](target "title")
    | \]\[[^\]]*\]                                # ][reference]
    | \[\^[^\]]+\]:?[ \t]*                         # [^footnote] and its definition label
    | (?!<[A-Za-z][A-Za-z0-9+.-]*:|<[^<>@\s]+@)</?[A-Za-z][^<>]*>   # an HTML tag, not an autolink
    """,
    regex.VERBOSE | regex.DOTALL,
)
SENTENCE_END = regex.compile(r"(?<=[.!?][\"'”’)\]]?)\s+(?=\S)|\n")


@dataclass(frozen=True, slots=True)
class Chunk:
    """One request's worth of a document: ``doc.text[start:end]`` as annotated parts.

    ``markup`` holds the markup spans (absolute offsets) with their kind: ``protected``,
    ``gap`` (between prose blocks) or ``syntax`` (Markdown).
    """

    start: int
    end: int
    original: str
    annotation: tuple[dict, ...]
    markup: tuple[tuple[int, int, str], ...]


def chunks(doc: Document, max_chars: int | None = None) -> list[Chunk]:
    """The document's prose, grouped into chunks of at most ``max_chars`` (:data:`CHUNK_CHARS`) characters."""
    max_chars = max_chars or CHUNK_CHARS
    pieces = []
    for start, end in prose_regions(doc):
        pieces.extend(split_long(doc.text, start, end, max_chars))
    result = []
    group: list[tuple[int, int]] = []
    for piece in pieces:
        if group and piece[1] - group[0][0] > max_chars:
            result.append(build_chunk(doc, group))
            group = []
        group.append(piece)
    if group:
        result.append(build_chunk(doc, group))
    return result


def prose_regions(doc: Document) -> list[tuple[int, int]]:
    """Spans of the blocks LanguageTool should read (the whole text when there are no blocks)."""
    if not doc.blocks:
        return [(0, len(doc.text))] if doc.text.strip() else []
    return [(b.start, b.end) for b in doc.blocks if b.kind in GRAMMAR_KINDS and b.end > b.start]


def split_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at sentence ends (else line ends, else spaces) into pieces of at most ``max_chars``.

    The whitespace at a cut belongs to neither piece.
    """
    pieces = []
    while end - start > max_chars:
        limit = start + max_chars
        cut = None
        for match in SENTENCE_END.finditer(text, start + 1, limit + 1):
            cut = match.span()
        if cut is None:
            space = text.rfind(" ", start + 1, limit)
            cut = (space, space + 1) if space > start else (limit, limit)
        pieces.append((start, cut[0]))
        start = cut[1]
    pieces.append((start, end))
    return pieces


def build_chunk(doc: Document, pieces: list[tuple[int, int]]) -> Chunk:
    """Annotated parts for ``pieces`` (sorted prose spans) and the gaps between them."""
    text = doc.text
    start, end = pieces[0][0], pieces[-1][1]
    spans: list[tuple[int, int, str]] = []
    for (_, previous_end), (next_start, _) in zip(pieces, pieces[1:]):
        between = text[previous_end:next_start]
        if between and (not between.isspace() or "\n" in between):
            spans.append((previous_end, next_start, "gap"))
    for p_start, p_end in doc.protected:
        if p_end > start and p_start < end:
            kind = "syntax" if doc.fmt == "markdown" and SYNTAX_ONLY.fullmatch(text, p_start, p_end) else "protected"
            spans.append((max(p_start, start), min(p_end, end), kind))
    if doc.fmt == "markdown":
        for piece_start, piece_end in pieces:
            line_start = text.rfind("\n", 0, piece_start) + 1
            for match in MARKDOWN_SYNTAX.finditer(text, line_start, piece_end):
                if match.end() > match.start() and match.end() > piece_start:
                    spans.append((max(match.start(), piece_start), match.end(), "syntax"))
    markup = merge_markup(spans)
    annotation = []
    position = start
    for m_start, m_end, kind in markup:
        if m_start > position:
            annotation.append({"text": text[position:m_start]})
        annotation.append({"markup": text[m_start:m_end], "interpretAs": interpretation(text[m_start:m_end], kind)})
        position = m_end
    if position < end:
        annotation.append({"text": text[position:end]})
    return Chunk(start, end, text[start:end], tuple(annotation), tuple(markup))


def merge_markup(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping markup spans; overlapping ones are merged into their union.

    The union of a gap and anything is a gap. Between a protected span and Markdown syntax,
    the one that contains the other names the union: a link's ``](target)`` holds the
    protected target and reads as nothing, inline code holding ``**`` reads as a word.
    """
    merged: list[list] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if "gap" in (kind, last[2]):
                last[2] = "gap"
            elif kind != last[2] and not (last[2] == "syntax" and end <= last[1]):
                last[2] = "protected"  # partial overlap, or syntax inside a protected span
            last[1] = max(last[1], end)
        else:
            merged.append([start, end, kind])
    return [(s, e, k) for s, e, k in merged]


def interpretation(markup: str, kind: str) -> str:
    """How LanguageTool should read a markup span."""
    if kind == "gap" or (kind == "protected" and "\n" in markup):
        return PARAGRAPH_BREAK
    if kind == "protected":
        return PLACEHOLDER
    return ""
