"""Sentence-break and repetition injectors: the damage BRK and REP rules repair or report.

Each injector takes a clean passage and a seeded ``random.Random`` and returns the damaged
text with the ``(start, end, original)`` spans (damaged-text offsets) that a perfect cleaner
restores, or ``None`` when the artifact has no place in the passage (see ``bench/README.md``).
Passages that are not English (the clean sets hold a few German and Indonesian articles) get
``None``: the cleaner checks English prose only and leaves other languages alone on purpose.

>>> import random
>>> inject_break_before_function_word("It was a sign of struggle to save the city.", random.Random(1))
('It was a sign of struggle. to save the city.', [(25, 26, '')])
>>> inject_lost_capital("It rained. The river rose.", random.Random(1))
('It rained. the river rose.', [(11, 12, 'T')])
>>> inject_word_loop("She studied in Bern, then left.", random.Random(1))
('She studied in Bern, Bern, Bern, Bern, then left.', [(19, 37, '')])
"""

from __future__ import annotations

import regex

# A period after these is an abbreviation a cleaner must leave alone, so none is injected there.
ABBREVIATION_LIKE = frozenset("etc vs co st no mr mrs ms dr jr sr inc ltd al cf approx est in min sec".split())
FUNCTION_STUTTERS = ("of", "to", "and", "a", "an", "or")
# Usual sentence openers: lowercasing one of them loses a capital, not a name's capital.
OPENERS = frozenset("The This These That Those There They He She It We His Her Their Its Our In On At "
                    "After Before When While However But And As A An Many Most Some One".split())

WORD_GAP = regex.compile(r"(?<=(?<![\p{L}\p{N}.'’-])\p{Ll}{3,})(?= \p{Ll}{2,}\b(?![.'’-]))")
CONTINUATION_GAP = regex.compile(r"(?<=(?<![\p{L}\p{N}.'’-])\p{Ll}{3,})(?= (?:to|of|than) \p{Ll})")
SENTENCE_START = regex.compile(r"(?<=\p{Ll}{2}[.!?] )(\p{Lu})(\p{Ll}*)\b")
FUNCTION_WORD = regex.compile(r"(?<=(?:^|[ ])(?:of|to|and|a|an|or) )(?=\p{Ll})")
CONTENT_WORD = regex.compile(r"(?<=[ ])\p{Ll}{4,}(?= \p{Ll})")
LOOP_WORD = regex.compile(r"(?<= )(\p{Lu}\p{Ll}{2,}|\p{Ll}{4,})(?=[,.])")
PHRASE = regex.compile(r"(?<= )(\p{Ll}{2,} \p{Ll}{3,} \p{Ll}{3,})(?=[ ,.])")
SENTENCE = regex.compile(r"(?<=^|[.!?] )\p{Lu}[^.!?\n]{20,200}[.!?](?= \p{Lu}|$)", regex.MULTILINE)


ENGLISH = frozenset("the a an and or but of to in on at for with from by is are was were be been has have had "
                    "it its this that he she they we you his her their not as which who will would".split())
LETTERS = regex.compile(r"\p{L}+")


def is_english(text: str) -> bool:
    """At least one word in eight is a common English function word (German or Indonesian prose has few)."""
    words = LETTERS.findall(text.lower())
    return bool(words) and sum(w in ENGLISH for w in words) * 8 >= len(words)


def english_only(inject):
    """``inject`` for English passages; ``None`` for the others."""
    def wrapped(text: str, rng):
        return inject(text, rng) if is_english(text) else None
    wrapped.__name__ = inject.__name__
    wrapped.__doc__ = inject.__doc__
    return wrapped


def pick(pattern, text: str, rng, keep=lambda m: True):
    """A random match of ``pattern`` in ``text`` that ``keep`` accepts, or ``None``."""
    matches = [m for m in pattern.finditer(text) if keep(m)]
    return matches[rng.randrange(len(matches))] if matches else None


