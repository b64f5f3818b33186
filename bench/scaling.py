"""Scaling: time and peak memory as the input grows, and on adversarial repetitions.

Each case runs in a fresh interpreter with a time limit; a case that hits the limit is
reported (with the lower bound on its time per MB), not waited for. Peak memory is the
process's high-water mark (``VmHWM`` in ``/proc/self/status``; ``ru_maxrss`` elsewhere, which on
Linux would carry the parent's peak across ``exec``). Time
per MB must stay flat as prose grows from 1 to 50 MB: anything else means a rule is
super-linear. The adversarial cases repeat one rule's trigger a million times.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .data import clean_sets, table
from .speed import ROOT, python_env

TITLE = "Scaling"
NEEDS_DATA = True
# Seconds per case, and for the section: the full run (50 MB of prose, 10 MB lines, a million
# repetitions of each trigger) takes about half an hour on a busy machine.
PROSE_LIMIT = 300.0
OTHER_LIMIT = 120.0
BUDGET = 1800.0
QUICK_BUDGET = 45.0

# Repeated a million times (a tenth of that in quick mode): what each rule reacts to.
TRIGGERS = (
    ("word. ", "sentence ends (breaks)"),
    ("the ", "repeated word (repetition)"),
    ("«", "guillemet (punctuation)"),
    (" ,", "space before comma (spacing)"),
    ("Ã©", "mojibake pair (encoding, ftfy)"),
    ("  ", "double space (spacing)"),
    ("&amp; ", "HTML entity (encoding)"),
    ("\u200b", "zero-width space (encoding)"),
    ("..", "doubled period (punctuation)"),
    ("kyiv ", "lowercased name (casing)"),
    ("Leave a comment\n", "boilerplate line"),
    ("( ", "space inside bracket (spacing)"),
    ("a\u00a0", "no-break space"),
)

# Runs in a fresh interpreter; reads a JSON case on stdin, prints a JSON measurement.
CASE_SCRIPT = r"""
import json, resource, sys, time
case = json.loads(sys.stdin.read())
def memory_kb(field):
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def repeat_to(unit, size):
    # about ``size`` bytes of UTF-8: whole repetitions, then a cut by characters
    ratio = len(unit.encode("utf-8")) / len(unit)
    return (unit * (int(size / len(unit.encode("utf-8"))) + 1))[:int(size / ratio)]
if case["kind"] == "prose":
    text = repeat_to(open(case["path"], encoding="utf-8").read(), case["bytes"])
elif case["kind"] == "line":
    text = repeat_to(open(case["path"], encoding="utf-8").read().replace("\n", " "), case["bytes"])
elif case["kind"] == "words":
    words = open(case["path"], encoding="utf-8").read().split()
    text = "\n".join(words[i % len(words)] for i in range(case["count"])) + "\n"
else:
    text = case["unit"] * case["count"]
from cleaner import Cleaner
cleaner = Cleaner()
before = memory_kb("VmRSS")
began, cpu = time.perf_counter(), time.process_time()
result = cleaner.clean(text)
elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
peak = memory_kb("VmHWM")
print(json.dumps({"seconds": elapsed, "cpu": cpu, "mb": len(text.encode("utf-8")) / 1e6, "base_kb": before, "peak_kb": peak,
                  "fixes": len(result.fixes), "findings": len(result.findings),
                  "timeouts": sorted({f.message.split()[0] for f in result.findings if f.rule == "MTC002"})}))
