"""Regenerate ``cleaner/builtin_data.json``: the parsed contents of the built-in ``rules/**/*.toml``.

Run after changing a built-in pack or data file (the test suite says when the copy is stale; a
stale copy only costs start-up time, as the changed file is then parsed as TOML)::

    python scripts/build_builtin_data.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.builtin_data import COPY_FILE, copy_file_text  # noqa: E402


def main() -> None:
    with open(COPY_FILE, "w", encoding="utf-8") as handle:
        handle.write(copy_file_text())
    print(f"wrote {COPY_FILE}")


if __name__ == "__main__":
    main()
