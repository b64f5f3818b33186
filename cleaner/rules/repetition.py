"""REP: repetition left by machine translation: stutters, loops, doubled sentences and paragraphs.

Neural MT repeats itself in a few recognisable ways: a word twice ("the the"), a word or a
short phrase looping ("Bern, Bern, Bern, Bern"), a whole sentence or paragraph twice in a
row. Only the unambiguous case is fixed by default (a doubled article, preposition or
conjunction on one line, and a long paragraph repeated verbatim); everything else has an
opt-in fix or is reported, because English doubles words on purpose ("had had",
"what it is is", "Bora Bora", "no, no").

>>> from cleaner import clean
>>> clean("He went to to the the market.").text
'He went to the market.'
>>> [f.rule for f in clean("She visited the University of Bern, Bern, Bern, Bern.").findings]
['REP003']
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from functools import lru_cache

import regex

from ..document import MASK
from ..edits import Issue
from ..wordspans import chunk_spans
from .base import PATTERN_TIMEOUT, SAFE, UNSAFE, FunctionChecker, doc
from .breaks import looks_english, paragraph_at, read_data

STUTTER = doc(
    "REP001", "function-word-stutter", "Doubled function word",
    what="Removes the second copy of a doubled article, preposition or conjunction on one line: "
         "`the the`, `a a`, `an an`, `of of`, `to to`, `and and`, `or or`.",
    why="A doubled function word is the most common stutter of MT output and of hasty editing; "
        "it is never intended in English prose.",
    bad="They went to to the the market.", good="They went to the market.",
    applicability=SAFE,
    safety="Safe: only these seven words, only lowercase copies on one line, not inside quotes "
           "(`the word \"the the\"`), and only in English paragraphs.",
)
REPEATED_WORD = doc(
    "REP002", "repeated-word", "Repeated word",
    what="Reports any other word written twice in a row (`status status`, `was was`, `in in`) and "
         "offers to drop the copy.",
    why="Most doubled words are stutters, but English also doubles words on purpose, so a reader "
        "has to look.",
    bad="Competition for status status drives change.", good="Competition for status drives change.",
    applicability=UNSAFE,
    safety="Unsafe: `log in in the corner` and `what it was was` are correct. Never reported: "
           "`had had`, `that that`, `do do`, a copula after a wh-clause (`what it is is`), capitalized "
           "doubles that are names (`Tian Tian`, `Bora Bora`, `Walla Walla`, `Duran Duran`), "
           "reduplications and interjections (`bye bye`, `very very`, `no no`, `ha ha`), words listed "
           "in `accept`, and paragraphs that are not English.",
)
LOOP = doc(
    "REP003", "repetition-loop", "Repetition loop",
    what="Reports a word repeated four times or more with commas (`Bern, Bern, Bern, Bern`), or a "
         "phrase of two to four words repeated three times or more in a row, and offers to keep only "
         "the first occurrence.",
    why="Oscillatory hallucination: the decoder got stuck and the loop usually replaced real content.",
    bad="She studied at the University of Bern, Bern, Bern, Bern.",
    good="She studied at the University of Bern.",
    applicability=UNSAFE,
    safety="Unsafe: chants, lyrics and refrains repeat on purpose, and collapsing the loop does not "
           "bring back what it replaced. Interjections (`no, no, no, no`) are not reported.",
)
REPEATED_SENTENCE = doc(
    "REP004", "repeated-sentence", "Sentence repeated back to back",
    what="Reports a sentence of four words or more that is immediately repeated on the same line and "
         "offers to drop the copy.",
    why="MT systems and segment-merging pipelines emit the same sentence twice.",
    bad="The bridge was destroyed on Friday. The bridge was destroyed on Friday. Nobody was hurt.",
    good="The bridge was destroyed on Friday. Nobody was hurt.",
    applicability=UNSAFE,
    safety="Unsafe: speeches and lyrics repeat a sentence for effect.",
)
REPEATED_PARAGRAPH = doc(
    "REP005", "repeated-paragraph", "Paragraph repeated back to back",
    what="Removes the second copy of a paragraph of 100 characters or more that is repeated verbatim "
         "right after itself.",
    why="Extraction and MT pipelines duplicate segments; a long paragraph twice in a row is never "
        "meant.",
    bad="The call, initiated by Austin, marked the highest-level US contact with a Russian official "
        "since the war began.\n\nThe call, initiated by Austin, marked the highest-level US contact with "
        "a Russian official since the war began.\n\nNobody expected it.",
    good="The call, initiated by Austin, marked the highest-level US contact with a Russian official "
         "since the war began.\n\nNobody expected it.",
    applicability=SAFE,
    safety="Safe: only identical prose paragraphs (not list items, code or tables) of 100 characters "
           "and ten words or more; refrains, captions and repeated headers are shorter and are left alone.",
)
DOCS = (STUTTER, REPEATED_WORD, LOOP, REPEATED_SENTENCE, REPEATED_PARAGRAPH)

WORD = r"\p{L}[\p{L}\p{M}'’]*"
EDGE_BEFORE = r"(?<![\p{L}\p{M}\p{N}'’\-_.@/])"  # a masked list or heading marker may precede
EDGE_AFTER = r"(?![\p{L}\p{M}\p{N}'’\-_\ufffc])"
DOUBLED = regex.compile(EDGE_BEFORE + r"(" + WORD + r")(?:(?:[ \t]+|[ \t]*\n[ \t]*)\1" + EDGE_AFTER + r")+",
                        regex.IGNORECASE)
TOKENS = regex.compile(WORD)
PURE_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
LOOP_WORD = regex.compile(r"(\p{L}[\p{L}\p{M}'’]*)([,;]?)")
FIRST_WORD = regex.compile(r"(\p{L}[\p{L}\p{M}'’]*)[,;]?$")
EDGE_PUNCT = ".,;:!?\"“”‘’'()[]{}«»…"
SENTENCE = regex.compile(r"[\p{Lu}\p{N}\"“‘(][^.!?\n]*[.!?]+[\"”’)]*")
SENTENCE_START = regex.compile(r"(?:^|[.!?:][\"”’)]*[ \t]+|\n)[\"“‘(]*$")
QUOTES = "\"'“”‘’`«»"


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset:
    return frozenset(read_data("repetition.toml")["words"][name])


# Long documents are tokenized a chunk of about this many characters at a time (chunks end at
# whitespace, so their tokens are the document's): only per-token bytes are kept for the whole
# document, never a list of its words.
CHUNK_CHARS = 1 << 15
FEW_ASKS = 8  # token offsets asked in one chunk before all of them are placed at once
SEPARATOR = re.compile(r"[\s\ufffc]")  # where a chunk may end: whitespace or a protected character
SENTENCE_END = re.compile(r"[.!?]")


class Words:
    """The whitespace-separated tokens of a text, compared without case and edge punctuation.

    Splitting on whitespace is done in C, so repetition is found by comparing lists instead of
    running a backreference pattern at every position; the comparisons are kept as bytes, and
    the tokens themselves (``key``, ``raw``, ``start``) are made again, one chunk of the text
    at a time, only where a candidate exists.

    >>> words = Words("Bern, Bern; bern.")
    >>> words_of(words.text) is words_of(words.text)
    True
    >>> words.keys(0, 3), words.start(2), words.raw(2)
    (['bern', 'bern', 'bern'], 12, 'bern.')
    """

    def __init__(self, text: str, chunk_chars: int | None = None):
        self.text = text
        chunk_chars = chunk_chars or CHUNK_CHARS
        self._chunk: list = [None, None, None, None, None, None]  # the last chunk made (see ``made``)
        if 0 < len(text) <= chunk_chars:  # most documents: one chunk, compared as below with no tail
            self.bounds, self.firsts = [(0, len(text))], [0]
            keys = self.chunk_keys(0)
            self.count = len(keys)
            self._same: dict[int, bytes] = {1: bytes(map(operator.eq, keys, itertools.islice(keys, 1, None)))}
            return
        self.bounds = list(chunk_spans(text, chunk_chars, SEPARATOR))  # character span of each chunk
        self.firsts: list[int] = []  # index of the first token of each chunk
        # A long document makes every comparison REP003 may need in the same pass (making its
        # tokens again costs more); a short one keeps its keys and compares when asked.
        periods = (1, 2, 3, 4) if len(self.bounds) > 1 else (1,)
        count, parts, tail = 0, {period: [] for period in periods}, []
        for index in range(len(self.bounds)):
            self.firsts.append(count)
            keys = self.chunk_keys(index)
            extended = tail + keys if tail else keys
            for period in periods:  # the comparisons from the last ``period`` tokens before this chunk on
                skip = max(len(tail) - period, 0)
                pairs = extended[skip:] if skip else extended
                parts[period].append(bytes(map(operator.eq, pairs, itertools.islice(pairs, period, None))))
            count += len(keys)
            tail = extended[-periods[-1]:]
        self.count = count
        self._same = {period: b"".join(part) for period, part in parts.items()}

    def plain(self, index: int) -> str:
        """The text of chunk ``index``; protected characters separate words like spaces
        ("- the the" has a masked list marker)."""
        start, end = self.bounds[index]
        text = self.text[start:end]
        return text.replace(MASK, " ") if MASK in text else text

    def chunk_keys(self, index: int) -> list[str]:
        """The keys (lowercase, edge punctuation stripped) of the tokens of chunk ``index``."""
        made = self.made(index)
        if made[1] is None:
            made[5] = self.plain(index).lower().split()
            made[1] = list(map(str.strip, made[5], itertools.repeat(EDGE_PUNCT)))
        return made[1]

    def made(self, index: int) -> list:
        """What is known of chunk ``index``: [index, keys, raw tokens, token offsets (or how many were
        asked), text, lowercased tokens] (one chunk is kept)."""
        if self._chunk[0] != index:
            self._chunk = [index, None, None, None, None, None]
        return self._chunk

    def locate(self, index: int) -> tuple[int, int]:
        """The chunk of token ``index`` and the token's index inside it."""
        chunk = bisect.bisect_right(self.firsts, index) - 1
        if index < 0 or chunk < 0 or index >= self.count:
            raise IndexError(index)
        return chunk, index - self.firsts[chunk]

    def key(self, index: int) -> str:
        """Token ``index`` lowercased without edge punctuation (a token lowercases alone as in its text:
        whitespace stops the context of a final sigma)."""
        chunk, inner = self.locate(index)
        keys = self.made(chunk)[1]
        return keys[inner] if keys is not None else self.raw(index).lower().strip(EDGE_PUNCT)

    def keys(self, first: int, end: int) -> list[str]:
        """The keys of tokens ``first`` up to ``end`` (exclusive)."""
        return [self.key(index) for index in range(first, min(end, self.count))]

    def is_word(self, index: int) -> bool:
        """Token ``index`` is a plain word (PURE_WORD): told from its lowercase form when the chunk's
        keys are made (lowercasing keeps every character's class for the pattern, checked by a
        test), so the chunk is not split again for its tokens as written."""
        chunk, inner = self.locate(index)
        lowered = self.made(chunk)[5]
        return PURE_WORD.fullmatch(lowered[inner] if lowered is not None else self.raw(index)) is not None

    def raw(self, index: int) -> str:
        """Token ``index`` as written."""
        chunk, inner = self.locate(index)
        made = self.made(chunk)
        if made[2] is None:
            if made[4] is None:
                made[4] = self.plain(chunk)
            made[2] = made[4].split()
        return made[2][inner]

    def start(self, index: int) -> int:
        """The offset of token ``index`` in the text.

        The first few asks in a chunk split off the tokens before it; after that the chunk's
        token offsets are placed once with ``str.find`` (a chunk full of stutters asks for
        every token, and splitting each time would cost the square of the chunk's length).
        """
        chunk, inner = self.locate(index)
        made = self.made(chunk)
        if made[4] is None:
            made[4] = self.plain(chunk)
        plain = made[4]
        offsets = made[3]
        if isinstance(offsets, list):
            return offsets[inner]
        asked = (offsets or 0) + 1
        if asked <= FEW_ASKS:
            made[3] = asked
            return self.bounds[chunk][1] - len(plain.split(None, inner)[-1])
        if made[2] is None:
            made[2] = plain.split()
        made[3] = offsets = []
        position, base = 0, self.bounds[chunk][0]
        for token in made[2]:
            position = plain.find(token, position)
            offsets.append(base + position)
            position += len(token)
        return offsets[inner]

    def same(self, period: int) -> bytes:
        """Byte ``i`` is 1 when token ``i`` equals token ``i + period``."""
        if period not in self._same:
            parts, tail = [], []
            for index in range(len(self.bounds)):
                extended = tail + self.chunk_keys(index)
                parts.append(bytes(map(operator.eq, extended, extended[period:])))
                tail = extended[-period:]
            self._same[period] = b"".join(parts)
        return self._same[period]

    def may_run(self, period: int, minimum: int) -> bool:
        """False when no run of ``minimum`` (at least ``2 * period``) comparisons can exist.

        Such a run covers, for every remainder, two neighbouring offsets with that remainder
        modulo ``period``, so comparing the tokens one remainder at a time (a ``period``-th of the
        work each, most documents stop at the first) finds every document that may have one.
        A document of several chunks has its comparisons made already.

        >>> Words("a b a b a b").may_run(2, 4), Words("a b c b a b").may_run(2, 4)
        (True, False)
        """
        assert minimum >= 2 * period
        if len(self.bounds) > 1:
            return self.same(period).find(b"\x01" * minimum) >= 0
        keys = self.chunk_keys(0) if self.bounds else []
        for remainder in range(period):
            sample = keys[remainder::period]
            if b"\x01\x01" not in bytes(map(operator.eq, sample, itertools.islice(sample, 1, None))):
                return False
        return True

    def runs(self, period: int, minimum: int):
        """``(first, last)`` token ranges that repeat with ``period`` tokens, ``minimum`` comparisons long."""
        same = self.same(period)
        if same.find(b"\x01" * minimum) >= 0:  # most texts have none: no pattern is looked up
            for match in re.finditer(b"\x01{%d,}" % minimum, same):
                yield match.start(), match.end() - 1 + period


