"""How a run is shown: unified diffs, ``path:line:col: CODE message`` lines, JSON, GitHub, SARIF.

Everything here is a pure function from results to text, so the command line, editors and
CI integrations all print the same thing.

>>> print(unified_diff("take kyiv now\\n", "take Kyiv now\\n", "a.txt"), end="")
--- a.txt
+++ a.txt
@@ -1 +1 @@
-take kyiv now
+take Kyiv now
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from dataclasses import dataclass, field

CONTEXT = 3
NO_NEWLINE = "\\ No newline at end of file\n"
HUNK_HEADER = re.compile(r"^@@ -(\d+)((?:,\d+)?) \+(\d+)((?:,\d+)?) @@")

RED, GREEN, CYAN, BOLD, DIM, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[1m", "\033[2m", "\033[0m"


@dataclass
class FileReport:
    """Everything the command learned about one input, ready to print (and to pickle across processes)."""

    path: str
    error: str | None = None
    """One line naming the problem when the file could not be cleaned (exit 2)."""
    fmt: str = "text"
    encoding: str = "utf-8"
    bom: bool = False
    source: str = ""
    text: str = ""
    fixes: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    diff: str = ""
    written: bool = False
    skipped: bool = False
    """Excluded by the configuration (``--force-exclude``): not read, not an error."""

    @property
    def changed(self) -> bool:
        return self.text != self.source


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split at ``\\n`` only (``\\r\\n`` stays on its line).

    >>> split_lines("a\\r\\nb\\n\\nc")
    ['a\\r\\n', 'b\\n', '\\n', 'c']
    """
    lines = text.split("\n")
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def unified_diff(before: str, after: str, path: str, fixes=(), context: int = CONTEXT) -> str:
    """A unified diff of ``before`` → ``after`` labelled ``path`` ('' when they are equal).

    With ``fixes`` (the result's fixes, offsets into ``before``) only the lines around them
    are compared, so a large file with a few changes is diffed in time proportional to the
    changes. ``\\ No newline at end of file`` marks a missing final newline, as in git.
    """
    if before == after:
        return ""
    parts = [f"--- {path}\n", f"+++ {path}\n"]
    for a_text, b_text, a_line, b_line in changed_slices(before, after, fixes, context):
        parts.extend(diff_slice(a_text, b_text, a_line, b_line, context))
    return "".join(parts) if len(parts) > 2 else ""


def changed_slices(before: str, after: str, fixes, context: int):
    """Yield ``(before_slice, after_slice, first_line_before, first_line_after)`` (0-based lines)
    covering every fix with ``context`` lines around it; without fixes, the whole texts."""
    fixes = sorted(fixes, key=lambda f: (f.start, f.end))
    if not fixes or sum(len(f.replacement) - (f.end - f.start) for f in fixes) != len(after) - len(before):
        yield before, after, 0, 0
        return
    starts = line_starts(before)
    count = len(starts) if not before.endswith("\n") else len(starts) - 1
    groups: list[list] = []  # [first_line, last_line, delta_before, delta_after]
    delta = 0
    for fix in fixes:
        first = bisect.bisect_right(starts, fix.start) - 1
        last = bisect.bisect_right(starts, max(fix.start, fix.end - 1)) - 1
        change = len(fix.replacement) - (fix.end - fix.start)
        if groups and first - groups[-1][1] <= 2 * context + 1:
            groups[-1][1] = max(groups[-1][1], last)
            groups[-1][3] += change
        else:
            groups.append([first, last, delta, delta + change])
        delta += change
    out_position, out_line = 0, 0
    for first, last, delta_before, delta_after in groups:
        low, high = max(0, first - context), min(count, last + context + 1)
        a_start = starts[low]
        a_end = starts[high] if high < len(starts) else len(before)
        b_start, b_end = a_start + delta_before, a_end + delta_after
        out_line += after.count("\n", out_position, b_start)
        out_position = b_start
        yield before[a_start:a_end], after[b_start:b_end], low, out_line


