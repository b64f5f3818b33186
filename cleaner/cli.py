"""The ``clean`` (and ``mtclean``) command: review, fix in place, or filter prose files.

Modes, following pre-commit-hooks, ruff and black:

- ``clean FILE...`` reviews: prints the diff of what would change, then every fix and
  finding as ``path:line:col: CODE message``; changes nothing; exits 1 if anything would
  change or was found.
- ``clean --write FILE...`` applies the fixes in place (``Fixing PATH``) and reports the rest;
  exits 1 when a file changed or findings remain (the pre-commit fixer convention).
- ``clean --stdout FILE``, ``clean -`` (stdin) and ``-o OUT`` print or write the cleaned text
  alone, as a filter; findings go to standard error; exit 1 only when findings remain.
- ``--diff`` prints diffs only (exit 1 if any); ``--check`` prints nothing (exit code only).

Exit codes: 0 clean, 1 changed or found, 2 error (usage, configuration, or a file that is
missing, a directory, unreadable, binary, not valid UTF-8 or too big: one line on standard
error naming it, the other files are still processed, the bad file is never modified).

>>> main(["--version"])  # doctest: +ELLIPSIS
mtclean ...
0
"""

from __future__ import annotations

import os
import sys

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

# A process pool pays for itself only with several files and some work: below these, one
# process is faster (forking, pickling results). Module constants so tests can lower them.
POOL_MIN_FILES = 2
POOL_MIN_BYTES = 1024 * 1024

SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3}


