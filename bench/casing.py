"""Casing: lowercased names in real MT output, scored against human post-edits.

Data: ``mt/mlqe-pe-train.jsonl`` (35,000 MT sentences with a post-edit, ``mt``/``pe``/``pair``)
and the clean sets for the no-harm count.

Scoring. Both sides are split into letter runs and aligned case-insensitively (difflib). A
*post-edit case edit* is an aligned token written in lowercase in the MT and with a capital in the
post-edit, where the post-edit token does not start a sentence (a capital there says nothing about
the word). A change the cleaner makes to an aligned token *agrees* when the post-editor also
capitalized it and *disagrees* when the post-editor kept it lowercase; a change to a token the
post-editor rewrote is counted apart. Recall = post-edit case edits the cleaner made / all of them;
precision = agreeing / (agreeing + disagreeing).

>>> letter_tokens("pro-russian forces, kyiv's")
[('pro', 0), ('russian', 4), ('forces', 12), ('kyiv', 20), ('s', 25)]
"""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import regex

from .data import MT_SET, clean_sets, count_words, per_10k, read_jsonl, require, table

TITLE = "Casing (CAS): lowercased names in MT output"

LETTERS = regex.compile(r"[\p{L}\p{M}]+")
SENTENCE_END = frozenset(".!?:;=")


def letter_tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(), m.start()) for m in LETTERS.finditer(text)]


def starts_sentence(text: str, position: int) -> bool:
    """Nothing but quotes and brackets between the last sentence mark (or the start) and here."""
    before = text[:position].rstrip(" \"'“‘(«-–—")
    return not before or before[-1] in SENTENCE_END


def align(mt_tokens, pe_tokens) -> dict[int, int]:
    """MT token index -> post-edit token index, for tokens equal apart from case."""
    matcher = difflib.SequenceMatcher(None, [t.lower() for t, _ in mt_tokens], [t.lower() for t, _ in pe_tokens],
                                      autojunk=False)
    pairs = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            pairs[a + k] = b + k
    return pairs


def changed_tokens(source: str, fixes) -> dict[int, str]:
    """Offsets of the tokens a case-only fix capitalized -> the new token."""
    changed = {}
    for fix in fixes:
        old = source[fix.start:fix.end]
        if old == fix.replacement or old.lower() != fix.replacement.lower():
            continue
        for (before, offset), (after, _) in zip(letter_tokens(old), letter_tokens(fix.replacement)):
            if before != after:
                changed[fix.start + offset] = after
    return changed


def default_casing_codes(cleaner_class, config_class) -> tuple[str, ...]:
    rules = cleaner_class(config_class()).rules
    return tuple(sorted(code for code, doc in rules.items() if code.startswith("CAS") and doc.default_enabled))


def score(rows, cleaner) -> dict:
    """Counts and examples of agreement between the cleaner's casing fixes and the post-edits."""
    edits = made = agree = disagree = unaligned = 0
    wrong: Counter = Counter()
    right: Counter = Counter()
    missed: Counter = Counter()
    for row in rows:
        mt, pe = row["mt"], row["pe"]
        result = cleaner.clean(mt)
        changed = changed_tokens(mt, result.fixes)
        mt_tokens, pe_tokens = letter_tokens(mt), letter_tokens(pe)
        pairs = align(mt_tokens, pe_tokens)
        for index, (token, offset) in enumerate(mt_tokens):
            target = pairs.get(index)
            after = changed.get(offset)
            if target is None:
                unaligned += after is not None
                continue
            pe_token, pe_offset = pe_tokens[target]
            is_edit = token.islower() and not pe_token.islower() and not starts_sentence(pe, pe_offset)
            edits += is_edit
            if after is None:
                if is_edit:
                    missed[token] += 1
                continue
            if pe_token == after or not pe_token.islower():
                agree += 1
                made += is_edit
                right[token] += 1
            else:
                disagree += 1
                wrong[token] += 1
    return {"edits": edits, "made": made, "agree": agree, "disagree": disagree, "unaligned": unaligned,
            "wrong": wrong, "right": right, "missed": missed}


