"""The README's rules table, generated from the registry so it cannot drift.

``python -m cleaner.docs README.md`` rewrites the table between the markers
``<!-- rules:start -->`` and ``<!-- rules:end -->``; a test fails when it is stale.

>>> from cleaner.registry import RuleDoc
>>> from cleaner.edits import Applicability
>>> print(render_rules_table([RuleDoc("ABC001", "demo", "Demo rule", "", "", "a", "b", Applicability.SAFE)]))
| Code | Name | Fix | Default | What it finds |
|---|---|---|---|---|
| `ABC001` | demo | safe | on | Demo rule |
"""

from __future__ import annotations

import sys
from pathlib import Path

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def render_rules_table(rules) -> str:
    """A Markdown table of rule codes, sorted by code."""
    lines = ["| Code | Name | Fix | Default | What it finds |", "|---|---|---|---|---|"]
    for rule in sorted(rules, key=lambda r: r.code):
        message = rule.message.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.name} | {rule.applicability.value} | "
                     f"{'on' if rule.default_enabled else 'off'} | {message} |")
    return "\n".join(lines)


def current_table() -> str:
    from . import Cleaner, Config

    return render_rules_table(Cleaner(Config(select=("ALL",))).rules.values())


def update_readme(text: str, table: str) -> str:
    """``text`` with the part between the markers replaced by ``table``."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0] if argv else "README.md")
    text = path.read_text(encoding="utf-8")
    updated = update_readme(text, current_table())
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"Updated the rules table in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
