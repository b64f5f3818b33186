"""The encoding rules' start-up constants stay what they are derived from, and their shortcuts find
what the plain scans find."""

from __future__ import annotations

import dataclasses
import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.formats import build_document
from cleaner.rules import encoding as enc
from cleaner.rules.encoding import CONTINUATION_CHARS, LEAD_CHARS, code_page_chars
from cleaner.wordspans import CHUNK_SIZE

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_written_out_character_classes_are_the_code_page_characters():
    for written, (first, last) in ((LEAD_CHARS, (0xC2, 0xF4)), (CONTINUATION_CHARS, (0x80, 0xBF))):
        matched = "".join(re.findall("[" + written + "]", EVERY_CHARACTER))
        assert matched == code_page_chars(first, last)
        assert min(matched) > "\x7f"  # what may_hold_hint counts on


# Text made of the characters the encoding rules look at: leads, continuations, "Â" before a
# space, controls, zero-width characters, line ends and masked stretches.
ENCODING_ALPHABET = "ab \nÂÃâ\x80©€’“\u00a0\x07\x92\x1f\x7f\x9f\t\r\u200b\ufeff\ufffc\udc80"
MOJIBAKE_PIECES = ["cafÃ©", "â€œ", "Ã¨", "Â ", "â\x80", "\n", " ", "ok", "\ufffc", "’’", "–”", "é"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ENCODING_ALPHABET, max_size=60) | st.lists(st.sampled_from(MOJIBAKE_PIECES), max_size=20).map("".join))
def test_one_class_led_hint_pattern_matches_the_three_branch_one(text):
    three_branches = re.compile("[" + LEAD_CHARS + "][" + CONTINUATION_CHARS + "]|Â |\u00e2\u0080")
    assert [m.span() for m in enc.MOJIBAKE_HINT.finditer(text)] == [m.span() for m in three_branches.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ENCODING_ALPHABET + "?", max_size=60) | st.text(max_size=30))
def test_texts_ruled_out_hold_no_hint(text):  # may_hold_hint counts on every hint character being outside ASCII
    if enc.MOJIBAKE_HINT.search(text):
        assert enc.may_hold_hint(text)


def test_hint_test_reads_every_piece_of_a_long_text():
    text = "plain words, it’s fine\n" * (3 * CHUNK_SIZE // 20)
    assert not enc.may_hold_hint(text)
    assert enc.may_hold_hint(text + "’”") and enc.may_hold_hint(text + "Â ")


def repair_line_by_line(text):
    """ENC001 as it reads every line from the first hint on (the plain path the rule shortens)."""
    hint = enc.MOJIBAKE_HINT.search(text)
    if not hint:
        return []
    issues = []
    for line in re.finditer(r"[^\n]+", text[text.rfind("\n", 0, hint.start()) + 1:]):
        if enc.MOJIBAKE_HINT.search(line.group()):
            issues.extend(enc.repair_line(line.group(), text.rfind("\n", 0, hint.start()) + 1 + line.start()))
    return issues


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MOJIBAKE_PIECES), max_size=25).map("".join))
def test_mojibake_found_hint_by_hint_as_line_by_line(text):
    document = build_document(text, "text")
    assert list(enc.find_mojibake(document)) == repair_line_by_line(document.masked)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ENCODING_ALPHABET, max_size=40) | st.text(max_size=40))
def test_control_test_is_the_control_pattern(text):
    assert enc.has_control(text) == bool(enc.CONTROL_PATTERN.search(text))


def test_control_test_reads_every_piece_of_a_long_text():
    text = "plain words, it’s fine\n" * (3 * CHUNK_SIZE // 20)
    assert not enc.has_control(text)
    assert enc.has_control(text + "\x92") and enc.has_control(text + "\x07 ok")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ENCODING_ALPHABET, max_size=40), st.booleans())
def test_zero_width_characters_found_with_find_are_those_of_the_pattern(text, continues_before):
    document = dataclasses.replace(build_document(text, "text"), continues_before=continues_before)
    expected = [m.start() for m in enc.ZERO_WIDTH_PATTERN.finditer(document.masked)
                if not (m.start() == 0 and m.group() == "\ufeff" and not continues_before)]
    assert [issue.start for issue in enc.find_zero_width(document)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ENCODING_ALPHABET + "?", max_size=40))
def test_one_look_serves_both_checkers_and_is_let_go(text):
    kinds = enc.TextMemo(enc.character_kinds, b"")
    document = build_document(text, "text")
    assert list(enc.find_mojibake(document, kinds=kinds)) == list(enc.find_mojibake(document))
    assert list(enc.find_controls(document, kinds=kinds)) == list(enc.find_controls(document))
    assert kinds._last == ("", b"")  # ENC003, the last reader, let it go
