"""The line filter's shortcuts: each must give what the exact tests give, never less.

The whole-document search (``candidate_lines``) must find every line that passes a prefilter;
the screens of ``Matcher.match`` must reject only lines no pattern matches; the Unicode facts
they rely on are checked against the running Python's database.
"""

from __future__ import annotations

import random
import sys

import regex

from cleaner import Cleaner, Config
from cleaner.formats import build_document
from cleaner.kinds import line_filter, match_shape
from cleaner.kinds.required_text import builtin_line_filter_patterns

from .test_required_text import BUILT_IN_LINES

CHECKER = Cleaner(Config(select=("BPL",))).checkers[0]
ALL_CHARACTERS = [chr(code) for code in range(sys.maxunicode + 1)]


def test_line_spaces_are_the_whitespace_of_str_split_but_the_line_break():
    assert set(line_filter.LINE_SPACES) == {c for c in ALL_CHARACTERS if c.isspace()} - {"\n"}


def test_fold_special_holds_every_character_the_byte_search_cannot_fold():
    """Lowering bytes folds ASCII letters only: every other character whose case folding is not
    itself in one character must be special, and a character that folds to an uncased one (a
    mark normalization strips, a quote) must be that character."""
    for c in ALL_CHARACTERS:
        folded = c.casefold()
        special = line_filter.FOLD_SPECIAL.match(c) is not None
        assert special == (len(folded) != 1 or (folded.isascii() and not c.isascii())), repr(c)
        if special:
            assert line_filter.FOLD_SPECIAL_BYTES.search(c.encode()), repr(c)
            assert any(mark in c.encode() for mark in line_filter.FOLD_SPECIAL_MARKS), repr(c)
        elif folded != c:
            assert folded.upper() != folded or folded.lower() != folded, repr(c)
    tails = [bytes([second]) for second in range(0x80, 0xc0)]
    tails += [second + third for second in tails for third in tails]
    for first in range(0xc2, 0xf5):  # every match of the byte search holds a mark (the gate before it)
        for data in (bytes([first]) + tail for tail in tails):
            if line_filter.FOLD_SPECIAL_BYTES.match(data):
                assert any(mark in data for mark in line_filter.FOLD_SPECIAL_MARKS), data


def perturbed(text: str, rng: random.Random) -> str:
    """``text`` as a scraped page may spell it: other case, other spaces and quotes, markers."""
    out = []
    for c in text:
        roll = rng.random()
        if c == " " and roll < 0.3:
            out.append(rng.choice(["\t", "\xa0", "\u2003", "\u3000", "  ", " \x1c"]))
        elif c == "'" and roll < 0.5:
            out.append(rng.choice("’‘`"))
        elif c == '"' and roll < 0.5:
            out.append(rng.choice("“”"))
        elif c == "s" and roll < 0.1:
            out.append("ſ")
        elif c == "k" and roll < 0.1:
            out.append("\u212a")
        elif roll < 0.3:
            out.append(c.upper())
        else:
            out.append(c)
    marks = "".join(rng.choice(["- ", "* ", "• ", "## ", "> ", "**", "[", "(", "… ", "» ", "— "])
                    for _ in range(rng.randrange(3)))
    return marks + "".join(out) + rng.choice(["", " ", ".", "\r", ":", "**"])


def test_candidate_lines_hold_every_line_a_prefilter_passes():
    rng = random.Random(7)
    prefilters = (CHECKER.anywhere.prefilter, CHECKER.headers.prefilter)
    search = line_filter.LineSearch.of(prefilters)
    assert search is not None
    starts = sorted({text for p in prefilters for group in p.starts.values() for text in group})
    pieces = sorted({piece for p in prefilters for piece in p.pieces})
    lines = []
    for _ in range(3000):
        roll = rng.random()
        text = (rng.choice(starts) if roll < 0.5 else f"words {rng.choice(pieces)} more" if roll < 0.8
                else rng.choice(["Straße ", "İstanbul ", "ﬁne ", "ΐ "]) + rng.choice(starts))
        lines.append(perturbed(text, rng))
    lines += BUILT_IN_LINES + ["", "\n", "plain prose without furniture"]
    for fmt in ("text", "markdown"):
        for first in range(0, len(lines), 40):
            doc = build_document("\n".join(lines[first:first + 40]), fmt)
            document_lines = line_filter.split_lines(doc)
            found = set(line_filter.candidate_lines(document_lines, search))
            for index in range(len(document_lines)):
                text = line_filter.unmarked(document_lines.content(index))
                if document_lines.is_blank(index) or len(text) > line_filter.MAX_LINE_CHARS:
                    continue
                folded = text.casefold()
                loose = line_filter.loosen(folded) if len(folded) == len(text) else None
                if loose is None or any(p.passes(folded, loose) for p in prefilters):
                    assert index in found, text


