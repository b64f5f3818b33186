"""Configuration files: discovery from each file upward, every key, globs, and the error messages."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, ConfigError, clean
from cleaner import settings
from cleaner.settings import DEFAULT_EXCLUDE, Resolver, Settings, load_settings, matches

PACK = textwrap.dedent('''
    [[rule]]
    code = "ACME001"
    name = "alot"
    kind = "substitution"
    message = "Misspelled phrase"
    what = "Writes 'a lot'."
    why = "'alot' is not a word."
    bad = "We saw alot of it."
    good = "We saw a lot of it."
    applicability = "safe"
    substitutions = { alot = "a lot" }
''')


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


# --- discovery --------------------------------------------------------------------------------

def test_nearest_configuration_wins_and_is_not_merged(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.mtclean]\nselect = ["SPC"]\nunsafe-fixes = true\n')
    write(tmp_path / "docs" / ".mtclean.toml", 'select = ["ENC"]\n')
    resolver = Resolver()
    assert resolver.config_for(tmp_path / "a.md").select == ("SPC",)
    assert resolver.config_for(tmp_path / "a.md").unsafe_fixes is True
    deep = resolver.config_for(tmp_path / "docs" / "guide" / "b.md")
    assert deep.select == ("ENC",) and deep.unsafe_fixes is False
    assert resolver.settings_for(tmp_path / "docs" / "guide" / "b.md").source == tmp_path / "docs" / ".mtclean.toml"


def test_pyproject_without_a_table_is_skipped(tmp_path):
    write(tmp_path / ".mtclean.toml", 'ignore = ["SPC003"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n')
    assert Resolver().settings_for(tmp_path / "sub" / "a.md").source == tmp_path / ".mtclean.toml"


def test_dotfile_wins_over_pyproject_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.mtclean]\nselect = ["SPC"]\n')
    write(tmp_path / ".mtclean.toml", 'select = ["PUN"]\n')
    assert Resolver().config_for(tmp_path / "a.txt").select == ("PUN",)


def test_no_configuration_anywhere_gives_the_defaults(tmp_path):
    settings = Resolver(cwd=tmp_path).settings_for(tmp_path / "a.md")
    if settings.source is not None:  # a stray configuration above the temporary directory
        pytest.skip(f"found {settings.source} above the temporary directory")
    assert settings.config == Config() and settings.exclude == DEFAULT_EXCLUDE


def test_explicit_config_is_used_for_every_path(tmp_path):
    write(tmp_path / "a" / ".mtclean.toml", 'select = ["SPC"]\n')
    chosen = write(tmp_path / "conf" / "mtclean.toml", 'select = ["PUN"]\nexclude = ["drafts"]\n')
    resolver = Resolver(config_path=chosen)
    assert resolver.config_for(tmp_path / "a" / "x.md").select == ("PUN",)
    assert resolver.settings_for(tmp_path / "a" / "x.md").root == chosen.parent
    assert resolver.is_excluded(tmp_path / "conf" / "drafts" / "x.md")


def test_explicit_pyproject_without_a_table_is_an_error(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: no \[tool.mtclean\] table"):
        Resolver(config_path=path)


def test_isolated_reads_no_file(tmp_path):
    write(tmp_path / ".mtclean.toml", 'select = ["SPC"]\n')
    resolver = Resolver(isolated=True, cwd=tmp_path)
    assert resolver.config_for(tmp_path / "a.md") == Config()
    assert resolver.settings_for(tmp_path / "a.md").source is None


# --- keys ---------------------------------------------------------------------------------------

def test_every_key_is_read(tmp_path):
    write(tmp_path / "packs" / "house.toml", PACK)
    path = write(tmp_path / "pyproject.toml", '''
        [project]
        name = "site"

        [tool.mtclean]
        select = ["ENC", "SPC"]
        extend-select = ["ACME"]
        ignore = ["SPC003"]
        unsafe-fixes = true
        exclude = ["vendor"]
        extend-exclude = ["drafts/*.md"]
        rule-packs = ["packs/house.toml"]
        accept = ["kyiv Post", "alot"]
        language = "en-GB"
        grammar = true
        languagetool-url = "http://localhost:8081"
        grammar-disabled-rules = ["WHITESPACE_RULE"]
        grammar-disabled-categories = ["TYPOGRAPHY"]

        [tool.mtclean.per-file-ignores]
        "CHANGELOG.md" = ["PUN"]

        [tool.mtclean.format]
        "*.mdx" = "markdown"
    ''')
    settings = load_settings(path)
    config = settings.config
    assert config.select == ("ENC", "SPC") and config.extend_select == ("ACME",) and config.ignore == ("SPC003",)
    assert config.unsafe_fixes and config.grammar and config.language == "en-GB"
    assert config.packs == (str(tmp_path / "packs" / "house.toml"),)
    assert config.accept == ("kyiv Post", "alot")
    assert config.languagetool_url == "http://localhost:8081"
    assert config.grammar_disabled_rules == ("WHITESPACE_RULE",)
    assert config.grammar_disabled_categories == ("TYPOGRAPHY",)
    assert settings.exclude == ("vendor", "drafts/*.md")
    assert settings.per_file_ignores == (("CHANGELOG.md", ("PUN",)),)
    assert settings.format_for(tmp_path / "docs" / "page.mdx") == "markdown"
    assert settings.format_for(tmp_path / "page.txt") is None


def test_per_file_ignores_apply_to_matching_files_only(tmp_path):
    write(tmp_path / ".mtclean.toml", '[per-file-ignores]\n"legacy/*" = ["SPC001"]\n')
    resolver = Resolver()
    assert resolver.config_for(tmp_path / "legacy" / "old.txt").ignore == ("SPC001",)
    assert resolver.config_for(tmp_path / "new.txt").ignore == ()
    assert Resolver(cwd=tmp_path).config_for(None).ignore == ()
    assert Cleaner(resolver.config_for(tmp_path / "legacy" / "old.txt")).clean("Hi , there").text == "Hi , there"
    assert Cleaner(resolver.config_for(tmp_path / "new.txt")).clean("Hi , there").text == "Hi, there"


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path):
    write(tmp_path / ".mtclean.toml", 'extend-exclude = ["drafts", "*.generated.md"]\n')
    resolver = Resolver()
    assert resolver.is_excluded(tmp_path / "node_modules" / "pkg" / "README.md")
    assert resolver.is_excluded(tmp_path / "drafts" / "idea.md")
    assert resolver.is_excluded(tmp_path / "blog" / "drafts" / "idea.md")
    assert resolver.is_excluded(tmp_path / "api.generated.md")
    assert not resolver.is_excluded(tmp_path / "blog" / "post.md")
    write(tmp_path / "site" / ".mtclean.toml", 'exclude = ["private"]\n')
    assert not Resolver().is_excluded(tmp_path / "site" / "node_modules" / "x.md")
    assert Resolver().is_excluded(tmp_path / "site" / "private" / "x.md")


@pytest.mark.parametrize("name", ["LICENSE", "LICENSE.md", "LICENSE.txt", "LICENSE-MIT", "LICENCE", "license.md",
                                  "COPYING", "COPYING.LESSER", "NOTICE", "NOTICE.txt", "LICENSES/MIT.txt",
                                  "docs/LICENSE.md"])
def test_license_and_notice_files_are_excluded_by_default(tmp_path, name):
    # Their copyright lines look like a scraped page's footer ("Copyright (c) 2020 Jane Doe"),
    # which BPL017 removes from plain text: the pre-commit hook (--force-exclude) must not touch them.
    write(tmp_path / ".mtclean.toml", 'extend-exclude = ["drafts"]\n')
    assert Resolver().is_excluded(tmp_path / name)


@pytest.mark.parametrize("name", ["CMakeLists.txt", "src/CMakeLists.txt", "requirements.txt", "requirements-dev.txt",
                                  "dev-requirements.txt", "docs/requirements.txt", "constraints.txt", "robots.txt",
                                  "runtime.txt"])
def test_machine_read_text_files_are_excluded_by_default(tmp_path, name):
    # pre-commit tags them plain-text, so the hook is handed them: "size_t len;" in a CMake check
    # must not become "size_t Len;", nor a requirement's spacing change.
    assert Resolver().is_excluded(tmp_path / name)


@pytest.mark.parametrize("name", ["licensing.md", "docs/license-faq.md", "notices.md", "blog/copying-files.md",
                                  "requirements-of-the-project.md", "notes/robots.md"])
def test_articles_about_licenses_are_not_excluded(tmp_path, name):
    assert not Resolver().is_excluded(tmp_path / name)

def test_glob_matching():
    root = Path("/repo")
    assert matches("/repo/docs/a/b.md", root, "docs/*.md")
    assert matches("/repo/x/y.mdx", root, "*.mdx")
    assert not matches("/repo/docs/a.txt", root, "docs/*.md")
    assert matches("/repo/a/drafts/b.md", root, "drafts/", parents=True)
    assert not matches("/repo/drafts-old/b.md", root, "drafts", parents=True)
    assert matches("/elsewhere/b.md", root, "b.md")


def test_accept_protects_words_and_phrases_case_sensitively(tmp_path):
    write(tmp_path / "house.toml", PACK)
    config = Config(select=("ACME", "SPC"), packs=(str(tmp_path / "house.toml"),), accept=("alot", "Mr .Smith"))
    cleaner = Cleaner(config)
    result = cleaner.clean("We saw alot of it, Alot more than Mr .Smith said , and alots.")
    assert result.text == "We saw alot of it, A lot more than Mr .Smith said, and alots."
    spacing = Config(select=("SPC",), accept=("alot",))
    assert clean("We saw alot and more , yes.", config=spacing).text == "We saw alot and more, yes."


def test_module_functions_are_the_command_line_seam(tmp_path, monkeypatch):
    write(tmp_path / ".mtclean.toml", 'select = ["SPC"]\nextend-exclude = ["drafts"]\nformat = { "*.mdx" = "markdown" }\n')
    monkeypatch.chdir(tmp_path)
    assert settings.config_for(None).select == ("SPC",)
    assert settings.config_for("a.md").select == ("SPC",)
    assert settings.is_excluded("drafts/a.md") and not settings.is_excluded("a.md")
    assert settings.format_for("page.mdx") == "markdown"
    assert settings.config_for("a.md", isolated=True) == Config()
    other = write(tmp_path / "other.toml", 'select = ["PUN"]\n')
    assert settings.config_for("a.md", config_file=str(other)).select == ("PUN",)
    with pytest.raises(ConfigError, match="missing.toml: cannot read configuration"):
        settings.config_for("a.md", config_file="missing.toml")


# --- errors: exit 2 territory, with the file and line -----------------------------------------

ERRORS = [
    ('select = ["SPC"]\nunsafe_fixes = true\n', 2, "unknown key 'unsafe_fixes' (did you mean 'unsafe-fixes'?)"),
    ('select = "SPC"\n', 1, "'select' must be a list of strings"),
    ('grammar = "yes"\n', 1, "'grammar' must be true or false"),
    ('ignore = ["SPC"]\nselect = ["SPC01"]\n', 2, "unknown rule code or prefix 'SPC01' in select"),
    ('select = ["SPC"]\n[per-file-ignores]\n"a/*" = ["NOPE1"]\n', 3, "unknown rule code or prefix 'NOPE1' in per-file-ignores 'a/*'"),
    ('[per-file-ignores]\n"a/*" = "SPC"\n', 2, "per-file-ignores: 'a/*' must map to a list of rule codes"),
    ('format = { "*.mdx" = "mdx" }\n', 1, "format: '*.mdx' must map to one of text, markdown"),
    ('language = "de"\n', 1, "language 'de' is not supported: mtclean checks English prose only"),
    ('languagetool-url = "localhost:8081"\n', 1, "'languagetool-url' must be an http:// or https:// URL"),
    ('rule-packs = [\n  "missing.toml",\n]\n', 2, "rule pack 'missing.toml' not found"),
    ('select = ["SPC"\nignore = []\n', 2, "invalid TOML"),
    ('[tool.mtclean]\nselect = ["SPC"]\n', 1, "takes the keys at the top level"),
]


@pytest.mark.parametrize("text, line, message", ERRORS, ids=[e[2][:30] for e in ERRORS])
def test_invalid_dotfile_names_file_line_and_problem(tmp_path, text, line, message):
    write(tmp_path / ".mtclean.toml", text)
    with pytest.raises(ConfigError) as info:
        Resolver().settings_for(tmp_path / "a.md")
    assert str(info.value).startswith(f"{tmp_path / '.mtclean.toml'}:{line}: ")
    assert message in str(info.value)


def test_invalid_pyproject_names_the_line_inside_the_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\nselect = 3\n\n[tool.mtclean]\nextend-select = ["SPC"]\nselect = 3\n')
    with pytest.raises(ConfigError, match=re.escape(f"{tmp_path / 'pyproject.toml'}:7: 'select' must be a list")):
        Resolver().settings_for(tmp_path / "a.md")


def test_invalid_rule_pack_from_configuration_names_the_pack(tmp_path):
    write(tmp_path / "house.toml", PACK.replace('kind = "substitution"', 'kind = "substitutions"'))
    write(tmp_path / ".mtclean.toml", 'rule-packs = ["house.toml"]\n')
    with pytest.raises(ConfigError, match=r"house.toml: rule 1 \(ACME001\): unknown kind 'substitutions'"):
        Resolver().settings_for(tmp_path / "a.md")


def test_rule_pack_codes_can_be_selected_from_the_same_file(tmp_path):
    write(tmp_path / "house.toml", PACK)
    write(tmp_path / ".mtclean.toml", 'rule-packs = ["house.toml"]\nselect = ["ACME001"]\n')
    resolver = Resolver()
    assert Cleaner(resolver.config_for(tmp_path / "a.md")).clean("We saw alot , yes.").text == "We saw a lot , yes."


def test_settings_defaults_are_the_library_defaults():
    assert Settings().config == Config()



def test_library_config_takes_lists_as_tuples():
    # What a Python caller writes: lists. The Config stays hashable (clean() keeps one Cleaner
    # per configuration) and equal to the one written with tuples.
    config = Config(select=["CAS"], ignore=["CAS005"], accept=["Tian Tian"])
    assert config == Config(select=("CAS",), ignore=("CAS005",), accept=("Tian Tian",))
    assert clean("We went to kyiv and then home.", config=config).text == "We went to Kyiv and then home."


@pytest.mark.parametrize("changes, message", [
    # A string would be read character by character: select="SPC" would select S, P and C.
    ({"select": "SPC"}, "'select' must be a list of strings, like select=['...'], not a string"),
    ({"ignore": "CAS"}, "'ignore' must be a list of strings, like ignore=['...'], not a string"),
    ({"accept": "Kyiv"}, "'accept' must be a list of strings, like accept=['...'], not a string"),
    ({"extend_select": ["ENC", 5]}, "'extend_select' must be a list of strings, not ['ENC', 5]"),
    ({"unsafe_fixes": "yes"}, "'unsafe_fixes' must be True or False, not 'yes'"),
    ({"grammar": 1}, "'grammar' must be True or False, not 1"),
    ({"language": None}, "'language' must be a string, like language='en', not None"),
    ({"languagetool_url": 8081}, "'languagetool_url' must be a string or None, not 8081"),
])
def test_library_config_rejects_wrong_types(changes, message):
    with pytest.raises(ConfigError) as error:
        Config(**changes)
    assert str(error.value) == message

# --- through the command line ---------------------------------------------------------------------

def run_cli(*args) -> int:
    from cleaner.cli import main

    return main(list(args))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with a configuration and a rule pack; the working directory is its root."""
    write(tmp_path / "house.toml", PACK)
    write(tmp_path / "pyproject.toml", '''
        [tool.mtclean]
        select = ["SPC", "ACME"]
        rule-packs = ["house.toml"]
        extend-exclude = ["drafts"]
        format = { "*.mdx" = "markdown" }
    ''')
    monkeypatch.chdir(tmp_path)
    settings.RESOLVERS.clear()
    return tmp_path


