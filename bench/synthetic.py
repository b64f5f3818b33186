"""Synthetic artifacts: damage clean passages at known places and score the repair exactly.

Passages of one to three paragraphs come from the clean sets, restricted to those the cleaner
leaves unchanged with no findings, so every change on a damaged passage is caused by the damage.
Every ``bench/inject_*.py`` module contributes injectors (see ``bench/README.md``). Each
injected span is scored once:

- restored: the output equals the original text in the span's region (the span widened to
  every fix and span that meets it);
- wrong: a fix touched the region, but the output there is not the original;
- flagged: nothing changed there, but a finding meets the span;
- missed: nothing changed or flagged.

Collateral counts the fixes that meet no injected span. The random generator is seeded per
(class, passage), so the numbers are deterministic and adding a class changes no other row.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .data import clean_sets, table

TITLE = "Synthetic artifacts (injected at known places)"
OUTCOMES = ("restored", "wrong", "flagged", "missed")
SHOW = 2


def meets(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Closed-interval contact: overlapping or touching spans (an insertion next to a deletion)."""
    return a_start <= b_end and b_start <= a_end


def apply_spans(text: str, spans, offset: int = 0) -> str:
    """``text`` with ``(start, end, replacement)`` spans (at ``offset`` in a larger text) applied."""
    parts, position = [], 0
    for start, end, replacement in sorted(spans, key=lambda s: (s[0], s[1])):
        parts += [text[position:start - offset], replacement]
        position = end - offset
    parts.append(text[position:])
    return "".join(parts)


def score_spans(damaged: str, spans, fixes, findings) -> tuple[list[str], int]:
    """The outcome of every span (in order) and the number of collateral fixes.

    >>> fix = [(4, 8, "")]   # the cleaner removed the second copy of "the "
    >>> score_spans("the the sea", [(0, 4, "")], fix, [])
    (['restored'], 0)
    >>> score_spans("the the sea", [(0, 4, "")], [], [(0, 7)])
    (['flagged'], 0)
    >>> score_spans("a  b. c", [(1, 3, " ")], [(5, 7, "C")], [])
    (['missed'], 1)
    """
    fix_spans = [(f[0], f[1], f[2]) for f in fixes]
    outcomes = []
    used = set()
    for start, end, _ in spans:
        region_start, region_end = start, end
        in_fixes, in_spans = set(), set()
        grown = True
        while grown:  # widen to every fix and span meeting the region, until stable
            grown = False
            for index, (f_start, f_end, _) in enumerate(fix_spans):
                if index not in in_fixes and meets(f_start, f_end, region_start, region_end):
                    in_fixes.add(index)
                    region_start, region_end = min(region_start, f_start), max(region_end, f_end)
                    grown = True
            for index, (s_start, s_end, _) in enumerate(spans):
                if index not in in_spans and meets(s_start, s_end, region_start, region_end):
                    in_spans.add(index)
                    region_start, region_end = min(region_start, s_start), max(region_end, s_end)
                    grown = True
        used |= in_fixes
        piece = damaged[region_start:region_end]
        if in_fixes:
            output = apply_spans(piece, [fix_spans[i] for i in in_fixes], region_start)
            ideal = apply_spans(piece, [spans[i] for i in in_spans], region_start)
            outcomes.append("restored" if output == ideal else "wrong")
        elif any(meets(f_start, f_end, start, end) for f_start, f_end in findings):
            outcomes.append("flagged")
        else:
            outcomes.append("missed")
    return outcomes, len(fix_spans) - len(used)


def load_injectors() -> dict:
    """``{class: (module, injector)}`` from every ``bench/inject_*.py``, basic ones first."""
    package = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("inject_"))
    names.sort(key=lambda n: n != "inject_basic")
    found = {}
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        for label, function in module.injectors().items():
            found[label] = (name, function)
    return found


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r", "").split("\n\n") if p.strip()]


def passages(texts: list[str], rng: random.Random) -> list[str]:
    """One to three consecutive paragraphs of 20+ words, in a seeded random order."""
    found = []
    for text in texts:
        paras = [p for p in paragraphs(text) if "\n" not in p]
        index = 0
        while index < len(paras):
            size = rng.randint(1, 3)
            chunk = "\n\n".join(paras[index:index + size])
            if len(chunk.split()) >= 20:
                found.append(chunk)
            index += size
    rng.shuffle(found)
    return found