def test_shipped_shapes_are_the_shapes_of_the_built_in_patterns():
    """Regenerate with scripts/build_line_filter_facts.py when a built-in pattern changes."""
    patterns = builtin_line_filter_patterns()
    assert match_shape.SHAPES_FILE.read_text(encoding="utf-8") == match_shape.shapes_file_text(patterns)
    for pattern in patterns:
        assert match_shape.pattern_shape(pattern) == match_shape.derive_shape(pattern)


MATCHED_LINES = BUILT_IN_LINES + [
    "Jane Doe / Getty Images", "Breaking news [VIDEO]", "March 3, 2021 at 10:15 am (ET)", "12:30 pm EST, March 3, 2021",
    "5 min read", "1.2k shares", "3 Comments", "One thought on \"Budget vote\"", "Photo by Jane Doe",
    "Get the free News app for iPhone.", "Click to share on Reddit (Opens in new window)", "More great science stories",
    "Sign up for the Morning newsletter", "Please subscribe by clicking here!", "Comments (12)", "Reading time: 4 minutes",
]


def test_shapes_hold_every_match_of_the_built_in_patterns():
    matched = set()
    for matcher in (CHECKER.anywhere, CHECKER.edge, CHECKER.headers):
        for single in matcher.singles:
            pattern = regex.compile(single.pattern, regex.IGNORECASE)
            shape = match_shape.pattern_shape(single.pattern)
            for line in MATCHED_LINES:
                normalized = line_filter.normalize(line)
                if pattern.fullmatch(normalized):
                    matched.add(line)
                    assert shape.min_chars <= len(normalized), (single.pattern, line)
                    assert shape.max_chars is None or len(normalized) <= shape.max_chars, (single.pattern, line)
                    assert shape.suffixes is None or normalized.casefold().endswith(tuple(shape.suffixes)), line
                    assert line_filter.holds_marks(normalized, shape.marks), (single.pattern, line)
    assert len(matched) > 25


def test_shapes_are_unknown_where_the_standard_parser_reads_otherwise():
    assert match_shape.derive_shape("(?:cat){e<=1}") == match_shape.UNKNOWN
    assert match_shape.derive_shape("[[:alpha:]]+ news") == match_shape.UNKNOWN
    assert match_shape.derive_shape("(unclosed") == match_shape.UNKNOWN
    assert match_shape.derive_shape(r"\p{Lu}[:.]\d{2}") == (4, 4, None, (".:",))
    assert match_shape.derive_shape(r"a\{2\}") == (4, 4, frozenset({"a{2}"}), ("{", "}"))  # the text "a{2}"


def test_marks_are_the_punctuation_a_match_cannot_skip():
    assert match_shape.derive_shape(r"\d{1,2}[:.]\d{2}(?: ?[ap]m)?").marks == (".:",)
    assert match_shape.derive_shape(r"(?:tags?|topics?)\s*:\s*.+").marks == (":",)
    assert match_shape.derive_shape(r"(?:a: |b/ )x").marks == ()  # a mark in one branch only
    assert match_shape.derive_shape(r"x(?:\.y)?[’']s").marks == ()  # optional, and quotes


def test_suffixes_after_a_repeat_are_those_of_its_last_round():
    assert match_shape.derive_shape("x(?:ab)+").suffixes == {"ab"}
    assert match_shape.derive_shape("(?:ab)*c").suffixes == {"c"}
    assert match_shape.derive_shape("news(?: today)?\\b").suffixes == {"news", "news today"}
    assert match_shape.derive_shape("[a-z]+").suffixes is None


def test_matcher_screens_give_the_answer_of_every_pattern_tried():
    """Lines of many lengths and spacings: ``Matcher.match`` names what the first matching pattern names."""
    rng = random.Random(3)
    words = ["Share", "on", "Facebook", "3", "Comments", "March", "2021", "10:15", "am", "cookies", "we", "use",
             "Getty", "Images", "/", "[VIDEO]", "all", "rights", "reserved", "newsletter", "the", "council"]
    lines = BUILT_IN_LINES + [" ".join(rng.choice(words) for _ in range(rng.randrange(1, 40))) for _ in range(400)]
    for matcher in (CHECKER.anywhere, CHECKER.edge, CHECKER.headers):
        for line in lines:
            normalized = line_filter.normalize(line)
            if matcher.phrases.get(line_filter.phrase_key(normalized)):
                continue
            expected = next((matcher.by_group[s.name] for s in matcher.singles
                             if regex.fullmatch(s.pattern, normalized, regex.IGNORECASE)), None)
            assert matcher.match(normalized) is expected, line