_LAST: list = [None]


def shared(slot: list, make, text: str):
    """``make(text)``, kept in ``slot`` for the checkers that look at the same text after this one."""
    made = slot[0]
    if made is None or made.text is not text:
        made = slot[0] = make(text)
    return made


def words_of(text: str) -> Words:
    """The :class:`Words` of ``text``, shared by the checkers that look at the same text."""
    return shared(_LAST, Words, text)


APOSTROPHES = "'’"  # inside a plain word (PURE_WORD); stripped from the ends of a key like any EDGE_PUNCT mark
STOPS = ".!?"  # made a token "." by screen_bytes; "," and ";" a vertical tab (a space); other marks deleted
# The characters str.split() breaks at (str.isspace), checked by a test.
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009" \
         "\u200a\u2028\u2029\u202f\u205f\u3000"
# The ASCII part of screen_bytes in one bytes.translate: letters lowercased, the spaces bytes.split()
# does not break at as spaces, "," and ";" as a vertical tab, STOPS as "." (SCREEN_DELETED are deleted).
SCREEN_TABLE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\x1c\x1d\x1e\x1f,;!?",
                               b"abcdefghijklmnopqrstuvwxyz    \x0b\x0b..")
SCREEN_DELETED = "".join(char for char in EDGE_PUNCT if char.isascii() and char not in STOPS + ",;").encode()
# Characters outside ASCII and what screen_bytes makes of them, when the text holds them.
SCREEN_WIDE = {MASK: b" ", **{char: b" " for char in SPACES if not char.isascii()},
               **{char: b"" for char in EDGE_PUNCT if not char.isascii()}}
