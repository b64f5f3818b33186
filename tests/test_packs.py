"""User rule packs: the substitution and pattern kinds, code namespaces, errors, and the schema README."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, ConfigError
from cleaner.packs import KINDS

from .conftest import assert_invariants

ROOT = Path(__file__).resolve().parent.parent


def rule_table(code="ACME001", kind="substitution", bad="We saw alot of it.", good="We saw a lot of it.",
               applicability="safe", name="rule", message="Wrong word", **fields) -> str:
    """One ``[[rule]]`` table; ``fields`` are raw TOML values of the kind's keys."""
    lines = ["[[rule]]", f'code = "{code}"', f'name = "{name}"', f'kind = "{kind}"', f'message = "{message}"',
             'what = "What it does."', 'why = "Why it matters."', f"bad = '''{bad}'''",
             f"good = '''{good}'''", f'applicability = "{applicability}"']
    lines += [f"{key} = {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def write_pack(tmp_path, *tables, name="pack.toml") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


def cleaner_with(pack: Path, select=("ACME",), **kwargs) -> Cleaner:
    return Cleaner(Config(select=select, packs=(str(pack),), **kwargs))


ALOT = dict(substitutions='{ alot = "a lot", "web site" = "website" }')


# --- substitution ---------------------------------------------------------------------------

def test_substitution_fixes_whole_words_and_capitalized_sentence_starts(tmp_path):
    cleaner = cleaner_with(write_pack(tmp_path, rule_table(**ALOT)))
    source = "Alot of people use this web site alot.\nAlotted time, ALOT, e-alot and alot-ish stay."
    result = cleaner.clean(source)
    assert result.text == "A lot of people use this website a lot.\nAlotted time, ALOT, e-alot and alot-ish stay."
    assert [f.rule for f in result.fixes] == ["ACME001"] * 3
    assert "“web site” → “website”" in result.fixes[1].message
    assert_invariants(source, result, cleaner)


def test_substitution_finds_a_phrase_wrapped_across_lines(tmp_path):
    cleaner = cleaner_with(write_pack(tmp_path, rule_table(**ALOT)))
    assert cleaner.clean("Visit the web\nsite today.").text == "Visit the website today."
    assert cleaner.clean("Visit the web\n\nsite today.").text == "Visit the web\n\nsite today."


def test_substitution_case_modes(tmp_path):
    pack = write_pack(
        tmp_path,
        rule_table("ACME001", bad="We use javascript.", good="We use JavaScript.",
                   substitutions='{ javascript = "JavaScript" }', case='"ignore"'),
        rule_table("ACME002", bad="Teh end.", good="The end.", substitutions='{ Teh = "The" }', case='"exact"'),
    )
    cleaner = cleaner_with(pack)
    assert cleaner.clean("Javascript, JAVASCRIPT and JavaScript.").text == "JavaScript, JavaScript and JavaScript."
    assert cleaner.clean("Teh end, not teh end.").text == "The end, not teh end."


def test_substitution_never_touches_code_urls_or_accepted_words(tmp_path):
    cleaner = cleaner_with(write_pack(tmp_path, rule_table(**ALOT)), accept=("alot",))
    source = "See https://example.com/alot and alot here; web site there."
    assert cleaner.clean(source).text == "See https://example.com/alot and alot here; website there."


def test_report_substitution_is_a_finding_without_replacement(tmp_path):
    pack = write_pack(tmp_path, rule_table(applicability="report", **ALOT))
    result = cleaner_with(pack).clean("We saw alot.")
    assert result.text == "We saw alot."
    assert [(f.rule, f.start, f.end, f.replacement) for f in result.findings] == [("ACME001", 7, 11, None)]


def test_unsafe_substitution_needs_unsafe_fixes(tmp_path):
    pack = write_pack(tmp_path, rule_table(applicability="unsafe", **ALOT))
    assert cleaner_with(pack).clean("We saw alot.").findings[0].replacement == "a lot"
    assert cleaner_with(pack, unsafe_fixes=True).clean("We saw alot.").text == "We saw a lot."


@pytest.mark.parametrize("fields, error", [
    (dict(substitutions='{ alot = "alot" }'), "replaced by itself"),
    (dict(substitutions='{ site = "web site" }', bad="a site", good="a web site"), "would change again"),
    (dict(substitutions='{ alot = 3 }'), "must be a string"),
    (dict(substitutions='{}'), "non-empty 'substitutions'"),
    (dict(substitutions='{ alot = "a lot" }', case='"upper"'), "'case' must be one of"),
    (dict(substitutions='{ alot = "a lot" }', words='["x"]'), "unknown key 'words'"),
    (dict(substitutions='{ alot = "a lot" }', bad="Nothing here."), "own 'bad' example"),
    (dict(substitutions='{ alot = "a lot" }', good="Still alot."), "own 'good' example"),
])
def test_substitution_pack_errors_name_the_rule(tmp_path, fields, error):
    table = rule_table(**fields)
    pack = write_pack(tmp_path, table, name=f"bad-{abs(hash(error))}.toml")
    with pytest.raises(ConfigError, match=re.escape(error)) as info:
        cleaner_with(pack)
    assert str(pack) in str(info.value) and "ACME001" in str(info.value)


def test_same_key_in_two_rules_is_an_error(tmp_path):
    pack = write_pack(tmp_path, rule_table("ACME001", **ALOT),
                      rule_table("ACME002", substitutions='{ alot = "a lot" }'), name="dup.toml")
    with pytest.raises(ConfigError, match="already a key of ACME001"):
        cleaner_with(pack)


# --- pattern --------------------------------------------------------------------------------

PERCENT = dict(kind="pattern", bad="Up 5 percents.", good="Up 5 percent.",
               pattern=r"'\b(\d+) percents\b'", replacement=r"'\1 percent'")


def test_pattern_replaces_with_group_references(tmp_path):
    cleaner = cleaner_with(write_pack(tmp_path, rule_table("ACME002", **PERCENT)))
    source = "Up 5 percents, then 12 percents; 100 percent stays."
    result = cleaner.clean(source)
    assert result.text == "Up 5 percent, then 12 percent; 100 percent stays."
    assert [(f.start, f.end, f.replacement) for f in result.fixes] == [(3, 13, "5 percent"), (20, 31, "12 percent")]
    assert_invariants(source, result, cleaner)


def test_pattern_never_matches_inside_protected_regions(tmp_path):
    pack = write_pack(tmp_path, rule_table("ACME005", kind="pattern", applicability="report", bad="An example.",
                                           good="A sample.", pattern=r"'\bexample\b'"))
    result = cleaner_with(pack).clean("An example at https://example.com/example and me@example.org.")
    assert [(f.rule, f.start) for f in result.findings] == [("ACME005", 3)]


def test_report_pattern_yields_a_finding_with_the_match(tmp_path):
    pack = write_pack(tmp_path, rule_table("ACME003", kind="pattern", applicability="report",
                                           message="Machine-translation marker", bad="[translated by MT]",
                                           good="Translated by our staff.", pattern=r"'(?i)\[translated by \w+\]'"))
    result = cleaner_with(pack).clean("Intro.\n[Translated by Google]\n")
    assert result.text == "Intro.\n[Translated by Google]\n"
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("ACME003", 2, 1)]
    assert "“[Translated by Google]”" in result.findings[0].message


