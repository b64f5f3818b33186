"""``python -m bench``: run the benchmark sections in a fixed order and print a Markdown report.

Sections are modules ``bench/<name>.py`` with ``TITLE`` and ``run(data_dir[, quick])``; the
optional ones (written alongside the rules they measure) are run when present. A missing data
directory is reported in one line; the exit status is non-zero only when a section asked for
with ``--only`` could not run (missing module or data) or a section failed.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from .data import DEFAULT_DATA

# Report order. Sections without data needs declare NEEDS_DATA = False.
SECTIONS = ("noharm", "mojibake", "casing", "boilerplate", "grammar", "synthetic", "properties",
            "speed", "scaling")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="data directory (default: ../shared/data, relative to the repository root)")
    parser.add_argument("--only", default="", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--quick", action="store_true", help="smaller samples and sizes")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    parser.add_argument("--readme", action="store_true", help="print only the compact tables for README.md")
    return parser.parse_args(argv)


def load_section(name: str):
    """The section module, or ``None`` when ``bench/<name>.py`` does not exist."""
    try:
        return importlib.import_module(f"bench.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"bench.{name}":
            return None
        raise


def call(function, data_dir: Path, quick: bool):
    """Call ``run``/``readme`` with ``quick`` only when it accepts the argument."""
    if "quick" in inspect.signature(function).parameters:
        return function(data_dir, quick=quick)
    return function(data_dir)


def header(data_dir: Path, quick: bool) -> list[str]:
    import cleaner

    present = "" if data_dir.is_dir() else " (not found)"
    return [
        "# mtclean benchmark",
        "",
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"- mtclean {getattr(cleaner, '__version__', '?')}",
        f"- data: `{data_dir}`{present}" + (" — quick mode (smaller samples)" if quick else ""),
        "",
    ]


def run_sections(names, data_dir: Path, quick: bool, readme: bool, explicit: bool, emit) -> list[str]:
    """Run ``names`` in order, passing each section's Markdown to ``emit`` as soon as it is done.

    Returns the sections that could not run (only those asked for explicitly count when the
    module or the data is missing).
    """
    lines: list[str] = []
    failures: list[str] = []
    data_present = data_dir.is_dir()
    if not data_present:
        lines += [f"**Data not found at `{data_dir}`**: sections that need it were skipped "
                  "(give a path with `--data`).", ""]
    for name in names:
        module = load_section(name)
        if module is None:
            if explicit:
                lines += [f"_Section `{name}`: module bench/{name}.py is not present._", ""]
                failures.append(name)
            continue
        function = getattr(module, "readme", None) if readme else module.run
        if function is None:
            continue
        if not data_present and getattr(module, "NEEDS_DATA", True):
            if explicit:
                failures.append(name)
            continue
        title = getattr(module, "TITLE", name)
        began, cpu = time.perf_counter(), time.process_time()
        try:
            body = call(function, data_dir, quick)
        except FileNotFoundError as error:
            body = [f"_Skipped: data missing ({error})._"]
            if explicit:
                failures.append(name)
        except Exception:  # one broken section must not hide the others
            body = ["_Section failed:_", "", "```", traceback.format_exc().rstrip(), "```"]
            failures.append(name)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
        lines += [f"## {title}", "", *body, ""]
        if not readme:
            lines += [f"_({name}: {elapsed:.1f} s wall, {cpu:.1f} s CPU in this process)_", ""]
        emit("\n".join(lines))
        lines = []
    if lines:
        emit("\n".join(lines))
    return failures


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    names = SECTIONS
    if args.only:
        asked = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in asked if n not in SECTIONS]
        if unknown:
            print(f"unknown section {unknown[0]!r}: expected one of {', '.join(SECTIONS)}", file=sys.stderr)
            return 2
        names = tuple(n for n in SECTIONS if n in asked)
    out = open(args.out, "w", encoding="utf-8") if args.out else None

    def emit(text: str) -> None:
        print(text, flush=True)
        if out:
            out.write(text + "\n")
            out.flush()

    try:
        if not args.readme:
            emit("\n".join(header(args.data, args.quick)))
        failures = run_sections(names, args.data, args.quick, args.readme, bool(args.only), emit)
    finally:
        if out:
            out.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
