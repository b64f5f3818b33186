"""Speed: throughput next to ftfy, start-up cost of the command, rule loading and import time.

Throughput is measured on the clean sets, each document cleaned on its own (best of 3), with
``ftfy.fix_text`` (defaults) on the same documents in the same run as the yardstick; the same
documents joined into one long document (cleaned in parts) are timed too. The ratio is also
given for each fifth of the documents by length, and on one-sentence MT segments (mlqe-pe):
mtclean's cost has a part per document (every checker looks at every document, and the casing
and boilerplate checkers at every distinct word and edge line), ftfy's grows with the text.
The command's wall time includes interpreter start-up, which is what a pre-commit hook pays per
batch.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .data import MT_SET, clean_sets, field_texts, table

TITLE = "Speed"
ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter: import time, first Cleaner (loads rule modules and packs), later ones.
STARTUP_SCRIPT = """
import json, time
t0 = time.perf_counter()
import cleaner
t1 = time.perf_counter()
cleaner.Cleaner()
t2 = time.perf_counter()
times = []
for _ in range(5):
    a = time.perf_counter(); cleaner.Cleaner(); times.append(time.perf_counter() - a)
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "again": min(times)}))
"""


def best_of(function, repeat: int) -> float:
    """The shortest wall time of ``repeat`` calls: the least disturbed by other processes."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return min(times)


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def throughput(documents: list[str], repeat: int = 3) -> dict[str, float]:
    """MB/s of ``Cleaner.clean`` (default rules) and ``ftfy.fix_text`` (defaults), document by document,
    and of ``Cleaner.clean`` on the same documents joined into one (cleaned in parts).

    The two tools take turns on each document, and each document's time is the least of
    ``repeat`` rounds (after a warm-up round): on a shared machine the load swings within a
    run, and timing each tool over the whole set in turn let a swing fall on one of them only
    (the ratio moved between 0.55 and 0.91 from run to run).
    """
    import ftfy
    from cleaner import Cleaner

    cleaner = Cleaner()
    joined = "\n\n".join(documents)
    size = megabytes(joined)
    ours, theirs = time_in_turns(cleaner.clean, ftfy.fix_text, documents, repeat)
    whole = best_of(lambda: cleaner.clean(joined), repeat)
    return {"MB": size, "documents": len(documents), "mtclean": size / sum(ours), "ftfy": size / sum(theirs),
            "one document": size / whole, "by length": by_length(documents, ours, theirs)}