def insert(text: str, position: int, piece: str):
    """``text`` with ``piece`` inserted at ``position``, and the span that removes it again."""
    return text[:position] + piece + text[position:], [(position, position + len(piece), "")]


def word_before(text: str, position: int) -> str:
    match = regex.search(r"\p{L}+$", text[max(0, position - 40):position])
    return match.group().lower() if match else ""


def plain_gap(match) -> bool:
    return word_before(match.string, match.start()) not in ABBREVIATION_LIKE


def inject_spurious_break(text: str, rng):
    """``struggle to save`` → ``struggle. to save``: a period between two lowercase words."""
    match = pick(WORD_GAP, text, rng, plain_gap)
    return None if match is None else insert(text, match.start(), ".")


def inject_break_before_function_word(text: str, rng):
    """``struggle to save`` → ``struggle. to save``: a period before ``to``, ``of`` or ``than``."""
    match = pick(CONTINUATION_GAP, text, rng, plain_gap)
    return None if match is None else insert(text, match.start(), ".")


def inject_lost_capital(text: str, rng):
    """``rained. The river`` → ``rained. the river``: a sentence start loses its capital."""
    match = pick(SENTENCE_START, text, rng, lambda m: m.group() in OPENERS)
    if match is None:
        return None
    start = match.start()
    return text[:start] + match.group(1).lower() + text[start + 1:], [(start, start + 1, match.group(1))]


def inject_function_stutter(text: str, rng):
    """``rest of his`` → ``rest of of his``: a doubled preposition, article or conjunction."""
    match = pick(FUNCTION_WORD, text, rng)
    if match is None:
        return None
    word = regex.search(r"(\p{L}+) $", text[:match.start()]).group(1)
    return insert(text, match.start(), word + " ")


def inject_content_stutter(text: str, rng):
    """``for status motivates`` → ``for status status motivates``: a doubled content word."""
    match = pick(CONTENT_WORD, text, rng, lambda m: m.group() not in ("that", "had", "very", "really"))
    return None if match is None else insert(text, match.end(), " " + match.group())


def inject_word_loop(text: str, rng):
    """``in Bern, then`` → ``in Bern, Bern, Bern, Bern, then``: an oscillating word."""
    match = pick(LOOP_WORD, text, rng)
    return None if match is None else insert(text, match.end(), (", " + match.group()) * 3)


def inject_phrase_loop(text: str, rng):
    """``of the teaching.`` → ``of the teaching of the teaching of the teaching.``: a looping phrase."""
    match = pick(PHRASE, text, rng)
    return None if match is None else insert(text, match.end(), (" " + match.group()) * 3)


def inject_repeated_sentence(text: str, rng):
    """``A. B.`` → ``A. A. B.``: a sentence emitted twice in a row."""
    match = pick(SENTENCE, text, rng)
    return None if match is None else insert(text, match.end(), " " + match.group())


def inject_repeated_paragraph(text: str, rng):
    """A paragraph of 100 characters or more emitted twice in a row."""
    paragraphs = [m for m in regex.finditer(r"[^\n]+", text) if len(m.group()) >= 100 and len(m.group().split()) >= 10]
    if not paragraphs:
        return None
    match = paragraphs[rng.randrange(len(paragraphs))]
    return insert(text, match.end(), "\n\n" + match.group())


def injectors() -> dict:
    return {label: english_only(inject) for label, inject in {
        "spurious period (any place)": inject_spurious_break,
        "spurious period before to/of/than": inject_break_before_function_word,
        "lost capital after a period": inject_lost_capital,
        "stuttered function word": inject_function_stutter,
        "stuttered content word": inject_content_stutter,
        "repetition loop (word)": inject_word_loop,
        "repetition loop (phrase)": inject_phrase_loop,
        "repeated sentence": inject_repeated_sentence,
        "repeated paragraph": inject_repeated_paragraph,
    }.items()}
