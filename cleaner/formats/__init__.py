"""Format layers: which parts of a document are prose and which are protected.

A format turns a text into a :class:`~cleaner.document.Document`: its protected spans
(never edited or flagged) and its blocks (paragraphs, headings, code...). The format of a
file comes from its name; ``fmt=`` / ``--fmt`` override it.

>>> format_for_path("notes/post.md")
'markdown'
>>> format_for_path("article.txt")
'text'
"""

from __future__ import annotations

from ..document import Document

FORMATS = ("text", "markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def format_for_path(path: str) -> str:
    """``markdown`` for Markdown file names, ``text`` for everything else."""
    return "markdown" if str(path).lower().endswith(MARKDOWN_SUFFIXES) else "text"


def build_document(text: str, fmt: str = "text", references: dict | None = None) -> Document:
    """Parse ``text`` in format ``fmt`` into a document with protected spans and blocks
    (``references``: Markdown link definitions of the whole document ``text`` is a part of)."""
    build = LAYERS.get(fmt) or load_layer(fmt)
    return build(text, references)


# fmt -> the layer's build_document(text, references), filled on first use: every document is
# parsed, and an import statement per document cost more than parsing a short one's anchors.
LAYERS: dict = {}


def load_layer(fmt: str):
    """The ``build_document`` of format ``fmt``, imported now (Markdown's parser is loaded only
    when a Markdown document comes)."""
    if fmt == "text":
        from .text import build_document as build
    elif fmt == "markdown":
        from .markdown import build_document as build
    else:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    LAYERS[fmt] = build
    return build