def test_cli_with_per_file_ignores_and_format_globs_reads_standard_input(project, monkeypatch, capsys):
    import io

    write(project / "pyproject.toml", '[tool.mtclean]\nselect = ["SPC"]\nformat = { "*.mdx" = "markdown" }\n'
                                      '[tool.mtclean.per-file-ignores]\n"legacy/*" = ["SPC001"]\n')
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Hi , there\n")))
    assert run_cli("-") == 0, "a filter fails only on findings"
    assert capsys.readouterr().out == "Hi, there\n"


def test_cli_uses_the_discovered_configuration_and_its_rule_pack(project, capsys):
    write(project / "a.txt", "We saw alot , really.\n")
    assert run_cli("--write", "a.txt") == 1
    assert (project / "a.txt").read_text() == "We saw a lot, really.\n"
    assert "ACME001" in capsys.readouterr().out


def test_cli_force_exclude_skips_excluded_files_named_explicitly(project):
    write(project / "drafts" / "a.txt", "We saw alot , really.\n")
    assert run_cli("--write", "--force-exclude", "drafts/a.txt") == 0
    assert (project / "drafts" / "a.txt").read_text() == "We saw alot , really.\n"
    assert run_cli("--write", "drafts/a.txt") == 1, "without --force-exclude a named file is cleaned"
    assert (project / "drafts" / "a.txt").read_text() == "We saw a lot, really.\n"


