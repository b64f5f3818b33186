"""ENC: encoding damage: mojibake, HTML entities left in plain text, invisible characters.

Mojibake is repaired by ftfy, run only on lines that contain a character pair UTF-8 mojibake
is made of (ftfy is the slowest part of the chain; most prose never needs it), and configured
so it never straightens quotes, changes character width or normalizes Unicode.

>>> from cleaner import clean
>>> clean("The cafÃ© was open.").text
'The café was open.'
"""

from __future__ import annotations

import functools
import itertools
import re

from ..document import find_all
from ..edits import Issue
from ..lazy_pattern import LazyPattern
from .base import SAFE, UNSAFE, FunctionChecker, doc
from .textmemo import TextMemo

MOJIBAKE = doc(
    "ENC001", "mojibake", "Mojibake: text decoded with the wrong encoding",
    what="Repairs text that was encoded as UTF-8 and decoded as Windows-1252, Latin-1 or a similar "
         "code page (`cafÃ©` → `café`, `â€œ` → `“`), using ftfy's encoding repair. The message "
         "gives ftfy's plan (which encodings it reversed).",
    why="Mojibake is the most visible scraping damage: readers see garbage where letters and quotes were.",
    bad="The cafÃ© served crÃ¨me brÃ»lÃ©e.", good="The café served crème brûlée.",
    applicability=SAFE,
    safety="Safe: ftfy changes a line only when its badness heuristic says the result is far more "
           "likely (about one false positive in six million tweets). Quotes are never straightened, "
           "character width never changed, no Unicode normalization.",
)
ENTITY = doc(
    "ENC002", "html-entity", "HTML entity left in plain text",
    what="Decodes HTML character references such as `&amp;`, `&quot;`, `&#39;` and `&apos;` in plain-text "
         "files (not in Markdown, where entities are markup).",
    why="MT toolkits and scrapers escape text for XML or HTML; when the unescaping step is skipped the "
        "entities are published as-is (`don&apos;t`).",
    bad="Tom &amp; Jerry don&apos;t agree.", good="Tom & Jerry don't agree.",
    applicability=SAFE,
    safety="Safe in plain text: only complete, known references are decoded. Markdown and HTML keep them.",
)
CONTROL = doc(
    "ENC003", "control-character", "Control character in text",
    what="Removes C0 control characters (except tab, line feed, carriage return, and a form feed alone on "
         "its line: a page break) and DEL; a C1 "
         "control character is replaced by the Windows-1252 character it stands for (`\\x92` → `’`).",
    why="Control characters are invisible, break parsers and search, and C1 controls are the trace of "
        "Windows-1252 text decoded as Latin-1.",
    bad="It\x07s done\x92 he said.", good="Its done’ he said.",
    applicability=SAFE,
)
ZERO_WIDTH = doc(
    "ENC004", "zero-width-space", "Zero-width space or stray byte-order mark",
    what="Removes zero-width spaces (U+200B) and byte-order marks that are not at the start of the text "
         "(a BOM inside text is the seam of two concatenated files); word joiners (U+2060) stay. Zero-width joiners and non-joiners (emoji sequences, Persian) and "
         "no-break spaces are never touched.",
    why="Invisible characters split words for search and spell checking and come from copy-paste and "
        "concatenated files.",
    bad="The meet\u200bing starts\ufeff now.", good="The meeting starts now.",
    applicability=SAFE,
)
SOFT_HYPHEN = doc(
    "ENC005", "soft-hyphen", "Soft hyphen in text",
    what="Removes soft hyphens (U+00AD), invisible hyphenation hints left by typesetting and web pages.",
    why="They break search and copy-paste, but some publishing pipelines use them on purpose.",
    bad="The inter\u00adnational meeting.", good="The international meeting.",
    applicability=UNSAFE,
    safety="Unsafe: a document may carry hyphenation hints deliberately (German text often does), so "
           "the rule is also off by default.",
    default_enabled=False,
)
DOCS = (MOJIBAKE, ENTITY, CONTROL, ZERO_WIDTH, SOFT_HYPHEN)

# A lead byte of a UTF-8 sequence followed by a continuation byte, as they look when decoded
# with the code pages mojibake comes from. Lines without such a pair cannot hold mojibake that
# ftfy would repair, so ftfy never sees them (it is the slowest part of the chain).
MOJIBAKE_CODECS = ("latin-1", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "mac_roman", "cp437", "cp850")


