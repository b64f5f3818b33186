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
from pathlib import Path

from .data import clean_sets, table
from .speed import ROOT, python_env

TITLE = "Scaling"
NEEDS_DATA = True
# Seconds per case: they keep the full run near ten minutes on a busy machine.
PROSE_LIMIT = 120.0
OTHER_LIMIT = 60.0

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
began = time.perf_counter()
result = cleaner.clean(text)
elapsed = time.perf_counter() - began
peak = memory_kb("VmHWM")
print(json.dumps({"seconds": elapsed, "mb": len(text.encode("utf-8")) / 1e6, "base_kb": before, "peak_kb": peak,
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


def cases(prose_path: Path, quick: bool) -> list[tuple[str, dict]]:
    """``(label, case)`` in report order; sizes shrink in quick mode. A case may carry ``bytes`` or ``count``."""
    sizes = (0.2, 1, 2) if quick else (1, 10, 50)
    count = 100_000 if quick else 1_000_000
    line = 1 if quick else 10
    found = [(f"prose, {size:g} MB", {"kind": "prose", "path": str(prose_path), "bytes": int(size * 1e6)})
             for size in sizes]
    found.append((f"one {line} MB line", {"kind": "line", "path": str(prose_path), "bytes": line * 1_000_000}))
    found.append((f"{count:,} one-word lines", {"kind": "words", "path": str(prose_path), "count": count}))
    for unit, what in TRIGGERS:
        found.append((f"`{unit!r}` × {count:,} — {what}", {"kind": "repeat", "unit": unit, "count": count}))
    return found


def expected_mb(case: dict) -> float | None:
    """The input size a case asks for, when known before running it."""
    if "bytes" in case:
        return case["bytes"] / 1e6
    if case["kind"] == "repeat":
        return len((case["unit"] * case["count"]).encode("utf-8")) / 1e6
    return None


def row(label: str, m: dict, case: dict | None = None, limit: float = 0) -> list:
    """``[input, MB, seconds, s/MB, peak MB, growth MB, result]`` for one measurement."""
    if "error" in m:
        size = expected_mb(case) if case else None
        bound = f"> {limit / size:.2f}" if size and limit else ""
        return [label, size if size is not None else "", "", bound, "", "", m["error"]]
    per_mb = m["seconds"] / m["mb"] if m["mb"] else 0.0
    note = f"{m['fixes']:,} fixes, {m['findings']:,} findings"
    if m["timeouts"]:
        note += "; timed out: " + ", ".join(m["timeouts"])
    return [label, m["mb"], m["seconds"], per_mb, round(m["peak_kb"] / 1024), round((m["peak_kb"] - m["base_kb"]) / 1024), note]


def run(data_dir: Path, quick: bool = False) -> list[str]:
    sets = clean_sets(data_dir)
    prose = "\n\n".join(t.strip() for texts in sets.values() for t in texts) + "\n\n"
    lines = ["Default rules, one document per case, each in a fresh interpreter (time limit "
             f"{PROSE_LIMIT:.0f} s for prose, {OTHER_LIMIT:.0f} s for the others). Peak memory is the process's "
             "high-water mark; \"growth\" is the part added while cleaning (the input text is already in the base).", ""]
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "prose.txt"
        path.write_text(prose, encoding="utf-8")
        for label, case in cases(path, quick):
            limit = PROSE_LIMIT if case["kind"] == "prose" else OTHER_LIMIT
            rows.append(row(label, measure_case(case, limit), case, limit))
            print(f"scaling: {label}: {rows[-1][2] or rows[-1][6]}", file=sys.stderr, flush=True)
    lines += table(["input", "MB", "seconds", "s / MB", "peak MB", "growth MB", "result"], rows)
    lines += ["", "Linear growth means a flat `s / MB` column over the prose sizes."]
    return lines