def diff_slice(a_text: str, b_text: str, a_line: int, b_line: int, context: int) -> list[str]:
    """difflib's hunks for one slice, renumbered to the whole file."""
    import difflib

    lines = []
    for line in difflib.unified_diff(split_lines(a_text), split_lines(b_text), n=context, lineterm=""):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(renumber(line, a_line, b_line) + "\n")
        elif line.endswith("\n"):
            lines.append(line)
        else:
            lines.append(line + "\n" + NO_NEWLINE)
    return lines


def renumber(header: str, a_line: int, b_line: int) -> str:
    """Shift a hunk header by the slice's first lines.

    >>> renumber("@@ -1,3 +1,2 @@", 10, 7)
    '@@ -11,3 +8,2 @@'
    """
    match = HUNK_HEADER.match(header)
    return (f"@@ -{int(match[1]) + a_line}{match[2]} +{int(match[3]) + b_line}{match[4]} @@"
            + header[match.end():])


def line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def colorize_diff(diff: str) -> str:
    """ANSI colours for a terminal: headers bold, hunks cyan, removals red, additions green."""
    out = []
    for line in diff.splitlines(keepends=True):
        body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
        if line.startswith(("---", "+++")):
            out.append(f"{BOLD}{body}{RESET}{end}")
        elif line.startswith("@@"):
            out.append(f"{CYAN}{body}{RESET}{end}")
        elif line.startswith("-"):
            out.append(f"{RED}{body}{RESET}{end}")
        elif line.startswith("+"):
            out.append(f"{GREEN}{body}{RESET}{end}")
        elif line.startswith("\\"):
            out.append(f"{DIM}{body}{RESET}{end}")
        else:
            out.append(line)
    return "".join(out)


# ---- one line per fix or finding -------------------------------------------------------------

def describe(path: str, item, marker: str = "") -> str:
    """``path:line:col: CODE message`` with an optional ``[marker]``.

    >>> from cleaner.edits import Finding
    >>> describe("a.txt", Finding("BRK002", 40, 50, "Orphan fragment", line=3, column=7))
    'a.txt:3:7: BRK002 Orphan fragment'
    """
    suffix = f" [{marker}]" if marker else ""
    return f"{path}:{item.line}:{item.column}: {item.rule} {item.message}{suffix}"


def finding_marker(finding) -> str:
    """``unsafe fix available`` for a finding whose fix needs ``--unsafe-fixes``."""
    return "unsafe fix available" if finding.replacement is not None and str(finding.applicability) == "unsafe" else ""


def text_lines(report: FileReport, applied: bool, show_fixes: bool = True) -> list[str]:
    """The human-readable lines for one file: its fixes (``[fix]`` or ``[fixed]``), then findings."""
    lines = []
    if show_fixes:
        lines += [describe(report.path, fix, "fixed" if applied else "fix") for fix in report.fixes]
    lines += [describe(report.path, finding, finding_marker(finding)) for finding in report.findings]
    return lines


def summary_line(reports: list[FileReport], applied: bool) -> str:
    """One closing sentence: how many fixes and findings in how many files.

    >>> summary_line([FileReport("a", source="x", text="y", fixes=[1, 2])], applied=False)
    'Would fix 2 issues in 1 file; run with --write to apply.'
    """
    errors = sum(1 for r in reports if r.error)
    reports = cleaned(reports)
    fixes = sum(len(r.fixes) for r in reports)
    findings = sum(len(r.findings) for r in reports)
    unsafe = sum(1 for r in reports for f in r.findings if finding_marker(f))
    changed = sum(1 for r in reports if r.fixes)
    parts = []
    if fixes:
        verb = "Fixed" if applied else "Would fix"
        parts.append(f"{verb} {plural(fixes, 'issue')} in {plural(changed, 'file')}")
    if findings:
        parts.append(f"{plural(findings, 'finding')} to review"
                     + (f" ({unsafe} with a fix that --unsafe-fixes applies)" if unsafe else ""))
    if errors:
        parts.append(f"{plural(errors, 'file')} could not be cleaned")
    if not parts:
        checked = sum(1 for r in reports if not r.skipped)
        return f"All clean: {plural(checked, 'file')} checked."
    sentence = "; ".join(parts)
    if fixes and not applied:
        sentence += "; run with --write to apply"
    return sentence[0].upper() + sentence[1:] + "."