def code_page_chars(first: int, last: int) -> str:
    """The characters that bytes ``first``..``last`` become in any of :data:`MOJIBAKE_CODECS`."""
    chars = set()
    for codec in MOJIBAKE_CODECS:
        chars.update(bytes(range(first, last + 1)).decode(codec, errors="ignore"))
    return "".join(sorted(chars))


# code_page_chars(0xC2, 0xF4) (lead bytes) and code_page_chars(0x80, 0xBF) (continuation bytes)
# as character-class ranges, written out because loading ten codecs to decode them took some
# 4 ms of every start; the test suite checks they are the same characters.
LEAD_CHARS = (
    "\xa0\xa4\xa6\xab-\xad\xaf\xb1\xb4-\xb7\xbb\xbe\xc0-\xf5\xf7\xfd-\u0103\u0105-\u0107\u010c-\u0113"
    "\u0116-\u011b\u011e-\u011f\u0122-\u0123\u012a-\u012b\u012f-\u0131\u0136-\u0137\u0139-\u013c"
    "\u0141\u0143-\u0148\u014c-\u014d\u0150\u0152-\u0153\u0155\u0158\u015a\u015e\u0160-\u0162\u016a"
    "\u016e\u0170\u0172\u0178-\u017b\u017d\u0192\u0392-\u03a1\u03a3-\u03c4\u03c6\u0412-\u0444"
    "\u2013-\u2014\u2017-\u201a\u201c-\u201e\u2021\u2026\u2030\u2039-\u203a\u2044\u20ac\u2206\u221a"
    "\u221e\u2229\u2248\u2261\u2264-\u2265\u2320\u2500\u250c\u2518\u251c\u252c\u253c\u2550"
    "\u2552-\u2554\u2558-\u255a\u255e-\u2560\u2564-\u256c\u2580\u2584\u2588\u258c\u2590\u25ca\uf8ff"
    "\ufb01-\ufb02"
)
CONTINUATION_CHARS = (
    "\x80-\xc2\xc4-\xc7\xc9\xd1\xd6-\xd8\xdc\xdf-\xef\xf1-\xf6\xf8-\xfc\xff\u0104-\u0105\u013d-\u013e"
    "\u0141-\u0142\u0152-\u0153\u0156-\u0157\u015a-\u015b\u015e-\u0161\u0164-\u0165\u0178-\u017e"
    "\u0192\u02c6-\u02c7\u02d8\u02db-\u02dd\u0384-\u0386\u0388-\u038a\u038c\u038e-\u038f\u03a9\u03c0"
    "\u0401-\u040c\u040e-\u040f\u0451-\u045c\u045e-\u045f\u0490-\u0491\u2013-\u2015\u2018-\u201a"
    "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039-\u203a\u20a7\u20ac\u2116\u2122\u2202\u220f\u2211"
    "\u221e\u222b\u2260\u2264-\u2265\u2310\u2502\u2510\u2524\u2551\u2555-\u2557\u255b-\u255d"
    "\u2561-\u2563\u2591-\u2593"
)
# A lead character, then a continuation character or, after "Â", a space (the no-break space of
# "Â\u00a0" often becomes a plain one). The pattern starts with one character class so that re
# skips to the lead characters in C; an alternation of three branches tried a match at every
# character. "â\x80" needs no branch of its own: "â" is a lead and "\x80" a continuation character.
# Every hint character is outside ASCII, so a text in ASCII has none.
MOJIBAKE_HINT = re.compile("[" + LEAD_CHARS + "](?:[" + CONTINUATION_CHARS + "]|(?<=\u00c2) )")
# Compiled on first use: only a document with a mojibake hint or an "&" needs them.
UNMASKED = LazyPattern("[^\ufffc]+", module="re")
# Plain character classes: the standard library's re scans them several times faster than regex.
ENTITY_PATTERN = LazyPattern(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});", module="re")
CONTROL_PATTERN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ZERO_WIDTH_PATTERN = re.compile(r"[\u200b\ufeff]")  # what ENC004 removes (found with str.find; the tests compare)
# The characters of CONTROL_PATTERN as Latin-1 bytes: a text in Latin-1 with "?" for every other
# character keeps them, one byte each.
CONTROL_BYTES = bytes((*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), *range(0x7f, 0xa0)))
# One look at a text serves ENC001 and ENC003 (:func:`character_kinds`): its Latin-1 encoding, "?"
# for every other character, with each byte made its kind in one bytes.translate: a control
# outside ASCII (C1) is "\x01", one in ASCII "\x00", any other character outside ASCII "?"
# (as "?" itself), the rest stay. Then memchr-speed tests tell whether there is a control, and a
# search for "??" whether two characters outside ASCII come in a row (every hint is such a pair).
KINDS_TABLE = bytes(
    (0x01 if byte >= 0x80 else 0x00) if byte in CONTROL_BYTES else 0x3F if byte >= 0x80 else byte
    for byte in range(256))

