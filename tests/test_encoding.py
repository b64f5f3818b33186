"""The encoding rules' start-up constants stay what they are derived from."""

from __future__ import annotations

import re
import sys

from cleaner.rules.encoding import CONTINUATION_CHARS, LEAD_CHARS, code_page_chars

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_written_out_character_classes_are_the_code_page_characters():
    for written, (first, last) in ((LEAD_CHARS, (0xC2, 0xF4)), (CONTINUATION_CHARS, (0x80, 0xBF))):
        matched = "".join(re.findall("[" + written + "]", EVERY_CHARACTER))
        assert matched == code_page_chars(first, last)