def test_cli_format_globs_choose_the_format(project):
    write(project / "page.mdx", "Prices rose , see `x , y`.\n")
    assert run_cli("--write", "page.mdx") == 1
    assert (project / "page.mdx").read_text() == "Prices rose, see `x , y`.\n"


def test_cli_isolated_and_config(project):
    write(project / "a.txt", "We saw alot , really.\n")
    assert run_cli("--isolated", "--select", "ACME", "a.txt") == 2, "no pack without the configuration"
    other = write(project / "conf" / "only-spc.toml", 'select = ["SPC"]\n')
    assert run_cli("--config", str(other), "--write", "a.txt") == 1
    assert (project / "a.txt").read_text() == "We saw alot, really.\n"


def test_cli_invalid_configuration_exits_2_naming_file_and_line(project, capsys):
    write(project / "pyproject.toml", '[tool.mtclean]\nselect = ["SPC"]\nignore = "SPC003"\n')
    write(project / "a.txt", "Fine , text.\n")
    assert run_cli("a.txt") == 2
    assert f"{project / 'pyproject.toml'}:3: 'ignore' must be a list of strings" in capsys.readouterr().err
    assert (project / "a.txt").read_text() == "Fine , text.\n"


def test_cli_language_other_than_english_is_an_error(project, capsys):
    write(project / "pyproject.toml", '[tool.mtclean]\nlanguage = "fr"\n')
    write(project / "a.txt", "Fine.\n")
    assert run_cli("a.txt") == 2
    assert "language 'fr' is not supported" in capsys.readouterr().err


