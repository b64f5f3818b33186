"""The Markdown format layer and inline suppression comments, with the real markdown-it-py parser.

Protection is checked twice: on the document (which characters the rules can see at all,
independent of which rules exist) and end to end (artifacts inside a construct stay, the same
artifacts in the prose next to it are fixed, and the fixes replay on the input).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config, apply_edits, clean
from cleaner.document import MASK
from cleaner.formats import build_document, format_for_path

from .conftest import ROOT, assert_invariants

DEFAULT = Cleaner()


def masked(text: str) -> str:
    return build_document(text, "markdown").masked


def assert_hidden(text: str, fragment: str) -> None:
    """Every character of ``fragment`` (its first occurrence) is masked; line breaks are kept."""
    start = text.index(fragment)
    seen = masked(text)[start:start + len(fragment)]
    assert seen == "".join(ch if ch in "\r\n" else MASK for ch in fragment), f"{fragment!r} is visible as {seen!r}"


def assert_shown(text: str, fragment: str) -> None:
    """``fragment`` (its first occurrence) is visible to the rules exactly as written."""
    start = text.index(fragment)
    assert masked(text)[start:start + len(fragment)] == fragment, f"{fragment!r} is not visible"


# (name, document, fragments that must be hidden, fragments that must stay visible)
PROTECTED = [
    ("fenced code", "Intro text.\n\n```python\nx = 'cafÃ©' , kyiv\n```\n", ["```python\nx = 'cafÃ©' , kyiv\n```"], ["Intro text."]),
    ("tilde fence", "~~~\nthe the kyiv\n~~~\n\nAfter.\n", ["~~~\nthe the kyiv\n~~~"], ["After."]),
    ("indented code", "Para.\n\n    struggle. to save\n    kyiv , x\n", ["    struggle. to save\n    kyiv , x"], ["Para."]),
    ("inline code", "Use `cafÃ© , kyiv` here and ``a ` b`` too.", ["`cafÃ© , kyiv`", "``a ` b``"], ["Use ", " here and ", " too."]),
    ("HTML block", "<div class=\"x\">\nHello , world kyiv\n</div>\n\nText.\n", ["<div class=\"x\">\nHello , world kyiv\n</div>"], ["Text."]),
    ("inline HTML tags", "A <span title=\"a , b\">kyiv</span> b.", ["<span title=\"a , b\">", "</span>"], ["kyiv", "A ", " b."]),
    ("HTML comment block", "<!-- Hello , world the the -->\n\nText.\n", ["<!-- Hello , world the the -->"], ["Text."]),
    ("inline HTML comment", "Some <!-- kyiv , x --> text.", ["<!-- kyiv , x -->"], ["Some ", " text."]),
    ("link destination and title", "See [take kyiv](https://x.org/cafÃ© \"Hello , world\") now.",
     ["[", "](https://x.org/cafÃ© \"Hello , world\")"], ["take kyiv", "See ", " now."]),
    ("image", "An ![kyiv , alt](img/cafÃ©.png \"t , x\") image.", ["![kyiv , alt](img/cafÃ©.png \"t , x\")"], ["An ", " image."]),
    ("autolinks", "Mail <me@example.org> or <https://x.org/a,b> now.", ["<me@example.org>", "<https://x.org/a,b>"], ["Mail ", " or ", " now."]),
    ("bare URL and e-mail", "Visit https://x.org/kyiv , or write to a@b.org today.", ["https://x.org/kyiv", "a@b.org"], ["Visit ", " , or write to "]),
    ("reference link and definition", "Read [take kyiv][ref] now.\n\n[ref]: https://x.org/a \"Hello , world\"\n",
     ["][ref]", "[ref]: https://x.org/a \"Hello , world\""], ["take kyiv", " now."]),
    ("shortcut and collapsed reference links: the text is the label",
     "See [cafÃ© , x] and [kyiv , y][] or [cafÃ© , z][ref].\n\n[cafÃ© , x]: /a\n[kyiv , y]: /b\n[ref]: /c\n",
     ["[cafÃ© , x]", "[kyiv , y][]", "[ref]: /c"], ["cafÃ© , z", "See ", " or "]),
    ("a heading that a link points to keeps its anchor",
     "See [setup](#install--setup-1).\n\n## Install , setup\n\n## Install , setup\n\n## Other , one\n",
     ["Install , setup"], ["Other , one", "setup"]),
    ("YAML front matter", "---\ntitle: Hello , world kyiv\n---\n# Title\n", ["---\ntitle: Hello , world kyiv\n---"], ["Title"]),
    ("TOML front matter", "+++\ntitle = \"Hello , world kyiv\"\n+++\nBody.\n", ["+++\ntitle = \"Hello , world kyiv\"\n+++"], ["Body."]),
    ("math", "Let $a , b$ hold.\n\n$$\nx , y\n$$\n", ["$a , b$", "$$\nx , y\n$$"], ["Let ", " hold."]),
    ("dollar amounts are prose", "It costs $5 and $10 , not more.", [], ["It costs $5 and $10 , not more."]),
    ("ATX heading markers", "## kyiv news ##\n", ["## ", " ##"], ["kyiv news"]),
    ("setext heading underline", "kyiv news\n=========\n", ["========="], ["kyiv news"]),
    ("list markers and indentation", "- first item\n  continued\n1. second\n   * nested\n",
     ["- ", "\n  ", "1. ", "   * "], ["first item", "continued", "second", "nested"]),
    ("blockquote markers", "> quoted kyiv\n> > deeper\n", ["> ", "> > "], ["quoted kyiv", "deeper"]),
    ("table pipes and alignment row", "| a , b | kyiv |\n|:---|---:|\n| c | d |\n",
     ["|:---|---:|", "| ", " | "], ["a , b", "kyiv", "c", "d"]),
    ("emphasis markers", "The **kyiv** and _the_ ~~gone~~ end.", ["**", "_", "~~"], ["kyiv", "the", "gone", " end."]),
    ("unmatched delimiters are text", "new_york_times and 5 * 3 and a_b", [], ["new_york_times and 5 * 3 and a_b"]),
    ("backslash escapes", "Not \\*emphasis\\* here.", ["\\"], ["*emphasis", "Not "]),
    ("entities", "Tom &amp; Jerry &eacute; &#42;", ["&amp;", "&eacute;", "&#42;"], ["Tom ", " Jerry "]),
    ("hard break spaces", "first line  \nsecond line\n", ["  \n"], ["first line", "second line"]),
    ("backslash hard break", "first line\\\nsecond line\n", ["\\"], ["first line", "second line"]),
    ("footnotes", "Text[^1] here.\n\n[^1]: The note kyiv.\n", ["[^1]", "[^1]: "], ["Text", " here.", "The note kyiv."]),
    ("reference definition alone", "[kyiv]: https://x.org/kyiv\n", ["[kyiv]: https://x.org/kyiv"], []),
    ("byte-order mark before front matter", "\ufeff---\ntitle: Hello , world\n---\nBody.\n",
     ["\ufeff---\ntitle: Hello , world\n---"], ["Body."]),
    ("byte-order mark before a heading", "\ufeff# kyiv news\n", ["\ufeff# "], ["kyiv news"]),
    ("thematic break", "Para.\n\n***\n\nNext.\n", ["***"], ["Para.", "Next."]),
]


@pytest.mark.parametrize("name,text,hidden,shown", PROTECTED, ids=[p[0] for p in PROTECTED])
def test_constructs_are_hidden_and_prose_is_shown(name, text, hidden, shown):
    for fragment in hidden:
        assert_hidden(text, fragment)
    for fragment in shown:
        assert_shown(text, fragment)


@pytest.mark.parametrize("name,text,hidden,shown", PROTECTED, ids=[p[0] for p in PROTECTED])
def test_nothing_protected_changes(name, text, hidden, shown):
    result = DEFAULT.clean(text, fmt="markdown")
    assert_invariants(text, result, DEFAULT, "markdown")
    for fragment in hidden:
        assert fragment in result.text, f"{fragment!r} was edited"


def test_artifacts_inside_constructs_stay_and_next_to_them_are_fixed():
    text = ("Hello , world and `Hello , world`.\n\n"
            "The cafÃ© sells « x », see [the cafÃ©](https://x.org/cafÃ©) and <b>cafÃ©</b>.\n\n"
            "```\nHello , world cafÃ© « x »\n```\n\n"
            "<!-- Hello , world cafÃ© -->\n")
    result = DEFAULT.clean(text, fmt="markdown")
    assert result.text == ("Hello, world and `Hello , world`.\n\n"
                           "The café sells “x”, see [the café](https://x.org/cafÃ©) and <b>café</b>.\n\n"
                           "```\nHello , world cafÃ© « x »\n```\n\n"
                           "<!-- Hello , world cafÃ© -->\n")
    assert_invariants(text, result, DEFAULT, "markdown")


def test_fix_offsets_point_into_the_source_around_emphasis_and_links():
    text = "Visit the **cafÃ©** or [the cafÃ© , today](https://x.org)."
    result = DEFAULT.clean(text, fmt="markdown")
    assert result.text == "Visit the **café** or [the café, today](https://x.org)."
    spans = sorted((f.start, f.end, f.replacement) for f in result.fixes)
    first = text.index("Ã©")
    second = text.index("Ã©", first + 1)
    comma = text.index(" , ")
    assert spans == [(first, first + 2, "é"), (second, second + 2, "é"), (comma, comma + 1, "")]
    assert apply_edits(text, result.fixes) == result.text


def test_hard_breaks_and_indentation_come_out_byte_identical():
    text = "- item , one  \n  still item , one\n\n      code , kept\n\n> quote , here\\\n> next line\n"
    result = DEFAULT.clean(text, fmt="markdown")
    assert result.text == "- item, one  \n  still item, one\n\n      code , kept\n\n> quote, here\\\n> next line\n"
    assert_invariants(text, result, DEFAULT, "markdown")


def test_crlf_line_endings_keep_offsets():
    text = "# Title , x\r\n\r\nHello , world  \r\nnext\r\n\r\n```\r\nHello , world\r\n```\r\n"
    result = DEFAULT.clean(text, fmt="markdown")
    assert result.text == "# Title, x\r\n\r\nHello, world  \r\nnext\r\n\r\n```\r\nHello , world\r\n```\r\n"
    assert_invariants(text, result, DEFAULT, "markdown")


def test_tab_indented_list_stays_intact():
    text = "-\tfoo , bar\n\tbaz , qux\n\nPara.\n\n\tcode , here\n"
    result = DEFAULT.clean(text, fmt="markdown")
    assert result.text == "-\tfoo, bar\n\tbaz, qux\n\nPara.\n\n\tcode , here\n"
    assert_invariants(text, result, DEFAULT, "markdown")


def test_blocks_have_kinds_and_source_spans():
    text = ("---\ntitle: x\n---\n# Heading\n\nA paragraph\non two lines.\n\n- an item\n\n> a quote\n\n"
            "| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n\n<div>\nhtml\n</div>\n")
    doc = build_document(text, "markdown")
    assert [(b.kind, text[b.start:b.end]) for b in doc.blocks] == [
        ("front_matter", "---\ntitle: x\n---"),
        ("heading", "Heading"),
        ("paragraph", "A paragraph\non two lines."),
        ("list_item", "an item"),
        ("quote", "a quote"),
        ("table", "| a | b |\n|---|---|\n| c | d |"),
        ("code", "```\ncode\n```"),
        ("html", "<div>\nhtml\n</div>"),
    ]
    assert [b.kind for b in doc.prose_blocks()] == ["heading", "paragraph", "list_item", "quote", "table"]


def test_format_comes_from_the_file_name():
    assert format_for_path("docs/post.md") == "markdown"
    assert format_for_path("README.MARKDOWN") == "markdown"
    assert format_for_path("notes.txt") == "text"
    assert format_for_path("Makefile") == "text"
    assert clean("`Hello , world`", fmt="markdown").text == "`Hello , world`"
    assert clean("`Hello , world`").text == "`Hello, world`"  # plain text has no inline code


def test_markdown_it_is_imported_only_for_markdown():
    code = ("import sys, cleaner\n"
            "assert 'markdown_it' not in sys.modules, 'imported by import cleaner'\n"
            "cleaner.clean('Hello , world')\n"
            "assert 'markdown_it' not in sys.modules, 'imported for plain text'\n"
            "cleaner.clean('Hello , world', fmt='markdown')\n"
            "assert 'markdown_it' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_megabyte_document_is_handled():
    section = ("# Heading one\n\n"
               "Hello, world and **café** with `code , x` and [a link](https://x.org/a).  \n"
               "Next line “x”.\n\n"
               "```\nHello , world cafÃ©\n```\n\n- item one\n- item two\n\n")
    body = section * (1_000_000 // len(section) // 2)
    damaged = "The cafÃ© , today.\n\n"
    text = damaged + body + damaged + body + damaged
    result = Cleaner(Config(select=("SPC001", "ENC001"))).clean(text, fmt="markdown")
    assert result.text == ("The café, today.\n\n" + body) * 2 + "The café, today.\n\n"
    assert len(result.fixes) == 6
    assert apply_edits(text, result.fixes) == result.text


FRAGMENTS = ["Hello , world", "**cafÃ©**", "`code , x`", "[take kyiv](https://x.org/a \"t , x\")", "« x »",
             "<span>x , y</span>", "<!-- a , b -->", "- item , one", "> quote , x", "# Head , x", "  ", "\\*",
             "&amp;", "| a , b | c |\n|---|---|\n| d | e |", "```\nx , y\n```", "$a , b$", "1. one , two",
             "    indented , code", "text[^1]", "[^1]: note , x", "a_b_c", "*", "_", "[", "]", "(", ")", "\t", "\r\n"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from([" ", "\n", "\n\n", ""])), max_size=12))
def test_any_mix_of_constructs_keeps_the_invariants(parts):
    text = "".join(fragment + joiner for fragment, joiner in parts)
    doc = build_document(text, "markdown")
    assert len(doc.masked) == len(text)
    assert all(0 <= s < e <= len(text) for s, e in doc.protected)
    assert all(a[1] < b[0] for a, b in zip(doc.protected, doc.protected[1:]))
    assert all(0 <= b.start <= b.end <= len(text) for b in doc.blocks)
    assert_invariants(text, DEFAULT.clean(text, fmt="markdown"), DEFAULT, "markdown")


# ---- suppression comments ------------------------------------------------------------------

SUPPRESSED = [
    ("disable with codes until enable",
     "<!-- mtclean: disable SPC -->\nHello , world\n<!-- mtclean: enable -->\nHello , world\n",
     "<!-- mtclean: disable SPC -->\nHello , world\n<!-- mtclean: enable -->\nHello, world\n"),
    ("disable names only its codes",
     "<!-- mtclean: disable ENC001 -->\nHello , world cafÃ©\n", "<!-- mtclean: disable ENC001 -->\nHello, world cafÃ©\n"),
    ("disable without codes runs to the end",
     "Hello , world\n\n<!-- mtclean: disable -->\n\nHello , world\n\nThe cafÃ©.\n",
     "Hello, world\n\n<!-- mtclean: disable -->\n\nHello , world\n\nThe cafÃ©.\n"),
    ("ignore-next-line covers one line",
     "<!-- mtclean: ignore-next-line -->\nHello , world\nHello , world\n",
     "<!-- mtclean: ignore-next-line -->\nHello , world\nHello, world\n"),
    ("off covers the whole file",
     "Hello , world\n\n<!-- mtclean: off -->\n\nThe cafÃ© « x ».\n", "Hello , world\n\n<!-- mtclean: off -->\n\nThe cafÃ© « x ».\n"),
    ("inline comments in a paragraph",
     "Hello , world <!-- mtclean: disable --> Hello , world <!-- mtclean: enable --> Hello , world\n",
     "Hello, world <!-- mtclean: disable --> Hello , world <!-- mtclean: enable --> Hello, world\n"),
    ("a comment over several lines, in capitals",
     "<!--\n  MTCLEAN: disable SPC001\n-->\nHello , world\n", "<!--\n  MTCLEAN: disable SPC001\n-->\nHello , world\n"),
    ("an inline comment over two lines of a list item",
     "- Hello , world <!-- mtclean:\n  disable -->\n  Hello , world\n",
     "- Hello, world <!-- mtclean:\n  disable -->\n  Hello , world\n"),
    ("comments shown as code are not directives",
     "```\n<!-- mtclean: off -->\n```\n\nUse `<!-- mtclean: off -->` and Hello , world.\n",
     "```\n<!-- mtclean: off -->\n```\n\nUse `<!-- mtclean: off -->` and Hello, world.\n"),
]


@pytest.mark.parametrize("name,text,expected", SUPPRESSED, ids=[s[0] for s in SUPPRESSED])
def test_suppression_comments(name, text, expected):
    result = DEFAULT.clean(text, fmt="markdown")
    assert result.text == expected
    assert result.findings == []
    assert_invariants(text, result, DEFAULT, "markdown")


def test_plain_text_has_no_directives():
    text = "<!-- mtclean: off -->\nHello , world\n"
    assert clean(text).text == "<!-- mtclean: off -->\nHello, world\n"


@pytest.mark.parametrize("text,reason", [
    ("<!-- mtclean: disable -->\nAll clean here.\n<!-- mtclean: enable -->\n", "no selected rule"),
    ("<!-- mtclean: disable CAS -->\nHello , world\n", "no selected rule"),
    ("<!-- mtclean: ignore-next-line -->\nAll clean.\nHello , world\n", "no selected rule"),
    ("<!-- mtclean: off -->\nAll clean.\n", "no selected rule"),
    ("<!-- mtclean: disabel -->\nAll clean.\n", "unknown directive"),
    ("<!-- mtclean: disable XYZ9 -->\nHello , world\n", "XYZ9 matches no selected rule"),
    ("All clean. <!-- mtclean: enable -->\n", "without a matching"),
])
def test_unused_suppression_is_reported(text, reason):
    result = DEFAULT.clean(text, fmt="markdown")
    assert [f.rule for f in result.findings] == ["MTC003"]
    finding = result.findings[0]
    assert text[finding.start:finding.end].startswith("<!-- mtclean:") and text[finding.end - 3:finding.end] == "-->"
    assert reason in finding.message
    assert (finding.line, finding.column) == build_document(text, "markdown").line_col(finding.start)


def test_unused_suppression_can_be_ignored_and_explained():
    text = "<!-- mtclean: disable -->\nAll clean.\n"
    assert Cleaner(Config(ignore=("MTC003",))).clean(text, fmt="markdown").findings == []
    assert "MTC003" in Cleaner(Config(select=("MTC",))).selected
    assert "## What it does" in DEFAULT.rules["MTC003"].render()


def test_a_used_suppression_among_unused_ones():
    text = ("<!-- mtclean: disable SPC -->\nHello , world\n<!-- mtclean: enable -->\n\n"
            "<!-- mtclean: disable ENC -->\nHello , world\n<!-- mtclean: enable -->\n")
    result = DEFAULT.clean(text, fmt="markdown")
    assert [(f.rule, f.line) for f in result.findings] == [("MTC003", 5)]
    assert result.text.endswith("Hello, world\n<!-- mtclean: enable -->\n")
