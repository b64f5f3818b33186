"""GRM: LanguageTool end to end, against a LanguageTool-protocol server on a loopback port.

LanguageTool cannot be downloaded where these tests run, so ``tests/data/languagetool/
fake_server.py`` serves LanguageTool's HTTP API (``/v2/languages``, ``/v2/check`` with
annotated ``data``) with answers in LanguageTool's JSON format and LanguageTool's offset
arithmetic (UTF-16 units, markup counted). The client, the annotation, the offset mapping
and the pipeline run for real. ``test_live_languagetool`` runs against a real server when
``MTCLEAN_LANGUAGETOOL_URL`` is set.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, ConfigError, apply_edits, clean
from cleaner import grammar_text, languagetool
from cleaner.document import Block, Document
from cleaner.languagetool import ENV_URL, GrammarUnavailable, Utf16Offsets
from cleaner.rules.grammar import GrammarChecker, load_settings, prepare

from .conftest import assert_invariants

DATA = Path(__file__).parent / "data" / "languagetool"
ROOT = Path(__file__).resolve().parent.parent


def load_fake_module():
    spec = importlib.util.spec_from_file_location("mtclean_fake_languagetool", DATA / "fake_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FAKE = load_fake_module()


@pytest.fixture(autouse=True)
def fresh_clients(monkeypatch):
    """Each test finds its own server: no client (or remembered failure) leaks between tests."""
    from cleaner import cli

    monkeypatch.delenv(ENV_URL, raising=False)
    languagetool.forget_clients()
    monkeypatch.setattr(cli, "CLEANERS", {})  # the command line keeps one Cleaner per configuration
    yield
    languagetool.forget_clients()


@pytest.fixture
def fake():
    with FAKE.FakeLanguageTool() as server:
        yield server


def grammar_cleaner(url: str, **options) -> Cleaner:
    extra = {k: v for k, v in options.items() if k.startswith("grammar_") and k not in
             ("grammar_disabled_rules", "grammar_disabled_categories")}
    return Cleaner(Config(grammar=True, languagetool_url=url, ignore=("REP",),  # REP001 would fix "the the" first
                          grammar_disabled_rules=options.get("grammar_disabled_rules", ()),
                          grammar_disabled_categories=options.get("grammar_disabled_categories", ()),
                          options=extra))


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def grm(result):
    return [f for f in result.findings if f.rule.startswith("GRM")]


# --- off by default -------------------------------------------------------------------------

def test_grammar_is_off_by_default_and_select_all_does_not_start_it(fake):
    text = "She go to the market."
    for config in (Config(languagetool_url=fake.url), Config(select=("ALL",), languagetool_url=fake.url)):
        result = Cleaner(config).clean(text)
        assert result.text == text and not grm(result)
    assert fake.requests == [] and fake.language_requests == 0


def test_selecting_a_grm_code_by_name_turns_grammar_on(fake):
    result = Cleaner(Config(extend_select=("GRM001",), languagetool_url=fake.url)).clean("She go home.")
    assert [f.rule for f in grm(result)] == ["GRM001"]


# --- findings, messages, offsets ------------------------------------------------------------

def test_matches_become_findings_with_rule_id_suggestions_and_input_offsets(fake):
    text = "She go to the market.\nI can't remember how to go their."
    cleaner = grammar_cleaner(fake.url)
    result = cleaner.clean(text)
    assert result.text == text and not result.fixes
    found = [(f.rule, text[f.start:f.end], f.line, f.column) for f in grm(result)]
    assert found == [("GRM001", "go", 1, 5), ("GRM002", "their", 2, 28)]
    agreement, confusion = grm(result)
    assert agreement.message.startswith("HE_VERB_AGR: The pronoun")
    assert "(suggestions: “goes”, “went”)" in agreement.message
    assert confusion.message.startswith("CONFUSION_RULE: ") and confusion.message.endswith("(suggestion: “there”)")
    assert all(f.replacement is None for f in grm(result))
    assert_invariants(text, result, cleaner)


def test_categories_choose_the_code(fake):
    text = "A noot. It is a very unique idea. She go."
    result = grammar_cleaner(fake.url).clean(text)
    assert [(f.rule, text[f.start:f.end]) for f in grm(result)] == [
        ("GRM002", "noot"), ("GRM003", "very unique"), ("GRM001", "go")]


def test_offsets_after_emoji_outside_the_basic_plane(fake):
    text = "We 😀😀 love this 🎉 noot idea, 👩‍👩‍👧 noot again."
    result = grammar_cleaner(fake.url).clean(text)
    spans = [(f.start, f.end) for f in grm(result)]
    first = text.index("noot")
    second = text.index("noot", first + 1)
    assert spans == [(first, first + 4), (second, second + 4)]
    assert [text[s:e] for s, e in spans] == ["noot", "noot"]
    # LanguageTool counted UTF-16 units: the raw offset of the first "noot" is larger.
    sent = json.loads(fake.requests[0]["data"])["annotation"]
    assert "".join(p.get("text", p.get("markup")) for p in sent) == text


def test_offsets_after_combining_characters(fake):
    text = "Cafe\u0301 owners in Zu\u0308rich said noot, twice: noot."
    result = grammar_cleaner(fake.url).clean(text)
    assert [text[f.start:f.end] for f in grm(result)] == ["noot", "noot"]
    assert grm(result)[0].start == text.index("noot")


def test_utf16_offsets_round_inside_and_across_surrogate_pairs():
    text = "x🎉y😀z"
    offsets = Utf16Offsets(text)
    units = [0, 1, 3, 4, 6]  # where x, y, z... start in UTF-16: x=0 🎉=1-2 y=3 😀=4-5 z=6
    assert [offsets.to_python(u) for u in units] == [0, 1, 2, 3, 4]
    # a span covering an emoji: UTF-16 [1, 3) is the emoji, Python [1, 2)
    assert (offsets.to_python(1), offsets.to_python(3, end=True)) == (1, 2)
    # an offset inside a pair rounds outwards
    assert (offsets.to_python(2), offsets.to_python(2, end=True)) == (1, 2)
    assert Utf16Offsets("plain ascii").to_python(5) == 5


# --- what LanguageTool is sent: masking -----------------------------------------------------

def test_protected_urls_are_sent_as_markup_and_never_checked(fake):
    text = "Read https://example.org/noot/the the first, then noot."
    result = grammar_cleaner(fake.url).clean(text)
    assert [text[f.start:f.end] for f in grm(result)] == ["noot"]
    assert grm(result)[0].start == text.rindex("noot")
    annotation = json.loads(fake.requests[0]["data"])["annotation"]
    assert {"markup": "https://example.org/noot/the", "interpretAs": "Dummy"} in annotation
    assert not any("example.org" in part.get("text", "") for part in annotation)


def test_article_before_a_placeholder_is_not_judged(fake):
    """"an me@example.org" reads "an Dummy" to LanguageTool; its a/an verdict is about the placeholder."""
    text = "Mail an me@example.org today."
    doc = Document(text, protected=((8, 22),))
    chunk, = grammar_text.chunks(doc)
    client = languagetool.client_for(Config(languagetool_url=fake.url), "en-US")
    raw = client.check(list(chunk.annotation), chunk.original, "en-US")
    assert [m.rule_id for m in raw] == ["EN_A_VS_AN"]  # the server did flag it...
    result = grammar_cleaner(fake.url).clean(text)
    assert result.text == text and not grm(result)  # ...and the checker dropped it


def markdown_document() -> tuple[Document, str]:
    """A Markdown document with the spans and blocks a Markdown layer gives it."""
    text = ("# The noot plan\n"
            "\n"
            "Use `noot` and **the the** rest, see [noot](https://example.org/noot).\n"
            "\n"
            "```\n"
            "She go noot\n"
            "```\n"
            "\n"
            "> She go home.\n")
    code_inline = (text.index("`noot`"), text.index("`noot`") + 6)
    target = (text.index("(https") + 1, text.index("noot)") + 4)
    fence = (text.index("```"), text.index("```", text.index("```") + 3) + 3)
    protected = (code_inline, target, fence)
    quote = text.index("> She")
    blocks = (Block(0, 15, "heading"), Block(17, text.index(".\n", 17) + 1, "paragraph"),
              Block(fence[0], fence[1], "code"), Block(quote, len(text) - 1, "quote"))
    return Document(text, protected, blocks, "markdown"), text


def test_markdown_syntax_code_and_link_targets_are_markup(fake):
    doc, text = markdown_document()
    checker = GrammarChecker(Config(grammar=True, languagetool_url=fake.url))
    issues = sorted(checker.check(doc), key=lambda i: i.start)
    found = [(i.rule, text[i.start:i.end]) for i in issues]
    heading_noot = text.index("noot")
    link_noot = text.index("[noot]") + 1
    assert found == [("GRM002", "noot"), ("GRM001", "the the"), ("GRM002", "noot"), ("GRM001", "go")]
    assert issues[0].start == heading_noot and issues[2].start == link_noot
    assert issues[3].start == text.index("go home")
    annotation = json.loads(fake.requests[0]["data"])["annotation"]
    read = "".join(p.get("text", p.get("interpretAs", "")) for p in annotation)
    assert read.startswith("The noot plan\n\nUse Dummy and the the rest, see noot.")
    assert "She go noot" not in read and "```" not in read and "**" not in read


def test_markdown_fix_never_spans_syntax(fake):
    """The allow-listed repeat rule matches "the the" between ** markers: a finding, not a fix."""
    doc, text = markdown_document()
    checker = GrammarChecker(Config(grammar=True, languagetool_url=fake.url,
                                    options={"grammar_fix_rules": ["ENGLISH_WORD_REPEAT_RULE"]}))
    issues = [i for i in checker.check(doc) if text[i.start:i.end] == "the the"]
    assert [(i.rule, i.replacement) for i in issues] == [("GRM004", "the")]  # "the the" itself holds no syntax
    text2 = "Use **the** the rest."
    doc2 = Document(text2, (), (Block(0, len(text2)),), "markdown")
    found = [(i.rule, i.replacement) for i in checker.check(doc2)]
    assert found == [("GRM001", None)]  # the match covers "the** the": reported, never fixed


def test_markdown_through_the_format_layer(fake):
    pytest.importorskip("cleaner.formats.markdown", reason="the Markdown format layer has not landed")
    text = ("# The *noot* plan\n\n"
            "> She go home, see [a noot](https://example.org/noot).\n\n"
            "- Some `noot` code and a noot.\n\n"
            "```\nShe go\n```\n")
    result = grammar_cleaner(fake.url).clean(text, fmt="markdown")
    found = [(f.rule, f.start) for f in grm(result)]
    assert found == [("GRM002", text.index("noot")), ("GRM001", text.index("go home")),
                     ("GRM002", text.index("noot](")), ("GRM002", text.rindex("noot."))]
    read = "".join(p.get("text", p.get("interpretAs", ""))
                   for p in json.loads(fake.requests[0]["data"])["annotation"])
    assert read == ("The noot plan\n\nShe go home, see a noot.\n\nSome Dummy code and a noot.")
    assert result.text == text


# --- fixes: the allow-list ------------------------------------------------------------------

def test_shipped_allow_list_is_data_and_fixes_nothing_unmeasured(fake):
    settings = load_settings()
    assert all(rule.replace("_", "").isalnum() and rule.isupper() for rule in settings.fix_rules)
    text = "He bought a apple."
    result = grammar_cleaner(fake.url).clean(text)
    if "EN_A_VS_AN" not in settings.fix_rules:
        assert result.text == text and [f.rule for f in grm(result)] == ["GRM001"]


def test_allow_listed_rule_with_one_suggestion_is_fixed(fake):
    text = "He bought a apple and the the pear."
    cleaner = grammar_cleaner(fake.url, grammar_fix_rules=["EN_A_VS_AN", "ENGLISH_WORD_REPEAT_RULE"])
    result = cleaner.clean(text)
    assert result.text == "He bought an apple and the pear."
    assert [(f.rule, text[f.start:f.end], f.replacement) for f in result.fixes] == [
        ("GRM004", "a", "an"), ("GRM004", "the the", "the")]
    assert result.fixes[0].message.startswith("EN_A_VS_AN: ")
    assert not grm(result)
    assert_invariants(text, result, cleaner)


def test_first_of_several_suggestions_is_never_applied(fake):
    text = "She go to work."
    result = grammar_cleaner(fake.url, grammar_fix_rules=["HE_VERB_AGR"]).clean(text)
    assert result.text == text and [f.rule for f in grm(result)] == ["GRM001"]


def test_fixes_do_not_touch_other_rules_and_replay(fake):
    text = "Prices rose , and he bought a apple."
    cleaner = grammar_cleaner(fake.url, grammar_fix_rules=["EN_A_VS_AN"])
    result = cleaner.clean(text)
    assert result.text == "Prices rose, and he bought an apple."
    assert apply_edits(text, result.fixes) == result.text
    assert {f.rule for f in result.fixes} == {"SPC001", "GRM004"}
    assert_invariants(text, result, cleaner)


# --- backend: configuration, one server per run, batching ----------------------------------

def test_disabled_rules_and_categories_are_passed_through(fake):
    text = "She go. A noot. Then the the end."
    result = grammar_cleaner(fake.url, grammar_disabled_rules=("HE_VERB_AGR",),
                             grammar_disabled_categories=("TYPOS",)).clean(text)
    form = fake.requests[0]
    assert set(form["disabledRules"].split(",")) >= {"HE_VERB_AGR", "WHITESPACE_RULE"}
    assert form["disabledCategories"] == "TYPOS"
    assert form["language"] == "en-US"
    assert [f.message.split(":")[0] for f in grm(result)] == ["ENGLISH_WORD_REPEAT_RULE"]


def test_british_english_is_asked_for_as_en_gb(fake):
    Cleaner(Config(grammar=True, language="en-GB", languagetool_url=fake.url)).clean("She go.")
    assert fake.requests[0]["language"] == "en-GB"


def test_environment_variable_names_the_server(fake, monkeypatch):
    monkeypatch.setenv(ENV_URL, fake.url + "/v2/")
    result = Cleaner(Config(grammar=True)).clean("She go.")
    assert [f.rule for f in grm(result)] == ["GRM001"] and len(fake.requests) == 1


def test_configured_url_wins_over_the_environment(fake, monkeypatch):
    monkeypatch.setenv(ENV_URL, closed_port_url())
    result = grammar_cleaner(fake.url).clean("She go.")
    assert [f.rule for f in grm(result)] == ["GRM001"]


def test_one_server_connection_per_process_and_unchanged_text_is_not_sent_twice(fake):
    first, second = grammar_cleaner(fake.url), grammar_cleaner(fake.url)
    first.clean("She go.")
    second.clean("She go.")
    second.clean("A noot.")
    assert fake.language_requests == 1
    assert len(fake.requests) == 2  # "She go." was answered from the cache the second time


def test_long_documents_are_split_at_paragraphs(fake, monkeypatch):
    monkeypatch.setattr(grammar_text, "CHUNK_CHARS", 120)
    paragraphs = [f"Paragraph {i} is short. She go there, and 😀 noot." for i in range(12)]
    text = "\n\n".join(paragraphs)
    result = grammar_cleaner(fake.url).clean(text)
    assert len(fake.requests) > 3
    for form in fake.requests:
        parts = json.loads(form["data"])["annotation"]
        original = "".join(p.get("text", p.get("markup")) for p in parts)
        assert len(original) <= 120 and original in text
        assert original.startswith("Paragraph") and original.endswith("noot.")
    expected = []
    for index, paragraph in enumerate(paragraphs):
        base = text.index(paragraph)
        expected += [("GRM001", base + paragraph.index("go")), ("GRM002", base + paragraph.index("noot"))]
    assert [(f.rule, f.start) for f in grm(result)] == expected


def test_a_paragraph_longer_than_a_chunk_is_split_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(40))
    pieces = grammar_text.chunks(Document(text, (), (Block(0, len(text)),)), max_chars=100)
    assert all(len(c.original) <= 100 for c in pieces)
    assert "".join(c.original for c in pieces).replace(" ", "") == text.replace(" ", "")
    assert all(c.original.endswith("here.") for c in pieces)


# --- failures: never silent ------------------------------------------------------------------

def test_unreachable_server_stops_with_one_clear_message():
    url = closed_port_url()
    cleaner = grammar_cleaner(url)  # building the rules never connects (configuration checks build them)
    with pytest.raises(GrammarUnavailable) as caught:
        cleaner.clean("She go.")
    message = str(caught.value)
    assert url in message and "could not be reached" in message
    assert ENV_URL in message and "--grammar" in message  # how to fix it
    assert isinstance(caught.value, ConfigError)  # the command line's exit status 2
    with pytest.raises(GrammarUnavailable):  # remembered: the next document fails at once
        grammar_cleaner(url).clean("Another file.")
    with pytest.raises(GrammarUnavailable):  # and prepare() finds out before any document
        prepare(Config(grammar=True, languagetool_url=url))


def test_ignoring_grm_needs_no_server():
    config = Config(grammar=True, ignore=("GRM",), languagetool_url=closed_port_url())
    prepare(config)
    assert Cleaner(config).clean("She go.").text == "She go."


def test_without_url_and_without_language_tool_python(monkeypatch):
    monkeypatch.setitem(sys.modules, "language_tool_python", None)  # as if not installed
    with pytest.raises(GrammarUnavailable) as caught:
        Cleaner(Config(grammar=True)).clean("She go.")
    message = str(caught.value)
    assert "language-tool-python" in message and "not installed" in message and ENV_URL in message


def test_command_line_stops_with_exit_2_and_one_message(tmp_path, monkeypatch, capsys):
    from cleaner import cli

    files = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("She go home.\n", encoding="utf-8")
        files.append(str(path))
    monkeypatch.setenv(ENV_URL, closed_port_url())
    assert cli.main(["--grammar", "--isolated", *files]) == 2
    err = capsys.readouterr().err
    assert err.count("could not be reached") == 1 and ENV_URL in err
    assert "internal error" not in err


def test_command_line_names_the_file_when_languagetool_fails_on_it(tmp_path, monkeypatch, capsys):
    from cleaner import cli

    path = tmp_path / "a.txt"
    path.write_text("She go home.\n", encoding="utf-8")
    with FAKE.FakeLanguageTool(mode="error") as broken:
        monkeypatch.setenv(ENV_URL, broken.url)
        assert cli.main(["--grammar", "--isolated", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: LanguageTool at" in err and "HTTP 500" in err and "internal error" not in err


def test_command_line_reports_grammar_findings(tmp_path, monkeypatch, capsys, fake):
    from cleaner import cli

    path = tmp_path / "a.txt"
    path.write_text("She go home.\n", encoding="utf-8")
    monkeypatch.setenv(ENV_URL, fake.url)
    code = cli.main(["--grammar", "--isolated", str(path)])
    out = capsys.readouterr()
    assert code == 1
    assert "GRM001" in out.out + out.err and "HE_VERB_AGR" in out.out + out.err
    assert path.read_text(encoding="utf-8") == "She go home.\n"


def test_server_that_times_out_is_reported_per_document_and_the_rest_still_runs():
    with FAKE.FakeLanguageTool(mode="slow", delay=3.0) as slow:
        cleaner = grammar_cleaner(slow.url, grammar_timeout=0.5)
        text = "Hello , world. She go."
        result = cleaner.clean(text)
    assert result.text == "Hello, world. She go."
    codes = [f.rule for f in result.findings]
    assert codes == ["MTC002"]
    assert "GRM001" in result.findings[0].message and "timed out" in result.findings[0].message


@pytest.mark.parametrize("mode, expected", [("error", "HTTP 500"), ("malformed", "not JSON")])
def test_server_errors_stop_with_a_clear_message(mode, expected):
    with FAKE.FakeLanguageTool(mode=mode) as broken:
        with pytest.raises(GrammarUnavailable) as caught:
            grammar_cleaner(broken.url).clean("She go.")
    assert expected in str(caught.value) and broken.url in str(caught.value)
    if mode == "error":
        assert "simulated failure" in str(caught.value)


def test_a_server_that_is_not_languagetool_is_refused():
    with FAKE.FakeLanguageTool() as other:
        other.languages = [{"name": "French", "code": "fr", "longCode": "fr"}]
        with pytest.raises(GrammarUnavailable, match="does not check en-US"):
            grammar_cleaner(other.url).clean("She go.")


# --- start-up cost ---------------------------------------------------------------------------

def test_import_and_default_cleaning_do_not_import_language_tool_python():
    code = ("import sys, cleaner\n"
            "from cleaner import Cleaner, Config\n"
            "cleaner.clean('Hello , world')\n"
            "Cleaner(Config(grammar=True, ignore=('GRM',))).clean('She go.')\n"
            "print('language_tool_python' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
    assert "language_tool_python" not in out.stderr  # -X importtime lists every imported module


# --- a real LanguageTool -------------------------------------------------------------------

LIVE_URL = os.environ.get(ENV_URL, "").strip()


@pytest.mark.skipif(not LIVE_URL, reason=f"{ENV_URL} is not set: no real LanguageTool to test against")
def test_live_languagetool(monkeypatch):
    monkeypatch.setenv(ENV_URL, LIVE_URL)
    text = "He bought a apple 😀 yesterday. See https://example.org/a apple for more."
    result = clean(text, config=Config(grammar=True))
    assert result.text == text  # nothing is on the allow-list unmeasured
    articles = [f for f in grm(result) if f.message.startswith("EN_A_VS_AN")]
    assert [(text[f.start:f.end]) for f in articles] == ["a"]
    assert articles[0].start == text.index("a apple")
    assert_invariants(text, result)


# --- the benchmark section -------------------------------------------------------------------

def test_bench_section_on_generated_data(tmp_path, fake):
    from bench import grammar as section

    rows = [{"id": "a", "text": "She go home. A noot.\n\nThe council met."}, {"id": "b", "text": "All is well."}]
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "wikinews-2019.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "mt").mkdir()
    mqm = [{"target": "Then <v>She go</v> home.", "category": "Fluency/Grammar"},
           {"target": "All is fine.", "category": "No-error"}]
    (tmp_path / "mt" / "mqm-ted-zhen-dev.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in mqm), encoding="utf-8")
    lines = section.run(tmp_path, quick=True)  # no URL set: the stand-in server, said so
    text = "\n".join(lines)
    assert "stand-in, not LanguageTool" in text and "| GRM only |" in text
    assert "| language_tool_python in `python -X importtime -c \"import cleaner\"` | no |" in text
    per_rule = "\n".join(section.clean_set_lines(tmp_path, fake.url, quick=True))
    assert "| HE_VERB_AGR | 1 | 0 |" in per_rule and "| MORFOLOGIK_RULE_EN_US | 1 | 0 |" in per_rule
    mqm_table = "\n".join(section.mqm_lines(tmp_path, fake.url, quick=True))
    assert "| Fluency/Grammar | 1 | 1 | 100.00 |" in mqm_table and "| No-error | 1 | 0 | 0.00 |" in mqm_table


def test_the_advice_points_at_the_port_of_each_server_it_suggests():
    # The container listens on 8010, the jar on 8081: each URL must be a port a suggested server uses.
    import re

    from cleaner.languagetool import HOW_TO_FIX

    started = set(re.findall(r"-p (\d+):\d+|--port (\d+)", HOW_TO_FIX))
    ports = {port for pair in started for port in pair if port}
    urls = set(re.findall(r"localhost:(\d+)", HOW_TO_FIX))
    assert ports == urls == {"8010", "8081"}
