"""The line-filter kind, the boilerplate pack, and the boilerplate benchmark and injectors."""

from __future__ import annotations

import json
import random

import pytest

from bench import boilerplate as bench_boilerplate
from bench.inject_boilerplate import injectors
from bench.synthetic import apply_spans
from cleaner import Cleaner, Config, apply_edits
from cleaner.config import ConfigError
from cleaner.formats import build_document
from cleaner.kinds import line_filter

from .conftest import assert_invariants

BPL = Cleaner(Config(select=("BPL",)))
DEFAULT = Cleaner()


def checker_for(*rules):
    entries = [{"code": f"XYZ00{i + 1}", "message": "furniture", **rule} for i, rule in enumerate(rules)]
    return line_filter.build(entries, [None] * len(entries), "test.toml")


def test_unknown_position_is_a_config_error():
    with pytest.raises(ConfigError, match="XYZ001: position"):
        checker_for({"phrases": ["Advert"], "position": "middle"})


def test_bad_pattern_is_a_config_error_naming_the_rule():
    with pytest.raises(ConfigError, match="XYZ001: bad pattern"):
        checker_for({"patterns": ["(unclosed"]})


def test_rule_without_phrases_or_patterns_is_a_config_error():
    with pytest.raises(ConfigError, match="needs phrases or patterns"):
        checker_for({"position": "edge"})


def test_thread_header_takes_the_comments_to_the_end_only():
    checker = checker_for({"phrases": ["Reader comments"], "takes_following": True, "takes_prose": True})
    article = ("The plant opens in May, the company said on Monday after the council vote.\n\n"
               "The council expects three hundred new jobs in the first year of production.\n\n"
               "Work on the second hall starts in the autumn, if the weather allows it.\n\n")
    thread = article + "Reader comments\nI worked there for ten years and it was a good place to work.\n"
    assert len(list(checker.check(build_document(thread)))) == 2
    on_top = "Budget vote\n\nReader comments\n\n" + article
    issues = list(checker.check(build_document(on_top)))
    assert apply_edits(on_top, issues) == "Budget vote\n\n" + article


def test_markdown_markup_is_seen_through_for_matching():
    checker = checker_for({"phrases": ["Share this"]})
    text = "The museum reopens in May.\n\n### Share this:\n"
    issues = list(checker.check(build_document(text, "markdown")))
    assert [text[i.start:i.end] for i in issues] == ["\n\n### Share this:"]


def test_phrases_ignore_case_markers_and_end_punctuation():
    checker = checker_for({"phrases": ["Share this"]})
    text = "The museum reopens in May.\n\n- **SHARE THIS:**\n"
    issues = list(checker.check(build_document(text)))
    assert [(i.rule, text[i.start:i.end]) for i in issues] == [("XYZ001", "\n\n- **SHARE THIS:**")]


def test_edge_rule_leaves_the_body_alone():
    checker = checker_for({"phrases": ["Share this"]})
    text = "The museum reopens in May.\n\nShare this\n\nThe new wing will hold the modern collection and a café on the roof."
    assert list(checker.check(build_document(text))) == []


def test_anywhere_rule_removes_a_body_line_without_debris():
    checker = checker_for({"phrases": ["Advertisement"], "position": "anywhere"})
    text = "First paragraph.\n\nAdvertisement\n\nSecond paragraph."
    issues = list(checker.check(build_document(text)))
    assert [text[i.start:i.end] for i in issues] == ["Advertisement\n\n"]


@pytest.mark.parametrize("text, expected", [
    ("P\n\nLeave a Comment", "P"),
    ("P\n\nLeave a Comment\n", "P\n"),
    ("P\n\nLeave a Comment\n\n\n", "P\n"),
    ("P\r\n\r\nLeave a Comment\r\n", "P\r\n"),
    ("P\nAdvertisement\nQ", "P\nQ"),
    ("P\nAdvertisement\n\nQ", "P\n\nQ"),
    ("P\n\nAdvertisement\nQ", "P\n\nQ"),
    ("Advertisement\n\nAdvertisement\n\nP\n", "P\n"),
])
def test_removal_leaves_no_blank_line_debris(text, expected):
    result = BPL.clean(text)
    assert result.text == expected
    assert_invariants(text, result, BPL)


def test_seed_last_line_is_the_only_change():
    seed_end = ("The battle for the Donbas, which has intensified since Russia’s attempt to take Kyiv failed, "
                "has become a daily routine as cities and towns change hands.\n\nLeave a Comment")
    result = BPL.clean(seed_end)
    assert result.text == seed_end.removesuffix("\n\nLeave a Comment")
    assert [f.rule for f in result.fixes] == ["BPL001"]


def test_pack_loads_with_documented_codes():
    codes = sorted(code for code in DEFAULT.rules if code.startswith("BPL"))
    assert codes[0] == "BPL001" and len(codes) >= 12
    for code in codes:
        assert DEFAULT.rules[code].why and DEFAULT.rules[code].safety


@pytest.mark.parametrize("name", sorted(injectors()))
def test_injected_furniture_is_removed_exactly(name):
    inject = injectors()[name]
    passage = ("The council met on Monday to discuss the budget for the coming year.\n\n"
               "Members agreed to spend more on roads and less on new offices in the city centre.")
    for seed in range(25):
        damaged, spans = inject(passage, random.Random(seed))
        assert apply_spans(damaged, spans) == passage
        assert DEFAULT.clean(damaged).text == passage, damaged


def test_benchmark_counts_lines_on_generated_data(tmp_path):
    rows = [{"id": "1", "gold": "The vote is on Tuesday.\nPolls open at 7 a.m. in most districts.",
             "trafilatura": "The vote is on Tuesday.\nAdvertisement\nPolls open at 7 a.m. in most districts.\nLeave a Reply",
             "readability": "The vote is on Tuesday.\n\nPolls open at 7 a.m. in most districts.",
             "justext": "The vote is on Tuesday. Polls open at 7 a.m. in most districts."}]
    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "extracted-dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    lines = bench_boilerplate.run(tmp_path)
    trafilatura = next(line for line in lines if line.startswith("| trafilatura"))
    assert trafilatura.strip("| ").split(" | ")[1:8] == ["1", "2", "2", "100.0%", "2", "0", "0.0%"]


def test_benchmark_says_which_file_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="extracted-dev.jsonl"):
        bench_boilerplate.run(tmp_path)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_document_of_one_line_is_left_alone_whatever_it_says(fmt):
    """With one line that is not blank, the line is all the document: nothing but furniture is
    left alone, so a lone 'Advertisement' stays; next to prose the same line goes."""
    checker = checker_for({"phrases": ["Advertisement"], "position": "anywhere"}, {"phrases": ["Leave a Comment"]})
    for line in ["Advertisement", "Leave a Comment", "## Advertisement", "The war goes on."]:
        for text in [line, line + "\n", "\n\n" + line + "\r\n\r\n", " \t\n" + line + "\n\u2028\n"]:
            assert list(checker.check(build_document(text, fmt))) == [], repr(text)
    for text in ["The war goes on.\n\nAdvertisement\n", "Leave a Comment\r\nThe war goes on.\r\n"]:
        issues = list(checker.check(build_document(text, fmt)))
        assert apply_edits(text, issues).strip() == "The war goes on.", repr(text)
