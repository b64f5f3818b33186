"""The line filter's prefilters: what every match of a pattern must start with, hold, or fit in."""

from __future__ import annotations

import regex

from cleaner import Cleaner, Config
from cleaner.formats import build_document
from cleaner.kinds import line_filter
from cleaner.kinds.required_text import (FACTS_FILE, builtin_line_filter_patterns, derive_facts, facts_file_text,
                                          max_space_runs, pattern_facts, required_pieces, required_prefixes)

from .test_boilerplate import checker_for


def test_prefixes_follow_alternatives_and_optional_groups():
    assert required_prefixes("(?:this|the) video") == {"this video", "the video"}
    assert required_prefixes("(?:sorry, )?your browser") == {"sorry, your browser", "your browser"}
    assert required_prefixes("(?-i:VIDEO|AUDIO)") == {"video", "audio"}
    assert required_prefixes("[a-z]+ newsletter") is None
    assert required_prefixes("(?=.*cookies)we use cookies") is None


def test_prefixes_of_a_repeat_are_what_its_matches_start_with():
    assert required_prefixes("a{2}b") == {"a"}  # matches start "aa", not "ab"
    assert required_prefixes("(?:ab)+c") == {"ab"}  # "ababc" matches
    assert required_prefixes("(?:ab)?c") == {"abc", "c"}  # at most one: the rest follows
    for pattern, line in (("a{2}b", "aab"), ("(?:ab)+c", "ababc"), ("x(?:ab){1,3}c", "xababc")):
        assert regex.fullmatch(pattern, line)
        assert any(line.startswith(prefix) for prefix in required_prefixes(pattern)), pattern


def test_pieces_are_found_inside_the_match():
    assert required_pieces("[^.!?]{1,80} by clicking here[.!]?") == {"by clicking here"}
    assert required_pieces(r"\p{Lu}\w+\s?/\s?\p{Lu}\w+") == {"/"}
    assert required_pieces("[a-z]{3,9}") is None


def test_space_runs_are_bounded_unless_a_repeat_can_take_spaces_without_limit():
    assert max_space_runs(r"share\s*(?:on|to) facebook") == 2
    assert max_space_runs(r"by [\w.'-]+") == 1
    assert max_space_runs(".{0,40}") == 40
    assert max_space_runs("(?:a .)+") >= 1 << 30


def test_prefilter_passes_every_line_a_rule_matches():
    """Lines that match (decorated as scraped text decorates them) always pass the prefilter."""
    checker = Cleaner(Config(select=("BPL",))).checkers[0]
    lines = ["- **Advertisement**", "  IMAGE CAPTION:  A man walks past", "DON’T MISS", "[ Getty Images ]",
             "Please enable JavaScript to view the comments powered by Disqus.", "Photo: Jane Doe, AP",
             "© 2024 Example Media. All rights reserved.", "Tags: politics, economy", "Click here to subscribe"]
    for line in lines:
        rule = checker.anywhere.match(line_filter.normalize(line)) or checker.edge.match(line_filter.normalize(line))
        assert rule is not None, line
        matcher = checker.anywhere if checker.anywhere.match(line_filter.normalize(line)) else checker.edge
        assert matcher.may_match(line), line


def test_long_lines_find_the_rule_the_joined_pattern_finds():
    """Tried one by one, the patterns that fit a long line give the joined pattern's answer."""
    checker = checker_for({"patterns": [r"(?:\w+ ){3,40}ends here", r"by [\w.'-]+"]},
                          {"patterns": [r".{0,300} ends here"]})
    matcher = checker.edge
    line = "one two three four five six seven eight nine ten eleven ends here"
    joined = regex.compile("|".join(matcher.groups), regex.IGNORECASE).fullmatch(line)
    assert joined is not None
    assert matcher.match(line) is matcher.by_group[joined.lastgroup]
    assert matcher.match("one two three four five six seven eight nine ten eleven ends there") is None


def test_long_furniture_line_is_still_removed():
    text = ("The museum reopens in May.\n\n"
            "We use cookies to give you the best experience on our website and to show you relevant "
            "adverts; by continuing to browse you agree to our use of cookies and our privacy policy.\n")
    result = Cleaner(Config(select=("BPL",))).clean(text)
    assert result.text == "The museum reopens in May.\n"
    assert build_document(result.text).text == result.text


def test_shipped_facts_are_the_facts_of_the_built_in_patterns():
    """Regenerate with scripts/build_line_filter_facts.py when a built-in pattern changes."""
    patterns = builtin_line_filter_patterns()
    assert patterns
    assert FACTS_FILE.read_text(encoding="utf-8") == facts_file_text(patterns)
    for pattern in patterns:
        assert pattern_facts(pattern) == derive_facts(pattern)
        assert derive_facts(pattern).space_runs == max_space_runs(pattern)


def test_pattern_not_in_the_shipped_file_is_derived():
    facts = pattern_facts("(?:sorry, )?your (?:web )?browser is out of date")
    assert facts.prefixes == {"sorry, your browser is out of date", "sorry, your web browser is out of date",
                              "your browser is out of date", "your web browser is out of date"}
    assert pattern_facts("[a-z]+ newsletter") == (None, frozenset({"newsletter"}), 1)


BUILT_IN_LINES = [
    "Advertisement", "ADVERTISEMENT", "Share this:", "Related posts", "Leave a reply to John Smith",
    "Image copyright Getty Images", "Photo: Jane Doe/AP", "© 2024 Example Media. All rights reserved.",
    "Tags: politics, economy", "Click here to subscribe to our newsletter", "March 3, 2021 at 10:15 am",
    "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
    "The council met on Monday to discuss the budget for 2024.", "By John Smith", "Read more",
    "DON’T MISS", "Follow us on Twitter", "Sign up for our newsletter", "1 2 3 4 5 6 7 8 9 10 11 12",
    "Please enable JavaScript to view the comments powered by Disqus.", "Comments", "", "x" * 400,
    " ".join(["word"] * 70), "Posted in News | 3 Comments", "Copyright 2019", "[VIDEO] A dog surfs",
]


def test_patterns_tried_one_by_one_give_the_joined_patterns_answer():
    """The built-in matchers: the first pattern that matches alone names the rule the joined pattern names."""
    checker = Cleaner(Config(select=("BPL",))).checkers[0]
    for matcher in (checker.anywhere, checker.edge, checker.headers):
        joined = regex.compile("|".join(matcher.groups), regex.IGNORECASE)
        for line in BUILT_IN_LINES:
            normalized = line_filter.normalize(line)
            if matcher.phrases.get(line_filter.phrase_key(normalized)):
                continue
            found = joined.fullmatch(normalized)
            assert matcher.match(normalized) is (matcher.by_group[found.lastgroup] if found else None), line
