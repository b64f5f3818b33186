"""The ``clean`` command, called as ``main(argv)`` on real files (pre-commit-hooks style).

Texts use spacing damage ("Hello , world") that only the SPC rules touch, so these tests
check the command, not the rules.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Config, cli, files
from cleaner.cli import main
from tests.test_files import call_unprivileged, world_accessible_folder

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = "Hello , world.\nAll is well.\n"
CLEANED = "Hello, world.\nAll is well.\n"
CLEAN = "Nothing to see here.\n"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "MTCLEAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def feed_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# ---- review (default) -------------------------------------------------------------------------

def test_review_prints_diff_and_fixes_and_changes_nothing(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert f"--- {path}\n+++ {path}\n@@ -1,2 +1,2 @@\n-Hello , world.\n+Hello, world.\n All is well.\n" in out
    assert f"{path}:1:6: SPC001 Space before punctuation [fix]" in out
    assert "run with --write" in out
    assert path.read_text() == DAMAGED


def test_review_of_a_clean_file_exits_zero(tmp_path, capsys):
    path = write(tmp_path / "a.txt", CLEAN)
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "---" not in out and "All clean: 1 file checked." in out


def test_unsafe_fix_is_reported_not_applied(tmp_path, capsys):
    path = write(tmp_path / "a.txt", "inter\u00adnational\n")
    assert main(["--extend-select", "ENC005", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:1:6: ENC005 Soft hyphen in text [unsafe fix available]" in out
    assert "---" not in out  # nothing would change without --unsafe-fixes
    assert main(["--extend-select", "ENC005", "--unsafe-fixes", "--write", str(path)]) == 1
    assert path.read_text() == "international\n"


def test_quiet_review_prints_findings_only(tmp_path, capsys):
    path = write(tmp_path / "a.txt", "Hello , inter\u00adnational\n")
    assert main(["-q", "--extend-select", "ENC005", str(path)]) == 1
    out = capsys.readouterr().out
    assert out == (f"{path}:1:6: SPC001 Space before punctuation [fix]\n"
                   f"{path}:1:14: ENC005 Soft hyphen in text [unsafe fix available]\n")
    assert main(["-q", "-w", "--extend-select", "ENC005", str(path)]) == 1
    assert capsys.readouterr().out == (f"Fixing {path}\n"
                                       f"{path}:1:13: ENC005 Soft hyphen in text [unsafe fix available]\n")


# ---- --write ----------------------------------------------------------------------------------

def test_write_fixes_in_place_and_exits_one(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    assert main(["--write", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"Fixing {path}\n" in out and "[fixed]" in out
    assert path.read_text() == CLEANED
    assert main(["-w", str(path)]) == 0  # the pre-commit convention: a second run passes
    assert "Fixing" not in capsys.readouterr().out


def test_write_keeps_crlf_bom_and_mode(tmp_path):
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfHello , world.\r\nAll is well.\r\nno newline , here")
    path.chmod(0o640)
    assert main(["-w", str(path)]) == 1
    assert path.read_bytes() == b"\xef\xbb\xbfHello, world.\r\nAll is well.\r\nno newline, here"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_write_utf16_round_trip(tmp_path):
    path = write(tmp_path / "a.txt", b"\xff\xfe" + DAMAGED.replace("\n", "\r\n").encode("utf-16-le"))
    assert main(["-w", str(path)]) == 1
    assert path.read_bytes() == b"\xff\xfe" + CLEANED.replace("\n", "\r\n").encode("utf-16-le")


def test_write_through_a_symlink_keeps_the_link(tmp_path):
    target = write(tmp_path / "target.txt", DAMAGED)
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    assert main(["-w", str(link)]) == 1
    assert link.is_symlink() and target.read_text() == CLEANED


def edit_before_its_write(monkeypatch, path) -> None:
    """Make ``path`` change on disk right before the command would replace it."""
    def edit_first_file(target):
        if target == os.path.realpath(path):
            write(path, "Edited , meanwhile.\n")
    monkeypatch.setattr(files, "before_replace", edit_first_file)


def test_write_detects_a_concurrent_change(tmp_path, monkeypatch, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    other = write(tmp_path / "b.txt", DAMAGED)
    edit_before_its_write(monkeypatch, path)
    assert main(["-w", str(path), str(other)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"{path}: changed on disk while it was being cleaned; not written\n"
    assert path.read_text() == "Edited , meanwhile.\n"
    assert other.read_text() == CLEANED  # the other file is still fixed
    assert f"Fixing {path}" not in captured.out and f"Fixing {other}" in captured.out



def test_a_file_that_could_not_be_written_is_not_counted_as_fixed(tmp_path, monkeypatch, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    other = write(tmp_path / "b.txt", DAMAGED)
    edit_before_its_write(monkeypatch, path)
    assert main(["-w", str(path), str(other)]) == 2
    assert capsys.readouterr().out.splitlines()[-1] == "Fixed 1 issue in 1 file; 1 file could not be cleaned."
    write(path, DAMAGED)
    assert main(["-w", "--format", "json", str(path), str(other)]) == 2
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary == {"files": 2, "changed": 0, "fixes": 0, "findings": 0, "errors": 1}

# ---- --diff, --check ----------------------------------------------------------------------------

def test_diff_prints_only_the_diff(tmp_path, capsys):
    path = write(tmp_path / "a.txt", "Hello , world")
    assert main(["--diff", str(path)]) == 1
    assert capsys.readouterr().out == (f"--- {path}\n+++ {path}\n@@ -1 +1 @@\n-Hello , world\n"
                                       "\\ No newline at end of file\n+Hello, world\n\\ No newline at end of file\n")
    clean = write(tmp_path / "b.txt", CLEAN)
    assert main(["--diff", str(clean)]) == 0
    assert capsys.readouterr().out == ""
    assert path.read_text() == "Hello , world"


def test_diff_hunks_are_numbered_in_the_whole_file(tmp_path, capsys):
    lines = [f"Line {i} is fine." for i in range(1, 31)]
    lines[4] = "Line 5 , damaged."
    lines[24] = "Line 25 , damaged."
    path = write(tmp_path / "a.txt", "\n".join(lines) + "\n")
    assert main(["--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert "@@ -2,7 +2,7 @@\n Line 2 is fine.\n" in out
    assert "@@ -22,7 +22,7 @@\n Line 22 is fine.\n" in out
    assert "-Line 25 , damaged.\n+Line 25, damaged.\n" in out


def test_check_is_silent_and_uses_the_exit_status(tmp_path, capsys):
    damaged = write(tmp_path / "a.txt", DAMAGED)
    clean = write(tmp_path / "b.txt", CLEAN)
    assert main(["--check", str(damaged), str(clean)]) == 1
    assert main(["--check", str(clean)]) == 0
    assert capsys.readouterr() == ("", "")
    assert damaged.read_text() == DAMAGED


# ---- filters: --stdout, stdin, -o -------------------------------------------------------------

def test_stdout_prints_the_cleaned_text_alone(tmp_path, capfdbinary):
    path = write(tmp_path / "a.txt", b"Hello , world.\r\n")
    assert main(["--stdout", str(path)]) == 0
    assert capfdbinary.readouterr().out == b"Hello, world.\r\n"
    assert path.read_bytes() == b"Hello , world.\r\n"


def test_stdin_filter_is_byte_faithful(monkeypatch, capfdbinary):
    feed_stdin(monkeypatch, b"\xef\xbb\xbfHello , world.\r\n")
    assert main(["-"]) == 0
    assert capfdbinary.readouterr().out == b"\xef\xbb\xbfHello, world.\r\n"


def test_stdin_findings_go_to_stderr_and_exit_one(monkeypatch, capfd):
    feed_stdin(monkeypatch, "inter\u00adnational\n".encode())
    assert main(["--extend-select", "ENC005", "--stdin-filename", "doc.txt", "-"]) == 1
    captured = capfd.readouterr()
    assert captured.out == "inter\u00adnational\n"
    assert captured.err == "doc.txt:1:6: ENC005 Soft hyphen in text [unsafe fix available]\n"



def test_write_with_stdin_prints_the_cleaned_text(monkeypatch, capfd):
    # Standard input cannot be rewritten in place: --write - filters it, as ruff --fix - does,
    # instead of reporting fixes that went nowhere.
    feed_stdin(monkeypatch, b"Hello , world.\n")
    assert main(["-w", "-"]) == 0
    assert capfd.readouterr() == ("Hello, world.\n", "")

def test_stdin_binary_is_an_error(monkeypatch, capfd):
    feed_stdin(monkeypatch, b"a\x00b")
    assert main(["-"]) == 2
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err.startswith("-: looks binary")


def test_stdin_with_diff_and_json(monkeypatch, capsys):
    feed_stdin(monkeypatch, b"Hello , world.\n")
    assert main(["--diff", "-"]) == 1
    assert "-Hello , world.\n+Hello, world.\n" in capsys.readouterr().out
    feed_stdin(monkeypatch, b"Hello , world.\n")
    assert main(["--format", "json", "-"]) == 1
    assert json.loads(capsys.readouterr().out)["files"][0]["text"] == "Hello, world.\n"


def test_output_file(tmp_path, capsys):
    source = write(tmp_path / "in.txt", DAMAGED)
    target = tmp_path / "out.txt"
    assert main([str(source), "-o", str(target)]) == 0
    assert target.read_text() == CLEANED and source.read_text() == DAMAGED
    assert capsys.readouterr().out == ""


def test_output_file_is_not_written_for_a_bad_input(tmp_path, capsys):
    source = write(tmp_path / "in.txt", b"caf\xe9\n")
    target = tmp_path / "out.txt"
    assert main([str(source), "-o", str(target)]) == 2
    assert not target.exists()
    assert str(source) in capsys.readouterr().err


# ---- rule selection -----------------------------------------------------------------------------

@pytest.mark.parametrize("flags, fixed", [
    (["--select", "SPC002"], "Hello , world. It works .\n"),
    (["--select", "SPC001,SPC002"], "Hello, world. It works.\n"),
    (["--select", "SPC001", "--select", "SPC002"], "Hello, world. It works.\n"),
    (["--select", "spc", "--ignore", "SPC001"], "Hello , world. It works .\n"),
    (["--ignore", "SPC"], "Hello , world.It works .\n"),
    (["--select", "ENC", "--extend-select", "SPC001"], "Hello, world.It works.\n"),
])
def test_select_ignore_extend_select(tmp_path, flags, fixed):
    path = write(tmp_path / "a.txt", "Hello , world.It works .\n")
    main(["-w", *flags, str(path)])
    assert path.read_text() == fixed


def test_unknown_rule_code_is_a_usage_error(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    assert main(["--select", "NOPE123", str(path)]) == 2
    assert "NOPE123" in capsys.readouterr().err
    assert path.read_text() == DAMAGED


def test_grammar_flag_sets_the_config():
    parser = cli.build_parser()
    options = parser.parse_args(["--grammar", "--unsafe-fixes", "--select", "SPC", "x"])
    cli.check_usage(parser, options)
    config = cli.apply_flags(Config(), options)
    assert config.grammar and config.unsafe_fixes and config.select == ("SPC",)


# ---- output formats -----------------------------------------------------------------------------

def test_json_schema(tmp_path, capsys):
    damaged = write(tmp_path / "a.txt", "Hello , inter\u00adnational\n")
    missing = tmp_path / "missing.txt"
    assert main(["--format", "json", "--extend-select", "ENC005", str(damaged), str(missing)]) == 2
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == 1 and document["tool"]["name"] == "mtclean"
    first, second = document["files"]
    assert first["path"] == str(damaged) and first["error"] is None
    assert first["format"] == "text" and first["encoding"] == "utf-8"
    assert first["changed"] is True and first["written"] is False
    assert first["text"] == "Hello, inter\u00adnational\n"
    assert first["diff"].startswith(f"--- {damaged}\n")
    assert first["fixes"] == [{"rule": "SPC001", "line": 1, "column": 6, "end_line": 1, "end_column": 7,
                               "start": 5, "end": 6, "message": "Space before punctuation", "replacement": "",
                               "applicability": "safe"}]
    assert first["findings"] == [{"rule": "ENC005", "line": 1, "column": 14, "end_line": 1, "end_column": 15,
                                  "start": 13, "end": 14, "message": "Soft hyphen in text", "replacement": "",
                                  "applicability": "unsafe"}]
    assert second == {"path": str(missing), "error": f"{missing}: No such file or directory", "skipped": False}
    assert document["summary"] == {"files": 2, "changed": 1, "fixes": 1, "findings": 1, "errors": 1}


def test_json_with_write_reports_written(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    assert main(["--format", "json", "-w", str(path)]) == 1
    assert json.loads(capsys.readouterr().out)["files"][0]["written"] is True
    assert path.read_text() == CLEANED


def test_github_annotations(tmp_path, capsys):
    path = write(tmp_path / "a, b.txt", "Hello , inter\u00adnational\n")
    missing = tmp_path / "missing.txt"
    assert main(["--format", "github", "--extend-select", "ENC005", str(path), str(missing)]) == 2
    out = capsys.readouterr().out.splitlines()
    name = str(path).replace(":", "%3A").replace(",", "%2C")
    assert out[0] == (f"::warning file={name},line=1,col=6,endLine=1,endColumn=7,title=SPC001::"
                      "Space before punctuation [fixable]")
    assert out[1] == (f"::warning file={name},line=1,col=14,endLine=1,endColumn=15,title=ENC005::"
                      "Soft hyphen in text [unsafe fix available]")
    assert out[2].startswith(f"::error file={missing},title=mtclean::{missing}: No such file")


def test_sarif(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    assert main(["--format", "sarif", str(path)]) == 1
    document = json.loads(capsys.readouterr().out)
    run = document["runs"][0]
    assert document["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "mtclean"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["SPC001"]
    result = run["results"][0]
    assert result["ruleId"] == "SPC001"
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 6


def test_a_removed_trailing_line_is_reported_where_it_is(tmp_path, capsys):
    # The removal starts at the line break before the furniture (a file without a final newline
    # loses the break with the line); the position shown is the removed line's own, 3:1, not
    # the end of the text above it.
    path = write(tmp_path / "a.txt", "The story ends here.\n\nLeave a Comment")
    assert main([str(path)]) == 1
    assert f"{path}:3:1: BPL001 Comment widget line (scraped page furniture) [fix]" in capsys.readouterr().out
    assert main(["--format", "json", str(path)]) == 1
    fix = json.loads(capsys.readouterr().out)["files"][0]["fixes"][0]
    assert (fix["line"], fix["column"], fix["start"], fix["end"]) == (3, 1, 20, 37)
    assert main(["--format", "sarif", str(path)]) == 1
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 16}
    # the fix still deletes from the line break on, so applying it gives the cleaned text
    deleted = result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert deleted == {"startLine": 1, "startColumn": 21, "endLine": 3, "endColumn": 16}

def test_statistics(tmp_path, capsys):
    path = write(tmp_path / "a.txt", "A , b , cat.It\n")
    assert main(["--statistics", "-q", str(path)]) == 1
    out = capsys.readouterr().out
    assert "    2  SPC001   fix\n    1  SPC002   fix\n" in out


def test_colour_follows_terminal_flags_and_environment(tmp_path, capsys, monkeypatch):
    path = write(tmp_path / "a.txt", DAMAGED)
    main(["--diff", str(path)])
    assert "\033[" not in capsys.readouterr().out  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["--diff", str(path)])
    assert "\033[31m-Hello , world.\033[0m" in capsys.readouterr().out
    main(["--diff", "--no-color", str(path)])
    assert "\033[" not in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(["--diff", str(path)])
    assert "\033[" not in capsys.readouterr().out


# ---- rules: --list-rules, --explain, --version ----------------------------------------------------

def test_list_rules(capsys):
    assert main(["--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    spc = next(line for line in lines if line.startswith("SPC001 "))
    assert spc.split()[:4] == ["SPC001", "space-before-punctuation", "safe", "on"]
    assert spc.endswith("Space before punctuation")
    assert next(line for line in lines if line.startswith("ENC005 ")).split()[2:4] == ["unsafe", "off"]


def test_list_rules_json(capsys):
    assert main(["--list-rules", "--format", "json"]) == 0
    rules = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rules["ENC005"]["default_enabled"] is False and rules["ENC005"]["applicability"] == "unsafe"


def test_explain(capsys):
    assert main(["--explain", "spc001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SPC001 (space-before-punctuation)\n") and "## Fix safety" in out
    assert main(["--explain", "XYZ999"]) == 2
    assert "unknown rule code 'XYZ999'" in capsys.readouterr().err


def test_version(capsys):
    from cleaner import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"mtclean {__version__}\n"


# ---- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, reason", [
    ("missing.txt", None, "No such file or directory"),
    ("folder", "dir", "is a directory"),
    ("binary.txt", b"\x89PNG\x00\x00", "looks binary"),
    ("latin1.txt", "café , bar\n".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_files_are_reported_and_the_rest_is_processed(tmp_path, capsys, name, content, reason):
    bad = tmp_path / name
    if content == "dir":
        bad.mkdir()
    elif content is not None:
        write(bad, content)
    good = write(tmp_path / "good.txt", DAMAGED)
    assert main(["-w", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [line for line in captured.err.splitlines() if line.startswith(str(bad))]
    assert len(captured.err.splitlines()) == 1 and reason in captured.err
    assert good.read_text() == CLEANED
    if isinstance(content, bytes):
        assert bad.read_bytes() == content  # never modified


def test_too_big_file_is_skipped_with_an_error(tmp_path, capsys):
    big = write(tmp_path / "big.txt", DAMAGED * 10)
    small = write(tmp_path / "small.txt", DAMAGED)
    assert main(["-w", "--max-size", "100", str(big), str(small)]) == 2
    assert f"{big}: skipped: {len(DAMAGED) * 10} bytes is more than --max-size 100" in capsys.readouterr().err
    assert big.read_text() == DAMAGED * 10 and small.read_text() == CLEANED
    assert main(["-w", "--max-size", "1k", str(big)]) == 1


def test_bad_max_size_is_a_usage_error(tmp_path, capsys):
    assert main(["--max-size", "lots", "x"]) == 2
    assert "invalid size" in capsys.readouterr().err


def test_named_encoding(tmp_path):
    path = write(tmp_path / "a.txt", "Café , bar.\n".encode("cp1252"))
    assert main(["-w", str(path)]) == 2
    assert main(["-w", "--encoding", "cp1252", str(path)]) == 1
    assert path.read_bytes() == "Café, bar.\n".encode("cp1252")


def test_unreadable_file(capsys):
    import shutil

    folder = world_accessible_folder()
    try:
        path = write(folder / "secret.txt", DAMAGED)
        path.chmod(0)

        def attempt():
            stderr = sys.stderr
            sys.stderr = captured = io.StringIO()
            try:
                return (main(["-w", str(path)]), captured.getvalue())
            finally:
                sys.stderr = stderr
        assert call_unprivileged(attempt) == str((2, f"{path}: Permission denied\n"))
        path.chmod(0o644)
        assert path.read_text() == DAMAGED
    finally:
        shutil.rmtree(folder)


def test_usage_errors(tmp_path, capsys):
    a = write(tmp_path / "a.txt", DAMAGED)
    b = write(tmp_path / "b.txt", DAMAGED)
    for argv in ([], ["--write", "--diff", str(a)], ["-", str(a)], ["--stdout", str(a), str(b)],
                 ["-o", "x", str(a), str(b)], ["--fmt", "html", str(a)], ["--jobs", "-1", str(a)]):
        assert main(argv) == 2, argv
    assert "usage:" in capsys.readouterr().err
    assert a.read_text() == DAMAGED


def test_missing_config_file_is_an_error(tmp_path, capsys):
    path = write(tmp_path / "a.txt", DAMAGED)
    assert main(["--config", str(tmp_path / "nope.toml"), str(path)]) == 2
    assert "nope.toml" in capsys.readouterr().err


# ---- names and formats ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["my notes.txt", "résumé – draft.txt", "-"])
def test_unusual_file_names(tmp_path, monkeypatch, capsys, name):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / name, DAMAGED)
    arg = "./-" if name == "-" else name
    assert main(["-w", arg]) == 1
    assert (tmp_path / name).read_text() == CLEANED
    assert f"Fixing {arg}" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n", b"\r\n"])
def test_empty_and_whitespace_only_files(tmp_path, content):
    path = write(tmp_path / "a.txt", content)
    assert main(["-w", str(path)]) == 0
    assert path.read_bytes() == content


def test_format_from_file_name_and_flag(tmp_path, capsys):
    path = write(tmp_path / "a.txt", CLEAN)
    assert main(["--format", "json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["format"] == "text"
    assert main(["--format", "json", "--fmt", "text", str(write(tmp_path / "b.md", CLEAN))]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["format"] == "text"


# ---- parallel processing --------------------------------------------------------------------------

def test_parallel_output_keeps_input_order(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "POOL_MIN_BYTES", 0)
    paths = []
    for index in range(12):
        text = CLEAN if index % 3 else f"Item {index} , damaged.\n"
        paths.append(write(tmp_path / f"f{index:02d}.txt", text))
    paths.insert(5, tmp_path / "missing.txt")
    assert main(["-j", "2", "--format", "json", *map(str, paths)]) == 2
    reported = [entry["path"] for entry in json.loads(capsys.readouterr().out)["files"]]
    assert reported == [str(p) for p in paths]
    assert main(["-j", "2", "-w", *map(str, paths)]) == 2
    out = capsys.readouterr().out
    fixing = [line for line in out.splitlines() if line.startswith("Fixing")]
    assert fixing == [f"Fixing {p}" for p in paths if p.name in ("f00.txt", "f03.txt", "f06.txt", "f09.txt")]
    assert (tmp_path / "f09.txt").read_text() == "Item 9, damaged.\n"


def test_pool_is_used_for_many_files(tmp_path, monkeypatch):
    """The pool path is really taken (a worker's pid differs from ours)."""
    monkeypatch.setattr(cli, "POOL_MIN_BYTES", 0)
    paths = [str(write(tmp_path / f"f{i}.txt", CLEAN)) for i in range(4)]
    options = cli.build_parser().parse_args(["-j", "2", *paths])
    cli.check_usage(cli.build_parser(), options)
    seen = list(cli.clean_in_pool(paths, options, "review", 2))
    assert [r.path for r in seen] == paths and not any(r.error for r in seen)


# ---- the real program -----------------------------------------------------------------------------

def run_module(args, data: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=data, capture_output=True,
                          env=environment, cwd=cwd)


def test_module_entry_point_review_and_filter(tmp_path):
    path = write(tmp_path / "a.txt", DAMAGED)
    completed = run_module([str(path)])
    assert completed.returncode == 1
    assert b"+Hello, world.\n" in completed.stdout and b"\033[" not in completed.stdout  # a pipe: no colour
    filtered = run_module(["-"], data=b"Hello , world.\r\nsecond\r\n")
    assert (filtered.returncode, filtered.stdout) == (0, b"Hello, world.\r\nsecond\r\n")
    assert run_module(["--version"]).stdout.startswith(b"mtclean ")


def test_a_closed_pipe_ends_the_output_quietly(tmp_path):
    path = write(tmp_path / "a.txt", "".join(f"Line {i} , damaged.\n" for i in range(5000)))
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "cleaner", str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=environment)
    assert process.stdout.readline() == f"--- {path}\n".encode()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 1
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr
    assert path.read_text().startswith("Line 0 , damaged.")


