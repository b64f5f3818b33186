"""The pre-commit hooks, end to end, with the real pre-commit, git and pip.

A snapshot of this project (its working tree, committed into a temporary git repository) is
the hook repository; temporary content repositories with committed Markdown and text files
are the repositories the hooks run in. pre-commit builds a virtualenv and pip-installs the
project into it, which needs PyPI and takes a while, so the runs are few:

* ``pre-commit try-repo`` once, the documented way to try the hooks (it always builds its
  own environment in a temporary store);
* every other run is ``pre-commit run`` with a ``.pre-commit-config.yaml`` that points at the
  snapshot, as a user installs the hook, sharing one ``PRE_COMMIT_HOME`` across the module
  so the environment is built once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
import yaml  # comes with pre-commit

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 900  # seconds for one pre-commit run, building the environment included
IDENTITY = {"GIT_AUTHOR_NAME": "mtclean tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
            "GIT_COMMITTER_NAME": "mtclean tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid"}
JUNK = shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".venv", "venv", "build", "dist", "*.egg-info",
                              ".pytest_cache", ".hypothesis")

CONFIG = """\
select = ["ENC", "SPC", "ACME"]
rule-packs = ["style/terms.toml"]
extend-exclude = ["drafts"]
"""

TERMS = '''\
[[rule]]
code = "ACME001"
name = "website"
kind = "substitution"
message = "House spelling"
what = "Writes 'website' as one word."
why = "One spelling per term."
bad = "Visit the web site."
good = "Visit the website."
applicability = "safe"
substitutions = { "web site" = "website" }

[[rule]]
code = "ACME002"
name = "translator-note"
kind = "pattern"
message = "Engine note left in the text"
what = "Reports '[Translated by ...]' notes."
why = "Notes about the translation are not part of the text."
bad = "The talks resumed. [Translated by Google]"
good = "The talks resumed."
applicability = "report"
pattern = '\\[Translated by \\w+\\]'
'''

ARTICLE = """\
---
title: Prices rose , again
tags: [web site, news]
---

# Prices rose , again

Prices rose 5 percent , the highest in a decade.Analysts were surprised.
Read more on the web site: see https://example.com/thank.You and `x , y`.

```text
Prices rose , again.Really . Visit the web site
```

Café prices: cafÃ© au lait costs more.
"""

ARTICLE_FIXED = """\
---
title: Prices rose , again
tags: [web site, news]
---

# Prices rose, again

Prices rose 5 percent, the highest in a decade. Analysts were surprised.
Read more on the website: see https://example.com/thank.You and `x , y`.

```text
Prices rose , again.Really . Visit the web site
```

Café prices: café au lait costs more.
"""

NOTES = """\
The talks resumed , the minister said.Officials agreed.
Details are at https://example.org/report.Final for everyone.
Visit the web site today.
"""

NOTES_FIXED = """\
The talks resumed, the minister said. Officials agreed.
Details are at https://example.org/report.Final for everyone.
Visit the website today.
"""

DRAFT = "Prices rose , again.Really . Visit the web site\n"
LICENSE = "MIT License\n\nCopyright (c) 2020 Jane Doe\n\nPermission is hereby granted , free of charge.\n"
TRANSLATED = "The talks resumed. [Translated by Google]\n\nThey end on Friday.\n"


def git(*args, cwd) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=clean_env(), capture_output=True, text=True, check=True)
    return result.stdout.strip()


def clean_env(**extra) -> dict:
    """The environment without a surrounding git hook's variables, with a commit identity."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(IDENTITY)
    env.update(extra)
    return env


def snapshot_project(target: Path) -> str:
    """Copy the project's working tree (tracked and new files, not ignored ones) into a fresh
    git repository and commit it; return the commit. The hook is tested as it is on disk."""
    if (ROOT / ".git").exists():
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
        for name in filter(None, listed.split("\0")):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:  # an unpacked source distribution
        shutil.copytree(ROOT, target, ignore=JUNK, dirs_exist_ok=True)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    path = tmp_path_factory.mktemp("hook-repo")
    return path, snapshot_project(path)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def make_content_repo(path: Path, hook_repo, files: dict[str, str]) -> Path:
    """A git repository with ``files``, the mtclean settings, a rule pack and a pre-commit config."""
    repo, rev = hook_repo
    files = {
        ".mtclean.toml": CONFIG,
        "style/terms.toml": TERMS,
        ".pre-commit-config.yaml": textwrap.dedent(f"""\
            repos:
              - repo: {repo}
                rev: {rev}
                hooks:
                  - id: mtclean
                  - id: mtclean-check
            """),
        **files,
    }
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git("init", "-q", cwd=path)
    git("add", "-A", cwd=path)
    git("commit", "-q", "-m", "content", cwd=path)
    return path