def test_catastrophic_pattern_times_out_with_a_finding_naming_the_rule(tmp_path):
    pack = write_pack(tmp_path, rule_table("ACME004", kind="pattern", applicability="report", bad="aa",
                                           good="b", pattern="'(a|aa)+$'", timeout="0.5"))
    cleaner = cleaner_with(pack)
    result = cleaner.clean("a" * 60 + "!\n")
    [finding] = result.findings
    assert finding.rule == "MTC002"
    assert "ACME004" in finding.message and str(pack) in finding.message and "timed out" in finding.message


@pytest.mark.parametrize("fields, error", [
    (dict(pattern="'(unclosed'"), "invalid regular expression"),
    (dict(pattern=r"'\b(\d+) percents\b'", replacement=r"'\2 percent'"), "group the pattern does not have"),
    (dict(pattern=r"'\b(\d+) percents\b'"), "needs a 'replacement'"),
    (dict(pattern=r"'\b(\d+) percents\b'", replacement="'x'", applicability="report"), "drop 'replacement'"),
    (dict(pattern=r"'\b(\d+) percents\b'", replacement=r"'\1 percent'", timeout="0"), "'timeout' must be"),
    (dict(pattern=r"'\b(\d+) percent\b'", replacement=r"'\1 percent'"), "own 'bad' example"),
])
def test_pattern_pack_errors_name_the_rule(tmp_path, fields, error):
    fields = {"kind": "pattern", "bad": "Up 5 percents.", "good": "Up 5 percent.", **fields}
    pack = write_pack(tmp_path, rule_table("ACME002", **fields), name=f"p-{abs(hash(error))}.toml")
    with pytest.raises(ConfigError, match=re.escape(error)) as info:
        cleaner_with(pack)
    assert str(pack) in str(info.value) and "ACME002" in str(info.value)