def test_output_into_a_missing_folder_is_an_error(tmp_path, capsys):
    source = write(tmp_path / "in.txt", DAMAGED)
    target = tmp_path / "no" / "out.txt"
    assert main([str(source), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"{target}: No such file or directory\n"


def test_force_excluded_input_passes_through_a_filter_unchanged(tmp_path, monkeypatch, capfdbinary):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".mtclean.toml", 'extend-exclude = ["vendor"]\n')
    (tmp_path / "vendor").mkdir()
    write(tmp_path / "vendor" / "a.txt", b"Hello , world.\r\n")
    assert main(["--force-exclude", "--stdout", "vendor/a.txt"]) == 0
    assert capfdbinary.readouterr().out == b"Hello , world.\r\n"
    feed_stdin(monkeypatch, b"Hello , world.\n")
    assert main(["--force-exclude", "--stdin-filename", "vendor/b.txt", "-"]) == 0
    assert capfdbinary.readouterr().out == b"Hello , world.\n"
    feed_stdin(monkeypatch, b"Hello , world.\n")
    assert main(["--stdin-filename", "vendor/b.txt", "-"]) == 0  # without --force-exclude: cleaned
    assert capfdbinary.readouterr().out == b"Hello, world.\n"
    assert main(["--force-exclude", "--check", "vendor/a.txt"]) == 0


def test_the_hooks_command_leaves_license_and_requirements_files_alone(tmp_path, monkeypatch, capsys):
    # What the pre-commit hook runs on the files of a commit: the license keeps its copyright line.
    monkeypatch.chdir(tmp_path)
    license_text = "MIT License\n\nCopyright (c) 2020 Jane Doe\n\nPermission is hereby granted, free of charge.\n"
    write(tmp_path / "LICENSE", license_text)
    write(tmp_path / "a.txt", DAMAGED)
    write(tmp_path / "requirements.txt", "numpy ; python_version >= '3.8'\n")
    assert main(["--write", "--force-exclude", "LICENSE", "requirements.txt", "a.txt"]) == 1
    assert (tmp_path / "LICENSE").read_text() == license_text
    assert (tmp_path / "requirements.txt").read_text() == "numpy ; python_version >= '3.8'\n"
    out = capsys.readouterr().out
    assert "LICENSE" not in out and "requirements" not in out
    assert (tmp_path / "a.txt").read_text() == CLEANED

def test_a_file_named_twice_is_cleaned_once(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "POOL_MIN_BYTES", 0)
    path = write(tmp_path / "a.txt", DAMAGED)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert main(["-j", "2", "-w", str(path), str(link), str(path)]) == 1
    assert capsys.readouterr().out.count("Fixing") == 1
    assert path.read_text() == CLEANED


MARKDOWN = "# Title\n\nHello , world.\n\n```\ncode , here.\n```\n"


def test_markdown_format_comes_from_the_file_name(tmp_path):
    path = write(tmp_path / "post.md", MARKDOWN)
    assert main(["-w", str(path)]) == 1
    assert path.read_text() == MARKDOWN.replace("Hello , world.", "Hello, world.")  # the code block is kept


def test_fmt_flag_overrides_the_file_name(tmp_path):
    as_text = write(tmp_path / "post.md", MARKDOWN)
    assert main(["-w", "--fmt", "text", "--select", "SPC", str(as_text)]) == 1
    assert "code, here." in as_text.read_text()
    as_markdown = write(tmp_path / "post.txt", MARKDOWN)
    assert main(["-w", "--fmt", "markdown", str(as_markdown)]) == 1
    assert "code , here." in as_markdown.read_text()


def test_stdin_filename_chooses_the_format(monkeypatch, capfdbinary):
    feed_stdin(monkeypatch, MARKDOWN.encode())
    assert main(["--stdin-filename", "post.md", "-"]) == 0
    assert capfdbinary.readouterr().out == MARKDOWN.replace("Hello , world.", "Hello, world.").encode()


def test_markdown_with_crlf_keeps_its_line_endings(tmp_path):
    path = write(tmp_path / "post.md", MARKDOWN.replace("\n", "\r\n"))
    assert main(["-w", str(path)]) == 1
    assert path.read_bytes() == MARKDOWN.replace("Hello , world.", "Hello, world.").replace("\n", "\r\n").encode()


def test_output_file_with_json_report(tmp_path, capsys):
    source = write(tmp_path / "in.txt", DAMAGED)
    target = tmp_path / "out.txt"
    assert main([str(source), "-o", str(target), "--format", "json"]) == 0
    assert target.read_text() == CLEANED
    assert json.loads(capsys.readouterr().out)["files"][0]["text"] == CLEANED
    assert main([str(source), "--stdout", "--format", "json"]) == 2
    assert "use -o OUT" in capsys.readouterr().err
