"""Grammar checking (GRM, ``--grammar``): speed against a LanguageTool server, cost when off.

With ``MTCLEAN_LANGUAGETOOL_URL`` set, the section talks to that real LanguageTool and also
reports what it finds on the clean sets (every finding there is a false alarm or a
preference) per LanguageTool rule id, with how many of those matches carried exactly one
suggestion: the evidence an id needs before it may go on the fix allow-list in
``rules/grammar/languagetool.toml``. It also reports, on the MQM-annotated MT sample, how
often a finding overlaps an annotated error span per error category, and how often a
segment annotated ``No-error`` gets a finding.

Without a URL it starts the loopback stand-in of the tests (``tests/data/languagetool/
fake_server.py``) and says so: those numbers measure mtclean's side only (annotation,
HTTP, JSON, offset mapping), not LanguageTool's checking, which is slower by far.

The start-up part needs no server: ``import cleaner`` and a default run must not import
language-tool-python or the HTTP client.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .data import clean_sets, count_words, per_10k, read_jsonl, table

TITLE = "Grammar (LanguageTool, --grammar)"
NEEDS_DATA = False  # falls back to built-in sample documents

ROOT = Path(__file__).resolve().parent.parent
FAKE_SERVER = ROOT / "tests" / "data" / "languagetool" / "fake_server.py"
MQM_SET = "mt/mqm-ted-zhen-dev.jsonl"
SAMPLE = [
    "She go to the market every morning, and the the prices rise.\n\nIt is a very unique noot.",
    "The council met on Monday. See https://example.org/agenda for the agenda 😀.\n\nNothing else happened.",
]


def run(data_dir: Path, quick: bool = False) -> list[str]:
    lines = startup_lines()
    docs, source = documents(data_dir, 40 if quick else 250)
    url = os.environ.get("MTCLEAN_LANGUAGETOOL_URL", "").strip()
    fake = None
    if url:
        lines += ["", f"Server: **real LanguageTool** at `{url}` (from MTCLEAN_LANGUAGETOOL_URL)."]
    else:
        fake = load_fake().FakeLanguageTool().start()
        url = fake.url
        lines += ["", "Server: **stand-in, not LanguageTool** (MTCLEAN_LANGUAGETOOL_URL is not set): the loopback "
                  "server of the tests answers instantly, so these rates are mtclean's own overhead "
                  "(annotation, HTTP, JSON, offsets), an upper bound that a real LanguageTool will not reach."]
    try:
        lines += throughput_lines(docs, source, url)
        if fake is None:
            lines += clean_set_lines(data_dir, url, quick)
            lines += mqm_lines(data_dir, url, quick)
    finally:
        if fake is not None:
            fake.stop()
    return lines


def load_fake():
    spec = importlib.util.spec_from_file_location("mtclean_fake_languagetool", FAKE_SERVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(data_dir: Path, limit: int) -> tuple[list[str], str]:
    try:
        sets = clean_sets(data_dir)
    except FileNotFoundError:
        return SAMPLE * 20, "built-in sample (no clean sets found)"
    docs = [text for texts in sets.values() for text in texts][:limit]
    return docs, f"first {len(docs)} documents of the clean sets"


def startup_lines() -> list[str]:
    """Import time of ``cleaner`` and whether a run without --grammar loads LanguageTool code."""
    probe = ("import sys, time\n"
             "t = time.perf_counter(); import cleaner; imported = time.perf_counter() - t\n"
             "from cleaner import Cleaner, Config\n"
             "t = time.perf_counter(); c = Cleaner(Config()); built = time.perf_counter() - t\n"
             "c.clean('Hello , world. She go home.')\n"
             "print(imported, built, 'language_tool_python' in sys.modules, 'cleaner.languagetool' in sys.modules,"
             " 'urllib.request' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    timing = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env)
    importtime = subprocess.run([sys.executable, "-X", "importtime", "-c", "import cleaner"], capture_output=True,
                                text=True, cwd=ROOT, env=env)
    if timing.returncode or importtime.returncode:
        return ["_Start-up probe failed:_", "", "```", (timing.stderr or importtime.stderr).strip(), "```"]
    imported, built, ltp, client, urllib_request = timing.stdout.split()
    lt_lines = [line for line in importtime.stderr.splitlines() if "language_tool_python" in line]
    rows = [
        ["`import cleaner`", f"{float(imported) * 1000:.0f} ms"],
        ["`Cleaner(Config())` (rules built)", f"{float(built) * 1000:.0f} ms"],
        ["language_tool_python in `python -X importtime -c \"import cleaner\"`",
         "no" if not lt_lines else f"**yes** ({len(lt_lines)} lines)"],
        ["after a default run: language_tool_python / cleaner.languagetool / urllib.request loaded",
         f"{yesno(ltp)} / {yesno(client)} / {yesno(urllib_request)}"],
    ]
    return ["Cost of grammar checking when it is off (the default):", "", *table(["what", "result"], rows)]


def yesno(flag: str) -> str:
    return "**yes**" if flag == "True" else "no"


def throughput_lines(docs: list[str], source: str, url: str) -> list[str]:
    from cleaner import Cleaner, Config, languagetool
    from cleaner.rules.grammar import prepare

    words = sum(count_words(d) for d in docs)
    chars = sum(len(d) for d in docs)
    rows = []
    for label, config in (("default rules", Config()),
                          ("GRM only", Config(select=("GRM",), languagetool_url=url)),
                          ("default rules + --grammar", Config(grammar=True, languagetool_url=url))):
        languagetool.forget_clients()
        began = time.perf_counter()
        cleaner = Cleaner(config)
        prepare(config)  # finds the server, as the command line does before the first file
        setup = time.perf_counter() - began
        began = time.perf_counter()
        findings = 0
        for doc in docs:
            findings += sum(f.rule.startswith("GRM") for f in cleaner.clean(doc).findings)
        elapsed = time.perf_counter() - began
        requests = sum(getattr(c, "requests", 0) for c in languagetool._CLIENTS.values())
        rows.append([label, round(setup, 2), len(docs) / elapsed, chars / elapsed / 1e6, requests,
                     round(per_10k(findings, words), 1)])
    languagetool.forget_clients()
    return ["", f"Throughput on {source} ({words:,} words; one process, documents one after another; "
                "set-up is building the rules and finding the server):", "",
            *table(["run", "set-up s", "docs/s", "MB/s", "requests", "GRM findings /10k words"], rows)]


RULE_ID = re.compile(r"^([A-Z0-9_]+):")


def clean_set_lines(data_dir: Path, url: str, quick: bool) -> list[str]:
    """Per LanguageTool rule id on the clean sets: matches, and how many had one suggestion."""
    from cleaner import Cleaner, Config

    try:
        sets = clean_sets(data_dir)
    except FileNotFoundError:
        return ["", "_Clean sets not found: no per-rule table._"]
    cleaner = Cleaner(Config(select=("GRM",), languagetool_url=url))
    by_rule: Counter = Counter()
    single: Counter = Counter()
    codes: Counter = Counter()
    words = 0
    for texts in sets.values():
        for text in texts[:60] if quick else texts:
            words += count_words(text)
            for finding in cleaner.clean(text).findings:
                match = RULE_ID.match(finding.message)
                rule = match.group(1) if match else "?"
                by_rule[rule] += 1
                codes[finding.rule] += 1
                if "(suggestion: " in finding.message:
                    single[rule] += 1
    rows = [[rule, count, single[rule], round(per_10k(count, words), 2)] for rule, count in by_rule.most_common(25)]
    summary = ", ".join(f"{code} {per_10k(n, words):.1f}" for code, n in sorted(codes.items())) or "none"
    return ["", f"Findings on the clean sets ({words:,} words) per 10,000 words: {summary}. "
                "Every one is a false alarm or a preference; a rule id is a candidate for the fix allow-list "
                "only if its single-suggestion matches here are (nearly) zero and those on MT text are right.", "",
            *(table(["LanguageTool rule", "matches", "with one suggestion", "per 10k words"], rows) if rows
              else ["_No findings._"])]


def mqm_lines(data_dir: Path, url: str, quick: bool) -> list[str]:
    """Findings against professional MQM error annotations of Chinese-English MT."""
    from cleaner import Cleaner, Config

    path = Path(data_dir) / MQM_SET
    if not path.is_file():
        return ["", f"_{MQM_SET} not found: no MQM table._"]
    rows = read_jsonl(path)[:300 if quick else 2000]
    cleaner = Cleaner(Config(select=("GRM",), languagetool_url=url))
    hit: Counter = Counter()
    total: Counter = Counter()
    for row in rows:
        marked = row["target"]
        start = marked.find("<v>")
        end = marked.find("</v>")
        text = marked.replace("<v>", "").replace("</v>", "")
        findings = cleaner.clean(text).findings
        category = row["category"]
        total[category] += 1
        if category == "No-error" or start < 0 or end < start:
            hit[category] += bool(findings)
        else:
            span_end = end - 3
            hit[category] += any(f.start < span_end and start < f.end for f in findings)
    table_rows = [[category, total[category], hit[category], round(100 * hit[category] / total[category], 1)]
                  for category, _ in total.most_common(10)]
    return ["", f"MQM-annotated MT (first {len(rows)} rows of `{MQM_SET}`): a row counts when a GRM finding "
                "overlaps its annotated error span (for `No-error` rows: when the segment gets any finding).", "",
            *table(["MQM category", "rows", "found", "%"], table_rows)]


if __name__ == "__main__":
    from .data import DEFAULT_DATA

    print("\n".join(run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA, quick="--quick" in sys.argv)))