def time_in_turns(ours, theirs, documents: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Each document's best time with ``ours`` and with ``theirs``, the two taking turns on it,
    over ``repeat`` rounds after a warm-up round (rule data, ftfy's tables)."""
    best_ours = [float("inf")] * len(documents)
    best_theirs = [float("inf")] * len(documents)
    for round_ in range(repeat + 1):
        for index, text in enumerate(documents):
            began = time.perf_counter()
            ours(text)
            middle = time.perf_counter()
            theirs(text)
            ended = time.perf_counter()
            if round_:
                best_ours[index] = min(best_ours[index], middle - began)
                best_theirs[index] = min(best_theirs[index], ended - middle)
    return best_ours, best_theirs


def by_length(documents: list[str], ours: list[float], theirs: list[float], parts: int = 5) -> list[list]:
    """Rows (characters from, to, mtclean MB/s, ftfy MB/s, ratio) for each fifth of the
    documents by length: where the ratio comes from.

    >>> by_length(["a" * 10, "b" * 20], [1e-6, 1e-6], [2e-6, 4e-6], parts=2)
    [[10, 10, 10.0, 5.0, 2.0], [20, 20, 20.0, 5.0, 4.0]]
    """
    order = sorted(range(len(documents)), key=lambda index: len(documents[index]))
    rows = []
    for part in range(parts):
        chosen = order[part * len(order) // parts:(part + 1) * len(order) // parts]
        if not chosen:
            continue
        size = sum(megabytes(documents[index]) for index in chosen)
        mine, yardstick = sum(ours[index] for index in chosen), sum(theirs[index] for index in chosen)
        rows.append([len(documents[chosen[0]]), len(documents[chosen[-1]]), round(size / mine, 6),
                     round(size / yardstick, 6), round(yardstick / mine, 6)])
    return rows


def segment_throughput(data_dir: Path, limit: int, repeat: int) -> dict | None:
    """MB/s of both tools on the first ``limit`` MT segments of mlqe-pe (one sentence each),
    taking turns on each; None without the data set."""
    import ftfy
    from cleaner import Cleaner

    try:
        segments = field_texts(data_dir, MT_SET, "mt", limit)
    except FileNotFoundError:  # (bench.data.require names the missing file)
        return None
    ours, theirs = time_in_turns(Cleaner().clean, ftfy.fix_text, segments, repeat)
    size = sum(map(megabytes, segments))
    return {"segments": len(segments), "mtclean": size / sum(ours), "ftfy": size / sum(theirs),
            "per segment": sum(ours) / len(segments), "ftfy per segment": sum(theirs) / len(segments)}


def checker_times(documents: list[str], top: int = 10) -> list[tuple[str, float]]:
    """Seconds each selected checker takes on ``documents`` (one pass over each parsed document), slowest first.

    The chain runs every checker at least once per pass, so this shows where the time goes.
    """
    from cleaner import Cleaner
    from cleaner.formats import build_document

    cleaner = Cleaner()
    parsed = [build_document(text, "text") for text in documents]
    times = []
    for checker in cleaner.checkers:
        began = time.perf_counter()
        for document in parsed:
            for _ in checker.check(document):
                pass
        codes = ",".join(d.code for d in checker.docs)
        times.append((codes if len(codes) <= 40 else codes[:37] + "...", time.perf_counter() - began))
    return sorted(times, key=lambda item: -item[1])[:top]


def python_env() -> dict:
    """The child interpreters' environment: this checkout first on the path, byte-code cached."""
    import os

    env = dict(os.environ)
    # An installed package has byte-code compiled at install time (pip does it) and every later
    # start reads it; with PYTHONDONTWRITEBYTECODE set (as some sandboxes and CI images do), the
    # child interpreters would recompile every module on every run and the start-up times would
    # measure the compiler, not mtclean. Let the children write and reuse byte-code.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def startup_times() -> dict[str, float]:
    """Import and construction times, best of 5 fresh interpreters."""
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", STARTUP_SCRIPT], capture_output=True, text=True,
                             env=python_env(), cwd=ROOT, check=True).stdout
        runs.append(json.loads(out))
    return {key: min(run[key] for run in runs) for key in runs[0]}


def command_line() -> list[str] | None:
    """How to start the ``clean`` command from this checkout, or ``None`` before the CLI exists."""
    if importlib.util.find_spec("cleaner.cli") is None:
        return None
    if importlib.util.find_spec("cleaner.__main__") is not None:
        return [sys.executable, "-m", "cleaner"]
    return [sys.executable, "-c", "import sys; from cleaner.cli import main; sys.exit(main())"]


def command_time(sample: str, repeat: int = 5) -> float | None:
    """Best wall time of the command on one file holding ``sample`` (interpreter start included)."""
    command = command_line()
    if command is None:
        return None
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "article.txt"
        path.write_text(sample, encoding="utf-8")

        def once():
            subprocess.run([*command, str(path)], capture_output=True, env=python_env(), cwd=directory)
        once()  # warm the file system cache and byte-code
        return best_of(once, repeat)


def sample_of(text: str, size: int = 5000) -> str:
    """About ``size`` characters of ``text``, cut at a paragraph end."""
    cut = text.rfind("\n\n", 0, size)
    return text[:cut if cut > size // 2 else size] + "\n"


def measure(data_dir: Path, quick: bool = False) -> dict:
    documents = [t for texts in clean_sets(data_dir).values() for t in texts]
    if quick:
        documents = documents[:60]
    result = throughput(documents, 2 if quick else 3)
    result["MT segments"] = segment_throughput(data_dir, 500 if quick else 5000, 2 if quick else 3)
    result.update(startup_times())
    result["command"] = command_time(sample_of("\n\n".join(t.strip() for t in documents)), 3 if quick else 5)
    result["checkers"] = checker_times(documents)
    return result


def run(data_dir: Path, quick: bool = False) -> list[str]:
    m = measure(data_dir, quick)
    lines = [f"Throughput on the clean sets ({m['documents']} documents, {m['MB']:.2f} MB of UTF-8), each document "
             f"cleaned on its own by both tools in turn, the best of {2 if quick else 3} rounds per document, "
             "default rules:", ""]
    lines += table(["tool", "MB/s", "relative to ftfy"],
                   [["mtclean `Cleaner.clean`", m["mtclean"], m["mtclean"] / m["ftfy"]],
                    ["`ftfy.fix_text` (defaults)", m["ftfy"], 1.0],
                    ["mtclean, the documents joined into one (cleaned in parts)", m["one document"],
                     m["one document"] / m["ftfy"]]])
    lines += ["", "The same documents in fifths by length: mtclean pays a part per document, ftfy per character:", ""]
    lines += length_table(m["by length"])
    segments = m["MT segments"]
    if segments is not None:
        lines += ["", f"One-sentence MT segments (the first {segments['segments']:,} of mlqe-pe), in turns the same way:", ""]
        lines += segment_table(segments)
    else:
        lines += ["", f"_{MT_SET} not found in {data_dir}: MT segments not timed._"]
    lines += ["", "Where the time goes: the slowest checkers, one pass over the same documents "
              "(the chain runs a second pass over a document the first pass changed):", ""]
    total = m["MB"] / m["mtclean"]
    lines += table(["checker (rule codes)", "seconds", "share of one clean"],
                   [[codes, seconds, f"{100 * seconds / total:.0f}%"] for codes, seconds in m["checkers"]])
    lines += ["", "Start-up (fresh interpreters, best of 5):", ""]
    rows = [["`import cleaner` (the engine is imported on first use)", m["import"] * 1000],
            ["first `Cleaner()` (imports the engine, loads the rules)", m["first"] * 1000],
            ["another `Cleaner()`", m["again"] * 1000]]
    if m["command"] is None:
        lines += ["_The `clean` command (`cleaner/cli.py`) is not on this branch yet: not timed._", ""]
    else:
        rows.append(["`clean` on one 5 KB file, interpreter start included", m["command"] * 1000])
    lines += table(["what", "ms"], rows)
    return lines


def length_table(rows: list[list]) -> list[str]:
    return table(["documents of (characters)", "mtclean MB/s", "ftfy.fix_text MB/s", "ratio"],
                 [[f"{low:,}–{high:,}", ours, theirs, ratio] for low, high, ours, theirs, ratio in rows])


def segment_table(segments: dict) -> list[str]:
    return table(["MT segments", "mtclean MB/s", "ftfy.fix_text MB/s", "ratio", "mtclean µs per segment",
                  "ftfy µs per segment"],
                 [[f"{segments['segments']:,}", segments["mtclean"], segments["ftfy"],
                   segments["mtclean"] / segments["ftfy"], round(segments["per segment"] * 1e6),
                   round(segments["ftfy per segment"] * 1e6)]])


def readme(data_dir: Path, quick: bool = False) -> list[str]:
    m = measure(data_dir, quick)
    command = "not available" if m["command"] is None else f"{m['command'] * 1000:.0f} ms"
    loaded = f"{(m['import'] + m['first']) * 1000:.0f} ms"
    lines = table(["mtclean MB/s", "ftfy.fix_text MB/s", "ratio", "`import cleaner` + first `Cleaner()`",
                   "`clean` on a 5 KB file"], [[m["mtclean"], m["ftfy"], m["mtclean"] / m["ftfy"], loaded, command]])
    lines += ["", "By document length (the same run):", ""] + length_table(m["by length"])
    if m["MT segments"] is not None:
        lines += ["", "One-sentence MT segments (the first 5,000 of mlqe-pe; the same way):", ""]
        lines += segment_table(m["MT segments"])
    return lines