def test_header_whose_folding_changes_its_length_still_takes_its_list():
    """"Straße" folds to "strasse": no prefilter can read the line, so it is tried in full."""
    entries = [{"code": "XYZ001", "message": "furniture", "phrases": ["Mehr zur Straße"], "takes_following": True}]
    checker = line_filter.build(entries, [None], "test.toml")
    article = ("Die Stadt baut die Brücke bis zum Sommer neu, sagte der Bürgermeister am Montag im Rat.\n\n"
               "Der Verkehr wird in der Zeit über die Hauptstraße und den Ring in der Innenstadt geführt.\n\n")
    text = article + "Mehr zur Straße\nNeue Ampeln am Ring\nDer Umbau in Bildern\n"
    issues = list(checker.check(build_document(text)))
    assert [text[i.start:i.end] for i in issues] == ["\n\nMehr zur Straße", "\nNeue Ampeln am Ring", "\nDer Umbau in Bildern"]
    assert list(checker.check(build_document(article))) == []


def test_line_offsets_are_one_per_line_and_one_after_the_last():
    """Lines finds the line breaks: one offset per line and one after the last line, and each
    line's text is the text between two line breaks (a final line break ends the last line)."""
    for text in ["", "\n", "a", "a\n", "a\nb", "a\n\n", "\n\nx\r\n", "ab\ncd\n\n\nef", "é\u2028\n\ufffc"]:
        doc = build_document(text)
        expected = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        if text and not text.endswith("\n"):
            expected.append(len(text) + 1)  # the last line has no line break: as if it had one
        lines = line_filter.Lines(doc)
        assert lines.starts == expected, repr(text)
        parts = text.split("\n")[:-1] if text.endswith("\n") or not text else text.split("\n")
        assert [lines.content(i) for i in range(len(lines))] == [p.removesuffix("\r") for p in parts], repr(text)


def test_loosen_gives_whitespace_runs_as_one_space_however_it_gets_there():
    """A text whose whitespace is single spaces is its own loosened form (no split and join): the
    same as splitting and joining it, for every kind of whitespace and at the ends."""
    def by_definition(folded: str) -> str:
        loose = " ".join(folded.split())
        if loose and folded[0].isspace():
            loose = " " + loose
        if loose and folded[-1].isspace():
            loose += " "
        return loose.replace("’", "'").replace("‘", "'").replace("`", "'").replace("“", '"').replace("”", '"')

    spaces = [c for c in ALL_CHARACTERS if c.isspace()]
    rng = random.Random(7)
    pieces = ["a", "share", "’", "“x”", "`", "\ufffc", "\u200b", "é"] + spaces
    texts = ["", " ", "  ", "a", " a", "a ", " a b ", "a  b", "a\tb", "a\u00a0b", "don’t miss"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for text in texts:
        folded = text.casefold()
        assert line_filter.loosen(folded) == by_definition(folded), repr(text)
        assert line_filter.loosen(folded, text.split()) == by_definition(folded), repr(text)


def test_folding_a_plain_line_of_the_same_length_keeps_it_plain():
    """``loosen(..., plain=True)`` trusts that folding a printable text with single spaces, when
    it keeps the length, gives a printable text with the same spaces: each character folds to
    one printable character that is whitespace only if it was a space."""
    for c in ALL_CHARACTERS:
        folded = c.casefold()
        if c.isprintable() and len(folded) == 1:
            assert folded.isprintable() and (c == " " or not folded.isspace()), hex(ord(c))
    for text in ["a b", "Don’t Miss", "ÉCRIRE À L’ÉCOLE", "x ǅ y"]:
        folded = text.casefold()
        assert line_filter.loosen(folded, plain=True) == line_filter.loosen(folded), text


def test_a_line_counts_its_words_as_split_does():
    """A line whose whitespace is single spaces between words has its words counted, not split:
    the count is that of ``str.split`` whatever the whitespace, the ends or the protected text."""
    spaces = [c for c in ALL_CHARACTERS if c.isspace() and c != "\n"]
    rng = random.Random(11)
    pieces = ["a", "word", "’", "\u200b", "-", "\ufffc"] + spaces + [" "] * 8
    lines = ["", " ", "a", " a", "a ", "a b", "a  b", "a \r"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 10))) for _ in range(3000)]
    for line in lines:
        document_lines = line_filter.Lines(build_document(line + "\nThe end of it.\n"))
        content = line[:-1] if line.endswith("\r") else line
        assert document_lines.make(0).words == len(content.split()), repr(line)