def test_cli_list_rules_and_explain_show_user_rules(project, capsys):
    assert run_cli("--list-rules") == 0
    assert re.search(r"^ACME001\s+alot\s+safe", capsys.readouterr().out, re.MULTILINE)
    assert run_cli("--explain", "ACME001") == 0
    text = capsys.readouterr().out
    assert text.startswith("ACME001 (alot)") and f"Defined in {project / 'house.toml'}" in text


@pytest.mark.parametrize("text, kind", [(b"take kyiv now", "bytes"), (None, "NoneType"), (["a"], "list")])
def test_library_clean_of_something_other_than_text_says_so(text, kind):
    # Bytes read from a file are the likely mistake: the message says to decode them.
    with pytest.raises(TypeError) as error:
        clean(text)
    assert str(error.value) == f"clean() takes the text as str, not {kind}" + (
        ": decode the bytes first (e.g. data.decode('utf-8'))" if kind == "bytes" else "")
    with pytest.raises(TypeError):
        Cleaner().clean(text, fmt="markdown")


def test_a_cleaner_goes_to_worker_processes():
    # pool.map(cleaner.clean, documents) pickles the bound method, and with it the Cleaner.
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    cleaner = Cleaner(Config(ignore=["SPC"], accept=["Tian Tian"]))
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.config == cleaner.config and copy.clean("We saw kyiv , then.").text == "We saw Kyiv , then."
    documents = ["We went to kyiv and then home.", "Hello , world.", "The the end."]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context(method)) as pool:
        results = list(pool.map(cleaner.clean, documents))
    assert results == [cleaner.clean(document) for document in documents]