def pre_commit(*args, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=cwd,
                            env=clean_env(PRE_COMMIT_HOME=str(home)), capture_output=True, text=True,
                            timeout=TIMEOUT)
    print(result.stdout, result.stderr)  # shown when a test fails
    return result


def read(repo: Path, name: str) -> str:
    return (repo / name).read_text(encoding="utf-8")


def test_fix_hook_fixes_then_passes_and_leaves_code_front_matter_urls_and_excludes(tmp_path, hook_repo,
                                                                                     pre_commit_home):
    repo = make_content_repo(tmp_path / "site", hook_repo, {
        "article.md": ARTICLE, "notes.txt": NOTES, "drafts/idea.md": DRAFT, "LICENSE.md": LICENSE,
    })

    first = pre_commit("try-repo", str(hook_repo[0]), "mtclean", "--all-files", cwd=repo, home=tmp_path / "try")
    assert first.returncode == 1
    assert re.search(r"mtclean \(fix machine-translation and scraping damage\)\.+Failed", first.stdout)
    assert "files were modified by this hook" in first.stdout
    assert re.search(r"article\.md:8:\d+: SPC001", first.stdout), "the report names file, line and rule"
    assert re.search(r"notes\.txt:3:\d+: ACME001", first.stdout)
    assert "drafts/idea.md" not in first.stdout
    assert read(repo, "article.md") == ARTICLE_FIXED
    assert read(repo, "notes.txt") == NOTES_FIXED
    assert read(repo, "drafts/idea.md") == DRAFT, "an excluded file is not touched"
    assert read(repo, "LICENSE.md") == LICENSE and "LICENSE" not in first.stdout, "nor is the license"

    second = pre_commit("run", "mtclean", "--all-files", cwd=repo, home=pre_commit_home)
    assert second.returncode == 0
    assert re.search(r"mtclean \(fix machine-translation and scraping damage\)\.+Passed", second.stdout)
    assert read(repo, "article.md") == ARTICLE_FIXED and read(repo, "drafts/idea.md") == DRAFT


def test_findings_fail_the_hooks_and_nothing_is_modified(tmp_path, hook_repo, pre_commit_home):
    repo = make_content_repo(tmp_path / "site", hook_repo, {"translated.md": TRANSLATED, "article.md": ARTICLE})

    check = pre_commit("run", "mtclean-check", "--all-files", cwd=repo, home=pre_commit_home)
    assert check.returncode == 1
    assert re.search(r"mtclean \(check only\)\.+Failed", check.stdout)
    assert "files were modified" not in check.stdout
    assert re.search(r"article\.md:8:\d+: SPC001", check.stdout)
    assert re.search(r"translated\.md:1:20: ACME002", check.stdout)
    assert read(repo, "article.md") == ARTICLE, "the check hook changes nothing"
    assert git("status", "--porcelain", cwd=repo) == ""

    fix = pre_commit("run", "mtclean", "--all-files", cwd=repo, home=pre_commit_home)
    assert fix.returncode == 1
    assert re.search(r"translated\.md:1:20: ACME002", fix.stdout)
    assert read(repo, "translated.md") == TRANSLATED, "a file with only findings is left as it was"
    assert read(repo, "article.md") == ARTICLE_FIXED
    assert git("status", "--porcelain", cwd=repo) == "M article.md"

    again = pre_commit("run", "mtclean", "--all-files", cwd=repo, home=pre_commit_home)
    assert again.returncode == 1, "findings keep failing the hook until a human acts"
    assert "files were modified" not in again.stdout
    assert read(repo, "translated.md") == TRANSLATED


def test_manifest_is_valid_and_runs_the_installed_command():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                            env=clean_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mtclean", "mtclean-check"}
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    for hook in hooks.values():
        assert hook["entry"].split()[0] in scripts and "--force-exclude" in hook["entry"].split()
        assert hook["language"] == "python" and hook["types_or"] == ["markdown", "plain-text"]
        assert hook["require_serial"] is False
    assert "--write" in hooks["mtclean"]["entry"].split() and "--write" not in hooks["mtclean-check"]["entry"].split()