def clean_changes(data_dir: Path, cleaner) -> list[list]:
    """Per clean set: words, casing changes and findings (a change here is a false positive)."""
    rows = []
    for name, texts in clean_sets(data_dir).items():
        words = changes = findings = 0
        examples = Counter()
        for text in texts:
            result = cleaner.clean(text)
            words += count_words(text)
            changes += len(result.fixes)
            findings += len(result.findings)
            examples.update(f"{text[f.start:f.end]}→{f.replacement}" for f in result.fixes)
        rows.append([name, words, changes, round(per_10k(findings, words), 2),
                     ", ".join(f"{k} ({n})" for k, n in examples.most_common(8)) or "—"])
    return rows


def run(data_dir: Path, quick: bool = False) -> list[str]:
    from cleaner import Cleaner, Config

    path = data_dir / MT_SET
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: the casing benchmark needs the MLQE-PE post-edits")
    rows = read_jsonl(require(data_dir, MT_SET))
    if quick:
        rows = rows[::5]
    codes = default_casing_codes(Cleaner, Config)
    cleaner = Cleaner(Config(select=codes))
    counts = score(rows, cleaner)
    configurations = [("default", counts)]
    if not quick:  # the opt-in possessive rule (CAS008), applied with --unsafe-fixes
        configurations.append(("+ CAS008, unsafe fixes",
                               score(rows, Cleaner(Config(select=(*codes, "CAS008"), unsafe_fixes=True)))))
    lines = [f"MLQE-PE post-edits ({len(rows):,} sentences, CC0; default rules {', '.join(codes)}). "
             "A post-edit case edit is a token the post-editor only capitalized, not at a sentence start; "
             "changes to tokens the post-editor rewrote cannot be scored and are counted apart.", ""]
    table_rows = []
    for label, found in configurations:
        precision = found["agree"] / max(1, found["agree"] + found["disagree"])
        recall = found["made"] / max(1, found["edits"])
        table_rows.append([label, found["edits"], found["made"], found["agree"], found["disagree"], found["unaligned"],
                           f"{precision:.1%}", f"{recall:.1%}"])
    lines += table(["rules", "post-edit case edits", "made", "changes agreeing", "changes disagreeing",
                    "changes to rewritten tokens", "precision", "recall"], table_rows)
    lines += ["", "Top disagreements (the cleaner capitalized, the post-editor kept lowercase): "
              + ", ".join(f"{w} ({n})" for w, n in counts["wrong"].most_common(25)), "",
              "Top agreements: " + ", ".join(f"{w} ({n})" for w, n in counts["right"].most_common(25)), "",
              "Top misses: " + ", ".join(f"{w} ({n})" for w, n in counts["missed"].most_common(25)), ""]
    try:
        lines += ["No harm: casing changes on clean, edited prose (each one is a false positive).", ""]
        lines += table(["set", "words", "changes", "findings / 10k words", "changes seen"], clean_changes(data_dir, cleaner))
    except FileNotFoundError as error:
        lines += [f"_No clean sets: {error}._"]
    return lines


def readme(data_dir: Path) -> list[str]:
    """The compact table for the top-level README: the default rules on the MLQE-PE post-edits."""
    from cleaner import Cleaner, Config

    rows = read_jsonl(require(data_dir, MT_SET))
    counts = score(rows, Cleaner(Config(select=default_casing_codes(Cleaner, Config))))
    precision = counts["agree"] / max(1, counts["agree"] + counts["disagree"])
    return table(["MT sentences", "post-edit case edits", "made", "precision", "recall"],
                 [[len(rows), counts["edits"], counts["made"], f"{precision:.1%}",
                   f"{counts['made'] / max(1, counts['edits']):.1%}"]])
