"""Properties of every result, over arbitrary Unicode and over artifact-dense text.

For any input: no exception; replaying the fixes gives the output; cleaning the output
changes nothing; every character outside the fixes is kept in order (conservation); no
fix touches a protected region. The generators mix arbitrary code points (emoji ZWJ
sequences, combining marks, right-to-left text) with the triggers of every rule family.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config, apply_edits
from cleaner.formats import build_document

# CI-sized by default; the fuzzing run sets MTCLEAN_FUZZ_EXAMPLES (see README, Reliability).
SCALE = int(os.environ.get("MTCLEAN_FUZZ_EXAMPLES", "300")) / 300

DEFAULT = Cleaner()
UNSAFE = Cleaner(Config(unsafe_fixes=True))

TRIGGERS = [
    "the ", "the the ", "kyiv ", "Kyiv ", "china ", "i ", " i ", "struggle. to save ", "ended. distorted. ",
    "Leave a Comment\n", "Share this:\n", " , ", " . ", " ? ", "« ", " »", "‹", "¿", "¡", ",,", "..", "...",
    "Ã©", "â€œ", "â€", "\x92", "\x07", "\u200b", "\u00ad", "\ufeff", "&amp;", "&#39;", "  ", "   ", "\t",
    "https://example.com/a. ", "www.example.org ", "me@example.com ", "/usr/bin/env ", "Node.js ",
    "U.S. ", "e.g. ", "Mr. ", "3.5 ", "\n", "\r\n", "\n\n", "👨\u200d👩\u200d👧", "e\u0301", "שלום ", "مرحبا ",
    "Bern, Bern, Bern, Bern. ", "Tian Tian ", "had had ", "Thank you.Thank you. ", "`code`", "```\nx\n```\n",
    "# Title\n", "- item\n", "> quote\n", "[link](https://x.org/a , b)", "<!-- c -->", "**kyiv**", "\\*",
]

artifact_text = st.lists(st.one_of(st.sampled_from(TRIGGERS), st.text(max_size=4)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), artifact_text)


def check_result(cleaner, source, fmt, idempotent=True):
    result = cleaner.clean(source, fmt=fmt)
    assert apply_edits(source, result.fixes) == result.text
    if idempotent:
        assert cleaner.clean(result.text, fmt=fmt).text == result.text, "not idempotent"
    assert not [f for f in result.findings if f.rule.startswith("MTC00")], result.findings
    # Conservation: every character outside the fixes survives, in order.
    position, out = 0, 0
    for fix in result.fixes:
        kept = source[position:fix.start]
        assert result.text[out:out + len(kept)] == kept
        out += len(kept) + len(fix.replacement)
        position = fix.end
    assert result.text[out:] == source[position:]
    # Protection: no fix or finding overlaps a protected span of the input.
    document = build_document(source, fmt)
    for item in [*result.fixes, *result.findings]:
        if item.rule.startswith("MTC"):
            continue
        touched = [(s, e) for s, e in document.protected if s < item.end and item.start < e]
        if item.replacement == "" and all(item.start <= s and e <= item.end for s, e in touched):
            continue  # removing a whole line of furniture takes its link targets and markers along
        assert not document.touches_protected(item.start, item.end), (item, document.protected)
    return result


@settings(max_examples=int(300 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_plain_text_properties(source):
    check_result(DEFAULT, source, "text")


@settings(max_examples=int(150 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_plain_text_properties_with_unsafe_fixes(source):
    check_result(UNSAFE, source, "text")


MARKDOWN_PIECES = [
    "---\ntitle: take kyiv , now\n---\n", "# heading kyiv\n", "```\nthe the  cafÃ© , x\n```\n", "    code  , ok\n",
    "`inline , code`", "<div>raw , html</div>\n", "<!-- a , comment -->", "[text , here](https://x.org/a , b)",
    "![alt](img.png \"t , t\")", "<https://example.com/a,,b>", "[ref]: https://example.com/x , y\n",
    "| a , b | c |\n|---|---|\n| d , e | f |\n", "- item , one\n", "1. first .. item\n", "> quote ?\n",
    "**bold** , ", "_em_ .", "line with hard break  \n", "\\* escaped", "&amp; ", "$x , y$", "[^1]", "\n\n",
]
markdown_text = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.sampled_from(TRIGGERS), st.text(max_size=3)),
                         max_size=30).map("".join)


@settings(max_examples=int(200 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_text)
def test_markdown_properties(source):
    check_result(DEFAULT, source, "markdown")