def cleaned(reports: list[FileReport]) -> list[FileReport]:
    """The reports of files that were cleaned: a file that failed (even only at the write, its
    fixes found but not written) has its one error line and nothing to count."""
    return [r for r in reports if not r.error]


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def in_output(findings, fixes, output: str) -> list:
    """``findings`` moved from the input to ``output`` (the input with ``fixes`` applied).

    After ``--write`` the file on disk is the output, so that is where the line and column
    of a remaining finding must point.

    >>> from cleaner.edits import Finding, Fix
    >>> moved = in_output([Finding("X1", 9, 10, "m", line=1, column=10)], [Fix("S1", 2, 4, "", "m")], "ab cdefgh")
    >>> moved[0].start, moved[0].line, moved[0].column
    (7, 1, 8)
    """
    from dataclasses import replace

    from .pipeline import shift

    fixes = sorted(fixes, key=lambda f: (f.start, f.end))
    starts = [f.start for f in fixes]
    deltas = list(accumulate(len(f.replacement) - (f.end - f.start) for f in fixes))
    positions = position_finder(output)
    moved = []
    for finding in findings:
        start = shift(finding.start, fixes, starts, deltas, False)
        end = shift(finding.end, fixes, starts, deltas, True)
        line, column = positions(start)
        moved.append(replace(finding, start=start, end=max(start, end), line=line, column=column))
    return moved


def fixes_in_output(fixes) -> list:
    """Each fix placed where its replacement now is in the output (``start``/``end``, line, column).

    >>> from cleaner.edits import Fix
    >>> [(f.start, f.end) for f in fixes_in_output([Fix("A1", 0, 2, "x", ""), Fix("B1", 5, 5, "yz", "")])]
    [(0, 1), (4, 6)]
    """
    from dataclasses import replace

    moved = []
    delta = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        start = fix.start + delta
        moved.append(replace(fix, start=start, end=start + len(fix.replacement)))
        delta += len(fix.replacement) - (fix.end - fix.start)
    return moved


def as_written(report: FileReport) -> FileReport:
    """The report in the coordinates of the cleaned text, for when that is what the user now has.

    ``source`` becomes the cleaned text, so every position is a line and column of the file
    as it is on disk after ``--write`` (or of the filter's output).
    """
    from dataclasses import replace

    positions = position_finder(report.text)
    fixes = []
    for fix in fixes_in_output(report.fixes):
        line, column = positions(fix.start)
        fixes.append(replace(fix, line=line, column=column))
    return replace(report, source=report.text, fixes=fixes,
                   findings=in_output(report.findings, report.fixes, report.text))


def statistics_lines(reports: list[FileReport]) -> list[str]:
    """``count  CODE  [fix]`` per rule code, most frequent first (ruff's ``--statistics``)."""
    counts: dict[tuple[str, str], int] = {}
    for report in cleaned(reports):
        for fix in report.fixes:
            for rule in fix.rule.split(","):
                counts[(rule, "fix")] = counts.get((rule, "fix"), 0) + 1
        for finding in report.findings:
            counts[(finding.rule, "finding")] = counts.get((finding.rule, "finding"), 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:5d}  {rule:<8} {kind}" for (rule, kind), count in ordered]


# ---- machine-readable formats ----------------------------------------------------------------

def item_record(item, positions) -> dict:
    """A fix or finding as a JSON object (positions are 1-based lines and columns in the input)."""
    end_line, end_column = positions(item.end)
    return {
        "rule": item.rule,
        "line": item.line,
        "column": item.column,
        "end_line": end_line,
        "end_column": end_column,
        "start": item.start,
        "end": item.end,
        "message": item.message,
        "replacement": item.replacement,
        "applicability": str(item.applicability),
    }


