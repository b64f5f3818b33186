"""UNT: text left untranslated inside English prose (report only: it needs a translator).

Two signals. A run of another script (Han, Kana, Hangul, Cyrillic, Arabic, Hebrew, Thai,
Greek, the Indic scripts...) long enough to be a phrase rather than a name (UNT001); and a sentence of
Latin-script text dense with another language's function words (UNT002), for example German
"mit", "und", "wieder" (lists in ``rules/data/stopwords.toml``). Names given in their native
script in parentheses ("Xi Jinping (习近平)"), single native-script words ("Київ"), quoted
text, loan phrases (et al., per se, de facto, coup d'état) and documents that are not English
as a whole are left alone.

>>> from cleaner import Cleaner, Config
>>> found = Cleaner(Config(select=("UNT",))).clean("Prices rose. Mal uni, mal mit Metall, mal mit Glas oder wieder in Uni. Then they fell.")
>>> [f.rule for f in found.findings]
['UNT002']
"""

from __future__ import annotations

import re
from functools import lru_cache

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import regex

from .. import packs
from ..edits import Issue
from .base import PATTERN_TIMEOUT, REPORT, FunctionChecker, doc

FOREIGN_SCRIPT = doc(
    "UNT001", "foreign-script-run", "Text in another script inside English prose (untranslated?)",
    what="Reports a run of text in another script (Han, Kana, Hangul, Cyrillic, Arabic, Hebrew, Thai, "
         "Greek, the Indic scripts and others) inside an English document: two or more words of an "
         "alphabetic script, or four or more CJK characters.",
    why="Machine translation sometimes copies part of the source unchanged (a site name, a phrase it "
        "could not translate); the reader of the English text cannot read it.",
    bad="The company said that it had once led the apparel market in the region - 经济观察网 专业财经新闻网站",
    good="The company said that it had once led the apparel market in the region.",
    applicability=REPORT,
    safety="Report only: a translator must decide. Names in native script in parentheses (\"Xi Jinping "
           "(习近平)\"), single words (\"Київ\"), quoted text and documents written in another language are "
           "not reported.",
)
FOREIGN_CLAUSE = doc(
    "UNT002", "foreign-language-clause", "Sentence in another language inside English prose (untranslated?)",
    what="Reports a sentence of Latin-script text with three or more function words of one other language "
         "(German, French, Spanish, Italian, Portuguese, Dutch, Romanian, Estonian) and far fewer English "
         "ones, inside an English document.",
    why="An untranslated sentence is a translation failure that spell checkers do not see, because every "
        "word is a real word of its language.",
    bad="Prices rose. Mal uni, mal mit Metall, mal mit Glas oder wieder in Uni. Then they fell.",
    good="Prices rose. Sometimes plain, sometimes with metal, sometimes with glass. Then they fell.",
    applicability=REPORT,
    safety="Report only. Loan phrases (et al., per se, de facto, vis-à-vis, coup d'état), names (\"Place de "
           "la Concorde\"), titles of works and quoted text do not reach the threshold or are skipped.",
)

SCRIPT_LETTER = (r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Cyrillic}\p{Arabic}\p{Hebrew}\p{Thai}"
                 r"\p{Devanagari}\p{Greek}\p{Sinhala}\p{Tamil}\p{Bengali}\p{Georgian}\p{Armenian}\p{Gujarati}"
                 r"\p{Gurmukhi}\p{Kannada}\p{Malayalam}\p{Telugu}\p{Khmer}\p{Lao}\p{Myanmar}\p{Ethiopic}]")
# A run: foreign-script words joined by spaces and light punctuation (no Latin letters inside).
SCRIPT_RUN = regex.compile(SCRIPT_LETTER + r"+(?:[^\p{Latin}\n\ufffc]*?" + SCRIPT_LETTER + r"+)*")
# A proper name in its own script: up to three capitalized words ("Дмитрий Кошелев").
NATIVE_NAME = regex.compile(r"\p{Lu}\p{Ll}*(?:[\s.-]+\p{Lu}\p{Ll}*){0,2}\.?")
# "Russian: …", "Spanish language: …", "(in German) …": text given in its language on purpose.
LANGUAGE_LABEL = re.compile(  # no leading \b: a bare alternation of literals is ten times faster in re
    r"(?:Arabic|Bulgarian|Chinese|Mandarin|Cantonese|Czech|Danish|Dutch|Estonian|"
    r"Finnish|French|German|Greek|Hebrew|Hindi|Hungarian|Italian|Japanese|Korean|Latin|Nepali|Norwegian|"
    r"Persian|Farsi|Polish|Portuguese|Romanian|Russian|Serbian|Sinhala|Spanish|Swedish|Tamil|Thai|Turkish|"
    r"Ukrainian|Urdu|Vietnamese|original)(?: language| original| text)?\s*[:)]")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")  # stdlib re: the fastest word splitter here
