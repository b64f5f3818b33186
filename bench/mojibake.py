"""Mojibake: ftfy's own test cases, repaired by mtclean and by ftfy itself.

Real cases (``in-the-wild.json``) count as repaired when the output equals ``fixed-encoding``
where present, else ``fixed`` (``fixed`` also straightens quotes, which mtclean must not do).
ftfy with its defaults is compared with ``fixed``, the value its own tests expect from
``fix_text``. Negative cases (text that looks broken but is right) must come out unchanged,
except the one whose expected value repairs a C1 control character (``\x85`` → ``…``).
Source: rspeer/python-ftfy ``tests/test-cases``, Apache-2.0.
"""

from __future__ import annotations

from pathlib import Path

from .data import read_json, require, table

TITLE = "Mojibake (ftfy's test cases)"
FILES = (("in-the-wild.json", True), ("synthetic.json", False), ("known-failures.json", False))
SHOW = 8


def expected_encoding(case: dict) -> str:
    """What an encoding repair that keeps quotes and width should produce."""
    return case.get("fixed-encoding", case["fixed"])


def contenders():
    """``{name: (function text -> text, which expected value it is scored against)}``."""
    import ftfy
    from cleaner import Cleaner, Config
    from cleaner.rules.encoding import ftfy_config

    ours_enc = Cleaner(Config(select=("ENC",)))
    ours = Cleaner()
    config = ftfy_config()
    return {
        "mtclean (default rules)": (lambda text: ours.clean(text).text, expected_encoding),
        "mtclean (ENC only)": (lambda text: ours_enc.clean(text).text, expected_encoding),
        "ftfy.fix_text, mtclean's settings": (lambda text: ftfy.fix_text(text, config=config), expected_encoding),
        "ftfy.fix_text, defaults": (ftfy.fix_text, lambda case: case["fixed"]),
    }


def score(cases: list[dict], runners) -> tuple[list[list], list[tuple]]:
    """Rows ``[contender, correct, total]`` and mtclean's (default rules) failures."""
    rows, failures = [], []
    for name, (function, expect) in runners.items():
        passed = 0
        for case in cases:
            output = function(case["original"])
            wanted = expect(case)
            if output == wanted:
                passed += 1
            elif name == "mtclean (default rules)":
                failures.append((case.get("label", ""), case["original"], output, wanted))
        rows.append([name, passed, len(cases)])
    return rows, failures


def around_difference(output: str, wanted: str, context: int = 25) -> tuple[str, str]:
    """The stretch of both strings around their first difference."""
    index = next((i for i, (a, b) in enumerate(zip(output, wanted)) if a != b), min(len(output), len(wanted)))
    start = max(0, index - context)
    return output[start:index + context], wanted[start:index + context]


def failure_lines(failures: list[tuple]) -> list[str]:
    lines = []
    for label, _original, output, wanted in failures[:SHOW]:
        got, expected = around_difference(output, wanted)
        lines.append(f"- {label}: got `{got!r}`, expected `{expected!r}`")
    if len(failures) > SHOW:
        lines.append(f"- … and {len(failures) - SHOW} more")
    return lines


def run(data_dir: Path) -> list[str]:
    runners = contenders()
    base = Path(data_dir) / "mojibake"
    lines = ["Repaired = output equals `fixed-encoding` (else `fixed`); ftfy defaults are scored against "
             "`fixed`. Negative cases: the output must equal the input (one "
             "case expects a C1 control character repaired).", ""]
    rows, notes = [], []
    for filename, required in FILES:
        path = base / filename
        if not path.is_file():
            if required:
                require(data_dir, f"mojibake/{filename}")
            continue
        cases = read_json(path)
        found, failures = score(cases, runners)
        rows += [[filename, *row] for row in found]
        if failures and filename != "known-failures.json":
            notes += [f"mtclean misses in `{filename}`:", "", *failure_lines(failures), ""]
    negative = read_json(require(data_dir, "mojibake/negative.json"))
    found, failures = score(negative, runners)
    rows += [["negative.json", *row] for row in found]
    if failures:
        notes += ["**mtclean got negative cases wrong** (these must stay untouched):", "", *failure_lines(failures), ""]
    lines += table(["cases", "tool", "correct", "of"], rows)
    return lines + ([""] + notes if notes else [])


def readme(data_dir: Path) -> list[str]:
    """Compact: real cases repaired and negative cases untouched, mtclean next to ftfy."""
    runners = contenders()
    wild = read_json(require(data_dir, "mojibake/in-the-wild.json"))
    negative = read_json(require(data_dir, "mojibake/negative.json"))
    wild_rows, _ = score(wild, runners)
    negative_rows, _ = score(negative, runners)
    rows = [[a[0], f"{a[1]}/{a[2]}", f"{b[1]}/{b[2]}"] for a, b in zip(wild_rows, negative_rows)]
    return table(["tool", "in-the-wild repaired", "negative cases right"], rows)