ASCII_BYTES = bytes(range(128))
RUN = re.compile(b"\x01\x01+")  # a token written three times or more in a row (its neighbours' comparisons)
SHORT = 64  # tokens: a text this short is first asked whether it repeats tokens enough for a run


def screen_bytes(piece: str) -> bytes:
    """``piece`` as the :class:`Screen` reads it, made in C: lowercased, "," and ";" as a vertical
    tab, every run of STOPS a token "." (a space before it), other EDGE_PUNCT marks (apostrophes
    too) deleted, the other spaces ``str.split`` breaks at made ASCII spaces; ``split()`` gives
    its tokens.

    - A doubled word REP001/REP002 report (``the the.``) is a plain word (letters, marks,
      apostrophes) then, after spaces or tabs and at most one line break, the same word in any
      case before EDGE_PUNCT marks that are not apostrophes: here, both are the same word
      between spaces (``Smith. Smith`` gives ``smith .`` and ``smith``).
    - The words of a REP003 loop are plain words followed by "," or ";" at most, except the
      first (marks may come before it) and the last (marks may follow it): from the second on,
      each gives one token here, and words with the same key (``Words.key``) the same token.

    Whether a mark is deleted or made a token only changes which other documents go through
    (deleting a mark inside a token joins its two parts: a token may hold any of them).
    Lowercasing is done on the bytes, for ASCII letters, when no other character of the text
    changes in lowercase (most documents: ``str.lower`` reads every character through the
    Unicode tables), else on the text first, as ``Words`` does (a capital sigma lowercases by
    its context).

    >>> screen_bytes("“Bern,” (bern) Don’t; x\\ufffcy\\xa0z... the The. Smith? SMITH ΣΑΣ").split()
    [b'bern', b'bern', b'dont', b'x', b'y', b'z', b'..', b'.', b'the', b'the', b'.', b'smith', b'.', b'smith', b'\\xcf\\x83\\xce\\xb1\\xcf\\x82']
    >>> screen_bytes("very, very; so")
    b'very\\x0b very\\x0b so'
    """
    data = piece.encode("utf-8", "surrogatepass")
    wide = set() if piece.isascii() else set(data.translate(None, ASCII_BYTES).decode("utf-8", "surrogatepass"))
    if wide and any(char.lower() != char for char in wide):
        data = piece.lower().encode("utf-8", "surrogatepass")
    data = data.translate(SCREEN_TABLE, SCREEN_DELETED)
    for char in wide:
        if char in SCREEN_WIDE:
            data = data.replace(char.encode("utf-8"), SCREEN_WIDE[char])
    # "..." and "?!": fewer marks next to an equal one. (A text without a mark is returned as
    # it is by bytes.replace; ``b"." in data`` would cost more: bytes ask first for an int.)
    return data.replace(b".", b" .").replace(b". .", b"..")


