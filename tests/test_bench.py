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


# --- helpers shared by the section tests -----------------------------------------------------------

CLEAN_ROWS = [
    {"id": "a", "title": "Harbour", "text": "Tom &amp; Jerry went home.\n\nThe harbour was quiet that night."},
    {"id": "b", "title": "Council", "text": "The council met on Monday and approved the budget for next year."},
]


def make_data(root: Path) -> Path:
    """A tiny data directory with the layout of ../shared/data."""
    write_jsonl(root / "clean" / "wikinews-2019.jsonl", CLEAN_ROWS)
    (root / "mojibake").mkdir(parents=True)
    (root / "mojibake" / "in-the-wild.json").write_text(json.dumps([
        {"label": "cafe", "original": "The cafÃ© was open.", "fixed": "The café was open.", "expect": "pass"},
        {"label": "quotes", "original": "He said â€œhiâ€\x9d.", "fixed-encoding": "He said “hi”.",
         "fixed": 'He said "hi".', "expect": "pass"},
    ]), encoding="utf-8")
    (root / "mojibake" / "negative.json").write_text(json.dumps([
        {"label": "fine", "original": "Größe and naïve café.", "fixed": "Größe and naïve café.", "expect": "pass"},
    ]), encoding="utf-8")
    write_jsonl(root / "mt" / "mlqe-pe-train.jsonl", [
        {"id": "1", "mt": "the talks in kyiv ended .", "pe": "The talks in Kyiv ended."},
        {"id": "2", "mt": "It costs 5 euros , not 6 .", "pe": "It costs 5 euros, not 6."},
    ])
    return root


def test_bench_doctests_pass():
    import doctest
    import importlib

    for name in ("data", "noharm", "synthetic", "inject_basic", "speed"):
        module = importlib.import_module(f"bench.{name}")
        failed, attempted = doctest.testmod(module)
        assert attempted > 0 and failed == 0, name


# --- no harm --------------------------------------------------------------------------------------

def test_changed_tokens_counts_the_longer_side_of_each_difference():
    from bench.noharm import changed_tokens

    assert changed_tokens("a b c", "a b c") == 0
    assert changed_tokens("It costs 5 euros , not 6", "It costs 5 euros, not 6") == 2
    assert changed_tokens("a b", "a b c d") == 2
    assert changed_tokens("x  y", "x y") == 0  # whitespace-only changes move no token


def test_noharm_counts_exactly_one_changed_token(tmp_path):
    from cleaner import Cleaner

    from bench.noharm import measure

    stats = measure(Cleaner(), [row["text"] for row in CLEAN_ROWS])
    assert stats.documents == 2
    assert stats.words == 5 + 6 + 12
    assert stats.changed == 1  # "&amp;" -> "&"
    assert stats.rule_tokens == {"ENC002": 1}
    assert stats.findings == 0
    assert "`&amp;` → `&`" in stats.fix_examples["ENC002"][0]


def test_noharm_section_reports_rates_per_10k_words(tmp_path):
    from bench import noharm

    lines = noharm.run(make_data(tmp_path))
    row = next(line for line in lines if line.startswith("| wikinews-2019 |"))
    # 1 changed token in 23 words = 434.78 per 10,000 words
    assert row.split(" | ")[1:6] == ["2", "23", "1", "1", "434.78"]


# --- mojibake -------------------------------------------------------------------------------------

def test_mojibake_scores_against_fixed_encoding(tmp_path):
    from bench import mojibake

    lines = mojibake.run(make_data(tmp_path))
    rows = {tuple(c.strip() for c in line.strip("|").split("|")[:2]): line.strip("|").split("|")[2].strip()
            for line in lines if line.startswith("| ") and "json" in line}
    assert rows[("in-the-wild.json", "mtclean (ENC only)")] == "2"
    # ftfy's defaults straighten quotes: scored against "fixed", so both pass
    assert rows[("in-the-wild.json", "ftfy.fix_text, defaults")] == "2"
    assert rows[("negative.json", "mtclean (default rules)")] == "1"