_FTFY_CONFIG = None


def ftfy_config():
    """ftfy's settings for repair only: nothing that would change correct text's style."""
    global _FTFY_CONFIG
    if _FTFY_CONFIG is None:
        import ftfy

        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
            fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
            remove_control_chars=False, normalization=None, explain=True)
    return _FTFY_CONFIG


def describe_plan(plan) -> str:
    """ftfy's plan as words: ``encode as sloppy-windows-1252, decode as utf-8``."""
    steps = []
    for step, argument in plan or ():
        if step in ("encode", "decode"):
            steps.append(f"{step} as {argument}")
        else:
            steps.append(f"{step.replace('_', ' ')} ({argument})" if argument not in (None, "") else step.replace("_", " "))
    return ", ".join(steps)


def character_kinds(text: str) -> bytes:
    """``text`` as bytes of :data:`KINDS_TABLE`'s kinds, one per character (protected stretches,
    U+FFFC, are made ASCII: they are never part of a hint, and no control).

    >>> character_kinds("a\x07é’\x92\ufffc?")
    b'a\\x00??\\x01x?'
    """
    if "\ufffc" in text:
        text = text.replace("\ufffc", "x")
    return text.encode("latin-1", "replace").translate(KINDS_TABLE)


def find_mojibake(doc, kinds=character_kinds):
    """ENC001: ftfy's repair of each line that holds a mojibake hint (pieces outside protected spans).

    The hints are searched in the whole text and each line holding one is taken once: the lines
    between them are never looked at. ``kinds``: :func:`character_kinds`, or a memo of it that
    ENC003 reads after this checker.
    """
    text = doc.masked
    if text.isascii() or not may_hold_hint(text, kinds):
        return ()  # the usual case: a plain function returns at once, where a generator is made first
    return list(repair_hinted_lines(text))


def repair_hinted_lines(text: str):
    hint = MOJIBAKE_HINT.search(text)
    while hint:
        line_start = text.rfind("\n", 0, hint.start()) + 1
        line_end = text.find("\n", hint.end())
        if line_end == -1:
            line_end = len(text)
        yield from repair_line(text[line_start:line_end], line_start)
        hint = MOJIBAKE_HINT.search(text, line_end)


def may_hold_hint(text: str, kinds=character_kinds) -> bool:
    """False when ``text`` cannot hold a MOJIBAKE_HINT match; True for most texts that do.

    A hint is "Â" and a space, or two characters outside ASCII in a row (every lead and every
    continuation character is): "??" among the :func:`character_kinds` of the text, which keep
    offsets one to one. A text with a C1 control (outside ASCII, a kind of its own) may hold one.

    >>> may_hold_hint("naïve café, it’s"), may_hold_hint("cafÃ©"), may_hold_hint("Â x"), may_hold_hint("é’")
    (False, True, True, True)
    """
    if text.isascii():
        return False
    if "\u00c2" in text:
        return True
    found = kinds(text)
    return b"??" in found or b"\x01" in found


def repair_line(line: str, line_start: int):
    """ENC001 issues for one line that holds a mojibake hint."""
    import ftfy

    if "\ufffc" in line:  # repair only the unprotected stretches of the line
        pieces = [(m.start(), m.group()) for m in UNMASKED.finditer(line)]
    else:
        pieces = [(0, line)]
    for offset, piece in pieces:
        if not MOJIBAKE_HINT.search(piece):
            continue
        fixed = ftfy.fix_and_explain(piece, ftfy_config())
        if fixed.text == piece:
            continue
        start, end, replacement = trim_common(piece, fixed.text)
        base = line_start + offset
        plan = describe_plan(fixed.explanation)
        yield Issue("ENC001", base + start, base + end,
                    f"{MOJIBAKE.message} (ftfy: {plan})" if plan else MOJIBAKE.message, replacement, SAFE)


