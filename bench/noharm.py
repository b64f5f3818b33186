"""No harm: what the cleaner changes and flags in clean, professionally edited prose.

Every change here is a false positive (a few legitimate exceptions are listed in the data
README), so the rates should be near zero. Changed tokens are counted on whitespace tokens
with difflib: each differing stretch counts as many tokens as its longer side, so replacing
one token counts 1 and merging ``euros ,`` into ``euros,`` counts 2.

>>> changed_tokens("Tom &amp; Jerry", "Tom & Jerry")
1
>>> changed_tokens("a b c", "a c d")
2
"""

from __future__ import annotations

import difflib
import importlib.util
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .data import clean_sets, count_words, per_10k, snippet, table

TITLE = "No harm on clean prose"
EXAMPLES = 3


def changed_tokens(before: str, after: str) -> int:
    """Whitespace tokens changed, added or removed between ``before`` and ``after``."""
    a, b = before.split(), after.split()
    if a == b:
        return 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")


def visible(text: str) -> str:
    """Spaces as ``·`` and invisible characters as ``\\uXXXX``, so whitespace fixes can be seen."""
    out = []
    for char in text:
        if char == " ":
            out.append("·")
        elif char == "\n":
            out.append("⏎")
        elif not char.isprintable() or char in "\u00a0\u2009\u200a\u202f\u2007\u3000\u00ad":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass
class Stats:
    """Counts for one set of documents; per-rule counts keyed by the fix's rule code(s)."""

    documents: int = 0
    words: int = 0
    changed: int = 0
    fixes: int = 0
    findings: int = 0
    rule_fixes: Counter = field(default_factory=Counter)
    rule_tokens: Counter = field(default_factory=Counter)
    rule_findings: Counter = field(default_factory=Counter)
    fix_examples: dict = field(default_factory=lambda: defaultdict(list))
    finding_examples: dict = field(default_factory=lambda: defaultdict(list))


def measure(cleaner, texts: list[str], fmt: str = "text") -> Stats:
    """Clean every text and count what changed and what was flagged, per rule."""
    from cleaner import apply_edits

    stats = Stats()
    for text in texts:
        result = cleaner.clean(text, fmt=fmt)
        stats.documents += 1
        stats.words += count_words(text)
        stats.fixes += len(result.fixes)
        stats.findings += len(result.findings)
        if result.fixes:
            stats.changed += changed_tokens(text, result.text)
            by_rule = defaultdict(list)
            for fix in result.fixes:
                by_rule[fix.rule].append(fix)
            for rule, fixes in by_rule.items():
                stats.rule_fixes[rule] += len(fixes)
                stats.rule_tokens[rule] += changed_tokens(text, apply_edits(text, fixes))
                for fix in fixes:
                    described = describe_fix(text, fix)
                    if len(stats.fix_examples[rule]) < EXAMPLES and described not in stats.fix_examples[rule]:
                        stats.fix_examples[rule].append(described)
        for finding in result.findings:
            stats.rule_findings[finding.rule] += 1
            described = f"`{visible(snippet(text, finding.start, finding.end))}` — {finding.message}"
            if len(stats.finding_examples[finding.rule]) < EXAMPLES and described not in stats.finding_examples[finding.rule]:
                stats.finding_examples[finding.rule].append(described)
    return stats


def describe_fix(text: str, fix) -> str:
    """``…context before… → …context after…`` around one fix, whitespace made visible."""
    before = snippet(text, fix.start, fix.end, 25)
    left = text[max(0, fix.start - 25):fix.start]
    after = left + fix.replacement + text[fix.end:fix.end + 25]
    return (f"`{visible(text[fix.start:fix.end])}` → `{visible(fix.replacement)}` in "
            f"`{visible(before)}` → `{visible(after)}`")