def test_mojibake_requires_the_real_cases(tmp_path):
    from bench import mojibake

    with pytest.raises(FileNotFoundError):
        mojibake.run(tmp_path)


# --- synthetic ------------------------------------------------------------------------------------

def test_score_spans_outcomes():
    from bench.synthetic import score_spans

    damaged = "the the sea  and more"
    spans = [(0, 4, ""), (11, 13, " ")]
    # first span restored by a fix that deletes the other copy; second changed wrongly; one stray fix
    fixes = [(3, 7, ""), (11, 13, ""), (17, 18, "M")]
    assert score_spans(damaged, spans, fixes, []) == (["restored", "wrong"], 1)
    assert score_spans(damaged, spans, [], [(12, 12)]) == (["missed", "flagged"], 0)


def test_every_basic_injector_records_spans_that_restore_the_text():
    from bench.inject_basic import injectors
    from bench.synthetic import apply_spans

    text = ("Officials in Kenya said “the talks” went well: the café stayed open. Nobody knew why!\n\n"
            "The next day, the minister – who was in Nairobi – left.")
    for name, inject in injectors().items():
        made = inject(text, random.Random(7))
        assert made is not None, name
        damaged, spans = made
        assert damaged != text, name
        assert apply_spans(damaged, spans) == text, name
    assert injectors()["mojibake (accented word)"]("Plain ASCII only.", random.Random(1)) is None


def test_synthetic_evaluation_is_deterministic_and_scores_double_spaces():
    from cleaner import Cleaner

    from bench.inject_basic import injectors
    from bench.synthetic import evaluate

    pool = ["The council met on Monday and approved the budget for next year after a long debate."]
    classes = {"double space": ("inject_basic", injectors()["double space"])}
    first = evaluate(Cleaner(), pool, classes, per_class=5)
    again = evaluate(Cleaner(), pool, classes, per_class=5)
    assert first["double space"].outcomes == again["double space"].outcomes
    assert first["double space"].samples == 1
    assert first["double space"].outcomes["restored"] == 1  # SPC003 collapses the double space
    assert first["double space"].collateral == 0


# --- properties -----------------------------------------------------------------------------------

def test_properties_hold_on_simple_text_and_conservation_catches_a_lost_character():
    from cleaner import Cleaner, Fix, Result

    from bench.properties import check, conserved

    assert check(Cleaner(), "It costs 5 euros , not 6 .") == []
    source = "abc def"
    honest = Result("abc  def", [Fix("X", 3, 3, " ", "")], [])
    lossy = Result("ab  def", [Fix("X", 3, 3, " ", "")], [])
    assert conserved(source, honest)
    assert not conserved(source, lossy)


def test_properties_section_counts_documents(tmp_path):
    from bench import properties

    lines = properties.run(make_data(tmp_path), quick=True)
    mt_row = next(line for line in lines if line.startswith("| mlqe-pe mt") and "| default |" in line)
    cells = [c.strip() for c in mt_row.strip("|").split("|")]
    assert cells[2:9] == ["2", "0", "0", "0", "0", "0", "0"]


# --- speed and scaling ----------------------------------------------------------------------------

def test_throughput_measures_the_size_in_utf8_megabytes():
    from bench.speed import sample_of, throughput

    documents = ["Café au lait. " * 100, "Tea. " * 50]
    result = throughput(documents, repeat=1)
    assert result["MB"] == len("\n\n".join(documents).encode("utf-8")) / 1e6
    assert result["documents"] == 2
    assert result["mtclean"] > 0 and result["ftfy"] > 0 and result["one document"] > 0
    assert sample_of("a" * 10 + "\n\n" + "b" * 10, size=15) == "a" * 10 + "\n"


def test_throughput_by_length_splits_the_documents_in_fifths_by_length():
    from bench.speed import throughput

    documents = [("Word. " * size).strip() for size in (50, 10, 40, 20, 30)]
    rows = throughput(documents, repeat=1)["by length"]
    assert [(low, high) for low, high, *_ in rows] == [(len(documents[i]), len(documents[i])) for i in (1, 3, 4, 2, 0)]
    assert all(ours > 0 and theirs > 0 and abs(ratio - ours / theirs) < 1e-3 for _, _, ours, theirs, ratio in rows)