def is_doubled_in(data: bytes, word: bytes) -> bool:
    """True when ``word`` stands twice in ``data`` (:func:`screen_bytes`) as a doubled word REP001
    and REP002 report it: between spaces, separated by spaces, tabs and at most one line break
    (DOUBLED), not by a comma.

    >>> is_doubled_in(b"so very\\x0b very. the\\nthe", b"very"), is_doubled_in(b"xthe the the .", b"the")
    (False, True)
    """
    pattern = re.compile(re.escape(word) + rb"[ \t]*\n?[ \t]*" + re.escape(word) + rb"(?![^\s])")
    match = pattern.search(data)  # the word first: the search looks for it as a literal
    while match is not None:
        if match.start() == 0 or data[match.start() - 1:match.start()].isspace():
            return True
        match = pattern.search(data, match.start() + 1)
    return False


TOKEN = re.compile(r"[^\s\ufffc]+")  # a token of Words: \s is what str.split() breaks at (a test checks)
NEXT_TOKEN = re.compile(r"[\s\ufffc]*([^\s\ufffc]+)")
DOUBLED_SPACES = re.compile(r"[ \t]*\n?[ \t]*")  # what may stand between the two copies DOUBLED matches


def doubled_starts(text: str, words: list[bytes]) -> list[int] | None:
    """The offsets of the tokens of ``text`` (``Words``: split at whitespace and protected
    characters) that are a PURE_WORD followed by a space, tab or line break and by a token with
    the same key, among the tokens whose screen token is one of ``words`` (:attr:`Screen.words`);
    None when a word is not in ASCII or a character lowercases into two.

    DOUBLED matches only at such a token, and its screen token is then one of ``words``, written
    twice in the lowercased text without apostrophes (the screen deletes them) with only DOUBLED's
    spaces between: the tokens are found there with ``str.find`` instead of making the document's
    ``Words``. A token lowercases alone as in its text (whitespace stops the context of a final sigma).

    >>> doubled_starts("He said that that was the The end. Don’t don’t.", [b"dont", b"that", b"the"])
    [8, 22, 35]
    """
    if not all(map(bytes.isascii, words)):
        return None
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    plain = lowered.replace("'", "").replace("’", "")
    starts = set()
    for word in words:
        word = word.decode()
        found = plain.find(word)
        while found >= 0:
            at, found = found, plain.find(word, found + 1)
            after = at + len(word)
            if (plain[after:after + 1] not in (" ", "\t", "\n")
                    or at and not (plain[at - 1].isspace() or plain[at - 1] == MASK)
                    or not plain.startswith(word, DOUBLED_SPACES.match(plain, after).end())):
                continue  # not a word written twice (most finds of a short word)
            start = at  # the offset in the text: ``at`` plus the apostrophes before it, counted in C
            while (moved := at + text.count("'", 0, start) + text.count("’", 0, start)) != start:
                start = moved
            if start and not (text[start - 1].isspace() or text[start - 1] == MASK):
                continue  # an apostrophe before the word ("’the")
            token = TOKEN.match(text, start).group()
            end = start + len(token)
            if end == len(text) or text[end] not in " \t\n":
                continue
            token = token.lower()
            key = token.strip(EDGE_PUNCT)
            if not key or PURE_WORD.fullmatch(token) is None:
                continue
            following = NEXT_TOKEN.match(text, end)
            if following is not None and following.group(1).lower().strip(EDGE_PUNCT) == key:
                starts.add(start)
    return sorted(starts)