def markdown_document(text: str, title: str) -> str:
    """A clean text dressed as a Markdown page: front matter, heading, code, links, a list.

    The code block and inline code hold artifact-like text a prose rule would fix (it must be
    left alone); the link targets hold URLs with characters rules react to.
    """
    safe_title = title.replace('"', "'")
    return (
        f'---\ntitle: "{safe_title}"\ntags: [news , mt]\n---\n\n# {title}\n\n{text.strip()}\n\n'
        "## Notes\n\n"
        "- Read the [original article](https://example.org/news/2019/a_b?x=1&y=2) first.\n"
        "- Compare it with <https://example.com/the_the/page.html> and the [archive][1].\n"
        "- Run `clean  --fix  the the file` on it.\n\n"
        "```text\nThe cafÃ© is open , isn't it ?\nthe the  value = don&apos;t\n```\n\n"
        "[1]: https://example.net/archive_2019/x_y \"Archive\"\n"
    )


def rule_rows(name: str, stats: Stats) -> list[list]:
    rules = sorted(set(stats.rule_fixes) | set(stats.rule_findings))
    return [[name, rule, stats.rule_fixes[rule], stats.rule_tokens[rule],
             per_10k(stats.rule_tokens[rule], stats.words), stats.rule_findings[rule],
             per_10k(stats.rule_findings[rule], stats.words)] for rule in rules]


def report(measured: dict[str, Stats]) -> list[str]:
    """The totals table, the per-rule table and the examples for several sets."""
    lines = table(["set", "documents", "words", "fixes", "changed tokens", "changed / 10k words",
                   "findings", "findings / 10k words"],
                  [[name, s.documents, s.words, s.fixes, s.changed, per_10k(s.changed, s.words),
                    s.findings, per_10k(s.findings, s.words)] for name, s in measured.items()])
    rows = [row for name, s in measured.items() for row in rule_rows(name, s)]
    if not rows:
        return lines + ["", "No rule changed or flagged anything."]
    lines += ["", "Per rule (a fix merged from several rules is listed under its joined codes, e.g. `SPC001,PUN002`):", ""]
    lines += table(["set", "rule", "fixes", "changed tokens", "per 10k words", "findings", "per 10k words"], rows)
    lines += ["", "First examples:", ""]
    for name, stats in measured.items():
        for rule, examples in sorted(stats.fix_examples.items()):
            lines += [f"- {name} {rule} fix: {example}" for example in examples]
        for rule, examples in sorted(stats.finding_examples.items()):
            lines += [f"- {name} {rule} finding: {example}" for example in examples]
    return lines


def has_markdown_layer() -> bool:
    return importlib.util.find_spec("cleaner.formats.markdown") is not None


def load_markdown_sets(data_dir: Path) -> dict[str, list[str]]:
    from .data import CLEAN_SETS, read_jsonl, set_name

    found = {}
    for relative in CLEAN_SETS:
        path = Path(data_dir) / relative
        if path.is_file():
            rows = read_jsonl(path)
            found[set_name(relative) + " (md)"] = [
                markdown_document(row["text"], row.get("title") or f"Article {row.get('id', index)}")
                for index, row in enumerate(rows)]
    return found


def run(data_dir: Path, quick: bool = False) -> list[str]:
    from cleaner import Cleaner

    sets = clean_sets(data_dir)
    cleaner = Cleaner()
    lines = ["Default rules on the clean sets (`text` field). Every change is a false positive unless "
             "the data README lists it as legitimate.", "", "### Plain text", ""]
    lines += report({name: measure(cleaner, texts) for name, texts in sets.items()})
    lines += ["", "### As Markdown documents", ""]
    if not has_markdown_layer():
        return lines + ["_Skipped: the Markdown layer (`cleaner/formats/markdown.py`) is not on this branch yet._"]
    lines += ["Each text with front matter, a heading, a list with links and inline code, and a fenced "
              "code block of artifact-like text (which must not change), cleaned with `fmt=\"markdown\"`.", ""]
    lines += report({name: measure(cleaner, texts, "markdown") for name, texts in load_markdown_sets(data_dir).items()})
    return lines


def readme(data_dir: Path) -> list[str]:
    """Compact: changes and findings per 10,000 words per clean set."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    rows = []
    for name, texts in clean_sets(data_dir).items():
        s = measure(cleaner, texts)
        rows.append([name, s.words, s.changed, per_10k(s.changed, s.words), s.findings, per_10k(s.findings, s.words)])
    return table(["clean set", "words", "changed tokens", "per 10k words", "findings", "per 10k words"], rows)