def position_finder(text: str):
    """A function ``offset -> (line, column)``, 1-based, like ``Document.line_col``."""
    starts = line_starts(text)

    def find(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1
    return find


def file_record(report: FileReport) -> dict:
    """One file of ``--format json``."""
    if report.error or report.skipped:
        return {"path": report.path, "error": report.error, "skipped": report.skipped}
    positions = position_finder(report.source)
    return {
        "path": report.path,
        "error": None,
        "skipped": False,
        "format": report.fmt,
        "encoding": report.encoding,
        "changed": report.changed,
        "written": report.written,
        "text": report.text,
        "diff": report.diff,
        "fixes": [item_record(fix, positions) for fix in report.fixes],
        "findings": [item_record(finding, positions) for finding in report.findings],
    }


def render_json(reports: list[FileReport], version: str) -> str:
    """The whole run as one JSON document (schema version 1)."""
    import json

    document = {
        "schema": 1,
        "tool": {"name": "mtclean", "version": version},
        "files": [file_record(report) for report in reports],
        "summary": {
            "files": len(reports),
            "changed": sum(1 for r in cleaned(reports) if r.changed),
            "fixes": sum(len(r.fixes) for r in cleaned(reports)),
            "findings": sum(len(r.findings) for r in cleaned(reports)),
            "errors": sum(1 for r in reports if r.error),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    """GitHub workflow-command escaping for the message part."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub workflow-command escaping for ``file=`` and ``title=`` values."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_lines(report: FileReport, applied: bool) -> list[str]:
    """``::warning file=…,line=…,col=…,title=CODE::message`` annotations for one file."""
    path = escape_property(report.path)
    if report.error:
        return [f"::error file={path},title=mtclean::{escape_data(report.error)}"]
    positions = position_finder(report.source)
    lines = []
    for item, level, note in [*((fix, "notice" if applied else "warning", "fixed" if applied else "fixable"
                                 ) for fix in report.fixes),
                              *((finding, "warning", finding_marker(finding)) for finding in report.findings)]:
        end_line, end_column = positions(item.end)
        message = item.message + (f" [{note}]" if note else "")
        lines.append(f"::{level} file={path},line={item.line},col={item.column},endLine={end_line},"
                     f"endColumn={end_column},title={escape_property(item.rule)}::{escape_data(message)}")
    return lines


def render_sarif(reports: list[FileReport], rules: dict, version: str) -> str:
    """SARIF 2.1.0 for code-scanning uploads; columns count code points."""
    import json

    results = []
    used = {}
    for report in reports:
        if report.error or report.skipped:
            continue
        positions = position_finder(report.source)
        for item, kind in [*((f, "fix") for f in report.fixes), *((f, "finding") for f in report.findings)]:
            end_line, end_column = positions(item.end)
            region = {"startLine": item.line, "startColumn": item.column, "endLine": end_line, "endColumn": end_column}
            location = {"physicalLocation": {"artifactLocation": {"uri": report.path}, "region": region}}
            result = {"ruleId": item.rule, "level": "note" if kind == "fix" else "warning",
                      "message": {"text": item.message}, "locations": [location]}
            if item.replacement is not None:
                # The edit's own span: a removed last line is shown at its line but deleted from
                # the line break before it on.
                deleted = dict(region, **dict(zip(("startLine", "startColumn"), positions(item.start))))
                result["fixes"] = [{"description": {"text": item.message}, "artifactChanges": [{
                    "artifactLocation": {"uri": report.path},
                    "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": item.replacement}}]}]}]
            results.append(result)
            for code in item.rule.split(","):
                used[code] = rules.get(code)
    driver_rules = [{"id": code, "name": doc.name, "shortDescription": {"text": doc.message}} if doc
                    else {"id": code} for code, doc in sorted(used.items())]
    run = {"tool": {"driver": {"name": "mtclean", "version": version, "rules": driver_rules}},
           "columnKind": "unicodeCodePoints", "results": results}
    document = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
