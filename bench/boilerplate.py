"""Boilerplate: page furniture left by three extractors, removed line by line (BPL rules).

``boilerplate/extracted-dev.jsonl`` holds 80 news pages as extracted by trafilatura,
readability and justext, with the human-cleaned article (``gold``). A line of an extractor's
output counts as gold when it equals a gold line, or, for lines of 25 letters and digits or
more, appears inside the gold text (comparing letters and digits only, case folded, so list
markers and spacing do not matter). The other lines are furniture the extractor left: the
share the BPL rules remove is their recall; gold lines removed are the harm. jusText joins
each page into one or two long lines, so its furniture cannot be removed line by line.
Source: scrapinghub/article-extraction-benchmark, MIT.

>>> line_key("- See it now: Amazon ")
'seeitnowamazon'
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex

from .data import read_jsonl, require, table

TITLE = "Boilerplate (page furniture left by extractors)"
DATA = "boilerplate/extracted-dev.jsonl"
EXTRACTORS = ("trafilatura", "readability", "justext")
SHORT_KEY = 25
SHOW = 12
NON_KEY = regex.compile(r"[\W_]+")


def line_key(line: str) -> str:
    """Letters and digits of a line, case folded: the unit lines are compared in."""
    return NON_KEY.sub("", line).casefold()


def removed_lines(source: str, output: str) -> list[bool]:
    """For every line of ``source``, whether it is gone from ``output`` (matched by key, in order)."""
    remaining = Counter(line_key(line) for line in output.split("\n"))
    gone = []
    for line in source.split("\n"):
        key = line_key(line)
        if remaining[key] > 0:
            remaining[key] -= 1
            gone.append(False)
        else:
            gone.append(True)
    return gone


def score(rows: list[dict], extractor: str, cleaner) -> dict:
    """Counts for one extractor, with examples of removed gold lines."""
    counts = Counter()
    harm_examples = []
    for row in rows:
        text = row.get(extractor) or ""
        gold = row.get("gold") or ""
        gold_key = line_key(gold)
        gold_lines = {line_key(line) for line in gold.split("\n")}
        gone = removed_lines(text, cleaner.clean(text).text)
        for line, removed in zip(text.split("\n"), gone):
            key = line_key(line)
            if not key:
                continue
            in_gold = key in gold_lines or (len(key) >= SHORT_KEY and key in gold_key)
            kind = "gold" if in_gold else "furniture"
            counts[kind] += 1
            counts[f"{kind} removed"] += removed
            if in_gold and removed and len(harm_examples) < SHOW:
                harm_examples.append(line)
    counts["documents"] = len(rows)
    return {"counts": counts, "harm": harm_examples}


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def run(data_dir: Path, quick: bool = False) -> list[str]:
    from cleaner import Cleaner, Config

    path = require(data_dir, DATA)
    rows = read_jsonl(path)
    if quick:
        rows = rows[:40]
    cleaner = Cleaner(Config(select=("BPL",)))
    results = {name: score(rows, name, cleaner) for name in EXTRACTORS}
    table_rows = []
    total = Counter()
    for name, result in results.items():
        c = result["counts"]
        total.update(c)
        table_rows.append([name, c["documents"], c["furniture"], c["furniture removed"],
                           share(c["furniture removed"], c["furniture"]), c["gold"], c["gold removed"],
                           share(c["gold removed"], c["gold"])])
    table_rows.append(["all three", total["documents"], total["furniture"], total["furniture removed"],
                       share(total["furniture removed"], total["furniture"]), total["gold"],
                       total["gold removed"], share(total["gold removed"], total["gold"])])
    lines = [f"{len(rows)} pages of `{DATA}`, BPL rules only. A non-gold line is one the extractor kept "
             "but the human-cleaned text does not have (titles, captions, related headlines and "
             "furniture); jusText joins whole pages into one line, so line removal cannot reach its "
             "furniture.", ""]
    lines += table(["extractor", "pages", "non-gold lines", "removed", "share", "gold lines",
                    "gold removed", "share"], table_rows)
    harm = [line for result in results.values() for line in result["harm"]]
    if harm:
        lines += ["", "Gold lines removed:", ""] + [f"- `{line[:120]}`" for line in harm[:SHOW]]
    return lines


def readme(data_dir: Path, quick: bool = False) -> list[str]:
    body = run(data_dir, quick)
    return [line for line in body if line.startswith("|")]