def main(argv: list[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    Start-up (arguments, configuration, importing and building the rules) makes some thirty
    thousand objects that live as long as the command, and almost no garbage; the cyclic
    garbage collector's passes over them as they piled up cost some 6 ms of a short run. So the
    collector is paused until the rules are loaded, those objects are then frozen out of
    later collections (``gc.freeze``), and the files are cleaned with the collector on.
    Both are undone when the command returns, for a caller that runs it in its own process.
    """
    import gc

    enabled, frozen = gc.isenabled(), gc.get_freeze_count()
    gc.disable()
    try:
        return command(argv, lambda: resume_collector(enabled, freeze=not frozen))
    finally:
        if not frozen:
            gc.unfreeze()
        if enabled:
            gc.enable()


def resume_collector(enabled: bool, freeze: bool) -> None:
    """Freeze what start-up made out of later collections (``freeze``: only when the caller had
    frozen nothing, since unfreezing afterwards would thaw the caller's objects too, and
    freezing without it would keep every object alive now frozen for good) and turn the
    collector back on."""
    import gc

    if freeze:
        gc.freeze()
    if enabled:
        gc.enable()


def command(argv: list[str] | None, rules_loaded) -> int:
    """The command itself; ``rules_loaded()`` is called once the first configuration's rules are built."""
    parser = build_parser()
    try:
        options = parser.parse_args(argv)
        check_usage(parser, options)
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
        return int(stop.code or 0)
    if options.version:
        from . import __version__

        print(f"mtclean {__version__}")
        return EXIT_CLEAN
    try:
        if options.list_rules or options.explain:
            return show_rules(options)
        # Build the rules once before any file, for the first file's configuration: a bad flag
        # or configuration is reported once, and worker processes inherit the loaded rules.
        first = options.files[0] if options.files != ["-"] else options.stdin_filename
        config = config_for(first or None, options)
        cleaner_for(config)
        rules_loaded()
        prepare_grammar(config)  # with --grammar: LanguageTool found once, before any file
        return run(options)
    except UsageError as error:
        print(f"clean: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `clean ... | head`: the reader left; say nothing more
        silence_stdout()
        return EXIT_FOUND


def silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush does not fail on a closed pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class UsageError(Exception):
    """A bad flag or configuration: reported once, exit 2."""


# ---- arguments ---------------------------------------------------------------------------

def build_parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="clean",
        description="Repair machine-translation and scraping damage in prose files, and show every change.",
        epilog="Exit status: 0 clean, 1 something would change or was found (or was fixed with --write), 2 error.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="files to clean; - reads standard input")
    mode = parser.add_argument_group("what to do (default: show the diff and findings, change nothing)")
    mode.add_argument("-w", "--write", action="store_true", help="apply the fixes to the files in place")
    mode.add_argument("--diff", action="store_true", help="print only the diff of what would change")
    mode.add_argument("--check", action="store_true", help="print nothing; the exit status says whether anything would change or was found")
    mode.add_argument("--stdout", action="store_true", help="print the cleaned text alone (a filter); findings go to standard error")
    mode.add_argument("-o", "--output", metavar="OUT", help="write the cleaned text of the one input to OUT")
    rules = parser.add_argument_group("rules")
    rules.add_argument("--select", action="append", metavar="CODES", help="only these rule codes or prefixes (comma-separated, repeatable)")
    rules.add_argument("--extend-select", action="append", metavar="CODES", help="these codes or prefixes in addition")
    rules.add_argument("--ignore", action="append", metavar="CODES", help="turn these codes or prefixes off")
    rules.add_argument("--unsafe-fixes", action="store_true", default=None, help="also apply fixes that can be wrong on correct text")
    rules.add_argument("--grammar", action="store_true", default=None, help="also run the grammar checker (GRM rules; needs language-tool-python)")
    rules.add_argument("--list-rules", action="store_true", help="list every rule: code, name, applicability, on/off by default, message")
    rules.add_argument("--explain", metavar="CODE", help="explain one rule")
    files = parser.add_argument_group("files")
    files.add_argument("--fmt", choices=("text", "markdown"), help="the input format (default: from the file name: .md is markdown)")
    files.add_argument("--encoding", metavar="NAME", help="read and write files in this encoding (default: UTF-8, or UTF-16/32 with a BOM)")
    files.add_argument("--max-size", metavar="SIZE", type=parse_size, default=parse_size("50M"),
                       help="skip larger files with an error (bytes, or with K/M/G; default 50M)")
    files.add_argument("--stdin-filename", metavar="NAME", help="the name standard input is reported as (and its format guessed from)")
    files.add_argument("--force-exclude", action="store_true", help="skip files the configuration excludes even when named explicitly")
    files.add_argument("--config", metavar="PATH", help="read the configuration from this file only")
    files.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    output = parser.add_argument_group("output")
    output.add_argument("--format", "--output-format", dest="format", choices=("text", "json", "github", "sarif"),
                        default="text", help="how results are printed (default: text)")
    output.add_argument("-q", "--quiet", action="store_true", help="print only the fix and finding lines (with --write: only Fixing lines and findings)")
    output.add_argument("--statistics", action="store_true", help="print how often each rule code fired")
    output.add_argument("--no-color", action="store_true", help="no colours (also when NO_COLOR is set)")
    output.add_argument("-j", "--jobs", type=int, default=0, metavar="N", help="files cleaned in parallel (default: number of CPUs)")
    output.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def parse_size(value: str) -> int:
    """``50M`` → 52428800; plain numbers are bytes.

    >>> parse_size("2k"), parse_size("100")
    (2048, 100)
    """
    import argparse

    text = value.strip().upper()
    number = text.rstrip("BKMG")
    unit = text[len(number):]
    try:
        size = float(number) * SIZE_UNITS[unit]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"invalid size {value!r}: use bytes or a number with K, M or G") from None
    if size < 0:
        raise argparse.ArgumentTypeError(f"invalid size {value!r}: must not be negative")
    return int(size)


def check_usage(parser, options) -> None:
    """Reject combinations that have no sensible meaning (argparse exits 2)."""
    options.select = split_codes(options.select) if options.select is not None else None
    options.extend_select = split_codes(options.extend_select or [])
    options.ignore = split_codes(options.ignore or [])
    if options.version or options.list_rules or options.explain:
        return
    if not options.files:
        parser.error("no files given (use - for standard input)")
    if "-" in options.files and len(options.files) > 1:
        parser.error("- (standard input) cannot be combined with other files")
    modes = [name for name in ("write", "diff", "check", "stdout") if getattr(options, name)]
    if options.output:
        modes.append("output")
    if len(modes) > 1:
        parser.error("choose one of --write, --diff, --check, --stdout, -o: " + ", ".join("--" + m for m in modes))
    if (options.stdout or options.output) and len(options.files) > 1:
        parser.error("--stdout and -o take exactly one input")
    if options.stdout and options.format != "text":
        parser.error(f"--stdout prints the cleaned text; use -o OUT with --format {options.format}")
    if options.jobs < 0:
        parser.error("--jobs must be 0 (one per CPU) or more")


def split_codes(values: list[str]) -> tuple[str, ...]:
    """``["ENC,SPC001", "BRK"]`` → ``("ENC", "SPC001", "BRK")`` (upper-cased, blanks dropped)."""
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def choose_mode(options) -> str:
    """``review``, ``write``, ``diff``, ``check`` or ``filter``.

    Standard input cannot be rewritten in place: ``--write -`` is cleaned as ``-`` is (the
    cleaned text printed as a filter, or in the report of ``--format``), as ``ruff --fix -`` does.
    """
    stdin = options.files == ["-"]
    for name in ("write", "diff", "check"):
        if getattr(options, name) and not (name == "write" and stdin):
            return name
    if options.stdout or options.output:
        return "filter"
    if stdin and options.format == "text":
        return "filter"
    return "review"


# ---- configuration seam --------------------------------------------------------------------

def config_for(path: str | None, options):
    """The :class:`~cleaner.Config` for one file (``None``: the current directory).

    The configuration discovered for ``path`` (``[tool.mtclean]`` in ``pyproject.toml`` or
    ``.mtclean.toml``, by :mod:`cleaner.settings` when present; ``--config`` / ``--isolated``
    steer it), with the command-line flags on top. Raises :class:`UsageError` for a bad one.
    """
    from .config import Config, ConfigError

    try:
        settings = load_settings_module()
        if settings is None:
            if options.config and not os.path.isfile(options.config):
                raise ConfigError(f"{options.config}: configuration file not found")
            base = Config()
        else:
            base = settings.config_for(path, config_file=options.config, isolated=options.isolated)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    return apply_flags(base, options)


def is_excluded(path: str, options) -> bool:
    """Whether the configuration excludes ``path`` (only asked with ``--force-exclude``)."""
    settings = load_settings_module()
    if settings is None or not hasattr(settings, "is_excluded"):
        return False
    from .config import ConfigError

    try:
        return bool(settings.is_excluded(path, config_file=options.config, isolated=options.isolated))
    except ConfigError as error:
        raise UsageError(str(error)) from None


def configured_format(path: str, options) -> str | None:
    """The format the configuration's ``format`` globs give ``path`` (``None``: decide by name)."""
    settings = load_settings_module()
    if not path or settings is None or not hasattr(settings, "format_for"):
        return None
    from .config import ConfigError

    try:
        return settings.format_for(path, config_file=options.config, isolated=options.isolated)
    except ConfigError as error:
        raise UsageError(str(error)) from None


def load_settings_module():
    """:mod:`cleaner.settings` (configuration discovery), or ``None`` while it does not exist."""
    try:
        from . import settings
    except ImportError:
        return None
    return settings


def apply_flags(config, options):
    """``config`` with the command-line rule flags applied (``--select`` replaces, the rest add)."""
    from dataclasses import replace

    changes = {}
    if options.select is not None:
        changes["select"] = tuple(options.select)
    if options.extend_select:
        changes["extend_select"] = tuple(config.extend_select) + tuple(options.extend_select)
    if options.ignore:
        changes["ignore"] = tuple(config.ignore) + tuple(options.ignore)
    if options.unsafe_fixes:
        changes["unsafe_fixes"] = True
    if options.grammar:
        changes["grammar"] = True
    return replace(config, **changes) if changes else config


def prepare_grammar(config) -> None:
    """With --grammar, find LanguageTool before the first file: if none answers, one message
    and exit 2 (instead of the same error for every file); workers forked later share it."""
    from .config import ConfigError
    from .rules.grammar import prepare

    try:
        prepare(config)
    except ConfigError as error:
        raise UsageError(str(error)) from None


CLEANERS: dict = {}


def cleaner_for(config):
    """One :class:`~cleaner.Cleaner` per distinct configuration (rules load once per run)."""
    from .cleaner import Cleaner
    from .config import ConfigError

    if config not in CLEANERS:
        try:
            CLEANERS[config] = Cleaner(config)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    return CLEANERS[config]


# ---- --list-rules and --explain --------------------------------------------------------------

def show_rules(options) -> int:
    rules = cleaner_for(config_for(None, options)).rules
    if options.explain:
        doc = rules.get(options.explain.strip().upper())
        if doc is None:
            print(f"clean: error: unknown rule code {options.explain!r} (see clean --list-rules)", file=sys.stderr)
            return EXIT_ERROR
        print(doc.render(), end="")
        return EXIT_CLEAN
    docs = sorted(rules.values(), key=lambda d: d.code)
    if options.format == "json":
        import json

        print(json.dumps([{"code": d.code, "name": d.name, "applicability": str(d.applicability),
                           "default_enabled": d.default_enabled, "message": d.message, "source": d.source}
                          for d in docs], indent=2, ensure_ascii=False))
        return EXIT_CLEAN
    width = max((len(d.name) for d in docs), default=4)
    for d in docs:
        state = "on" if d.default_enabled else "off"
        print(f"{d.code:<8} {d.name:<{width}}  {str(d.applicability):<6}  {state:<3}  {d.message}")
    return EXIT_CLEAN


# ---- cleaning files --------------------------------------------------------------------------

def run(options) -> int:
    """Clean every input, print the results in input order, return the exit code."""
    mode = choose_mode(options)
    paths = unique_paths(options.files)
    reports = []
    printer = Printer(options, mode)
    for item in clean_all(paths, options, mode):
        reports.append(item)
        printer.file(item)
    printer.finish(reports)
    if printer.failed or any(r.error for r in reports):
        return EXIT_ERROR
    return exit_status(reports, mode)


def unique_paths(paths: list[str]) -> list[str]:
    """``paths`` without repeats of the same file (two workers rewriting one file would collide).

    >>> unique_paths(["a.txt", "./a.txt", "b.txt", "a.txt"])
    ['a.txt', 'b.txt']
    """
    seen = set()
    unique = []
    for path in paths:
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def exit_status(reports, mode: str) -> int:
    """1 when the run found work (see the module docstring for each mode), else 0."""
    if mode == "diff":
        found = any(r.changed for r in reports)
    elif mode == "filter":
        found = any(r.findings for r in reports)
    else:
        found = any(r.changed or r.findings for r in reports)
    return EXIT_FOUND if found else EXIT_CLEAN


def clean_all(paths: list[str], options, mode: str):
    """Yield one report per path, in input order; several files go through a process pool."""
    if paths == ["-"]:
        yield clean_stdin(options, mode)
        return
    jobs = options.jobs or os.cpu_count() or 1
    if jobs > 1 and len(paths) >= POOL_MIN_FILES and total_size(paths) >= POOL_MIN_BYTES:
        yield from clean_in_pool(paths, options, mode, min(jobs, len(paths)))
    else:
        for path in paths:
            yield clean_path(path, options, mode)


def total_size(paths: list[str]) -> int:
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def clean_in_pool(paths: list[str], options, mode: str, workers: int):
    """Clean files in worker processes; ``map`` keeps the input order.

    Workers are forked where the platform allows it, so they inherit the rules already
    loaded by the parent instead of loading them again.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from itertools import repeat

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, len(paths) // (workers * 4))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=ignore_interrupts)
    try:
        yield from pool.map(clean_path, paths, repeat(options), repeat(mode), chunksize=chunk)
    finally:  # on Ctrl-C: workers finish the file in hand (writes are atomic), the rest is cancelled
        pool.shutdown(wait=True, cancel_futures=True)


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops the run (no traceback per worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def clean_path(path: str, options, mode: str):
    """Read, clean and (with ``--write``) rewrite one file; never raises for a bad file."""
    from . import files
    from .report import FileReport

    try:
        excluded = options.force_exclude and is_excluded(path, options)
    except UsageError as error:
        return FileReport(path, error=f"{path}: {error}")
    if excluded and mode != "filter":
        return FileReport(path, skipped=True)
    try:
        source = files.read_source(path, options.encoding, options.max_size)
    except files.FileError as error:
        return FileReport(path, error=str(error))
    if excluded:  # a filter passes an excluded file through unchanged
        return passed_through(source, path)
    report = clean_source(source, path, path, options, mode)
    if mode == "write" and not report.error and report.changed:
        try:
            files.write_source(source, report.text)
            report.written = True
        except files.FileError as error:
            report.error = str(error)
    return report


def clean_stdin(options, mode: str):
    """Clean standard input (read as bytes, decoded like a file)."""
    from . import files
    from .report import FileReport

    name = options.stdin_filename or "-"
    try:
        source = files.read_stdin(sys.stdin.buffer, options.encoding)
    except files.FileError as error:
        return FileReport(name, error=f"{name}: {error.reason}")
    try:
        excluded = bool(options.stdin_filename) and options.force_exclude and is_excluded(name, options)
    except UsageError as error:
        return FileReport(name, error=f"{name}: {error}")
    if excluded:
        return passed_through(source, name)
    return clean_source(source, name, options.stdin_filename or "", options, mode)


def passed_through(source, name: str):
    """The report of an excluded input: skipped, its text unchanged (what a filter prints)."""
    from .report import FileReport

    return FileReport(name, encoding=source.encoding, bom=source.bom, source=source.text, text=source.text,
                      skipped=True)


def clean_source(source, name: str, config_path: str, options, mode: str):
    """Clean decoded text; ``name`` labels the output, ``config_path`` finds the configuration."""
    from .config import ConfigError
    from .formats import format_for_path
    from .report import FileReport, unified_diff

    report = FileReport(name, encoding=source.encoding, bom=source.bom, source=source.text, text=source.text)
    try:
        report.fmt = fmt = options.fmt or configured_format(config_path, options) or format_for_path(name)
        result = cleaner_for(config_for(config_path or None, options)).clean(source.text, fmt=fmt)
    except UsageError as error:
        report.error = f"{name}: {error}"
        return report
    except ConfigError as error:  # not a bug: e.g. LanguageTool failed on this file (GrammarUnavailable)
        report.error = f"{name}: {error}"
        return report
    except Exception as error:  # a bug in a rule must not stop the other files
        if os.environ.get("MTCLEAN_DEBUG"):
            raise
        report.error = f"{name}: internal error, please report it: {type(error).__name__}: {error}"
        return report
    report.text, report.fixes, report.findings = result.text, list(result.fixes), list(result.findings)
    if mode != "check" and (mode != "filter" or options.format != "text"):
        report.diff = unified_diff(source.text, result.text, name, result.fixes)
    return report


# ---- printing --------------------------------------------------------------------------------

class Printer:
    """Prints each file's results as they arrive (in input order) and the closing lines."""

    def __init__(self, options, mode: str):
        self.options = options
        self.mode = mode
        self.color = wants_color(options)
        self.failed = False

    def file(self, report) -> None:
        from . import report as render

        options, mode = self.options, self.mode
        if report.error:
            if options.format not in ("json", "sarif"):
                err(report.error)
            if options.format == "github":
                out("".join(line + "\n" for line in render.github_lines(report, mode == "write")))
            return
        if mode == "filter":
            self.emit_text(report)  # an excluded input passes through unchanged
        if report.skipped or mode == "check" or options.format in ("json", "sarif"):
            return
        applied = mode == "filter" or report.written
        shown = render.as_written(report) if applied else report  # positions in the text the user now has
        if options.format == "github":
            out("".join(line + "\n" for line in render.github_lines(shown, applied)))
        elif mode == "filter":
            if not options.quiet:
                err("".join(line + "\n" for line in render.text_lines(shown, applied=True, show_fixes=False)))
        elif mode == "diff":
            out(render.colorize_diff(report.diff) if self.color else report.diff)
        else:
            if mode == "review" and not options.quiet:
                out(render.colorize_diff(report.diff) if self.color else report.diff)
            if report.written:
                out(f"Fixing {report.path}\n")
            lines = render.text_lines(shown, applied=mode == "write", show_fixes=not (options.quiet and mode == "write"))
            out("".join(line + "\n" for line in lines))

    def emit_text(self, report) -> None:
        """The cleaned text, byte-faithful (same encoding and BOM as the input), to -o or stdout."""
        from . import files

        source = files.Source(report.path, report.text, report.encoding, report.bom, b"")
        try:
            data = files.encode_text(source, report.text)
            if self.options.output:
                write_new_file(self.options.output, data)
                return
        except (OSError, files.FileError) as error:
            err(f"{self.options.output or report.path}: {getattr(error, 'reason', None) or error.strerror or error}")
            self.failed = True
            return
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (an embedding program): the text as it is
            sys.stdout.write(report.text)
            return
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()

    def finish(self, reports) -> None:
        from . import __version__
        from . import report as render

        options, mode = self.options, self.mode
        if mode == "check":
            return
        if options.format == "json":
            out(render.render_json(reports, __version__))
        elif options.format == "sarif":
            out(render.render_sarif(reports, cleaner_for(config_for(None, options)).rules, __version__))
        elif options.format == "text":
            if options.statistics:
                out("".join(line + "\n" for line in render.statistics_lines(reports)))
            if not options.quiet and mode in ("review", "write"):
                out(render.summary_line(reports, applied=mode == "write") + "\n")


def write_new_file(path: str, data: bytes) -> None:
    """Write ``-o OUT`` through a temporary file and a rename, so a failure leaves OUT as it was."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".mtclean.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, os.path.realpath(path))
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def wants_color(options) -> bool:
    """Colour on a terminal, unless ``--no-color`` or ``NO_COLOR``; ``FORCE_COLOR`` forces it."""
    if options.no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(sys.stdout, "isatty") and sys.stdout.isatty()


def out(text: str) -> None:
    write_safely(sys.stdout, text)


def err(text: str) -> None:
    if text and not text.endswith("\n"):
        text += "\n"
    write_safely(sys.stderr, text)


def write_safely(stream, text: str) -> None:
    """Write ``text``; a terminal that cannot show a character gets an escape, not a crash."""
    if not text:
        return
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
