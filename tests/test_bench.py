"""The benchmark code on tiny generated data sets (no ../shared needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench import __main__ as runner
from bench import data


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def test_missing_data_is_one_line_and_fails_only_when_asked(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert runner.main(["--data", str(missing)]) == 0
    out = capsys.readouterr().out
    assert sum("Data not found" in line for line in out.splitlines()) == 1
    assert runner.main(["--data", str(missing), "--only", "noharm"]) == 1


def test_unknown_section_is_an_error(tmp_path, capsys):
    assert runner.main(["--data", str(tmp_path), "--only", "nosuch"]) == 2
    assert "unknown section" in capsys.readouterr().err


def test_table_right_aligns_numbers_and_escapes_pipes():
    assert data.table(["a", "n"], [["x|y\nz", 2.5]]) == ["| a | n |", "|---|---:|", "| x\\|y⏎z | 2.50 |"]
