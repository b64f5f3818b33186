"""Regenerate ``cleaner/kinds/line_filter_facts.json``: the prefilter facts of the built-in line filters.

Run after changing a pattern of a ``line-filter`` rule in ``rules/*.toml`` (the test suite says
when the file is stale; a stale file only costs start-up time)::

    python scripts/build_line_filter_facts.py

For every pattern it records the texts a match starts with or holds and the most runs of
spaces a match can have (``cleaner.kinds.required_text.derive_facts``), so a short run of the
cleaner does not parse some hundred patterns with the pure-Python ``re`` parser.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.kinds.required_text import FACTS_FILE, builtin_line_filter_patterns, facts_file_text  # noqa: E402


def main() -> None:
    FACTS_FILE.write_text(facts_file_text(builtin_line_filter_patterns()), encoding="utf-8")
    print(f"wrote {FACTS_FILE}")


if __name__ == "__main__":
    main()