@dataclass
class ClassScore:
    module: str = ""
    samples: int = 0
    rejected: int = 0
    outcomes: Counter = field(default_factory=Counter)
    collateral: int = 0
    examples: dict = field(default_factory=dict)


def untouched(cleaner, candidates: list[str], limit: int) -> list[str]:
    """The first ``limit`` passages the cleaner neither changes nor flags."""
    chosen = []
    for passage in candidates:
        result = cleaner.clean(passage)
        if not result.fixes and not result.findings:
            chosen.append(passage)
            if len(chosen) == limit:
                break
    return chosen


def evaluate(cleaner, pool: list[str], classes: dict, per_class: int, seed: int = 2024) -> dict[str, ClassScore]:
    """Inject each class into up to ``per_class`` passages of ``pool`` and score the cleaner."""
    scores = {}
    for label, (module, inject) in classes.items():
        score = scores[label] = ClassScore(module)
        for index, passage in enumerate(pool):
            if score.samples >= per_class:
                break
            made = inject(passage, random.Random(f"{seed}:{label}:{index}"))
            if made is None:
                continue
            damaged, spans = made
            if not spans or apply_spans(damaged, spans) != passage:
                score.rejected += 1
                continue
            result = cleaner.clean(damaged)
            outcomes, collateral = score_spans(
                damaged, spans, [(f.start, f.end, f.replacement) for f in result.fixes],
                [(f.start, f.end) for f in result.findings])
            score.samples += 1
            score.outcomes.update(outcomes)
            score.collateral += collateral
            for (start, end, original), outcome in zip(spans, outcomes):
                if outcome != "restored" and len(score.examples.setdefault(outcome, [])) < SHOW:
                    near = [f for f in result.fixes if meets(f.start, f.end, start, end)]
                    score.examples[outcome].append(example(damaged, start, end, original, near))
    return scores


def example(damaged: str, start: int, end: int, original: str, fixes) -> str:
    """The damaged span, what it should be, what the fixes meeting it did, and its context."""
    context = damaged[max(0, start - 30):end + 30].replace("\n", "⏎")
    done = "".join(f", {f.rule} made `{damaged[f.start:f.end]!r}` → `{f.replacement!r}`" for f in fixes)
    return f"`{damaged[start:end]!r}` (should be `{original!r}`){done} in `…{context}…`"


def build_pool(data_dir: Path, cleaner, size: int, seed: int = 2024) -> list[str]:
    texts = [t for ts in clean_sets(data_dir).values() for t in ts]
    return untouched(cleaner, passages(texts, random.Random(seed)), size)


def rows_for(scores: dict[str, ClassScore]) -> list[list]:
    rows = []
    for label, s in scores.items():
        spans = sum(s.outcomes.values())
        rate = (lambda n: f"{n} ({100 * n / spans:.0f}%)") if spans else str
        rows.append([label, s.module, s.samples, spans, *(rate(s.outcomes[o]) for o in OUTCOMES), s.collateral])
    return rows


def run(data_dir: Path, quick: bool = False) -> list[str]:
    from cleaner import Cleaner

    cleaner = Cleaner()
    per_class = 60 if quick else 200
    pool = build_pool(data_dir, cleaner, 300 if quick else 1000)
    scores = evaluate(cleaner, pool, load_injectors(), per_class)
    lines = [f"{len(pool)} clean passages the cleaner leaves alone; each class injected into up to "
             f"{per_class} of them (one place each), default rules. Collateral = fixes outside the "
             "injected spans.", ""]
    lines += table(["artifact", "injector", "samples", "spans", *OUTCOMES, "collateral fixes"], rows_for(scores))
    notes = []
    for label, s in scores.items():
        if s.rejected:
            notes.append(f"- {label}: {s.rejected} samples rejected (spans did not restore the passage: injector bug)")
        for outcome in ("wrong", "missed", "flagged"):
            notes += [f"- {label}, {outcome}: {e}" for e in s.examples.get(outcome, [])]
    return lines + (["", "Examples:", "", *notes] if notes else [])


def readme(data_dir: Path, quick: bool = False) -> list[str]:
    from cleaner import Cleaner

    cleaner = Cleaner()
    scores = evaluate(cleaner, build_pool(data_dir, cleaner, 300 if quick else 1000), load_injectors(),
                      60 if quick else 200)
    rows = [[r[0], r[3], r[4], r[6], r[5], r[7], r[8]] for r in rows_for(scores)]
    return table(["artifact", "spans", "restored", "flagged", "wrong", "missed", "collateral fixes"], rows)
