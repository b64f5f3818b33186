"""The built wheel carries the rule packs and works without the source tree.

Builds the wheel of this checkout, installs it into a fresh virtual environment, and runs
the installed ``clean`` from a directory where the source tree cannot be imported.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None):
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_wheel_ships_rules_and_runs_from_a_fresh_venv(tmp_path):
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", ROOT)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("mtclean-*.whl"))
    listing = run(sys.executable, "-m", "zipfile", "-l", wheel).stdout
    assert "cleaner/_rules/" in listing, "the rule packs must be inside the wheel"

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    probe = ("import cleaner, cleaner.packs as p; from cleaner import Cleaner; "
             "print(p.builtin_pack_dir()); print(len(Cleaner().rules)); print(cleaner.__file__)")
    shown = run(python, "-c", probe, cwd=work)
    assert shown.returncode == 0, shown.stderr
    pack_dir, rule_count, module_file = shown.stdout.split("\n")[:3]
    assert "site-packages" in module_file and "_rules" in pack_dir
    assert int(rule_count) > 0

    article = work / "article.txt"
    article.write_text("It was tokenized , badly .\n", encoding="utf-8")
    cleaned = run(env_dir / "bin" / "clean", "--stdout", article, cwd=work)
    assert cleaned.stdout == "It was tokenized, badly.\n", cleaned.stderr
