"""The README stays true: its rules table is the registry's, and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from cleaner.docs import END, START, current_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_current():
    table = README.split(START, 1)[1].split(END, 1)[0].strip()
    assert table == current_table(), "the rules table is stale: run  python -m cleaner.docs README.md"


def test_readme_starts_with_the_set_up_and_test_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line for line in first_block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert "pip install" in commands[0] and "seeds/000_b4bb0df2ac90e0eb.txt" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8"), "CI must run the README's test command"