def neighbours(tokens: list[bytes]) -> bytes:
    """Byte ``i`` is 1 when token ``i`` equals token ``i + 1``; empty when no token does (most
    texts: the comparisons are not kept).

    >>> neighbours([b"a", b"b", b"b"]), neighbours([b"a", b"b"])
    (b'\\x00\\x01', b'')
    """
    following = tokens[1:]  # a copy of the list costs less than islice's steps
    if not any(map(operator.eq, tokens, following)):
        return b""
    return bytes(map(operator.eq, tokens, following))


def doubled_words(tokens: list[bytes], same: bytes) -> set[bytes]:
    """The tokens that are a PURE_WORD followed by themselves (``same``: their :func:`neighbours`).

    >>> sorted(doubled_words([b"0", b"0", b".", b"the", b"the"], b"\\x01\\x00\\x00\\x01"))
    [b'the']
    """
    return {token for token in (tokens[match.start()] for match in re.finditer(b"\x01", same))
            if PURE_WORD.fullmatch(token.decode("utf-8", "surrogatepass"))}


def has_run(tokens: list[bytes], period: int, length: int) -> bool:
    """True when ``tokens`` repeat with ``period`` for ``length`` (3 or more) comparisons in a row.

    Every such run holds exactly one comparison at an index that is a multiple of ``length``, so
    those comparisons (a ``length``-th of them) are made first, in C; only around one that holds
    is a run looked for.

    >>> has_run("x a b a b a b".split(), 2, 4), has_run("a b a b x a b".split(), 2, 4)
    (True, False)
    >>> has_run("a b a b a".split(), 2, 3), has_run("a b a b a".split(), 2, 4), has_run("x a b a b a".split(), 2, 3)
    (True, False, True)
    """
    if len(tokens) < length + period:
        return False
    hits = bytes(map(operator.eq, tokens[::length], tokens[period::length]))
    position, last = hits.find(1), len(tokens) - period - 1
    while position >= 0:
        center = position * length
        # A run of three comparisons or more through ``center`` holds one next to it (most hits have none).
        if (center < last and tokens[center + 1] == tokens[center + 1 + period]
                or center > 0 and tokens[center - 1] == tokens[center - 1 + period]):
            low = max(center - length + 1, 0)
            window = bytes(map(operator.eq, tokens[low:center + length], tokens[low + period:center + length + period]))
            if window.find(b"\x01" * length) >= 0:
                return True
        position = hits.find(1, position + 1)
    return False


