"""Loading the evaluation data and formatting Markdown, shared by every benchmark section.

The data lives outside the project (``../shared/data`` by default); a missing file raises
``FileNotFoundError`` with the path, which the runner reports as one line.

>>> table(["set", "words"], [["a|b", 3]])
['| set | words |', '|---|---:|', '| a\\\\|b | 3 |']
>>> per_10k(3, 20_000)
1.5
"""

from __future__ import annotations

import json
from pathlib import Path

CLEAN_SETS = ("clean/wikinews-2019.jsonl", "clean/scrapinghub-gold-dev.jsonl")
MT_SET = "mt/mlqe-pe-train.jsonl"
# ../shared/data next to the repository root, wherever the command is run from.
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def require(data_dir: Path, relative: str) -> Path:
    """The path of a data file, or ``FileNotFoundError`` naming it."""
    path = Path(data_dir) / relative
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """Every JSON object of a JSON-lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_json(path: Path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def field_texts(data_dir: Path, relative: str, field: str = "text", limit: int | None = None) -> list[str]:
    """The string values of ``field`` in a JSON-lines data set (first ``limit`` rows)."""
    rows = read_jsonl(require(data_dir, relative))
    if limit is not None:
        rows = rows[:limit]
    return [row[field] for row in rows if isinstance(row.get(field), str)]


def clean_sets(data_dir: Path) -> dict[str, list[str]]:
    """``{set name: texts}`` for the clean sets that exist; ``FileNotFoundError`` if none does."""
    found = {}
    for relative in CLEAN_SETS:
        path = Path(data_dir) / relative
        if path.is_file():
            found[set_name(relative)] = field_texts(data_dir, relative)
    if not found:
        raise FileNotFoundError(f"no clean set under {Path(data_dir) / 'clean'}")
    return found


def set_name(relative: str) -> str:
    """``clean/wikinews-2019.jsonl`` -> ``wikinews-2019``."""
    return Path(relative).name.removesuffix(".jsonl").removesuffix(".json")


def count_words(text: str) -> int:
    """Whitespace-separated tokens: the unit of every per-10,000-words rate."""
    return len(text.split())


def per_10k(count: int, words: int) -> float:
    return 10_000 * count / words if words else 0.0


def cell(value) -> str:
    """A value made safe for a Markdown table cell (pipes escaped, line breaks shown as ⏎)."""
    if isinstance(value, float):
        return f"{value:.2f}"
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r", "").replace("\n", "⏎")


def table(headers: list[str], rows: list[list]) -> list[str]:
    """Markdown table lines; columns holding numbers are right-aligned."""
    def numeric(column: int) -> bool:
        return any(isinstance(row[column], (int, float)) and not isinstance(row[column], bool) for row in rows)
    align = ["---:" if numeric(column) else "---" for column in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return lines


def snippet(text: str, start: int, end: int, context: int = 30) -> str:
    """``text[start:end]`` with ``context`` characters either side, for before→after examples."""
    return text[max(0, start - context):end + context]
