"""Regenerate the shipped facts of the built-in line filters' patterns.

``cleaner/kinds/line_filter_facts.json`` and ``cleaner/kinds/line_filter_shapes.json``: run after
changing a pattern of a ``line-filter`` rule in ``rules/*.toml`` (the test suite says when a file
is stale; a stale file only costs start-up time)::

    python scripts/build_line_filter_facts.py

For every pattern they record the texts a match starts with or holds, the most runs of spaces a
match can have (``cleaner.kinds.required_text.derive_facts``), and the fewest and most characters
of a match and the texts it ends with (``cleaner.kinds.match_shape.derive_shape``), so a short
run of the cleaner does not parse some hundred patterns with the pure-Python ``re`` parser.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.kinds.match_shape import SHAPES_FILE, shapes_file_text  # noqa: E402
from cleaner.kinds.required_text import FACTS_FILE, builtin_line_filter_patterns, facts_file_text  # noqa: E402


def main() -> None:
    patterns = builtin_line_filter_patterns()
    FACTS_FILE.write_text(facts_file_text(patterns), encoding="utf-8")
    print(f"wrote {FACTS_FILE}")
    SHAPES_FILE.write_text(shapes_file_text(patterns), encoding="utf-8")
    print(f"wrote {SHAPES_FILE}")


if __name__ == "__main__":
    main()