class Screen:
    """What repetition a text may hold, told from its screen tokens (:func:`screen_bytes`) in C.

    The checkers make their :class:`Words` only when the screen lets a document through; most
    documents have no word written twice in a row and no loop, and are read once, in C.

    - ``words``: the screen tokens that are a PURE_WORD followed by themselves and that also stand
      so in the screen bytes without a comma between (:func:`is_doubled_in`), sorted: every word
      DOUBLED matches at a token REP001 and REP002 look at is one (:func:`doubled_starts` finds
      those tokens with them). ``doubled``: there is one.
    - ``periods``: the periods ``p`` at which REP003 may find a loop: a loop repeats for ``2 * p``
      comparisons from its first word (3 for one word), so for at least ``2 * p - 1`` (2) from
      its second: ``p`` is kept when the screen tokens repeat so. The words of a loop after its
      first are plain words (with a comma or semicolon), so a loop of one word repeats a screen
      token that is a PURE_WORD (not "0 0 0" in a table).

    A text longer than a chunk (CHUNK_CHARS) is let through unread: it nearly always holds a
    doubled word or a run somewhere, and ``Words`` reads it a chunk at a time anyway.

    >>> [Screen(text).doubled for text in ("Go to to the market.", "Smith. Smith is here.", "Very, very old.")]
    [True, False, False]
    >>> sorted(Screen("on and on and on and on, a b c a b c a b c, Bern, Bern, Bern").periods)
    [1, 2, 3]
    """

    def __init__(self, text: str):
        self.text = text
        if len(text) > CHUNK_CHARS:
            self.doubled, self.words, self.periods = True, None, {1, 2, 3, 4}
            return
        data = screen_bytes(text)
        tokens = data.split()
        # A doubled word and the 2 * p - 1 comparisons of a run repeat tokens: a short text (one
        # MT segment) with too few repeated tokens has neither, told by one set.
        repeated = len(tokens) - len(set(tokens)) if len(tokens) <= SHORT else len(tokens)
        same = neighbours(tokens) if repeated else b""
        self.words = sorted(word for word in doubled_words(tokens, same) if is_doubled_in(data, word)) if same else []
        self.doubled = bool(self.words)
        self.periods = {1} if same.find(b"\x01\x01") >= 0 and any(  # (``in`` asks bytes for an int first)
            PURE_WORD.fullmatch(tokens[run.start()].decode("utf-8", "surrogatepass")) for run in RUN.finditer(same)) else set()
        for period in (2, 3, 4):
            if repeated >= 2 * period - 1 and has_run(tokens, period, 2 * period - 1):
                self.periods.add(period)


_SCREEN: list = [None]


def screen_of(text: str) -> Screen:
    """The :class:`Screen` of ``text``, shared by the checkers that look at the same text."""
    return shared(_SCREEN, Screen, text)


def is_sentence_start(text: str, position: int) -> bool:
    return bool(SENTENCE_START.search(text, max(0, position - 8), position))


def after_clause(text: str, position: int) -> bool:
    """True when a wh-clause subject ends at ``position``: "what it | is is", "where a country | is is"."""
    line_start = text.rfind("\n", 0, position) + 1
    words = [w.lower() for w in TOKENS.findall(text, max(line_start, position - 80), position)][-7:]
    openers = word_list("clause_openers")
    return any(word in openers for word in words[:-1])


def is_coordination(unit: list[str]) -> bool:
    """A two-word unit opened by a linking word: the idioms "on and on and on", "day after day after day".

    >>> is_coordination(["and", "on"]), is_coordination(["bern", "university"])
    (True, False)
    """
    return len(unit) == 2 and unit[0] in word_list("linking")


def loop_span(words: Words, first: int, last: int, period: int):
    """Offsets to delete for the loop on tokens ``first..last`` (all but the first occurrence), or None.

    Every token of the loop must be a plain word, optionally followed by a comma or semicolon
    (the last one may end the sentence), and the loop must stay on one line.
    """
    text = words.text
    ends = {}  # token index -> offset where its word ends
    for index in range(first, last + 1):
        raw = words.raw(index)
        if index == first:  # may open with a quote or bracket, must end like the others
            match = FIRST_WORD.search(raw)
        else:
            match = LOOP_WORD.fullmatch(raw) if index < last else LOOP_WORD.match(raw)
        if match is None:
            return None
        ends[index] = words.start(index) + match.end(1)
    occurrences = (last - first + 1) // period
    if occurrences < (4 if period == 1 else 3):
        return None
    start, end = ends[first + period - 1], ends[first + occurrences * period - 1]
    if "\n" in text[start:end]:
        return None
    if period == 1 and not regex.search(r"[,;]", text[start:end]):
        return None  # plain "the the the the" is a stutter (REP001/REP002)
    return start, end


def may_repeat_sentence(text: str, chunk_chars: int | None = None) -> bool:
    """False when no SENTENCE can be followed by itself on the same line (most documents).

    >>> may_repeat_sentence("It was late. It was late. Then it rained."), may_repeat_sentence("It was late. Then.")
    (True, False)
    """
    return next(iter(repeat_ends(text, chunk_chars)), None) is not None


