"""Long documents are cleaned in parts: the cuts, and results equal to cleaning in one piece.

The tests lower ``Cleaner.part_chars`` so that short texts are cut into many parts; the cut
logic and the joining of results are the same as for a 50 MB file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config, apply_edits
from cleaner.document import Document
from cleaner.edits import Fix
from cleaner.formats import build_document
from cleaner.parts import cut_points
from cleaner.pipeline import shown_start

from .test_properties import SCALE, any_text, check_result

CASE_DIR = Path(__file__).parent / "cases"
# Rules whose evidence is the whole document: a name capitalized in another part, the quote style
# of the document (PUN001), whether the document is English at all (UNT002).
WHOLE_DOCUMENT_RULES = ("CAS003", "CAS004", "PUN001", "UNT002")


def parted(size: int, config: Config | None = None) -> Cleaner:
    cleaner = Cleaner(config)
    cleaner.part_chars = size
    return cleaner


def case_corpus(fmt: str) -> str:
    """Every case input of the case files in format ``fmt``, as paragraphs of one document."""
    texts = []
    for path in sorted(CASE_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            for case in tomllib.load(handle).get("case", []):
                if case.get("fmt", "text") == fmt and not case.get("select") and case["input"].strip():
                    texts.append(case["input"].strip())
    return "\n\n".join(texts) + "\n"


def records(result):
    return ({(f.rule, f.start, f.end, f.replacement) for f in result.fixes},
            {(f.rule, f.start, f.end, f.message) for f in result.findings})


def test_short_text_is_one_part():
    assert cut_points("A short text.\n\nTwo paragraphs.\n", "text", 100) == []


def test_plain_text_is_cut_after_blank_lines_near_the_part_size():
    text = "".join(f"Paragraph number {i} says something.\n\n" for i in range(200))
    cuts = cut_points(text, "text", 500)
    assert len(cuts) > 10
    assert all(text[cut - 2:cut] == "\n\n" for cut in cuts)
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, len(text)])]
    assert max(sizes) <= 750 and min(sizes[:-1]) >= 250


def test_one_long_line_is_cut_after_sentences_then_at_any_space():
    sentences = "This is a sentence. " * 100
    assert all(sentences[cut - 2:cut] == ". " for cut in cut_points(sentences, "text", 300))
    words = "word " * 400
    cuts = cut_points(words, "text", 300)
    assert cuts and all(words[cut - 2:cut + 1] == "d w" for cut in cuts)
    assert cut_points("x" * 2000, "text", 300) == []  # no whitespace: nowhere to cut
    assert cut_points("x  " * 700, "text", 300) == []  # never in or next to a run of spaces


def test_markdown_is_not_cut_inside_code_suppressions_or_before_front_matter_lookalikes():
    code = "```\n" + "code line\n\n" * 60 + "```\n\n"
    disabled = "<!-- mtclean: disable -->\n\n" + "Kept as it is.\n\n" * 40 + "<!-- mtclean: enable -->\n\n"
    rules = "Text above.\n\n---\n\nText below.\n\n" * 20
    text = "Intro.\n\n" + code + disabled + rules + "The end.\n"
    document = build_document(text, "markdown")
    spans = [*((b.start, b.end) for b in document.blocks), *((s, e) for s, e, _ in document.suppressions)]
    cuts = cut_points(text, "markdown", 200)
    assert cuts
    for cut in cuts:
        assert not any(start < cut < end for start, end in spans), cut
        assert not text.startswith("---", cut)


def test_cleaning_in_parts_gives_what_cleaning_whole_gives_on_every_case():
    for fmt in ("text", "markdown"):
        text = case_corpus(fmt)
        config = Config(ignore=WHOLE_DOCUMENT_RULES)
        whole, parts = Cleaner(config).clean(text, fmt), parted(300, config).clean(text, fmt)
        assert len(cut_points(text, fmt, 300)) >= 5
        assert parts.text == whole.text
        assert records(parts) == records(whole)
        assert apply_edits(text, parts.fixes) == parts.text
        assert parted(300, config).clean(parts.text, fmt).text == parts.text  # idempotent


def test_positions_of_a_part_are_the_whole_documents():
    text = "".join(f"Line {i} is fine.\n" for i in range(60)) + "\nwe take kyiv , then go.\n" * 30
    result = parted(200).clean(text)
    assert len(result.fixes) == 60
    document = Document(text)
    for item in [*result.fixes, *result.findings]:
        assert (item.line, item.column) == document.line_col(shown_at(text, item))


def test_furniture_is_removed_only_at_the_ends_of_the_whole_document():
    body = "".join(f"Paragraph {i} of the article tells the story at some length here.\n\n" for i in range(40))
    text = body + "Leave a Comment\n\n" + body + "Leave a Comment\n"
    result = parted(300).clean(text)
    middle = len(body)
    assert any(fix.start >= len(text) - len("Leave a Comment\n") - 2 for fix in result.fixes)
    assert not any(fix.start <= middle + 5 <= fix.end for fix in result.fixes)
    assert result.text.count("Leave a Comment") == 1


@settings(max_examples=int(200 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=2, max_size=8).map("\n\n".join))
def test_properties_hold_for_documents_cleaned_in_parts(source):
    # Not idempotence: a second run cuts the shorter text elsewhere, and evidence that a cut
    # kept apart (a name capitalized in the other part) may then meet. Real text is cut at
    # blank lines, where the case files show a second run changes nothing.
    result = check_result(parted(40), source, "text", idempotent=False)
    document = Document(source)
    for item in [*result.fixes, *result.findings]:
        assert (item.line, item.column) == document.line_col(shown_at(source, item))


def shown_at(text: str, item) -> int:
    """Where a fix or finding is shown: its start, or a removed last line's first character."""
    if not isinstance(item, Fix):
        return item.start
    return shown_start(text, item.start, item.end, item.replacement)


def test_a_reference_link_is_a_link_in_every_part():
    # Its definition is at the end, in another part: the label stays the link's, as in the whole.
    body = "".join(f"Paragraph {i} of the article tells the story at some length here.\n\n" for i in range(30))
    text = "See [the notes][kyiv , 2022] on the war.\n\n" + body + "[kyiv , 2022]: https://example.org/kyiv\n"
    assert len(cut_points(text, "markdown", 300)) >= 3
    result = parted(300).clean(text, "markdown")
    assert result.text == Cleaner().clean(text, "markdown").text
    assert result.text.startswith("See [the notes][kyiv , 2022] on the war.")