OPENERS = "(（[「『《〈“‘«\"'*_"
CLOSERS = ")）]」』》〉”’»\"'*_"
SENTENCES = re.compile(r"[^.!?;:\n]+[.!?;:]*")
QUOTED = regex.compile(r"“[^”\n]{0,400}”|\"[^\"\n]{0,400}\"|«[^»\n]{0,400}»|„[^“”\n]{0,400}[“”]|\*[^*\n]{1,200}\*|_[^_\n]{1,200}_")
MIN_CLAUSE_HITS = 3
MIN_ENGLISH_SHARE = 0.12  # share of English function words a document needs to count as English
MIN_CJK_RUN = 4
MIN_SCRIPT_WORDS = 2


@lru_cache(maxsize=1)
def stopwords() -> tuple[frozenset, dict[str, frozenset], frozenset]:
    """English function words; per language, foreign ones (never English words); all foreign ones."""
    with open(packs.builtin_pack_dir() / "data" / "stopwords.toml", "rb") as handle:
        data = tomllib.load(handle)
    english = frozenset(data.pop("english"))
    foreign = {name: frozenset(words) - english for name, words in data.items()}
    return english, foreign, frozenset().union(*foreign.values())


@lru_cache(maxsize=8)
def is_english(text: str) -> bool:
    """True when the document reads as English: enough English function words among its words.

    A document in another language is not "untranslated"; it is simply not English.
    """
    english = stopwords()[0]
    words = WORDS.findall(text.lower())
    hits = sum(map(english.__contains__, words))
    return hits >= 3 and hits / len(words) >= MIN_ENGLISH_SHARE


def find_script_runs(doc):
    masked = doc.masked
    if not SCRIPT_RUN.search(masked, timeout=PATTERN_TIMEOUT) or not is_english(masked):
        return
    labelled = labelled_spans(masked)
    for match in SCRIPT_RUN.finditer(masked, timeout=PATTERN_TIMEOUT):
        run = match.group()
        cjk = len(CJK.findall(run))
        words = len(run.split())
        if cjk < MIN_CJK_RUN and (cjk or words < MIN_SCRIPT_WORDS):
            continue
        if not cjk and NATIVE_NAME.fullmatch(run):
            continue
        if is_enclosed(masked, match.start(), match.end()) or inside(match.start(), labelled):
            continue
        yield Issue("UNT001", match.start(), match.end(), FOREIGN_SCRIPT.message, None, REPORT)


def is_enclosed(text: str, start: int, end: int) -> bool:
    """True when the run is wrapped in brackets or quotes: a native name or a quotation."""
    before = text[max(0, start - 40):start].rstrip()
    after = text[end:end + 40].lstrip()
    if before and after and before[-1] in OPENERS and after[0] in CLOSERS:
        return True
    # "(Russian: Київ)" or "(Chinese: 习近平; pinyin: Xí Jìnpíng)": a gloss after a label
    opened = before.rfind("(")
    return opened != -1 and ")" not in before[opened:] and ")" in after[:40]


@lru_cache(maxsize=8)
def labelled_spans(text: str) -> list[tuple[int, int]]:
    """From each language label ("Russian:") to the end of its paragraph: quoted on purpose."""
    spans = []
    for match in LANGUAGE_LABEL.finditer(text):
        end = text.find("\n\n", match.end())
        spans.append((match.start(), len(text) if end == -1 else end))
    return spans


def inside(offset: int, spans) -> bool:
    return any(start <= offset < end for start, end in spans)


def find_foreign_clauses(doc):
    masked = doc.masked
    english, foreign, any_foreign = stopwords()
    if not is_english(masked):
        return
    excluded = None
    for match in SENTENCES.finditer(masked):
        words = WORDS.findall(match.group().lower())
        if len(words) < 4 or sum(map(any_foreign.__contains__, words)) < MIN_CLAUSE_HITS:
            continue
        english_hits = sum(1 for w in words if w in english)
        hits, name = max((sum(1 for w in words if w in lexicon), name) for name, lexicon in foreign.items())
        distinct = len({w for w in words if w in foreign[name]})
        if hits < MIN_CLAUSE_HITS or distinct < 2 or english_hits * 2 > hits:
            continue
        start, end = trim(masked, match.start(), match.end())
        if excluded is None:  # quotations and labelled passages, found once per document
            excluded = [m.span() for m in QUOTED.finditer(masked, timeout=PATTERN_TIMEOUT)] + labelled_spans(masked)
        if any(q_start <= start and end <= q_end for q_start, q_end in excluded):
            continue
        yield Issue("UNT002", start, end, f"{FOREIGN_CLAUSE.message}: looks {name.title()}", None, REPORT)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def checkers(config):
    return [FunctionChecker((FOREIGN_SCRIPT,), find_script_runs),
            FunctionChecker((FOREIGN_CLAUSE,), find_foreign_clauses)]