def test_segment_throughput_reads_mlqe_pe_and_says_when_it_is_missing(tmp_path):
    from bench.speed import segment_throughput

    measured = segment_throughput(make_data(tmp_path / "data"), limit=10, repeat=1)
    assert measured["segments"] == 2
    assert measured["mtclean"] > 0 and measured["ftfy"] > 0 and measured["per segment"] > 0
    assert segment_throughput(tmp_path / "nowhere", limit=10, repeat=1) is None


def test_scaling_case_runs_in_a_fresh_interpreter():
    from bench.scaling import measure_case, row

    measured = measure_case({"kind": "repeat", "unit": " ,", "count": 1000}, limit=120)
    assert measured["mb"] == 2000 / 1e6
    assert measured["peak_kb"] >= measured["base_kb"] > 0
    assert row("x", measured)[1] == measured["mb"]


# --- runner ---------------------------------------------------------------------------------------

def test_runner_writes_the_report(tmp_path, capsys):
    data_dir = make_data(tmp_path / "data")
    out = tmp_path / "report.md"
    assert runner.main(["--data", str(data_dir), "--only", "mojibake,noharm", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    assert report.startswith("# mtclean benchmark")
    assert report.index("## No harm") < report.index("## Mojibake")  # fixed order, not --only order
    assert report == capsys.readouterr().out


def test_readme_mode_prints_compact_tables_only(tmp_path, capsys):
    data_dir = make_data(tmp_path / "data")
    assert runner.main(["--data", str(data_dir), "--only", "noharm", "--readme"]) == 0
    out = capsys.readouterr().out
    assert "# mtclean benchmark" not in out
    assert "| wikinews-2019 | 23 | 1 | 434.78 | 0 | 0.00 |" in out


def test_scaling_reports_a_case_over_its_limit_with_a_lower_bound():
    from bench.scaling import row

    case = {"kind": "repeat", "unit": "ab", "count": 1_000_000}  # 2 MB
    assert row("x", {"error": "did not finish in 60 s"}, case, 60) == [
        "x", 2.0, "> 60", "", "", "", "", "", "did not finish in 60 s"]


def test_scaling_ladder_skips_a_step_predicted_to_overrun(monkeypatch):
    import time

    from bench import scaling

    ran = []

    def fake_measure(case, limit):  # stands in for the subprocess: 1 s per 1,000 repetitions
        ran.append(case["count"])
        seconds = case["count"] / 1000
        return {"seconds": seconds, "cpu": seconds, "mb": case["count"] / 1e6, "base_kb": 1, "peak_kb": 2,
                "fixes": 0, "findings": 0, "timeouts": []}

    monkeypatch.setattr(scaling, "measure_case", fake_measure)
    ladder = [(f"x{n}", {"kind": "repeat", "unit": "a", "count": n}, n) for n in (1_000, 10_000, 100_000)]
    rows = scaling.run_ladder(ladder, deadline=time.monotonic() + 50)
    assert ran == [1_000, 10_000]  # 100,000 would take about 120 s
    assert rows[2][-1].startswith("skipped: predicted 120 s")
    assert rows[1][4] == 1000.0  # CPU seconds per MB


def test_checker_times_lists_the_slowest_checkers_first():
    from bench.speed import checker_times

    times = checker_times(["It costs 5 euros , not 6 .", "The cafÃ© was open."], top=3)
    assert len(times) == 3
    assert [seconds for _, seconds in times] == sorted((seconds for _, seconds in times), reverse=True)
    assert all(codes[:3].isalpha() for codes, _ in times)


def test_properties_readme_counts_documents_and_violations(tmp_path):
    from bench import properties

    lines = properties.readme(make_data(tmp_path), quick=True)
    assert "| wikinews-2019 | 2 | 0 | — |" in lines
    assert any(line.startswith("| mlqe-pe mt (first 1,000) | 2 | 0 |") for line in lines)