def trim_common(old: str, new: str) -> tuple[int, int, str]:
    """The smallest ``(start, end, replacement)`` that turns ``old`` into ``new``."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix:len(new) - suffix]


def find_entities(doc):
    if doc.fmt != "text" or "&" not in doc.masked:
        return ()  # a plain function returns at once, where a generator is made first
    return list(decoded_entities(doc.masked))


def decoded_entities(masked: str):
    import html  # here, not at the top: most documents have no entity, and html.entities is a large table

    for match in ENTITY_PATTERN.finditer(masked):  # bounded, linear: no timeout needed
        decoded = html.unescape(match.group())
        if decoded != match.group() and not CONTROL_PATTERN.match(decoded):
            yield Issue("ENC002", match.start(), match.end(), f"{ENTITY.message}: {match.group()}", decoded, SAFE)


def has_control(text: str, kinds=character_kinds) -> bool:
    """True when ``text`` holds a character of CONTROL_PATTERN: a control kind among its
    :func:`character_kinds` (``kinds``: that, or a memo of it that ENC001 filled).

    >>> has_control("tab\\tand line\\n"), has_control("it\\x92s"), has_control("bell\\x07"), has_control("€’\\u0107")
    (False, True, True, False)
    """
    found = kinds(text)
    return b"\x00" in found or b"\x01" in found


def find_controls(doc, kinds=character_kinds):
    text = doc.masked
    control = has_control(text, kinds)
    if kinds is not character_kinds:
        kinds.release(text)  # the last checker to read the kinds: a Cleaner keeps nothing between documents
    if not control:
        return ()
    return list(control_issues(text))


def control_issues(text: str):
    for match in CONTROL_PATTERN.finditer(text):
        char = match.group()
        if char == "\f" and is_alone_on_line(text, match.start()):
            continue  # a page break of plain text (RFCs, GNU licenses), not damage
        replacement = ""
        if "\x80" <= char <= "\x9f":
            try:
                replacement = char.encode("latin-1").decode("cp1252")
            except UnicodeDecodeError:
                replacement = ""
        yield Issue("ENC003", match.start(), match.end(), f"{CONTROL.message}: U+{ord(char):04X}", replacement, SAFE)


def is_alone_on_line(text: str, position: int) -> bool:
    """Whether the character at ``position`` is the whole of its line (``\\n`` or ``\\r\\n`` around it).

    >>> is_alone_on_line("a\\n\\f\\nb", 2), is_alone_on_line("a\\fb", 1)
    (True, False)
    """
    before = position == 0 or text[position - 1] == "\n"
    after = position + 1 == len(text) or text.startswith(("\n", "\r\n"), position + 1)
    return before and after


def find_zero_width(doc):
    """ENC004: the characters ZERO_WIDTH_PATTERN matches, found by ``str.find`` (memchr speed), in order."""
    masked = doc.masked
    if "\u200b" not in masked and "\ufeff" not in masked:
        return ()  # the usual case, told by two memchr-speed tests
    issues = []
    for position in sorted(itertools.chain(find_all(masked, "\u200b"), find_all(masked, "\ufeff"))):
        char = masked[position]
        if position == 0 and char == "\ufeff" and not doc.continues_before:
            continue  # a BOM at the start belongs to the file, not the prose (a later part's start is no file's)
        issues.append(Issue("ENC004", position, position + 1, f"{ZERO_WIDTH.message}: U+{ord(char):04X}", "", SAFE))
    return issues


def find_soft_hyphens(doc):
    position = doc.masked.find("\u00ad")
    while position != -1:
        yield Issue("ENC005", position, position + 1, SOFT_HYPHEN.message, "", UNSAFE)
        position = doc.masked.find("\u00ad", position + 1)


def checkers(config):
    kinds = TextMemo(character_kinds, b"")  # one look at each text for ENC001 and ENC003
    return [FunctionChecker((MOJIBAKE,), functools.partial(find_mojibake, kinds=kinds)),
            FunctionChecker((ENTITY,), find_entities),
            FunctionChecker((CONTROL,), functools.partial(find_controls, kinds=kinds), forget=kinds.forget),
            FunctionChecker((ZERO_WIDTH,), find_zero_width),
            FunctionChecker((SOFT_HYPHEN,), find_soft_hyphens)]