def test_a_rule_listing_formats_checks_only_those(tmp_path):
    pack = write_pack(tmp_path, rule_table("ACME006", kind="pattern", applicability="report", bad="An example.",
                                           good="A sample.", pattern=r"'\bexample\b'", formats='["markdown"]'))
    cleaner = cleaner_with(pack)
    assert [f.rule for f in cleaner.clean("An example.", fmt="markdown").findings] == ["ACME006"]
    assert cleaner.clean("An example.").findings == []
    assert "Checks Markdown only." in cleaner.rules["ACME006"].render()


@pytest.mark.parametrize("formats", ['[]', '["html"]', '[1]', '"text"'])
def test_formats_must_list_known_formats(tmp_path, formats):
    pack = write_pack(tmp_path, rule_table("ACME007", kind="pattern", applicability="report", bad="An example.",
                                           good="A sample.", pattern=r"'\bexample\b'", formats=formats))
    with pytest.raises(ConfigError, match="ACME007.*formats|formats.*ACME007"):
        cleaner_with(pack)


def test_pack_errors_give_the_line_of_the_offending_key(tmp_path):
    pack = write_pack(tmp_path, rule_table(**ALOT), rule_table("ACME002", **{**PERCENT, "pattern": "'(unclosed'"}))
    line = next(n for n, text in enumerate(pack.read_text().splitlines(), 1) if text.startswith("pattern ="))
    with pytest.raises(ConfigError, match=re.escape(f"{pack}:{line}: ACME002: invalid regular expression")):
        cleaner_with(pack)


# --- codes, selection, docs -------------------------------------------------------------------

@pytest.mark.parametrize("code", ["SPC009", "ENC001", "MTC003", "CAS100"])
def test_user_rules_cannot_use_built_in_families(tmp_path, code):
    pack = write_pack(tmp_path, rule_table(code, **ALOT), name=f"{code}.toml")
    with pytest.raises(ConfigError, match=f"built-in family {code[:3]}"):
        Cleaner(Config(packs=(str(pack),)))


def test_a_code_defined_twice_across_packs_is_an_error(tmp_path):
    first = write_pack(tmp_path, rule_table(**ALOT), name="one.toml")
    second = write_pack(tmp_path, rule_table(substitutions='{ alot = "a lot" }'), name="two.toml")
    with pytest.raises(ConfigError, match="ACME001 is already defined in .*one.toml"):
        Cleaner(Config(packs=(str(first), str(second))))


def test_user_rules_are_on_by_default_and_selectable_like_built_ins(tmp_path):
    pack = str(write_pack(tmp_path, rule_table(**ALOT), rule_table("ACME002", **PERCENT)))
    assert Cleaner(Config(packs=(pack,))).clean("alot, 5 percents").text == "a lot, 5 percent"
    only = Cleaner(Config(packs=(pack,), ignore=("ACME002",)))
    assert only.clean("alot, 5 percents").text == "a lot, 5 percents"


def test_explain_and_list_rules_show_user_rules_with_their_pack(tmp_path):
    pack = write_pack(tmp_path, rule_table(**ALOT))
    rules = Cleaner(Config(packs=(str(pack),))).rules
    assert rules["ACME001"].source == str(pack)
    text = rules["ACME001"].render()
    assert text.startswith("ACME001 (rule)") and "We saw alot of it." in text and f"Defined in {pack}." in text


def test_missing_pack_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read rule pack"):
        Cleaner(Config(packs=(str(tmp_path / "nope.toml"),)))


# --- the schema README: every worked example loads and holds -----------------------------------

def readme_examples():
    text = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.DOTALL)
    examples = [block for block in blocks if "[[rule]]" in block]
    return [pytest.param(block, id=re.search(r'kind = "([\w-]+)"', block).group(1)) for block in examples]


def test_readme_has_worked_examples_for_the_kinds():
    kinds = {param.id for param in readme_examples()}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("block", readme_examples())
def test_readme_example_loads_and_its_examples_hold(tmp_path, block):
    pack = write_pack(tmp_path, textwrap.dedent(block))
    loaded = Cleaner(Config(packs=(str(pack),), select=("ALL",), unsafe_fixes=True))
    user = [doc for doc in loaded.rules.values() if doc.source == str(pack)]
    assert user, "the example defines no rule"
    for doc in user:
        cleaner = Cleaner(Config(packs=(str(pack),), select=(doc.code,), unsafe_fixes=True))
        bad = cleaner.clean(doc.bad, fmt=doc.fmt)
        codes = {c for item in [*bad.fixes, *bad.findings] for c in item.rule.split(",")}
        assert doc.code in codes
        if bad.fixes:
            assert bad.text == doc.good
        good = cleaner.clean(doc.good, fmt=doc.fmt)
        assert good.text == doc.good and not good.findings
