"""The shared look at sentence marks finds what each checker's own scan of the whole text finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config
from cleaner.rules import marks
from cleaner.rules.textmemo import TextMemo

# The scans the checkers made before they shared one look at the marks.
SPACE_BEFORE_MARK = re.compile("[,.;?!:](?<=[ \u00a0\u202f].)")  # SPC001
LETTER_AFTER_MARK = re.compile(r"[.!?](?=[^\W\d_])")  # SPC002
DOUBLE_PAIRS = (re.compile(",,"), re.compile(r"\.\."))  # PUN003: each pair's non-overlapping matches
PERIOD_BREAK = re.compile("\\.[ \t\u00a0]+[a-z\u0080-\U0010ffff]")  # BRK

ALPHABET = st.sampled_from([" ", "\u00a0", "\u202f", "\t", ",", ".", ";", ":", "?", "!", "a", "Z", "é", "1", "_",
                            "\u00bd", "\n", "\ufffc", "…", "x.", ". a", "..", ",,", "...", ";;", "!!", "\u202e", "\u012c"])


def plain_marks(text: str) -> marks.Marks:
    return marks.Marks([m.start() for m in SPACE_BEFORE_MARK.finditer(text)],
                       [m.start() for m in LETTER_AFTER_MARK.finditer(text)],
                       sorted(m.start() for pattern in DOUBLE_PAIRS for m in pattern.finditer(text)),
                       [m.start() for m in PERIOD_BREAK.finditer(text)])


@settings(max_examples=500, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_marks_are_those_of_the_plain_scans(text):
    assert marks.look_at_marks(text) == plain_marks(text)


def test_many_marks_of_every_kind():
    for count in (1, 9, 30):
        text = "Note : a ; b? c ! d:e ;f ?g !H. " * count
        assert marks.look_at_marks(text) == plain_marks(text), count


def test_runs_of_marks():
    text = "Leaders. " + "." * 501 + " done , and. then the end.Next a .. b ,, c ?! x ;; y ,,, z" + " word" * 400 + " last ."
    assert marks.look_at_marks(text) == plain_marks(text)


def test_marks_are_kept_for_the_text_seen_last():
    memo = marks.marks_for(object())
    text = "One , two.Three"
    first = memo(text)
    assert memo(text) is first and first == marks.look_at_marks(text)
    other = memo("Four ; five")
    assert other.after_space == [5] and memo(text) == first and memo(text) is not first
    memo.release("Four ; five")  # not the text kept: nothing happens
    assert memo(text) is memo(text)
    memo.release(text)
    assert memo._last[1] is marks.NOTHING_SEEN


def test_a_clean_leaves_nothing_in_the_memo():
    cleaner = Cleaner()
    cleaner.clean("One , two.Three. and more.. text")
    memo = memos_of(next(checker for checker in cleaner.checkers if checker.docs[0].code == "BRK001"))[0]
    assert memo._last[1] is marks.NOTHING_SEEN


def test_one_memo_per_configuration_object():
    config, other = Config(), Config()
    assert marks.marks_for(config) is marks.marks_for(config)
    assert marks.marks_for(config) is not marks.marks_for(other)


def memos_of(checker) -> list:
    """The TextMemo objects a checker's find holds (partial arguments or closure cells)."""
    find = getattr(checker, "find", None)
    held = [*getattr(find, "keywords", {}).values(), *(cell.cell_contents for cell in getattr(find, "__closure__", None) or ())]
    return [value for value in held if isinstance(value, TextMemo) and value._make is marks.look_at_marks]


def test_the_checkers_of_one_cleaner_share_a_memo():
    cleaner = Cleaner()
    held = {code: memos_of(checker) for checker in cleaner.checkers for code in [checker.docs[0].code]}
    assert {code for code, memos in held.items() if memos} == {"SPC001", "SPC002", "PUN003", "BRK001"}
    assert len({id(memo) for memos in held.values() for memo in memos}) == 1
    text = "He left,, and then.. nothing. Thank you.Thank you all , really. It was another sign of Moscow's struggle. to save a war."
    assert cleaner.clean(text).text == ("He left, and then. nothing. Thank you. Thank you all, really. "
                                        "It was another sign of Moscow's struggle to save a war.")


def test_tiny_texts():
    for text in ("", "x", "a\n", "\n\n", "\r\n", ".", ",", " .", ". a", "..", "Hello world. This is fine."):
        assert marks.look_at_marks(text) == plain_marks(text), text