TAIL = operator.itemgetter(slice(-6, None))  # the end a sentence and its repeat share (four words: six characters)


def repeat_ends(text: str, chunk_chars: int | None = None):
    """Offsets where a sentence repeated right after itself may end (a superset; in order).

    A sentence ``A.`` repeated as ``A. A.`` makes two neighbouring pieces between sentence-end
    runs that both end with ``A``: the second is ``A`` after closing quotes and spaces, and it
    ends where the repeat's end marks start. ``A`` holds four words (three spaces), so it is at
    least six characters long. A long text is compared a chunk at a time (chunks end after a
    sentence end; the last piece of one chunk is compared with the first of the next); a text
    of one chunk (most) gets a list, without a generator's bookkeeping.

    >>> list(repeat_ends("It was late. It was late. Then it rained."))
    [24]
    """
    chunk_chars = chunk_chars or CHUNK_CHARS
    if len(text) <= chunk_chars:
        return chunk_repeat_ends(text, 0, len(text), [], [], carry=False)[0]
    return chunked_repeat_ends(text, chunk_chars)


def chunked_repeat_ends(text: str, chunk_chars: int):
    """:func:`repeat_ends` of a text longer than a chunk, a chunk at a time."""
    carried: list[str] = []  # the last piece of the chunk before, and where it ends
    carried_end: list[int] = []
    start = 0
    while start < len(text):
        mark = SENTENCE_END.search(text, start + chunk_chars) if len(text) - start > chunk_chars else None
        end = mark.end() if mark else len(text)
        found, carried, carried_end = chunk_repeat_ends(text, start, end, carried, carried_end)
        yield from found
        start = end


def chunk_repeat_ends(text: str, start: int, end: int, carried: list[str], carried_end: list[int],
                      carry: bool = True) -> tuple[list[int], list[str], list[int]]:
    """:func:`repeat_ends` in ``text[start:end]`` after the last piece of the chunk before
    (``carried``, ending at ``carried_end``), with this chunk's last piece and its end (when
    ``carry``) for the next one."""
    # str.split is much faster than a pattern; empty pieces (from "..." or "?!") are dropped
    split = text[start:end].replace("!", ".").replace("?", ".").split(".")
    pieces = carried + list(filter(None, split))
    tails = list(map(TAIL, pieces))
    pairs = bytes(map(operator.eq, tails, itertools.islice(tails, 1, None)))
    found: list[int] = []
    pairs_alike = []
    if 1 in pairs:  # most texts have no two neighbours with the same end; the few that do are compared whole
        pairs_alike = [index for index in (match.start() for match in re.finditer(b"\x01", pairs))
                       if pieces[index].endswith(pieces[index + 1].lstrip(" \t\"”’)"))]
    if pairs_alike:  # where each piece ends: the offset of the mark after it (pieces are split at one mark each)
        ends = carried_end + list(itertools.compress(
            map(operator.add, itertools.accumulate(map(len, split)), itertools.count(start)), split))
        found = [ends[index + 1] for index in pairs_alike]
        carried_end = ends[-1:]
    elif carry:  # only the end of the last piece is needed: marks (empty pieces) follow it
        last = next((index for index in range(len(split) - 1, -1, -1) if split[index]), None)
        if last is not None:
            carried_end = [end - (len(split) - 1 - last)]
    return found, pieces[-1:], carried_end