"""


def measure_case(case: dict, limit: float) -> dict:
    """One case in a fresh interpreter; ``{"error": ...}`` when it fails or exceeds ``limit`` seconds."""
    try:
        done = subprocess.run([sys.executable, "-c", CASE_SCRIPT], input=json.dumps(case), capture_output=True,
                              text=True, env=python_env(), cwd=ROOT, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {limit:.0f} s"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout)


def ladders(prose_path: Path, quick: bool) -> list[list[tuple[str, dict, float]]]:
    """Families of cases of growing size: ``[(label, case, scale)]``, smallest first.

    ``scale`` is the size in the family's own unit (bytes or repetitions), used to predict the
    time of the next step from the last one.
    """
    path = str(prose_path)
    sizes = (0.2, 1, 2) if quick else (1, 10, 50)
    lines = (0.2, 1) if quick else (1, 10)
    counts = (10_000, 100_000) if quick else (100_000, 1_000_000)
    found = [[(f"prose, {size:g} MB", {"kind": "prose", "path": path, "bytes": int(size * 1e6)}, size) for size in sizes],
             [(f"one {size:g} MB line", {"kind": "line", "path": path, "bytes": int(size * 1e6)}, size) for size in lines],
             [(f"{count:,} one-word lines", {"kind": "words", "path": path, "count": count}, count) for count in counts]]
    for unit, what in TRIGGERS:
        found.append([(f"`{unit!r}` × {count:,} — {what}", {"kind": "repeat", "unit": unit, "count": count}, count)
                      for count in counts])
    return found


def expected_mb(case: dict) -> float | None:
    """The input size a case asks for, when known before running it."""
    if "bytes" in case:
        return case["bytes"] / 1e6
    if case["kind"] == "repeat":
        return len((case["unit"] * case["count"]).encode("utf-8")) / 1e6
    return None


def row(label: str, m: dict, case: dict | None = None, limit: float = 0) -> list:
    """``[input, MB, wall s, CPU s, CPU s/MB, peak MB, peak / size, growth MB, result]`` for one measurement."""
    if "error" in m:
        size = expected_mb(case) if case else None
        return [label, size if size is not None else "", f"> {limit:.0f}" if limit else "", "", "", "", "", "",
                m["error"]]
    per_mb = m["cpu"] / m["mb"] if m["mb"] else 0.0
    note = f"{m['fixes']:,} fixes, {m['findings']:,} findings"
    if m["timeouts"]:
        note += "; timed out: " + ", ".join(m["timeouts"])
    peak = m["peak_kb"] / 1024
    return [label, m["mb"], m["seconds"], m["cpu"], per_mb, round(peak), f"{peak / m['mb']:.1f}×" if m["mb"] else "",
            round((m["peak_kb"] - m["base_kb"]) / 1024), note]


def skipped(label: str, why: str) -> list:
    return [label, "", "", "", "", "", "", "", why]


def run(data_dir: Path, quick: bool = False) -> list[str]:
    sets = clean_sets(data_dir)
    prose = "\n\n".join(t.strip() for texts in sets.values() for t in texts) + "\n\n"
    budget = QUICK_BUDGET if quick else BUDGET
    deadline = time.monotonic() + budget
    lines = ["Default rules, one document per case, each in a fresh interpreter. Peak memory is the process's "
             "high-water mark; \"growth\" is the part added while cleaning (the input text is already in the base). "
             f"A larger step is skipped when the smaller one predicts it would exceed {PROSE_LIMIT:.0f} s (prose) or "
             f"{OTHER_LIMIT:.0f} s (others), or the section's {budget:.0f} s budget.", ""]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "prose.txt"
        path.write_text(prose, encoding="utf-8")
        for ladder in ladders(path, quick):
            rows += run_ladder(ladder, deadline)
    lines += table(["input", "MB", "wall s", "CPU s", "CPU s / MB", "peak MB", "peak / size", "growth MB", "result"],
                   rows)
    lines += ["", "Linear growth means a flat `CPU s / MB` column down each family of sizes (CPU time, so "
              "other processes on the machine do not distort it)."]
    return lines


def run_ladder(ladder: list[tuple[str, dict, float]], deadline: float) -> list[list]:
    """Rows for one family: each step run unless the previous one predicts it is too slow."""
    rows = []
    previous = None  # (wall seconds, scale) of the last finished step
    for index, (label, case, scale) in enumerate(ladder):
        limit = PROSE_LIMIT if case["kind"] == "prose" else OTHER_LIMIT
        if index:  # the smallest step always runs; larger ones must fit the budget
            if previous is None:
                rows.append(skipped(label, "skipped: the smaller step did not finish"))
                continue
            limit = min(limit, deadline - time.monotonic())
            estimate = 1.2 * previous[0] * scale / previous[1]
            if estimate > limit:
                rows.append(skipped(label, f"skipped: predicted {estimate:.0f} s, over the time left"))
                continue
        measured = measure_case(case, limit)
        rows.append(row(label, measured, case, limit))
        previous = (measured["seconds"], scale) if "error" not in measured else None
        print(f"scaling: {label}: {rows[-1][2]} s wall, {rows[-1][3]} s CPU {rows[-1][-1]}", file=sys.stderr, flush=True)
    return rows