def make_finders(config, screened: bool = True):
    """The REP finders for one configuration (accepted words and phrases are never reported).

    ``screened=False`` makes every document go through the full scans (the tests compare both).
    """
    accepted = frozenset(word.lower() for word in getattr(config, "accept", ()) or ())

    def english_at(text, position, cache):
        bounds = paragraph_at(text, position)
        if bounds not in cache:
            cache[bounds] = looks_english(text[bounds[0]:bounds[1]])
        return cache[bounds]

    def find_doubled(doc):
        text = doc.masked
        starts = None
        if screened:
            screen = screen_of(text)
            if not screen.doubled:
                return  # no word is followed by its twin (most documents)
            if screen.words is not None:
                starts = doubled_starts(text, screen.words)
        if starts is None:  # a long text or a word outside ASCII: the document's Words
            words = words_of(text)
            same = words.same(1)
            if 1 not in same:
                return  # no token is followed by its twin (most documents)
            candidates = [i for i in (m.start() for m in re.finditer(b"\x01", same))
                          if words.key(i) and words.is_word(i)]
            starts = map(words.start, candidates)
        cache: dict = {}
        safe_words = word_list("safe_stutter")
        grammatical = word_list("grammatical_doubles")
        copulas = word_list("copulas")
        reduplications = word_list("reduplications")
        covered = -1
        for position in starts:
            if position < covered:
                continue
            # Anchored at one token and linear (a word, then copies of it): no timeout, which
            # would cost wall time on every call (the regex module then yields the processor).
            match = DOUBLED.match(text, position)
            if match is None:
                continue
            covered = match.end()
            first = match.group(1)
            lower = first.lower()
            copies = TOKENS.findall(match.group())[1:]
            if any(copy[0].isupper() for copy in copies):
                continue  # Tian Tian, Bora Bora, Walla Walla
            if first[0].isupper() and not is_sentence_start(text, match.start()):
                continue  # "vitamin A a day", a name followed by its lowercase twin
            if lower in grammatical or lower in reduplications or lower in accepted:
                continue
            if f"{lower} {lower}" in accepted or not english_at(text, match.start(), cache):
                continue
            if lower in copulas and after_clause(text, match.start()):
                continue
            quoted = (match.start() > 0 and text[match.start() - 1] in QUOTES
                      and match.end() < len(text) and text[match.end()] in QUOTES)
            if quoted:
                continue  # the word "the the" quoted as an example
            one_line = "\n" not in match.group()
            if lower in safe_words and one_line:
                yield Issue("REP001", match.end(1), match.end(), STUTTER.message, "", SAFE)
            else:
                yield Issue("REP002", match.end(1), match.end(), REPEATED_WORD.message, "", UNSAFE)

    def find_loops(doc):
        text = doc.masked
        screen = screen_of(text) if screened else None
        if screen is not None and not screen.periods:
            if _SCREEN[0] is screen:
                _SCREEN[0] = None  # (see below)
            return  # no run of repeated tokens (most documents)
        words = None
        cache: dict = {}
        reduplications = word_list("reduplications")
        taken_until = -1
        for period in (1, 2, 3, 4):
            if screen is not None and period not in screen.periods:
                continue
            if words is None:
                words = words_of(text)
            minimum = 3 if period == 1 else 2 * period
            if words.count < minimum + period:
                break  # too few tokens for a run at this period or a longer one
            if period > 1 and not words.may_run(period, minimum):
                continue
            for first, last in words.runs(period, minimum):
                unit = words.keys(first, first + period)
                if not all(unit) or len(set(unit)) < min(period, 2) or (period > 1 and len(set(unit)) == 1):
                    continue
                if set(unit) <= reduplications or is_coordination(unit) or " ".join(unit) in accepted:
                    continue
                span = loop_span(words, first, last, period)
                if span is None or span[0] < taken_until or not english_at(text, span[0], cache):
                    continue
                taken_until = span[1]
                yield Issue("REP003", span[0], span[1], LOOP.message, "", UNSAFE)
        # REP003 is the last checker to read the words: freeing them now, while they are in the CPU
        # caches, costs less than a document later (when the next document's words replace them).
        if words is not None and _LAST[0] is words:
            _LAST[0] = None
        if screen is not None and _SCREEN[0] is screen:
            _SCREEN[0] = None

    def find_repeated_sentences(doc):
        text = doc.masked
        first_end = SENTENCE_END.search(text)
        if first_end is None or SENTENCE_END.search(text, first_end.end()) is None:
            return  # a sentence and its repeat end with a mark each (a text of one sentence, as often in MT)
        # A sentence and its repeat are on one line (a SENTENCE holds no line break, and only
        # spaces may separate the two), so only the lines where a repeat may end are scanned.
        ends = repeat_ends(text)
        if not ends:
            return  # no two neighbouring pieces end alike (most texts of one chunk)
        lines = sorted({(text.rfind("\n", 0, end) + 1, text.find("\n", end)) for end in ends})
        for line_start, line_end in lines:
            previous = None
            line_end = len(text) if line_end < 0 else line_end
            for match in SENTENCE.finditer(text, line_start, line_end, timeout=PATTERN_TIMEOUT):
                if previous is not None and match.group() == previous.group():
                    gap = text[previous.end():match.start()]
                    if gap and not gap.strip(" \t") and len(match.group().split()) >= 4:
                        yield Issue("REP004", previous.end(), match.end(), REPEATED_SENTENCE.message, "", UNSAFE)
                previous = match

    def find_repeated_paragraphs(doc):
        if len(doc.blocks) < 2:
            return  # one paragraph (a short text)
        text = doc.text
        blocks = [b for b in doc.blocks if b.kind in ("paragraph", "quote")]
        for first, second in zip(blocks, blocks[1:]):
            if first.end - first.start != second.end - second.start:
                continue  # most neighbours differ in length: no copy of either is made
            body = text[first.start:first.end]
            if body != text[second.start:second.end] or not text[first.end:second.start].strip() == "":
                continue
            if len(body) >= 100 and len(body.split()) >= 10:
                yield Issue("REP005", first.end, second.end, REPEATED_PARAGRAPH.message, "", SAFE)

    return find_doubled, find_loops, find_repeated_sentences, find_repeated_paragraphs


def checkers(config):
    doubled, loops, sentences, paragraphs = make_finders(config)
    return [FunctionChecker((STUTTER, REPEATED_WORD), doubled),
            FunctionChecker((LOOP,), loops),
            FunctionChecker((REPEATED_SENTENCE,), sentences),
            FunctionChecker((REPEATED_PARAGRAPH,), paragraphs)]
